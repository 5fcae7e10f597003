package dev.tributary.sim.element.stage;

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
import dev.tributary.sim.element.queue.QueueStation;
import dev.tributary.sim.format.Fields;
import dev.tributary.sim.theory.Network;

/**
 * A pipeline stage: a bounded queue of {@code capacity} waiting places served by the workers of the
 * group reading it, and what it does when full.
 */
public record StageSpec(String id, int capacity, WhenFull whenFull) implements ChannelSpec {

    /** Most waiting places a stage may have (a stage is a bounded buffer, not a backlog). */
    public static final int MAX_CAPACITY = 1_000_000;
    private static final StageKind KIND = new StageKind();

    /** What a full stage does with a newcomer. */
    public enum WhenFull {
        /** The sender holds its event and waits for room: a producer stops, an upstream worker takes no new work. */
        BLOCK,
        /** The newcomer is rejected and counted. */
        SHED
    }

    @Override
    public ChannelKind kind() {
        return KIND;
    }

    @Override
    public Drawing drawing() {
        return new Drawing(Drawing.Shape.QUEUE, 1, capacity);
    }

    @Override
    public String describe() {
        return "stage, capacity " + capacity + ", when full " + Fields.word(whenFull);
    }

    @Override
    public Channel build(int index, Context context) {
        return new StageChannel(this, index, context);
    }

    @Override
    public Element subscribe(ConsumerSpec c, Channel runtime, int index, Context context, Emitter emitter) {
        QueueStation st = ((StageChannel) runtime).station;
        ConsumerGroup g = new ConsumerGroup(c, index, st, context, emitter, false);
        st.addWorkers(g, c.service(), context.random(c.id(), "service"), c.instances());
        return g;
    }

    @Override
    public void built(Channel runtime) {
        ((StageChannel) runtime).station.groupsComplete();
    }

    @Override
    public Network.ChannelNode theory(Topology topology) {
        return new StageTheory(this, topology);
    }
}
