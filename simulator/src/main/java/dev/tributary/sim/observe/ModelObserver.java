package dev.tributary.sim.observe;

/**
 * The one narrow port through which a viewer or a report watches a model, called on the simulation
 * thread. Nothing is created when no observer is set, so a headless run pays nothing for it.
 */
@FunctionalInterface
public interface ModelObserver {

    /** Something happened. */
    void on(ModelEvent event);
}
