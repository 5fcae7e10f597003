package dev.tributary.sim.element.eventstore;

import dev.tributary.sim.distribution.Deterministic;
import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.distribution.Lognormal;
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
import dev.tributary.sim.theory.Network;
import dev.tributary.sim.value.Durations;

/** An event store: append time, replay time per event, snapshot interval, writers. */
public record EventStoreSpec(String id, double append, double replay, int snapshotEvery, int writers)
        implements ChannelSpec {

    private static final EventStoreKind KIND = new EventStoreKind();

    @Override
    public ChannelKind kind() {
        return KIND;
    }

    /**
     * The write time of one event: append + replay × J, where J, the events since the aggregate's last
     * snapshot, runs through 0 … N − 1 for every aggregate (uniform in the long run): mean
     * a + r(N − 1)/2, variance r²(N² − 1)/12. Only the first two moments enter the prediction.
     */
    public Distribution writeTime() {
        int n = snapshotEvery;
        double mean = append + replay * (n - 1) / 2.0;
        double sd = replay * Math.sqrt((n * (double) n - 1) / 12.0);
        return sd == 0 ? new Deterministic(mean) : new Lognormal(mean, sd);
    }

    /** One write completion per event taken. */
    @Override
    public double ownEvents(double rate, double duration) {
        return rate * duration;
    }

    /** What the store measures: its writers as a queueing station, snapshots and the events replayed. */
    @Override
    public java.util.List<String> figures() {
        return java.util.List.of("throughput", "L", "Lq", "W", "utilization", "latency.p50", "latency.p99",
                "snapshots", "replayed", "replayedPerEvent");
    }

    @Override
    public Drawing drawing() {
        return new Drawing(Drawing.Shape.STORE, 1, Integer.MAX_VALUE);
    }

    @Override
    public String describe() {
        return "event store: append " + Durations.format(append) + ", replay " + Durations.format(replay)
                + " per event, snapshot every " + snapshotEvery + ", " + writers + " writer" + (writers == 1 ? "" : "s");
    }

    @Override
    public Channel build(int index, Context context) {
        return new EventStoreChannel(this, index, context);
    }

    @Override
    public Element subscribe(ConsumerSpec c, Channel runtime, int index, Context context, Emitter emitter) {
        EventStoreChannel store = (EventStoreChannel) runtime;
        QueueStation view = new QueueStation(context, store.index, Integer.MAX_VALUE, QueueSpec.Overflow.REJECT);
        ConsumerGroup g = new ConsumerGroup(c, index, view, context, emitter, true);
        view.addWorkers(g, c.service(), context.random(c.id(), "service"), c.instances());
        view.groupsComplete();
        store.project(c.id(), view);
        return g;
    }

    @Override
    public Network.ChannelNode theory(Topology topology) {
        return new EventStoreTheory(this);
    }
}
