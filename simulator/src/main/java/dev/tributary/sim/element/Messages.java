package dev.tributary.sim.element;

import java.util.Arrays;

/**
 * A store of messages as parallel primitive arrays (a struct of arrays), addressed by an int slot:
 * messages are never objects. Queues, partition logs and workers each keep their messages in one,
 * and a message moves by {@link #copy}; adding a field to messages touches this class only.
 *
 * <p>Always present, 28 bytes a message: the time it entered its current place, its origin time,
 * its id, and key and type packed in one int (the low 24 bits hold key + 1, 0 for "no key", keys
 * are capped below 2<sup>24</sup>; the high 8 bits the type index). Fields most messages never use
 * (attempt number, correlation id, partition and offset, dead-letter reason, amount) cost nothing until one is set: their
 * column is allocated on first write, so a backlog of ten million plain messages still takes about
 * 280 MB. Which optional columns exist is also kept as a bit mask, so that copying or setting a
 * message of a store without any (the common case, on every hop of every event) tests one int
 * instead of ten references.
 */
public final class Messages {

    private double[] enqueued;
    private double[] origin;
    private int[] keyType;
    private long[] id;
    private int[] attempt;
    private long[] correlation;
    private int[] partition;
    private long[] offset;
    private byte[] reason;
    private double[] amount;
    /** One bit per optional column that exists (ATTEMPT … AMOUNT): 0 when the store has none. */
    private int optional;

    private static final int ATTEMPT = 1;
    private static final int CORRELATION = 2;
    private static final int PARTITION = 4;
    private static final int OFFSET = 8;
    private static final int REASON = 16;
    private static final int AMOUNT = 32;

    /** A store with room for {@code capacity} messages. */
    public Messages(int capacity) {
        enqueued = new double[capacity];
        origin = new double[capacity];
        keyType = new int[capacity];
        id = new long[capacity];
    }

    /** How many slots the store has. */
    public int capacity() {
        return id.length;
    }

    /** Sets the always-present fields of a slot (the optional ones are cleared). */
    public void set(int slot, double enqueuedAt, double originTime, int key, int type, long messageId) {
        enqueued[slot] = enqueuedAt;
        origin[slot] = originTime;
        keyType[slot] = pack(key, type);
        id[slot] = messageId;
        if (optional != 0) {
            clearOptional(slot);
        }
    }

    /** Copies every field of {@code src}'s slot into slot {@code dst} of this store. */
    public void copy(int dst, Messages src, int srcSlot) {
        enqueued[dst] = src.enqueued[srcSlot];
        origin[dst] = src.origin[srcSlot];
        keyType[dst] = src.keyType[srcSlot];
        id[dst] = src.id[srcSlot];
        if ((src.optional | optional) != 0) {
            copyOptional(dst, src, srcSlot);
        }
    }

    private void copyOptional(int dst, Messages src, int srcSlot) {
        if (src.attempt != null) {
            setAttempt(dst, src.attempt[srcSlot]);
        } else if (attempt != null) {
            attempt[dst] = 0;
        }
        if (src.correlation != null) {
            setCorrelation(dst, src.correlation[srcSlot]);
        } else if (correlation != null) {
            correlation[dst] = 0;
        }
        if (src.partition != null) {
            setPartition(dst, src.partition[srcSlot]);
        } else if (partition != null) {
            partition[dst] = 0;
        }
        if (src.offset != null) {
            setOffset(dst, src.offset[srcSlot]);
        } else if (offset != null) {
            offset[dst] = 0;
        }
        if (src.reason != null) {
            setReason(dst, src.reason[srcSlot]);
        } else if (reason != null) {
            reason[dst] = 0;
        }
        if (src.amount != null) {
            setAmount(dst, src.amount[srcSlot]);
        } else if (amount != null) {
            amount[dst] = 0;
        }
    }

    private void clearOptional(int slot) {
        if (attempt != null) {
            attempt[slot] = 0;
        }
        if (correlation != null) {
            correlation[slot] = 0;
        }
        if (partition != null) {
            partition[slot] = 0;
        }
        if (offset != null) {
            offset[slot] = 0;
        }
        if (reason != null) {
            reason[slot] = 0;
        }
        if (amount != null) {
            amount[slot] = 0;
        }
    }

    /** When the message entered its current place (queue, partition, worker). */
    public double enqueued(int slot) {
        return enqueued[slot];
    }

    /** Sets when the message entered its current place. */
    public void setEnqueued(int slot, double t) {
        enqueued[slot] = t;
    }

    /** When the message was first produced (end-to-end times count from here). */
    public double origin(int slot) {
        return origin[slot];
    }

    /** The key index, or -1 for none. */
    public int key(int slot) {
        return (keyType[slot] & 0xffffff) - 1;
    }

    /** The event type index. */
    public int type(int slot) {
        return keyType[slot] >>> 24;
    }

    /** Sets the event type index. */
    public void setType(int slot, int type) {
        keyType[slot] = (type << 24) | (keyType[slot] & 0xffffff);
    }

    /** The message id (unique in a run, growing with production order). */
    public long id(int slot) {
        return id[slot];
    }

    /** The attempt number (0 for the first attempt). */
    public int attempt(int slot) {
        return attempt == null ? 0 : attempt[slot];
    }

