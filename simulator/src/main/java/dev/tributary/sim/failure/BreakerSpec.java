package dev.tributary.sim.failure;

import dev.tributary.sim.value.Durations;
import java.util.Locale;

/**
 * A circuit breaker in front of a group's processing (the {@code circuit-breaker:} block), as
 * Resilience4j's count-based breaker: it opens when at least {@code failureRate} of the last
 * {@code window} attempts failed, stays open for {@code openFor}, then lets {@code halfOpenCalls}
 * trial attempts through; it closes if fewer than {@code failureRate} of them fail, else opens again.
 *
 * @param whenOpen what happens to an event the breaker does not let through
 */
public record BreakerSpec(double failureRate, int window, double openFor, int halfOpenCalls, WhenOpen whenOpen) {

    /** Defaults: 50% of a window of 20, open for 30 s, 3 trial calls, events wait. */
    public static final double DEFAULT_RATE = 0.5;
    public static final int DEFAULT_WINDOW = 20;
    public static final double DEFAULT_OPEN_FOR = 30;
    public static final int DEFAULT_HALF_OPEN_CALLS = 3;

    /** What happens to events while the breaker is open. */
    public enum WhenOpen {
        /** The workers stop taking events: they wait in the channel (the backlog grows). */
        WAIT,
        /** Events go to the group's DLQ without an attempt (reason breaker-open). */
        DLQ,
        /** Events pass at once with a fallback answer (counted as fallbacks, emits still happen). */
        FALLBACK
    }

    /** In words. */
    public String describe() {
        return String.format(Locale.ROOT, "breaker: opens at %.0f%% failures of %d, open %s, %d trial call%s, events %s while open",
                failureRate * 100, window, Durations.format(openFor), halfOpenCalls, halfOpenCalls == 1 ? "" : "s",
                switch (whenOpen) {
                    case WAIT -> "wait";
                    case DLQ -> "go to the DLQ";
                    case FALLBACK -> "get a fallback";
                });
    }
}
