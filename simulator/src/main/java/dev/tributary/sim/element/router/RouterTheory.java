package dev.tributary.sim.element.router;

import dev.tributary.sim.theory.ElementPrediction;
import dev.tributary.sim.theory.Flow;
import dev.tributary.sim.theory.KeyMass;
import dev.tributary.sim.theory.Network;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A router in the theory network: splits each arriving flow by its rules and passes the parts on. */
final class RouterTheory implements Network.ChannelNode {

    private final RouterSpec r;
    /** Rate matched by each rule, then the default's, then the total, over the current pass. */
    private double[] shares;

    RouterTheory(RouterSpec r) {
        this.r = r;
        this.shares = new double[r.rules().size() + 2];
    }

    @Override
    public String id() {
        return r.id();
    }

    @Override
    public void startPass() {
        shares = new double[r.rules().size() + 2];
    }

    @Override
    public void accept(Flow f, Network net) {
        double in = f.rate();
        shares[shares.length - 1] += in;
        Flow remaining = f;
        for (int i = 0; i < r.rules().size(); i++) {
            RouterSpec.Rule rule = r.rules().get(i);
            Flow matched = new Flow();
            Flow rest = new Flow();
            for (Flow.Part p : remaining.parts) {
                split(rule, p, matched, rest, net.keyMass());
            }
            shares[i] += matched.rate();
            if (matched.rate() > 0) {
                net.deliver(rule.to(), matched);
            }
            remaining = rest;
        }
        shares[r.rules().size()] += remaining.rate();
        if (r.defaultTo() != null && remaining.rate() > 0) {
            net.deliver(r.defaultTo(), remaining);
        }
    }

    /**
     * Splits one part by a routing rule. Event types and keys are drawn independently for each event,
     * so every rule is an independent (Bernoulli) split: ca² → p·ca² + 1 − p (Whitt 1983), and a
     * renewal part stays renewal with its law thinned ({@link Flow.Part#split}).
     */
    private static void split(RouterSpec.Rule rule, Flow.Part p, Flow matched, Flow rest, KeyMass keyMass) {
        if (rule.eventType() != null) {
            double total = p.types().values().stream().mapToDouble(Double::doubleValue).sum();
            double w = p.types().getOrDefault(rule.eventType(), 0.0) / total;
            if (w > 0) {
                matched.parts.add(p.split(w, Map.of(rule.eventType(), 1.0), p.keyRanges()));
            }
            if (w < 1) {
                Map<String, Double> others = new LinkedHashMap<>(p.types());
                others.remove(rule.eventType());
                rest.parts.add(p.split(1 - w, others, p.keyRanges()));
            }
        } else if (rule.keyFrom() >= 0) {
            if (p.keys().count() == 0) {
                rest.parts.add(p);
                return;
            }
            double mass = p.keyMass(keyMass);
            List<int[]> in = new ArrayList<>();
            List<int[]> out = new ArrayList<>();
            for (int[] range : p.keyRanges()) {
                int a = Math.max(range[0], rule.keyFrom());
                int b = Math.min(range[1], rule.keyTo());
                if (a <= b) {
                    in.add(new int[] {a, b});
                    if (range[0] < a) {
                        out.add(new int[] {range[0], a - 1});
                    }
                    if (b < range[1]) {
                        out.add(new int[] {b + 1, range[1]});
                    }
                } else {
                    out.add(range);
                }
            }
            double inMass = 0;
            for (int[] range : in) {
                inMass += keyMass.between(p.keys(), range[0], range[1]);
            }
            double w = mass == 0 ? 0 : inMass / mass;
            if (w > 0) {
                matched.parts.add(p.split(w, p.types(), in));
            }
            if (w < 1) {
                rest.parts.add(p.split(1 - w, p.types(), out));
            }
        } else {
            double w = rule.probability();
            if (w > 0) {
                matched.parts.add(p.split(w, p.types(), p.keyRanges()));
            }
            if (w < 1) {
                rest.parts.add(p.split(1 - w, p.types(), p.keyRanges()));
            }
        }
    }

    @Override
    public Network.GroupLoad load(Network.Group g, Network net) {
        throw new IllegalStateException("a router has no consumers");
    }

    @Override
    public ElementPrediction group(Network.Group g, Network net) {
        throw new IllegalStateException("a router has no consumers");
    }

    @Override
    public ElementPrediction channel(Network net) {
        double total = shares[shares.length - 1];
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("model", "router");
        extra.put("exact", true);
        extra.put("reason", "splits its λ = " + Network.fmt(total) + "/s by its rules, first match wins; each target sees its share");
        extra.put("throughput", total);
        Map<String, Object> routes = new LinkedHashMap<>();
        for (int i = 0; i < r.rules().size(); i++) {
            routes.put(Integer.toString(i), Map.of("share", total == 0 ? 0 : shares[i] / total));
        }
        extra.put("routes", routes);
        extra.put("default", Map.of("share", total == 0 ? 0 : shares[r.rules().size()] / total));
        return new ElementPrediction(r.id(), "router", null, extra);
    }
}
