package dev.tributary.sim.model;

import dev.tributary.sim.metrics.TimeSeries;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Common base of everything named in a scenario (producers, channels, consumer groups): an id, an
 * index for flow listeners, statistics that can be reset at the end of warm-up, and sampled series.
 */
abstract class Element {

    final String id;
    final int index;
    final Map<String, TimeSeries> series = new LinkedHashMap<>();

    Element(String id, int index) {
        this.id = id;
        this.index = index;
    }

    /** The kind word used in reports: producer, queue, topic, stream, router, consumer-group. */
    abstract String kind();

    /** Forgets statistics gathered so far (end of warm-up). */
    abstract void reset(double now);

    /** Appends one sample of each series at {@code now}; {@code interval} is the time since the last sample. */
    abstract void sample(double now, double interval);

    /** Writes the measured figures over the window ending at {@code now} into {@code out} (dotted names). */
    abstract void measure(double now, double window, Map<String, Double> out);

    /** Writes the current instantaneous state (for animation) into {@code out}. */
    abstract void snapshot(Map<String, Double> out);

    TimeSeries series(String name) {
        return series.computeIfAbsent(name, TimeSeries::new);
    }
}
