package dev.tributary.sim.fault;

import dev.tributary.sim.engine.Engine;

/** One entry of a scenario's fault timeline, bound by its {@link FaultKind}: it schedules itself on a model. */
public interface FaultSpec {

    /** When it strikes, seconds from the start. */
    double at();

    /** The id its action word names (a group or a channel). */
    String target();

    /** The ids of the elements it disturbs directly (its target; a redrive also its destination). */
    default java.util.List<String> disturbs() {
        return java.util.List.of(target());
    }

    /**
     * The rate it imposes on producer {@code producer} at time {@code t}, events per second, or NaN
     * when it sets none then (only a rate change does).
     */
    default double rateOf(String producer, double t) {
        return Double.NaN;
    }

    /** The times at which it changes some producer's rate (cuts for a step-by-step prediction). */
    default java.util.List<Double> rateChanges() {
        return java.util.List.of();
    }

    /**
     * The times from which backlogs it left are drained and measured: when it ends, or when a rate
     * changes (empty for a fault that never ends within the run).
     */
    default java.util.List<Double> drainsFrom() {
        return java.util.List.of();
    }

    /** The kind that bound it. */
    FaultKind kind();

    /** In words, for reports and the app. */
    String describe();

    /** Schedules what it does on {@code engine}, acting on a built model through {@code targets}. */
    void schedule(Engine engine, FaultTargets targets);
}
