package dev.tributary.sim.model;

import dev.tributary.sim.element.ProducerSpec;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.scenario.ScenarioNetwork;
import dev.tributary.sim.theory.ElementPrediction;
import dev.tributary.sim.theory.Network;
import dev.tributary.sim.value.ArrivalSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps a scenario onto queueing theory: each channel's kind contributes its node to a
 * {@link Network}, which solves the traffic equations and names the model that applies to each
 * channel and consumer group with its predicted figures.
 *
 * <p>A producer with {@code schedule} arrivals is Poisson within each step, so the scenario is
 * predicted step by step (piecewise stationary) and the steps are averaged over the measured
 * window: time-weighted for throughput, utilization and lengths, throughput-weighted for times.
 * A step that overloads a station leaves a backlog for the next ones; it is carried as a fluid
 * (growing at λ − cμ, draining at cμ − λ).
 */
public final class ScenarioTheory {

    private ScenarioTheory() {
    }

    /** Predictions for every element of {@code scenario}, in file order (channels, consumers, producers). */
    public static Map<String, ElementPrediction> predict(Scenario scenario) {
        double from = scenario.warmup();
        double to = scenario.duration();
        List<double[]> steps = steps(scenario);
        if (steps.size() == 1) {
            double at = steps.get(0)[0];
            return ScenarioNetwork.of(scenario, p -> rateAt(p, at, scenario), new Network.Horizon(from, to)).solve();
        }
        List<Map<String, ElementPrediction>> each = new ArrayList<>();
        for (double[] s : steps) {
            each.add(ScenarioNetwork.of(scenario, p -> rateAt(p, s[0], scenario), Network.Horizon.NONE).solve());
        }
        // elements the schedules do not reach are predicted once, over the whole window
        Map<String, ElementPrediction> whole = ScenarioNetwork.of(scenario, p -> windowRate(p, scenario),
                new Network.Horizon(from, to)).solve();
        Map<String, ElementPrediction> out = new LinkedHashMap<>();
        for (String id : each.get(0).keySet()) {
            List<Map<String, Object>> blocks = new ArrayList<>();
            for (Map<String, ElementPrediction> m : each) {
                blocks.add(m.get(id).toMap());
            }
            if (blocks.stream().allMatch(b -> b.equals(blocks.get(0)))) {
                out.put(id, whole.get(id));
                continue;
            }
            ElementPrediction first = each.get(0).get(id);
            int servers = first.prediction() == null ? 1 : Math.max(1, first.prediction().servers());
            out.put(id, new ElementPrediction(id, first.kind(), null,
                    Piecewise.combine(blocks, steps, from, to, servers)));
        }
        return out;
    }

