package dev.tributary.sim.element.topic;

import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Drawing;
import dev.tributary.sim.element.Element;
import dev.tributary.sim.element.Emitter;
import dev.tributary.sim.element.Topology;
import dev.tributary.sim.element.queue.ConsumerGroup;
import dev.tributary.sim.element.queue.QueueSpec;
import dev.tributary.sim.element.queue.QueueStation;
import dev.tributary.sim.theory.ElementPrediction;
import dev.tributary.sim.theory.Flow;
import dev.tributary.sim.theory.Network;
import dev.tributary.sim.theory.Prediction;
import dev.tributary.sim.theory.Station;
import java.util.LinkedHashMap;
import java.util.Map;

/** Publish/subscribe topic: each subscribing group gets its own copy of every event. */
public record TopicSpec(String id) implements ChannelSpec {

    private static final TopicKind KIND = new TopicKind();

    @Override
    public ChannelKind kind() {
        return KIND;
    }

    @Override
    public Drawing drawing() {
        return new Drawing(Drawing.Shape.FAN_OUT, 1, Integer.MAX_VALUE);
    }

    @Override
    public String describe() {
        return "fan-out: each subscribed group has its own queue";
    }

    @Override
    public Channel build(int index, Context context) {
        return new TopicChannel(id, index);
    }

    @Override
    public Element subscribe(ConsumerSpec c, Channel runtime, int index, Context context, Emitter emitter) {
        TopicChannel tc = (TopicChannel) runtime;
        QueueStation sub = new QueueStation(context, tc.index, Integer.MAX_VALUE, QueueSpec.Overflow.REJECT);
        ConsumerGroup g = new ConsumerGroup(c, index, sub, context.keySpace(), emitter, true);
        sub.addWorkers(g, c.service(), context.random(c.id(), "service"), c.instances());
        sub.groupsComplete();
        tc.subscriptions.add(sub);
        return g;
    }

    @Override
    public Network.ChannelNode theory(Topology topology) {
        return new Network.ChannelNode() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public boolean copies() {
                return true;
            }

            /** The group's own copy of the topic: a queue of its own with its instances as workers. */
            private Prediction station(Network.Group c, Network net) {
                Flow in = net.inflowOf(id);
                return new Station(in.rate(), in.renewal(), in.ca2(), c.instances(), c.service(), Integer.MAX_VALUE,
                        Station.Full.REJECT).predict();
            }

            @Override
            public Network.GroupLoad load(Network.Group c, Network net) {
                Flow in = net.inflowOf(id);
                Prediction p = station(c, net);
                return new Network.GroupLoad(in, in.rate(), p.throughput(), Network.departureCa2(p, c.service()),
                        Network.poissonDepartures(p), p);
            }

            @Override
            public ElementPrediction channel(Network net) {
                Flow in = net.inflowOf(id);
                Map<String, Object> extra = new LinkedHashMap<>();
                int groups = topology.consumersOf(id).size();
                extra.put("model", "fan-out");
                extra.put("reason", groups == 0 ? "no group subscribes: events are published and nobody receives them"
                        : "a topic gives each of its " + groups + " subscribed group" + (groups == 1 ? "" : "s")
                        + " the full rate, λ = " + Network.fmt(in.rate()) + "/s, in its own queue");
                extra.put("exact", true);
                extra.put("throughput", in.rate());
                return new ElementPrediction(id, "topic", null, extra);
            }

            @Override
            public ElementPrediction group(Network.Group c, Network net) {
                Map<String, Object> extra = new LinkedHashMap<>();
                Prediction p = net.overRun(station(c, net));
                if (p.stable()) {
                    extra.put("lag", p.L());
                    p = p.with("backlog", p.L());
                } else if (p.figures().get("L") instanceof Double l) {
                    extra.put("lag", l);
                }
                return new ElementPrediction(c.id(), "consumer-group", p, extra);
            }
        };
    }
}
