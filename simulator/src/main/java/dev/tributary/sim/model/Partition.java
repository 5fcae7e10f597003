package dev.tributary.sim.model;

/**
 * One partition of a stream: an append-only log addressed by offset. Records between the
 * log-start offset and the log-end offset are retained; older ones were deleted by retention.
 */
final class Partition {

    final MessageRing log = new MessageRing();
    long startOffset;
    long endOffset;

    void append(double now, double origin, int key, int type, long id) {
        log.add(now, origin, key, type, id);
        endOffset++;
    }

    /** Ring slot of the record at {@code offset} (which must be retained). */
    int slotOf(long offset) {
        return log.slot((int) (offset - startOffset));
    }

    /** Deletes records appended before {@code cutoff}; returns whether any were deleted. */
    boolean expireBefore(double cutoff) {
        boolean any = false;
        while (!log.isEmpty() && log.enqueued(log.headSlot()) < cutoff) {
            log.removeHead();
            startOffset++;
            any = true;
        }
        return any;
    }
}
