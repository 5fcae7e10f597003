package dev.tributary.sim.model;

import java.util.Arrays;

/**
 * A FIFO of messages stored as parallel primitive arrays (a ring), never as objects: 28 bytes per
 * waiting message (enqueue time, origin time, packed key and type, id), so a backlog of ten million
 * messages takes about 280 MB plus growth slack.
 *
 * <p>Key and event type share one int: the low 24 bits hold key + 1 (0 for "no key"; keys are
 * capped at 10 million), the high 8 bits the type index (at most 255 event types per scenario).
 */
final class MessageRing {

    private double[] enqueued;
    private double[] origin;
    private int[] keyType;
    private long[] id;
    private int head;
    private int size;
    private int mask;

    MessageRing() {
        this(16);
    }

    MessageRing(int initialPowerOfTwo) {
        int n = Integer.highestOneBit(Math.max(2, initialPowerOfTwo - 1) << 1);
        enqueued = new double[n];
        origin = new double[n];
        keyType = new int[n];
        id = new long[n];
        mask = n - 1;
    }

    static int pack(int key, int type) {
        return (type << 24) | (key + 1);
    }

    static int keyOf(int packed) {
        return (packed & 0xffffff) - 1;
    }

    static int typeOf(int packed) {
        return packed >>> 24;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(double enqueueTime, double originTime, int key, int type, long messageId) {
        if (size == enqueued.length) {
            grow();
        }
        int i = (head + size) & mask;
        enqueued[i] = enqueueTime;
        origin[i] = originTime;
        keyType[i] = pack(key, type);
        id[i] = messageId;
        size++;
    }

    /** Index (into the accessors) of the i-th oldest message. */
    int slot(int i) {
        return (head + i) & mask;
    }

    int headSlot() {
        return head;
    }

    double enqueued(int slot) {
        return enqueued[slot];
    }

    double origin(int slot) {
        return origin[slot];
    }

    int key(int slot) {
        return keyOf(keyType[slot]);
    }

    int type(int slot) {
        return typeOf(keyType[slot]);
    }

    long id(int slot) {
        return id[slot];
    }

    /** Drops the oldest message (read it through {@link #headSlot()} first). */
    void removeHead() {
        head = (head + 1) & mask;
        size--;
    }

    private void grow() {
        int n = enqueued.length * 2;
        enqueued = unwrap(enqueued, n);
        origin = unwrap(origin, n);
        id = unwrap(id, n);
        keyType = unwrap(keyType, n);
        head = 0;
        mask = n - 1;
    }

    private double[] unwrap(double[] a, int n) {
        double[] b = new double[n];
        int first = Math.min(size, a.length - head);
        System.arraycopy(a, head, b, 0, first);
        System.arraycopy(a, 0, b, first, size - first);
        return b;
    }

    private long[] unwrap(long[] a, int n) {
        long[] b = new long[n];
        int first = Math.min(size, a.length - head);
        System.arraycopy(a, head, b, 0, first);
        System.arraycopy(a, 0, b, first, size - first);
        return b;
    }

    private int[] unwrap(int[] a, int n) {
        int[] b = new int[n];
        int first = Math.min(size, a.length - head);
        System.arraycopy(a, head, b, 0, first);
        System.arraycopy(a, 0, b, first, size - first);
        return b;
    }

    @Override
    public String toString() {
        return "MessageRing" + Arrays.asList(size, enqueued.length);
    }
}
