package dev.tributary.sim.element.stream;

/** A stream group's delivery guarantee ({@code delivery:}): where its commits stand relative to processing. */
public enum Delivery {
    /** Commit before processing: a crash loses what was committed but not yet processed; never a duplicate. */
    AT_MOST_ONCE,
    /** Commit after processing: a crash re-delivers what was processed since the last commit (duplicates). */
    AT_LEAST_ONCE,
    /** At-least-once commits with an idempotent consumer: re-deliveries are detected and dropped. */
    EXACTLY_ONCE
}
