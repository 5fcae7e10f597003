package dev.tributary.sim.failure;

/**
 * Why an event left its group without being handled, as written in a message's {@code reason}
 * column (the code is the ordinal), plus the mark of an event that came back from a dead-letter
 * channel.
 */
public enum Reason {
    /** Not dead-lettered. */
    NONE,
    /** Every attempt failed (the failure probability, or a {@code fail} fault). */
    EXHAUSTED,
    /** A poison event: its payload fails every attempt. */
    POISON,
    /** The circuit breaker was open and the group sends such events to its DLQ. */
    BREAKER_OPEN,
    /**
     * The event was dead-lettered and published again by a consumer of the DLQ (the workflow
     * repair pattern): a repaired event is no longer poison.
     */
    REPAIRED;

    /** The reason with this code. */
    public static Reason of(int code) {
        return values()[code];
    }

    /** The word used in reports, e.g. {@code breaker-open}. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
