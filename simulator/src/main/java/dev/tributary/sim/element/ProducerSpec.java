package dev.tributary.sim.element;

import dev.tributary.sim.value.ArrivalSpec;
import dev.tributary.sim.value.KeySpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A source of events.
 *
 * @param types event type name to weight (probabilities after normalisation); a router can match on it
 */
public record ProducerSpec(String id, String to, ArrivalSpec arrivals, KeySpec keys, Map<String, Double> types) {

    /** The event type given to events of a producer that names none. */
    public static final String DEFAULT_TYPE = "event";

    public ProducerSpec {
        types = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(types));
    }

    /** A copy with other arrivals. */
    public ProducerSpec withArrivals(ArrivalSpec a) {
        return new ProducerSpec(id, to, a, keys, types);
    }

    /** Probability of event type {@code type} (0 if this producer never emits it). */
    public double typeProbability(String type) {
        double total = types.values().stream().mapToDouble(Double::doubleValue).sum();
        Double w = types.get(type);
        return w == null || total == 0 ? 0 : w / total;
    }
}
