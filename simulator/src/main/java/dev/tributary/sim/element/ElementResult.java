package dev.tributary.sim.element;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was measured for one element over a run (after warm-up), as dotted names to values, e.g.
 * {@code L}, {@code latency.p99}, {@code partitions.3.lag}. Times are seconds.
 */
public record ElementResult(String id, String kind, Map<String, Double> measured) {

    public ElementResult {
        measured = Collections.unmodifiableMap(new LinkedHashMap<>(measured));
    }

    /** The measured value, or NaN when it was not measured. */
    public double get(String name) {
        Double v = measured.get(name);
        return v == null ? Double.NaN : v;
    }
}
