package dev.tributary.sim.element;

import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.value.ArrivalSpec;
import dev.tributary.sim.value.KeySpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A source of events.
 *
 * @param types           event type name to weight (probabilities after normalisation); a router can match on it
 * @param buffer          records it may hold while their partitions have no leader (Kafka's buffer.memory)
 * @param deliveryTimeout how long a held record waits for a leader before it fails (Kafka's delivery.timeout.ms)
 * @param amount          the law of each event's amount (a payment's value, summed by a window's sum rule), or
 *                        null when its events carry none
 */
public record ProducerSpec(String id, String to, ArrivalSpec arrivals, KeySpec keys, Map<String, Double> types,
                           int buffer, double deliveryTimeout, Distribution amount) {

    /** The event type given to events of a producer that names none. */
    public static final String DEFAULT_TYPE = "event";
    /** Default buffer: 10,000 records (Kafka's 32 MiB buffer.memory holds some 30,000 records of 1 KiB). */
    public static final int DEFAULT_BUFFER = 10_000;
    /** Most records a buffer may hold. */
    public static final int MAX_BUFFER = 10_000_000;
    /** Default delivery timeout: two minutes, as Kafka's delivery.timeout.ms. */
    public static final double DEFAULT_DELIVERY_TIMEOUT = 120;

    public ProducerSpec {
        types = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(types));
    }

    /** A producer whose events carry no amount. */
    public ProducerSpec(String id, String to, ArrivalSpec arrivals, KeySpec keys, Map<String, Double> types,
                        int buffer, double deliveryTimeout) {
        this(id, to, arrivals, keys, types, buffer, deliveryTimeout, null);
    }

    /** A producer with the default buffer and delivery timeout. */
    public ProducerSpec(String id, String to, ArrivalSpec arrivals, KeySpec keys, Map<String, Double> types) {
        this(id, to, arrivals, keys, types, DEFAULT_BUFFER, DEFAULT_DELIVERY_TIMEOUT);
    }

    /** A copy with other arrivals. */
    public ProducerSpec withArrivals(ArrivalSpec a) {
        return new ProducerSpec(id, to, a, keys, types, buffer, deliveryTimeout, amount);
    }

    /** Probability of event type {@code type} (0 if this producer never emits it). */
    public double typeProbability(String type) {
        double total = types.values().stream().mapToDouble(Double::doubleValue).sum();
        Double w = types.get(type);
        return w == null || total == 0 ? 0 : w / total;
    }
}