    /** The predicted blocks for a report, by element id. */
    public static Map<String, Map<String, Object>> reportBlocks(Scenario scenario) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        predict(scenario).forEach((id, p) -> out.put(id, p.toMap()));
        OutagePrediction.addTo(scenario, out);
        return out;
    }

    /**
     * The steps [start, end) between the schedules' changes, from 0 to the end of the run; one step
     * (the measured window) when no schedule changes its rate within the run.
     */
    static List<double[]> steps(Scenario scenario) {
        TreeSet<Double> cuts = new TreeSet<>();
        for (dev.tributary.sim.fault.FaultSpec f : scenario.faults()) {
            for (double t : f.rateChanges()) {
                if (t > 0 && t < scenario.duration()) {
                    cuts.add(t);
                }
            }
        }
        for (ProducerSpec p : scenario.producers()) {
            if (p.arrivals() instanceof ArrivalSpec.Schedule s) {
                for (ArrivalSpec.Schedule.Step st : s.steps()) {
                    if (st.at() > 0 && st.at() < scenario.duration()) {
                        cuts.add(st.at());
                    }
                }
            }
        }
        List<double[]> out = new ArrayList<>();
        if (cuts.isEmpty() || cuts.last() <= scenario.warmup()) {
            // the rates are constant over the measured window (the warm-up lets an earlier step settle)
            out.add(new double[] {scenario.warmup(), scenario.duration()});
            return out;
        }
        double start = 0;
        for (double c : cuts) {
            out.add(new double[] {start, c});
            start = c;
        }
        out.add(new double[] {start, scenario.duration()});
        return out;
    }

    /** A producer's mean rate over the measured window. */
    private static double windowRate(ProducerSpec p, Scenario scenario) {
        if (scenario.faults().stream().anyMatch(f -> !f.rateChanges().isEmpty())) {
            // rate changes: the rate is constant between the cuts, integrate piece by piece
            double from = scenario.warmup();
            double to = scenario.duration();
            double total = 0;
            TreeSet<Double> cuts = new TreeSet<>(List.of(from, to));
            scenario.faults().forEach(f -> f.rateChanges().forEach(t -> cuts.add(Math.max(from, Math.min(to, t)))));
            if (p.arrivals() instanceof ArrivalSpec.Schedule s) {
                s.steps().forEach(st -> cuts.add(Math.max(from, Math.min(to, st.at()))));
            }
            Double prev = null;
            for (double c : cuts) {
                if (prev != null && c > prev) {
                    total += rateAt(p, prev, scenario) * (c - prev);
                }
                prev = c;
            }
            return to > from ? total / (to - from) : 0;
        }
        if (!(p.arrivals() instanceof ArrivalSpec.Schedule s)) {
            return p.arrivals().meanRate(scenario.duration());
        }
        double from = scenario.warmup();
        double to = scenario.duration();
        double total = 0;
        for (int i = 0; i < s.steps().size(); i++) {
            double a = Math.max(from, s.steps().get(i).at());
            double b = Math.min(to, i + 1 < s.steps().size() ? s.steps().get(i + 1).at() : to);
            total += s.steps().get(i).rate() * Math.max(0, b - a);
        }
        return to > from ? total / (to - from) : 0;
    }

    /** A producer's rate in force at time {@code at} (its mean rate when it has no schedule). */
    static double rateAt(ProducerSpec p, double at, Scenario scenario) {
        // the latest rate change to start decides, as in the run: its rate while it lasts, then the
        // producer's own process (an earlier, longer change does not come back)
        double changed = Double.NaN;
        double since = Double.NEGATIVE_INFINITY;
        for (dev.tributary.sim.fault.FaultSpec f : scenario.faults()) {
            if (f.target().equals(p.id()) && !f.rateChanges().isEmpty() && f.at() <= at && f.at() >= since) {
                changed = f.rateOf(p.id(), at);
                since = f.at();
            }
        }
        if (changed == changed) {
            return p.arrivals() instanceof ArrivalSpec.OnOff o ? changed * o.meanRate(scenario.duration()) / o.rate()
                    : changed;
        }
        if (p.arrivals() instanceof ArrivalSpec.Schedule s) {
            return s.rateAt(at);
        }
        return p.arrivals().meanRate(scenario.duration());
    }

    /** Averaging step predictions over the measured window. */
    static final class Piecewise {

        private Piecewise() {
        }

        /** Figures averaged over time. */
        private static final List<String> BY_TIME = List.of("throughput", "utilization", "offeredLoad", "rho", "lambda",
                "L", "Lq", "lag", "blockedFraction");
        /** Figures averaged over the events that pass (weights: throughput × time). */
        private static final List<String> BY_EVENT = List.of("W", "Wq");
        /** Figures averaged over the events offered (weights: λ × time). */
        private static final List<String> BY_OFFER = List.of("lossProbability", "blockProbability", "pWait");

        static Map<String, Object> combine(List<Map<String, Object>> blocks, List<double[]> steps, double from, double to,
                                           int servers) {
            Map<String, Object> first = blocks.get(0);
            Map<String, Object> out = new LinkedHashMap<>();
            List<String> models = new ArrayList<>();
            for (Map<String, Object> b : blocks) {
                if (b.get("model") instanceof String m && !models.contains(m)) {
                    models.add(m);
                }
            }
            if (!models.isEmpty()) {
                out.put("model", models.size() == 1 ? models.get(0) + " per step" : String.join(" → ", models) + " per step");
                out.put("reason", "the arrival rate changes at given times (schedule): each step is predicted as a"
                        + " steady state of its own (" + String.valueOf(first.get("reason")) + "), and the steps are"
                        + " averaged over the measured window");
                out.put("exact", false);
                out.put("errs", "either way");
                List<String> caveats = new ArrayList<>();
                caveats.add("approximation (piecewise stationary): after each change the queue takes a while to settle,"
                        + " so the measured averages lag the steps' steady states: lower after a rise, higher after a fall");
                for (Map<String, Object> b : blocks) {
                    if (b.get("caveats") instanceof List<?> l) {
                        l.forEach(c -> {
                            if (!caveats.contains(String.valueOf(c))) {
                                caveats.add(String.valueOf(c));
                            }
                        });
                    }
                }
                out.put("caveats", caveats);
            } else if (blocks.stream().allMatch(b -> Boolean.TRUE.equals(b.get("exact")))) {
                // a producer's mean rate over the window is exact, step or no step
                out.put("exact", true);
            }
            // weights of each step inside the window
            double[] span = new double[steps.size()];
            for (int i = 0; i < steps.size(); i++) {
                span[i] = Math.max(0, Math.min(to, steps.get(i)[1]) - Math.max(from, steps.get(i)[0]));
            }
            boolean allStable = blocks.stream().allMatch(b -> !Boolean.FALSE.equals(b.get("stable")));
            boolean anyModel = !models.isEmpty();
            if (anyModel && !allStable && blocks.stream().allMatch(b -> b.get("throughput") instanceof Number)) {
                fluid(blocks, steps, from, to, servers, out);
            } else {
                if (anyModel) {
                    out.put("stable", allStable);
                }
                for (String f : BY_TIME) {
                    average(blocks, f, span, null, out);
                }
                double[] thr = weights(blocks, "throughput", span);
                double[] offered = weights(blocks, "lambda", span);
                for (String f : BY_EVENT) {
                    average(blocks, f, thr, null, out);
                }
                for (String f : BY_OFFER) {
                    average(blocks, f, offered, null, out);
                }
                if (first.get("endToEnd") instanceof Map<?, ?>) {
                    Map<String, Object> e2e = new LinkedHashMap<>();
                    List<Map<String, Object>> inner = new ArrayList<>();
                    for (Map<String, Object> b : blocks) {
                        inner.add(b.get("endToEnd") instanceof Map<?, ?> m ? cast(m) : Map.of());
                    }
                    average(inner, "mean", thr, null, e2e);
                    if (!e2e.isEmpty()) {
                        out.put("endToEnd", e2e);
                    }
                }
            }
            if (out.get("throughput") == null && first.get("throughput") instanceof Number) {
                average(blocks, "throughput", span, null, out);
            }
            List<Map<String, Object>> list = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                Map<String, Object> b = blocks.get(i);
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("from", steps.get(i)[0]);
                s.put("to", steps.get(i)[1]);
                for (String f : List.of("model", "stable", "lambda", "throughput", "utilization", "L", "W", "lossProbability",
                        "growthRate")) {
                    if (b.get(f) != null) {
                        s.put(f, b.get(f));
                    }
                }
                list.add(s);
            }
            out.put("steps", list);
            return out;
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> cast(Map<?, ?> m) {
            return (Map<String, Object>) m;
        }

        private static double[] weights(List<Map<String, Object>> blocks, String f, double[] span) {
            double[] w = new double[span.length];
            for (int i = 0; i < span.length; i++) {
                w[i] = blocks.get(i).get(f) instanceof Number n ? n.doubleValue() * span[i] : 0;
            }
            return w;
        }

        private static void average(List<Map<String, Object>> blocks, String f, double[] w, String as,
                                    Map<String, Object> out) {
            double sum = 0;
            double weight = 0;
            for (int i = 0; i < w.length; i++) {
                if (w[i] <= 0) {
                    continue;
                }
                if (!(blocks.get(i).get(f) instanceof Number n)) {
                    return; // missing in a step that counts: no average
                }
                sum += n.doubleValue() * w[i];
                weight += w[i];
            }
            if (weight > 0) {
                out.put(as == null ? f : as, sum / weight);
            } else if (blocks.stream().allMatch(b -> b.get(f) instanceof Number n && n.doubleValue() == 0)) {
                out.put(as == null ? f : as, 0.0);
            }
        }

        /**
         * Steps that overload the station: a fluid backlog B grows at λ − capacity in them and drains at
         * capacity − λ after; while B > 0 every worker is busy, throughput is the capacity and the number
         * in system is B plus the workers; otherwise the step's steady state holds. W from Little's law
         * over the window.
         */
        private static void fluid(List<Map<String, Object>> blocks, List<double[]> steps, double from, double to,
                                  int servers, Map<String, Object> out) {
            double b = 0;
            double area = 0;
            double busy = 0;
            double passed = 0;
            double window = to - from;
            for (int i = 0; i < steps.size(); i++) {
                Map<String, Object> blk = blocks.get(i);
                double lambda = num(blk, "lambda");
                double cap = Boolean.FALSE.equals(blk.get("stable")) ? num(blk, "throughput")
                        : capacity(blk, lambda);
                double util = num(blk, "utilization");
                double l = blk.get("L") instanceof Number n ? n.doubleValue() : Double.NaN;
                double t = steps.get(i)[0];
                double end = steps.get(i)[1];
                double g = lambda - cap;
                // piece 1: backlog present (changes at rate g), piece 2: backlog gone (steady state)
                double until = g >= 0 ? end : Math.min(end, t + b / -g);
                if (b <= 0 && g < 0) {
                    until = t;
                }
                // overlap of [t, until) with the window
                double a0 = Math.max(from, t);
                double a1 = Math.min(to, until);
                if (a1 > a0) {
                    double b0 = b + g * (a0 - t);
                    double b1 = b + g * (a1 - t);
                    area += (b0 + b1) / 2 * (a1 - a0) + servers * (a1 - a0);
                    busy += servers * (a1 - a0);
                    passed += cap * (a1 - a0);
                }
                double s0 = Math.max(from, until);
                double s1 = Math.min(to, end);
                if (s1 > s0) {
                    area += (Double.isNaN(l) ? 0 : l) * (s1 - s0);
                    busy += (Double.isNaN(util) ? 0 : util) * servers * (s1 - s0);
                    passed += lambda * (s1 - s0);
                }
                b = Math.max(0, b + g * (until - t));
            }
            out.put("stable", b <= 1e-9);
            out.put("throughput", passed / window);
            out.put("utilization", busy / (servers * window));
            out.put("L", area / window);
            out.put("lag", area / window);
            if (passed > 0) {
                out.put("W", area / passed);
            }
            if (b > 1e-9) {
                out.put("backlog", b);
            }
        }

        private static double capacity(Map<String, Object> blk, double lambda) {
            double rho = num(blk, "offeredLoad");
            return rho > 0 ? lambda / rho : Double.POSITIVE_INFINITY;
        }

        private static double num(Map<String, Object> m, String f) {
            return m.get(f) instanceof Number n ? n.doubleValue() : Double.NaN;
        }
    }

    /** For messages: a rate in four digits. */
    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
