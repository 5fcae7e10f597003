package dev.tributary.sim.element;

import dev.tributary.sim.metrics.TimeSeries;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Common base of everything named in a scenario at run time (producers, channels, consumer groups):
 * an id, an index for observers, statistics that can be reset at the end of warm-up, and sampled
 * series.
 */
public abstract class Element {

    /** The id from the scenario file. */
    public final String id;
    /** The index in the model's element list. */
    public final int index;
    private final Map<String, TimeSeries> series = new LinkedHashMap<>();

    /** An element with this id at this index. */
    protected Element(String id, int index) {
        this.id = id;
        this.index = index;
    }

    /** The kind word used in reports: producer, queue, topic, stream, router, consumer-group, … */
    public abstract String kind();

    /** Schedules what the element does first (called once, in element order, before the run). */
    public void start() {
    }

    /** Forgets statistics gathered so far (end of warm-up). */
    public abstract void reset(double now);

    /** Appends one sample of each series at {@code now}; {@code interval} is the time since the last sample. */
    public abstract void sample(double now, double interval);

    /** Writes the measured figures over the window ending at {@code now} into {@code out} (dotted names). */
    public abstract void measure(double now, double window, Map<String, Double> out);

    /** Writes the current instantaneous state (for animation) into {@code out}. */
    public abstract void snapshot(Map<String, Double> out);

    /**
     * The current value of a monitored figure, for alerts: {@code lag}, {@code processing-time} and
     * {@code error-rate} for consumer groups (the last two over the last sample interval),
     * {@code size} for channels; NaN when it does not apply. Read right after {@link #sample}.
     */
    public double gauge(String figure) {
        return Double.NaN;
    }

    /** The series of this name, created empty on first use. */
    public TimeSeries series(String name) {
        return series.computeIfAbsent(name, TimeSeries::new);
    }

    /** Every series, by name, read-only. */
    public Map<String, TimeSeries> allSeries() {
        return Collections.unmodifiableMap(series);
    }
}
