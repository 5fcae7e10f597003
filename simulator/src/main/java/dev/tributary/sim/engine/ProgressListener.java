package dev.tributary.sim.engine;

/** Receives progress from a running {@link Engine}; called on the simulation thread. */
@FunctionalInterface
public interface ProgressListener {

    /** Called every {@link Engine#PROGRESS_EVERY} events and when a run stops or pauses. */
    void progress(double now, long eventsExecuted);
}
