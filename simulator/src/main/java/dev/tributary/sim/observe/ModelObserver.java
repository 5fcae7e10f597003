package dev.tributary.sim.observe;

/**
 * The one narrow port through which a viewer or a report watches a model, called on the simulation
 * thread. Nothing is created when no observer is set, so a headless run pays nothing for it.
 */
@FunctionalInterface
public interface ModelObserver {

    /** Something happened. */
    void on(ModelEvent event);

    /**
     * An event moved (see {@link ModelEvent.Moved}); an observer that only counts hops overrides
     * this to take them without a record allocated per hop (the hottest happening of all).
     */
    default void moved(double time, int from, int to, int key, int lane) {
        on(new ModelEvent.Moved(time, from, to, key, lane));
    }
}
