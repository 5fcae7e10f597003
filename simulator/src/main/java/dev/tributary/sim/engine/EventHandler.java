package dev.tributary.sim.engine;

/**
 * Something that reacts when one of its scheduled events comes due.
 *
 * <p>An event is three primitives (the handler, a {@code kind} the handler defines, and a
 * {@code long} argument) so that scheduling allocates nothing: there is no event object.
 */
@FunctionalInterface
public interface EventHandler {

    /** Handles an event of the given kind; the clock already reads the event's time. */
    void handle(int kind, long arg);
}
