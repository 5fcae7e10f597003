package dev.tributary.sim.element.router;

import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Destination;
import dev.tributary.sim.element.Messages;
import dev.tributary.sim.element.Sender;
import dev.tributary.sim.engine.RandomStream;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * Content-based router: rules are tried in order and the first match wins; an event no rule
 * matches goes to the default target, or is dropped and counted as unrouted when there is none.
 */
final class RouterChannel extends Channel {

    private final RouterSpec spec;
    private final RandomStream random;
    private final Context context;
    private Destination[] targets;
    private Destination fallback;
    private final int[] matchType;
    private final long[] routed;
    private long defaulted;
    private long unrouted;
    private long received;
    private long lastSample;

    RouterChannel(RouterSpec spec, int index, Context context) {
        super(spec.id(), index);
        this.spec = spec;
        this.context = context;
        this.random = context.random(spec.id(), "routes");
        this.matchType = new int[spec.rules().size()];
        for (int i = 0; i < matchType.length; i++) {
            String t = spec.rules().get(i).eventType();
            matchType[i] = t == null ? -1 : context.knownTypeIndex(t);
        }
        this.routed = new long[spec.rules().size()];
    }

    @Override
    public void connect(Function<String, Destination> channels) {
        targets = spec.rules().stream().map(x -> channels.apply(x.to())).toArray(Destination[]::new);
        fallback = spec.defaultTo() == null ? null : channels.apply(spec.defaultTo());
    }

    @Override
    public String kind() {
        return "router";
    }

    @Override
    public boolean offer(Messages from, int slot, Sender sender) {
        received++;
        int key = from.key(slot);
        int type = from.type(slot);
        for (int i = 0; i < matchType.length; i++) {
            RouterSpec.Rule r = spec.rules().get(i);
            boolean match;
            if (r.eventType() != null) {
                match = type == matchType[i];
            } else if (r.keyFrom() >= 0) {
                match = key >= r.keyFrom() && key <= r.keyTo();
            } else {
                match = random.nextDouble() < r.probability();
            }
            if (match) {
                routed[i]++;
                context.moved(index, targets[i].index(), key, i);
                return targets[i].offer(from, slot, sender);
            }
        }
        if (fallback != null) {
            defaulted++;
            context.moved(index, fallback.index(), key, matchType.length);
            return fallback.offer(from, slot, sender);
        }
        unrouted++;
        return true;
    }

    @Override
    public void reset(double now) {
        Arrays.fill(routed, 0);
        defaulted = 0;
        unrouted = 0;
        received = 0;
        lastSample = 0;
    }

    @Override
    public void sample(double now, double interval) {
        series("throughput").add(now, (received - lastSample) / interval);
        lastSample = received;
    }

    @Override
    public void measure(double now, double window, Map<String, Double> out) {
        out.put("throughput", received / window);
        for (int i = 0; i < routed.length; i++) {
            out.put("routes." + i + ".share", received == 0 ? 0 : (double) routed[i] / received);
        }
        out.put("default.share", received == 0 ? 0 : (double) defaulted / received);
        out.put("unrouted", (double) unrouted);
    }

    @Override
    public void snapshot(Map<String, Double> out) {
        out.put("received", (double) received);
        for (int i = 0; i < routed.length; i++) {
            out.put("route." + i, (double) routed[i]);
        }
        out.put("default", (double) defaulted);
    }
}
