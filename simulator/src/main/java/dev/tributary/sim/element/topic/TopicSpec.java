package dev.tributary.sim.element.topic;

import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Drawing;
import dev.tributary.sim.element.Element;
import dev.tributary.sim.element.Emitter;
import dev.tributary.sim.element.FailureLoad;
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
import java.util.List;
import java.util.Map;

/** Publish/subscribe topic: each subscribing group gets its own copy of every event. */
public record TopicSpec(String id) implements ChannelSpec {

    private static final TopicKind KIND = new TopicKind();

    @Override
    public ChannelKind kind() {
        return KIND;
    }

    @Override
    public java.util.List<String> figures() {
        return java.util.List.of("throughput", "published");
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
        ConsumerGroup g = new ConsumerGroup(c, index, sub, context, emitter, true);
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

            /**
             * The group's own copy of the topic: a queue of its own with its instances as workers. With
             * failures, the failure-adjusted rate and service on the approximate path (the exact GI/M/c
             * for renewal arrivals does not include retried attempts).
             */
            private Prediction station(Network.Group c, Network net) {
                Flow in = net.inflowOf(id);
                FailureLoad f = failures(c, in);
                if (!f.any()) {
                    return new Station(in.rate(), in.renewal(), in.ca2(), c.instances(), c.service(), Integer.MAX_VALUE,
                            Station.Full.REJECT).predict();
                }
                Prediction p = new Station(in.rate() * f.rateFactor(), in.ca2(), c.instances(), f.service(c.service()),
                        Integer.MAX_VALUE).predict();
                List<String> caveats = new java.util.ArrayList<>(f.caveats());
                if (in.renewal() != null && !in.renewal().poisson()) {
                    caveats.add("failures: the exact GI/M/c for renewal arrivals does not include retried attempts; the"
                            + " line is modelled with the arrivals' ca² only");
                }
                return p.relabel(p.model(), p.reason() + f.reason(in.rate()), caveats);
            }

            @Override
            public Network.GroupLoad load(Network.Group c, Network net) {
                Flow in = net.inflowOf(id);
                Prediction p = station(c, net);
                FailureLoad f = failures(c, in);
                return new Network.GroupLoad(in, in.rate(), p.throughput() * f.successPerPass(),
                        Network.departureCa2(p, c.service()), !f.any() && Network.poissonDepartures(p), p);
            }

            private FailureLoad failures(Network.Group c, Flow in) {
                return FailureLoad.of(c.id(), topology.consumersOf(id), in, topology);
            }

            @Override
            public Map<String, Flow> sideFlows(Network.Group c, Network net) {
                Network.GroupLoad load = load(c, net);
                return failures(c, load.flow()).deadLetters(load.flow(), load.prediction());
            }

            @Override
            public double successW(Network.Group c, Network net, Prediction p) {
                Flow in = net.inflowOf(id);
                return failures(c, in).successW(p, in.rate());
            }

            @Override
            public Map<String, ElementPrediction> groupParts(Network.Group c, Network net) {
                Flow in = net.inflowOf(id);
                return failures(c, in).stages(in.rate());
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
                boolean faulted = topology.faulted(id);
                extra.put("exact", !faulted);
                if (faulted) {
                    extra.put("caveats", List.of("faults upstream (fail, slow, redrive) make the run a transient: the prediction is the steady state without them"));
                }
                extra.put("throughput", in.rate());
                return new ElementPrediction(id, "topic", null, extra);
            }

            @Override
            public ElementPrediction group(Network.Group c, Network net) {
                Map<String, Object> extra = new LinkedHashMap<>();
                Network.GroupLoad load = load(c, net);
                Prediction station = station(c, net);
                Prediction p = net.overRun(station);
                FailureLoad f = failures(c, load.flow());
                if (p != station && f.any()) {
                    p = p.approximate("approximation: with failures, the figures over the run treat every attempt as a"
                            + " fresh arrival at the line", Prediction.Errs.EITHER);
                }
                if (p.stable()) {
                    extra.put("lag", p.L());
                    p = p.with("backlog", p.L());
                } else if (p.figures().get("L") instanceof Double l) {
                    extra.put("lag", l);
                }
                if (f.any()) {
                    double lambda = load.lambda();
                    f.figures(extra, lambda, load.prediction(), pf -> f.rho(pf, lambda, c.instances(), lambda, c.service()));
                }
                return new ElementPrediction(c.id(), "consumer-group", p, extra);
            }
        };
    }
}
