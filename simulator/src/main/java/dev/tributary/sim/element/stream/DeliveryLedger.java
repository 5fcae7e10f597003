package dev.tributary.sim.element.stream;

/**
 * What became of every record a group was due to read, per partition: processed once, processed
 * again (a duplicate), detected as a re-delivery and dropped (deduplicated), skipped (lost), or
 * deleted by retention before anyone read it (expired). It reconciles with the log: each offset from
 * where the group began up to its frontier is exactly one of processed-once, lost or expired, and
 * the rest up to the log-end offset is still unread or in service. Counted over the whole run
 * (warm-up included), so that the books balance.
 */
final class DeliveryLedger {

    /** Where the group began reading each partition. */
    private final long[] begin;
    /** One past the highest offset whose fate is known (processed, lost or expired), per partition. */
    final long[] frontier;
    /** Per partition, a record in service when retention jumped past it: it still counts once (−1: none). */
    private final long[] inService;
    /** Partitions with such a record: while none, a processed record need not look it up. */
    private int inServiceHeld;
    long processedOnce;
    long duplicates;
    long deduplicated;
    long lost;
    long expired;

    DeliveryLedger(int partitions) {
        begin = new long[partitions];
        frontier = new long[partitions];
        inService = new long[partitions];
        java.util.Arrays.fill(inService, -1);
    }

    /** The group begins partition {@code p} at {@code offset}. */
    void begin(int p, long offset) {
        begin[p] = offset;
        frontier[p] = offset;
    }

    /** Whether the record at {@code offset} of {@code p} was processed before (it is a re-delivery). */
    boolean seen(int p, long offset) {
        return offset < frontier[p];
    }

    /** The record at {@code offset} of {@code p} was processed (or left to a DLQ). */
    void processed(int p, long offset) {
        if (inServiceHeld > 0 && offset == inService[p]) {
            inService[p] = -1;
            inServiceHeld--;
            processedOnce++;
            return;
        }
        if (offset < frontier[p]) {
            duplicates++;
            return;
        }
        lost += offset - frontier[p]; // skipped between the frontier and here: never to be read
        processedOnce++;
        frontier[p] = offset + 1;
    }

    /** A re-delivered record was recognised and dropped. */
    void deduplicated() {
        deduplicated++;
    }

    /** The group resumes {@code p} at {@code offset}: offsets between the frontier and it are lost. */
    void resumedAt(int p, long offset) {
        if (offset > frontier[p]) {
            lost += offset - frontier[p];
            frontier[p] = offset;
        }
    }

    /**
     * Retention deleted {@code p}'s records below {@code logStart} before the group read them, except
     * {@code serving} (the record a member is handling, or −1), which will still complete.
     */
    void expiredBefore(int p, long logStart, long serving) {
        if (logStart > frontier[p]) {
            boolean held = serving >= frontier[p] && serving < logStart;
            expired += logStart - frontier[p] - (held ? 1 : 0);
            if (held) {
                if (inService[p] < 0) {
                    inServiceHeld++;
                }
                inService[p] = serving;
            }
            frontier[p] = logStart;
        }
    }

    /**
     * Records of {@code p} the books account for: processed once, lost or expired, which must equal
     * frontier − begin; the caller adds what is unread.
     */
    long accountedSpan(int p) {
        return frontier[p] - begin[p] - (inService[p] >= 0 ? 1 : 0);
    }
}