    /** Sets the attempt number. */
    public void setAttempt(int slot, int n) {
        if (attempt == null) {
            if (n == 0) {
                return;
            }
            attempt = new int[capacity()];
            optional |= ATTEMPT;
        }
        attempt[slot] = n;
    }

    /** The correlation id (a saga's or a request's), 0 for none. */
    public long correlation(int slot) {
        return correlation == null ? 0 : correlation[slot];
    }

    /** Sets the correlation id. */
    public void setCorrelation(int slot, long c) {
        if (correlation == null) {
            if (c == 0) {
                return;
            }
            correlation = new long[capacity()];
            optional |= CORRELATION;
        }
        correlation[slot] = c;
    }

    /** The partition the message was read from (stream records), 0 when not set. */
    public int partition(int slot) {
        return partition == null ? 0 : partition[slot];
    }

    /** Sets the partition. */
    public void setPartition(int slot, int p) {
        if (partition == null) {
            if (p == 0) {
                return;
            }
            partition = new int[capacity()];
            optional |= PARTITION;
        }
        partition[slot] = p;
    }

    /** The offset in its partition (stream records), 0 when not set. */
    public long offset(int slot) {
        return offset == null ? 0 : offset[slot];
    }

    /** Sets the offset. */
    public void setOffset(int slot, long o) {
        if (offset == null) {
            if (o == 0) {
                return;
            }
            offset = new long[capacity()];
            optional |= OFFSET;
        }
        offset[slot] = o;
    }

    /**
     * Why the message was dead-lettered, or the mark of a repaired one: the code of a
     * {@code dev.tributary.sim.failure.Reason}, 0 when none.
     */
    public int reason(int slot) {
        return reason == null ? 0 : reason[slot];
    }

    /** Sets the dead-letter reason code. */
    public void setReason(int slot, int code) {
        if (reason == null) {
            if (code == 0) {
                return;
            }
            reason = new byte[capacity()];
            optional |= REASON;
        }
        reason[slot] = (byte) code;
    }

    /** The event's amount (a payment's value, for a window's sum rule), 0 when not set. */
    public double amount(int slot) {
        return amount == null ? 0 : amount[slot];
    }

    /** Sets the amount. */
    public void setAmount(int slot, double a) {
        if (amount == null) {
            if (a == 0) {
                return;
            }
            amount = new double[capacity()];
            optional |= AMOUNT;
        }
        amount[slot] = a;
    }

    /**
     * Grows the store to {@code newCapacity} slots, moving the {@code count} messages found in ring
     * order from slot {@code head} (wrapping at the end) to slots 0 … count−1. Columns are replaced
     * one at a time so that at most one old column and its copy are alive together: a ten-million
     * backlog grows without holding two whole stores.
     */
    void regrow(int head, int count, int newCapacity) {
        enqueued = unwrap(enqueued, head, count, newCapacity);
        origin = unwrap(origin, head, count, newCapacity);
        keyType = unwrap(keyType, head, count, newCapacity);
        id = unwrap(id, head, count, newCapacity);
        attempt = attempt == null ? null : unwrap(attempt, head, count, newCapacity);
        correlation = correlation == null ? null : unwrap(correlation, head, count, newCapacity);
        partition = partition == null ? null : unwrap(partition, head, count, newCapacity);
        offset = offset == null ? null : unwrap(offset, head, count, newCapacity);
        reason = reason == null ? null : unwrap(reason, head, count, newCapacity);
        amount = amount == null ? null : unwrap(amount, head, count, newCapacity);
    }

    /** A copy with {@code newCapacity} slots, same slot numbers. */
    public Messages grown(int newCapacity) {
        Messages b = new Messages(0);
        b.enqueued = enqueued;
        b.origin = origin;
        b.keyType = keyType;
        b.id = id;
        b.attempt = attempt;
        b.correlation = correlation;
        b.partition = partition;
        b.offset = offset;
        b.reason = reason;
        b.amount = amount;
        b.optional = optional;
        b.regrow(0, capacity(), newCapacity);
        return b;
    }

    private static int pack(int key, int type) {
        return (type << 24) | (key + 1);
    }

    private static double[] unwrap(double[] a, int head, int size, int n) {
        double[] b = new double[n];
        int first = Math.min(size, a.length - head);
        System.arraycopy(a, head, b, 0, first);
        System.arraycopy(a, 0, b, first, size - first);
        return b;
    }

    private static long[] unwrap(long[] a, int head, int size, int n) {
        long[] b = new long[n];
        int first = Math.min(size, a.length - head);
        System.arraycopy(a, head, b, 0, first);
        System.arraycopy(a, 0, b, first, size - first);
        return b;
    }

    private static int[] unwrap(int[] a, int head, int size, int n) {
        int[] b = new int[n];
        int first = Math.min(size, a.length - head);
        System.arraycopy(a, head, b, 0, first);
        System.arraycopy(a, 0, b, first, size - first);
        return b;
    }

    private static byte[] unwrap(byte[] a, int head, int size, int n) {
        byte[] b = new byte[n];
        int first = Math.min(size, a.length - head);
        System.arraycopy(a, head, b, 0, first);
        System.arraycopy(a, 0, b, first, size - first);
        return b;
    }

    @Override
    public String toString() {
        return "Messages" + Arrays.asList(capacity());
    }
}
