package dev.tributary.sim.element;

/**
 * A FIFO of messages: a ring over a {@link Messages} store that doubles when full. Read the head
 * through {@link #store()} at {@link #headSlot()} before {@link #removeHead()}.
 */
public final class MessageRing {

    private Messages store;
    private int head;
    private int size;
    private int mask;

    /** An empty ring. */
    public MessageRing() {
        this(16);
    }

    /** An empty ring with room for about {@code initial} messages before it grows. */
    public MessageRing(int initial) {
        int n = Integer.highestOneBit(Math.max(2, initial - 1) << 1);
        store = new Messages(n);
        mask = n - 1;
    }

    /** Messages waiting. */
    public int size() {
        return size;
    }

    /** Whether none waits. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The store the slots point into (slot numbers change when the ring grows). */
    public Messages store() {
        return store;
    }

    /** Appends a copy of {@code from}'s slot, entering at {@code now}; returns its slot. */
    public int add(Messages from, int slot, double now) {
        if (size == store.capacity()) {
            grow();
        }
        int i = (head + size) & mask;
        store.copy(i, from, slot);
        store.setEnqueued(i, now);
        size++;
        return i;
    }

    /** Slot of the i-th oldest message. */
    public int slot(int i) {
        return (head + i) & mask;
    }

    /** Slot of the oldest message. */
    public int headSlot() {
        return head;
    }

    /** Drops the oldest message (read it through {@link #headSlot()} first). */
    public void removeHead() {
        head = (head + 1) & mask;
        size--;
    }

    private void grow() {
        int n = store.capacity() * 2;
        store.regrow(head, size, n);
        head = 0;
        mask = n - 1;
    }
}
