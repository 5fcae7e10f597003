package dev.tributary.sim.theory;

import dev.tributary.sim.value.KeySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stream of events as theory sees it: components, each from one source, with a rate, an
 * event-type mix, a key law restricted to some key ranges, and how the arrivals are spaced in time.
 * Splitting by type, key range or probability keeps the components apart, which is what makes a
 * router's or a partitioner's shares computable.
 */
public final class Flow {

    /**
     * One source's share of a flow.
     *
     * @param ca2      squared coefficient of variation of the part's inter-arrival times
     * @param law      the gap law when the part is a renewal process (a producer's arrivals and their
     *                 random splits, the Poisson departures of an M/M/c station), else null
     * @param producer the producer whose own, unsplit flow this is (it stops when a blocking queue is
     *                 full), else null
     * @param age      mean time since the events left their producer (the sum of the stages passed so far)
     * @param forks    where the part's events were copied ("point|branch": a topic or stream read by several
     *                 groups, a group with several emits): parts copied at one point into different branches
     *                 are dependent, so where they meet again they are not a Poisson process
     */
    public record Part(double rate, Map<String, Double> types, KeySpec keys, List<int[]> keyRanges, double ca2,
                       Interarrival law, String producer, double age, List<String> forks) {

        public Part {
            forks = List.copyOf(forks);
        }

        /** A part with no copies upstream. */
        public Part(double rate, Map<String, Double> types, KeySpec keys, List<int[]> keyRanges, double ca2,
                    Interarrival law, String producer, double age) {
            this(rate, types, keys, keyRanges, ca2, law, producer, age, List.of());
        }

        /** A part with no gap law (not known to be renewal) and no producer of its own. */
        public Part(double rate, Map<String, Double> types, KeySpec keys, List<int[]> keyRanges, double ca2, double age) {
            this(rate, types, keys, keyRanges, ca2, null, null, age, List.of());
        }

        /** The same part at {@code f} times the rate (a proportional share: the spacing is not modelled anew). */
        public Part scaled(double f) {
            return new Part(rate * f, types, keys, keyRanges, ca2, law == null ? null : law.thinned(f), null, age, forks);
        }

        /**
         * The part of this one kept by an independent random split with probability {@code w} (a
         * router's rule, an event type, a key range of i.i.d. keys): ca² → w·ca² + 1 − w (Whitt, "The
         * queueing network analyzer", BSTJ 1983), exact for a renewal part, whose law is thinned.
         */
        public Part split(double w, Map<String, Double> newTypes, List<int[]> newRanges) {
            return new Part(rate * w, newTypes, keys, newRanges, w * ca2 + 1 - w, law == null ? null : law.thinned(w),
                    w >= 1 ? producer : null, age, forks);
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

        /** What two parts must share to be merged into one: everything but rate and age. */
        boolean sameKind(Part o) {
            return types.equals(o.types) && keys.equals(o.keys) && sameRanges(keyRanges, o.keyRanges)
                    && Double.compare(ca2, o.ca2) == 0 && Objects.equals(law == null ? null : law.kendall(),
                    o.law == null ? null : o.law.kendall()) && (law == null || law.poisson())
                    && Objects.equals(producer, o.producer) && forks.equals(o.forks);
        }

        private static boolean sameRanges(List<int[]> a, List<int[]> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i)[0] != b.get(i)[0] || a.get(i)[1] != b.get(i)[1]) {
                    return false;
                }
            }
            return true;
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

    /**
     * The gap law of the whole flow when it is a renewal process: Poisson when every part is Poisson
     * (independent Poisson streams superpose to Poisson; inside a Jackson network the flows between
     * stations are not Poisson, but each station still behaves as if they were — product form,
     * Jackson 1957, and an arriving event sees the stationary state), the part's own law when there
     * is a single part, else null (a superposition of non-Poisson renewal processes is not renewal).
     */
    public Interarrival renewal() {
        double r = rate();
        if (parts.isEmpty() || r == 0) {
            return null;
        }
        if (parts.stream().allMatch(p -> p.law() != null && p.law().poisson()) && !dependent()) {
            return Interarrival.poissonAt(r);
        }
        List<Part> live = parts.stream().filter(p -> p.rate() > 0).toList();
        return live.size() == 1 ? live.get(0).law() : null;
    }

    /** Whether two parts are copies of the same events taken apart at a fork (then they are dependent). */
    public boolean dependent() {
        Map<String, String> branch = new java.util.HashMap<>();
        for (Part p : parts) {
            if (p.rate() <= 0) {
                continue;
            }
            for (String f : p.forks()) {
                int bar = f.lastIndexOf('|');
                String point = f.substring(0, bar);
                String b = f.substring(bar + 1);
                String seen = branch.putIfAbsent(point, b);
                if (seen != null && !seen.equals(b)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The producer whose own unsplit flow is the whole of this flow, or null. */
    public String soleProducer() {
        List<Part> live = parts.stream().filter(p -> p.rate() > 0).toList();
        return live.size() == 1 ? live.get(0).producer() : null;
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

    /**
     * Merges parts that differ only in rate and age into one (rates added, ages averaged by rate), so
     * that a feedback loop's flows keep a bounded number of parts however often they go round.
     * Non-Poisson renewal parts are never merged: their superposition is no longer renewal.
     */
    public Flow merged() {
        Flow out = new Flow();
        for (Part p : parts) {
            boolean done = false;
            for (int i = 0; i < out.parts.size(); i++) {
                Part q = out.parts.get(i);
                if (q.sameKind(p)) {
                    double r = q.rate() + p.rate();
                    double age = r == 0 ? q.age() : (q.rate() * q.age() + p.rate() * p.age()) / r;
                    if (Double.isNaN(age) || Double.isInfinite(q.age()) || Double.isInfinite(p.age())) {
                        age = Double.isInfinite(q.age()) || Double.isInfinite(p.age()) ? Double.POSITIVE_INFINITY : age;
                    }
                    out.parts.set(i, new Part(r, q.types(), q.keys(), q.keyRanges(), q.ca2(),
                            q.law() == null ? null : Interarrival.poissonAt(r), q.producer(), age, q.forks()));
                    done = true;
                    break;
                }
            }
            if (!done) {
                out.parts.add(p);
            }
        }
        return out;
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
