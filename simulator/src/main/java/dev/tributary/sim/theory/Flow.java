package dev.tributary.sim.theory;

import dev.tributary.sim.value.KeySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stream of events as theory sees it: components, each from one source, with a rate, an
 * event-type mix, a key law restricted to some key ranges, and an inter-arrival SCV. Splitting by
 * type, key range or probability keeps the components apart, which is what makes a router's or a
 * partitioner's shares computable.
 */
public final class Flow {

    /**
     * One source's share of a flow.
     *
     * @param age mean time since the events left their producer (the sum of the stages passed so far)
     */
    public record Part(double rate, Map<String, Double> types, KeySpec keys, List<int[]> keyRanges, double ca2, double age) {

        /** The same part at {@code f} times the rate. */
        public Part scaled(double f) {
            return new Part(rate * f, types, keys, keyRanges, ca2, age);
        }

        /** Probability mass of the allowed key ranges under the key law (1 for unkeyed events). */
        public double keyMass(KeyMass mass) {
            if (keys.count() == 0) {
                return 1;
            }
            double m = 0;
            for (int[] r : keyRanges) {
                m += mass.between(keys, r[0], r[1]);
            }
            return m;
        }
    }

    /** The parts, one per source and split. */
    public final List<Part> parts = new ArrayList<>();

    /** Total rate, events per second. */
    public double rate() {
        return parts.stream().mapToDouble(Part::rate).sum();
    }

    /** Superposition SCV: the rate-weighted mean of the parts' SCVs (Whitt, "The queueing network analyzer", BSTJ 1983). */
    public double ca2() {
        double r = rate();
        if (r == 0) {
            return 1;
        }
        return parts.stream().mapToDouble(p -> p.rate() * p.ca2()).sum() / r;
    }

    /** Mean age of the flow's events on arrival, weighted by rate (NaN when the flow is empty). */
    public double age() {
        double r = rate();
        return r == 0 ? Double.NaN : parts.stream().mapToDouble(p -> p.rate() * p.age()).sum() / r;
    }

    /** The flow at {@code f} times the rate. */
    public Flow scaled(double f) {
        Flow out = new Flow();
        parts.forEach(p -> out.parts.add(p.scaled(f)));
        return out;
    }

    /** Adds another flow's parts. */
    public void addAll(Flow other) {
        parts.addAll(other.parts);
    }

    /** Rate of each event type in this flow. */
    public Map<String, Double> typeRates() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Part p : parts) {
            double total = p.types().values().stream().mapToDouble(Double::doubleValue).sum();
            p.types().forEach((t, w) -> out.merge(t, p.rate() * w / total, Double::sum));
        }
        return out;
    }
}
