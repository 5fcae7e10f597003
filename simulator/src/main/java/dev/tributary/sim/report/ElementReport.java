package dev.tributary.sim.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The measured figures of one element, by dotted name, and (when a model applies) the theory's
 * prediction for it.
 *
 * @param predicted      the prediction's fields by name (model, L, W, stable, ...), empty when none applies
 * @param perReplication each figure's value in every replication, when asked for (else empty)
 */
public record ElementReport(String id, String kind, Map<String, Figure> measured, Map<String, Object> predicted,
                            Map<String, double[]> perReplication) {

    public ElementReport {
        measured = Collections.unmodifiableMap(new LinkedHashMap<>(measured));
        predicted = Collections.unmodifiableMap(new LinkedHashMap<>(predicted));
        perReplication = Collections.unmodifiableMap(new LinkedHashMap<>(perReplication));
    }

    /** A report without per-replication values. */
    public ElementReport(String id, String kind, Map<String, Figure> measured, Map<String, Object> predicted) {
        this(id, kind, measured, predicted, Map.of());
    }

    /** The measured value of {@code name}, or NaN. */
    public double value(String name) {
        Figure f = measured.get(name);
        return f == null ? Double.NaN : f.value();
    }

    /** The predicted number at a dotted name ({@code L}, {@code endToEnd.mean}), or NaN. */
    public double predictedValue(String dotted) {
        return numberAt(predicted, dotted);
    }

    /** The number at a dotted name in nested maps such as a {@code predicted} block, or NaN. */
    public static double numberAt(Map<String, ?> block, String dotted) {
        Object node = block;
        for (String part : dotted.split("\\.")) {
            if (!(node instanceof Map<?, ?> m)) {
                return Double.NaN;
            }
            node = m.get(part);
        }
        return node instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The 95% half-width of {@code name}, or NaN. */
    public double halfWidth(String name) {
        Figure f = measured.get(name);
        return f == null ? Double.NaN : f.halfWidth();
    }
}
