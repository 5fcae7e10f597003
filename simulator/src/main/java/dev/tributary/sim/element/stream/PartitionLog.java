package dev.tributary.sim.element.stream;

import dev.tributary.sim.element.Messages;

/**
 * One partition of a stream: an append-only log addressed by offset, shared by the stream and the
 * groups that read it.
 *
 * <p>Offsets from the log-start offset to the log-end offset are retained (older ones were deleted
 * by retention). Of those, the log keeps the records themselves only from {@link #base()} on: the
 * oldest offset some group may still read (its committed offset, or where a group that has not
 * started yet will begin). Records every group has read are forgotten, so memory follows what is
 * unread, not everything ever appended. Retention still counts forgotten records: their append
 * times are kept (8 bytes each) only when records can expire within the run, that is when the
 * retention is shorter than the run.
 */
public final class PartitionLog {

    /*
     * The held records: a ring over a store of its own (slot of the i-th held = (head + i) & mask), kept
     * here rather than in a MessageRing so that reaching a record costs one object fewer on the way,
     * which shows with a thousand partitions read at random. Small at first (4 slots: a thousand
     * partitions' rings stay in fewer cache lines); it doubles when a backlog needs more.
     */
    private Messages store = new Messages(4);
    private int head;
    private int size;
    private int mask = 3;
    private final TimeRing times;
    private long base;
    long startOffset;
    /** The stream's log-end offsets, this log's at {@link #index}: one flat array, so a member scans its partitions' ends without touching each log. */
    private final long[] ends;
    private final int index;

    /**
     * Partition {@code index} of a stream whose log-end offsets are {@code ends}; its records can expire
     * before {@code horizon} (the run's end) only if {@code retention} is shorter.
     */
    PartitionLog(double retention, double horizon, long[] ends, int index) {
        this.times = retention < horizon ? new TimeRing() : null;
        this.ends = ends;
        this.index = index;
    }

    /** The log-start offset (the oldest retained). */
    public long startOffset() {
        return startOffset;
    }

    /** The log-end offset (the next to be written). */
    public long endOffset() {
        return ends[index];
    }

    /** The oldest offset whose record is still held. */
    public long base() {
        return base;
    }

    /** Records held in memory. */
    public int held() {
        return size;
    }

    void append(Messages from, int slot, double now) {
        if (size > mask) {
            grow();
        }
        int i = (head + size) & mask;
        store.copy(i, from, slot);
        store.setEnqueued(i, now);
        size++;
        if (times != null) {
            times.add(now);
        }
        ends[index]++;
    }

    /** The store holding the record at {@code offset} (valid until the next append). */
    Messages store() {
        return store;
    }

    /** Slot of the record at {@code offset} (which must be held: {@code base() ≤ offset < endOffset()}). */
    int slotOf(long offset) {
        return (head + (int) (offset - base)) & mask;
    }

    /** Deletes records appended before {@code cutoff} by retention; returns whether any were deleted. */
    boolean expireBefore(double cutoff) {
        if (times == null) {
            return false; // retention outlasts the run: nothing can expire
        }
        boolean any = false;
        while (!times.isEmpty() && times.head() < cutoff) {
            times.removeHead();
            startOffset++;
            any = true;
        }
        forgetBefore(startOffset);
        return any;
    }

    /** Forgets the records below {@code offset}: no group will read them. */
    void forgetBefore(long offset) {
        while (base < offset && size > 0) {
            head = (head + 1) & mask;
            size--;
            base++;
        }
    }

    /** Doubles the store, the held records first in order. */
    private void grow() {
        Messages bigger = new Messages(2 * (mask + 1));
        for (int i = 0; i < size; i++) {
            bigger.copy(i, store, (head + i) & mask);
        }
        store = bigger;
        head = 0;
        mask = 2 * mask + 1;
    }

    /** A FIFO of append times, doubling when full. */
    private static final class TimeRing {
        private double[] t = new double[16];
        private int head;
        private int size;

        void add(double v) {
            if (size == t.length) {
                double[] b = new double[t.length * 2];
                int first = Math.min(size, t.length - head);
                System.arraycopy(t, head, b, 0, first);
                System.arraycopy(t, 0, b, first, size - first);
                t = b;
                head = 0;
            }
            t[(head + size) & (t.length - 1)] = v;
            size++;
        }

        boolean isEmpty() {
            return size == 0;
        }

        double head() {
            return t[head];
        }

        void removeHead() {
            head = (head + 1) & (t.length - 1);
            size--;
        }
    }
}
