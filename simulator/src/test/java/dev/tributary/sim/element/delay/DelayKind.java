package dev.tributary.sim.element.delay;

import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Drawing;
import dev.tributary.sim.element.Element;
import dev.tributary.sim.element.Emitter;
import dev.tributary.sim.element.MessageRing;
import dev.tributary.sim.element.Messages;
import dev.tributary.sim.element.Sender;
import dev.tributary.sim.element.Topology;
import dev.tributary.sim.element.queue.ConsumerGroup;
import dev.tributary.sim.element.queue.QueueSpec;
import dev.tributary.sim.element.queue.QueueStation;
import dev.tributary.sim.engine.EventHandler;
import dev.tributary.sim.format.Fields;
import dev.tributary.sim.theory.ElementPrediction;
import dev.tributary.sim.theory.Flow;
import dev.tributary.sim.theory.Network;
import dev.tributary.sim.theory.Prediction;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A test-only kind, {@code type: delay}: holds every event for a fixed time, then hands it to the
 * queue its group reads. It lives in the test sources and reaches the model only through the
 * registry's public API, which is what {@code ElementKindRegistryTest} proves.
 */
public final class DelayKind implements ChannelKind {

    @Override
    public String word() {
        return "delay";
    }

    @Override
    public String summary() {
        return "holds each event for a fixed time before its consumers see it";
    }

    @Override
    public Map<String, String> keys() {
        return Map.of("delay", "how long each event is held");
    }

    @Override
    public ChannelSpec bind(String id, Fields f) {
        double delay = f.duration("delay", 1, false);
        return id == null ? null : new DelaySpec(id, delay);
    }

    /** The bound channel. */
    public record DelaySpec(String id, double delay) implements ChannelSpec {
        @Override
        public ChannelKind kind() {
            return new DelayKind();
        }

        @Override
        public Drawing drawing() {
            return new Drawing(Drawing.Shape.QUEUE, 1, Integer.MAX_VALUE);
        }

        @Override
        public String describe() {
            return "holds each event " + delay + " s";
        }

        @Override
        public Channel build(int index, Context context) {
            return new DelayChannel(this, index, context);
        }

        @Override
        public Element subscribe(ConsumerSpec c, Channel runtime, int index, Context context, Emitter emitter) {
            DelayChannel d = (DelayChannel) runtime;
            ConsumerGroup g = new ConsumerGroup(c, index, d.station, context, emitter, true);
            d.station.addWorkers(g, c.service(), context.random(c.id(), "service"), c.instances());
            d.station.groupsComplete();
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
                public Network.GroupLoad load(Network.Group g, Network net) {
                    return Network.GroupLoad.ownStation(g, net.inflowOf(id));
                }

                @Override
                public ElementPrediction channel(Network net) {
                    Map<String, Object> extra = new LinkedHashMap<>();
                    extra.put("model", "fixed delay");
                    extra.put("throughput", net.inflowOf(id).rate());
                    return new ElementPrediction(id, "delay", null, extra);
                }

                @Override
                public ElementPrediction group(Network.Group g, Network net) {
                    return new ElementPrediction(g.id(), "consumer-group", load(g, net).prediction(), Map.of());
                }
            };
        }
    }

    /** Holds events in a ring until their time comes, then offers them to its station. */
    static final class DelayChannel extends Channel implements EventHandler {
        private final DelaySpec spec;
        private final Context context;
        private final MessageRing held = new MessageRing();
        final QueueStation station;
        private long passed;

        DelayChannel(DelaySpec spec, int index, Context context) {
            super(spec.id(), index);
            this.spec = spec;
            this.context = context;
            this.station = new QueueStation(context, index, Integer.MAX_VALUE, QueueSpec.Overflow.REJECT);
        }

        @Override
        public String kind() {
            return "delay";
        }

        @Override
        public boolean offer(Messages from, int slot, Sender sender) {
            held.add(from, slot, context.now());
            context.engine().schedule(spec.delay(), this, 0, 0);
            return true;
        }

        @Override
        public void handle(int kind, long arg) {
            // a fixed delay keeps the order: the oldest held event is the one whose time has come
            int s = held.headSlot();
            Messages m = held.store();
            passed++;
            station.offer(m, s, null);
            held.removeHead();
        }

        @Override
        public void reset(double now) {
            passed = 0;
            station.reset(now);
        }

        @Override
        public void sample(double now, double interval) {
            series("held").add(now, held.size());
        }

        @Override
        public void measure(double now, double window, Map<String, Double> out) {
            out.put("throughput", passed / window);
        }

        @Override
        public void snapshot(Map<String, Double> out) {
            out.put("held", (double) held.size());
        }
    }
}
