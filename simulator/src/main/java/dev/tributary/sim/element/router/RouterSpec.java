package dev.tributary.sim.element.router;

import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Drawing;
import dev.tributary.sim.element.Element;
import dev.tributary.sim.element.Emitter;
import dev.tributary.sim.element.Topology;
import dev.tributary.sim.theory.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Content-based router: the first matching rule wins; unmatched events go to the default (or are dropped). */
public record RouterSpec(String id, List<Rule> rules, String defaultTo) implements ChannelSpec {

    private static final RouterKind KIND = new RouterKind();

    public RouterSpec {
        rules = List.copyOf(rules);
    }

    /**
     * One routing rule: matches on the event type, on a key range, or with a probability.
     *
     * @param eventType   match events of this type (or null)
     * @param keyFrom     first key index of a key-range rule (or -1)
     * @param keyTo       last key index, inclusive (or -1)
     * @param probability match with this probability (NaN when not a probability rule)
     */
    public record Rule(String eventType, int keyFrom, int keyTo, double probability, String to) {
        /** A rule that matches one event type. */
        public static Rule ofType(String type, String to) {
            return new Rule(type, -1, -1, Double.NaN, to);
        }

        /** A rule that matches with a probability. */
        public static Rule ofProbability(double p, String to) {
            return new Rule(null, -1, -1, p, to);
        }

        /** A rule that matches a key range. */
        public static Rule ofKeys(int from, int toInclusive, String to) {
            return new Rule(null, from, toInclusive, Double.NaN, to);
        }

        /** The rule in words. */
        public String describe() {
            if (eventType != null) {
                return "type = " + eventType;
            }
            if (keyFrom >= 0) {
                return "key in " + keyFrom + ".." + keyTo;
            }
            return "with probability " + probability;
        }
    }

    @Override
    public ChannelKind kind() {
        return KIND;
    }

    @Override
    public java.util.List<String> figures() {
        return java.util.List.of("throughput", "unrouted");
    }

    @Override
    public List<Forward> forwards() {
        List<Forward> out = new ArrayList<>();
        for (Rule r : rules) {
            out.add(new Forward(r.describe(), r.to()));
        }
        if (defaultTo != null) {
            out.add(new Forward("default", defaultTo));
        }
        return out;
    }

    @Override
    public boolean holdsEvents() {
        return false;
    }

    /** Each type rule's event type, by its key (routes[i].type): one that nothing makes never matches. */
    @Override
    public java.util.Map<String, String> typesMatched() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).eventType() != null) {
                m.put("routes[" + i + "].type", rules.get(i).eventType());
            }
        }
        return m;
    }

    @Override
    public Drawing drawing() {
        return new Drawing(Drawing.Shape.ROUTER, 1, Integer.MAX_VALUE);
    }

    @Override
    public String describe() {
        return "routes: " + rules.stream().map(r -> r.describe() + " → " + r.to()).collect(Collectors.joining("; "))
                + (defaultTo == null ? "" : ", default → " + defaultTo);
    }

    @Override
    public Channel build(int index, Context context) {
        return new RouterChannel(this, index, context);
    }

    @Override
    public Element subscribe(ConsumerSpec c, Channel runtime, int index, Context context, Emitter emitter) {
        throw new IllegalStateException("a router holds no events; the scenario binder refuses consumers of " + id);
    }

    @Override
    public Network.ChannelNode theory(Topology topology) {
        return new RouterTheory(this);
    }
}
