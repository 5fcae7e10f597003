package dev.tributary.sim.failure;

/** What a consumer group does with an event whose attempt failed and that has attempts left. */
public enum RetryMode {
    /** The worker retries in place after the backoff; on a stream the member's partitions wait (order kept). */
    BLOCKING,
    /** The event goes back to the tail of its channel after the backoff (order breaks). */
    REQUEUE,
    /** Kafka's non-blocking retries: a chain of delay stages, each with its own workers, then the DLQ. */
    RETRY_TOPICS
}
