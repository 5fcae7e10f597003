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

    /** Slots each partition has in its stream's shared store before it needs a store of its own. */
    static final int SLICE = 4;

    /*
     * The held records: a ring (slot of the i-th held = first + ((head + i) & mask)). While they fit,
     * the ring is this partition's slice of one store shared by all partitions of the stream (slots
     * index·SLICE …), so that a thousand partitions' records lie in a few dense arrays instead of a
     * thousand small stores of their own: appends and takes at random partitions touch fewer objects
     * and cache lines. A backlog that outgrows the slice moves to a store of its own, doubling as
     * needed; when the partition is read empty it returns to its slice.
     */
    private final Messages shared;
    private final int slice;
    private Messages store;
    /** The store of its own a backlog last grew into, kept for the next backlog (null before the first). */
    private Messages own;
    private int ownMask;
    private int first;
    private int head;
    private int size;
    private int mask = SLICE - 1;
    private final TimeRing times;
    private long base;
    long startOffset;
    /** The stream's log-end offsets, this log's at {@link #index}: one flat array, so a member scans its partitions' ends without touching each log. */
    private final long[] ends;
    private final int index;

    /**
     * Partition {@code index} of a stream whose log-end offsets are {@code ends} and whose partitions
     * share {@code shared} (at least ({@code index} + 1)·{@link #SLICE} slots); its records can expire
     * before {@code horizon} (the run's end) only if {@code retention} is shorter.
     */
    PartitionLog(double retention, double horizon, long[] ends, int index, Messages shared) {
        this.times = retention < horizon ? new TimeRing() : null;
        this.ends = ends;
        this.index = index;
        this.shared = shared;
        this.slice = index * SLICE;
        this.store = shared;
        this.first = slice;
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
        int i = first + ((head + size) & mask);
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
        return first + ((head + (int) (offset - base)) & mask);
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
        if (base >= offset || size == 0) {
            return;
        }
        int n = (int) Math.min(offset - base, size);
        head = (head + n) & mask;
        size -= n;
        base += n;
        if (size == 0 && store != shared) {
            // read empty: back to the slice; the backlog's store is kept for the next backlog, so a
            // partition whose backlog comes and goes allocates nothing after its largest one
            own = store;
            ownMask = mask;
            store = shared;
            first = slice;
            mask = SLICE - 1;
            head = 0;
        }
    }

    /** Doubles the ring into a store of its own (leaving the shared slice if it was there), the held records first in order. */
    private void grow() {
        boolean reuse = store == shared && own != null; // the kept store is larger than the slice
        Messages bigger = reuse ? own : new Messages(2 * (mask + 1));
        for (int i = 0; i < size; i++) {
            bigger.copy(i, store, first + ((head + i) & mask));
        }
        store = bigger;
        first = 0;
        head = 0;
        mask = reuse ? ownMask : 2 * mask + 1;
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
