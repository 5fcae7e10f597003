package dev.tributary.sim.model;

import dev.tributary.sim.engine.RandomStream;
import dev.tributary.sim.scenario.ChannelSpec.RouteSpec;
import dev.tributary.sim.scenario.ChannelSpec.RouterSpec;
import java.util.Map;

/**
 * Content-based router: rules are tried in order and the first match wins; an event no rule
 * matches goes to the default target, or is dropped and counted as unrouted when there is none.
 */
final class RouterChannel extends Element implements Destination {

    final RouterSpec spec;
    private final RandomStream random;
    private final Model model;
    Destination[] targets;
    Destination fallback;
    private final int[] matchType;
    private final long[] routed;
    private long defaulted;
    private long unrouted;
    private long received;
    private long lastSample;

    RouterChannel(RouterSpec spec, int index, Model model, long seed) {
        super(spec.id(), index);
        this.spec = spec;
        this.model = model;
        this.random = RandomStream.derive(seed, spec.id(), "routes");
        this.matchType = new int[spec.routes().size()];
        for (int i = 0; i < matchType.length; i++) {
            String t = spec.routes().get(i).eventType();
            matchType[i] = t == null ? -1 : model.typeIndex(t);
        }
        this.routed = new long[spec.routes().size()];
    }

    @Override
    String kind() {
        return "router";
    }

    @Override
    public boolean offer(int key, int type, double origin, long id, Producer sender) {
        received++;
        for (int i = 0; i < matchType.length; i++) {
            RouteSpec r = spec.routes().get(i);
            boolean match;
            if (matchType[i] >= 0) {
                match = type == matchType[i];
            } else if (r.keyFrom() >= 0) {
                match = key >= r.keyFrom() && key <= r.keyTo();
            } else {
                match = random.nextDouble() < r.probability();
            }
            if (match) {
                routed[i]++;
                model.flow(index, targets[i].index(), key, i);
                return targets[i].offer(key, type, origin, id, sender);
            }
        }
        if (fallback != null) {
            defaulted++;
            model.flow(index, fallback.index(), key, matchType.length);
            return fallback.offer(key, type, origin, id, sender);
        }
        unrouted++;
        return true;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    void reset(double now) {
        java.util.Arrays.fill(routed, 0);
        defaulted = 0;
        unrouted = 0;
        received = 0;
        lastSample = 0;
    }

    @Override
    void sample(double now, double interval) {
        series("throughput").add(now, (received - lastSample) / interval);
        lastSample = received;
    }

    @Override
    void measure(double now, double window, Map<String, Double> out) {
        out.put("throughput", received / window);
        for (int i = 0; i < routed.length; i++) {
            out.put("routes." + i + ".share", received == 0 ? 0 : (double) routed[i] / received);
        }
        out.put("default.share", received == 0 ? 0 : (double) defaulted / received);
        out.put("unrouted", (double) unrouted);
    }

    @Override
    void snapshot(Map<String, Double> out) {
        out.put("received", (double) received);
        for (int i = 0; i < routed.length; i++) {
            out.put("route." + i, (double) routed[i]);
        }
        out.put("default", (double) defaulted);
    }
}
