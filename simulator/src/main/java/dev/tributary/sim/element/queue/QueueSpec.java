package dev.tributary.sim.element.queue;

import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Drawing;
import dev.tributary.sim.element.Element;
import dev.tributary.sim.element.Emitter;
import dev.tributary.sim.element.Topology;
import dev.tributary.sim.format.Fields;
import dev.tributary.sim.theory.Network;
import java.util.List;

/** Point-to-point queue: one shared FIFO, competing consumers. */
public record QueueSpec(String id, int capacity, Overflow overflow, double visibilityTimeout) implements ChannelSpec {

    /** Capacity meaning "unbounded". */
    public static final int UNBOUNDED = Integer.MAX_VALUE;
    /** SQS's default visibility timeout: a crashed worker's message is visible again after 30 s. */
    public static final double DEFAULT_VISIBILITY = 30;

    /** A queue with the default visibility timeout. */
    public QueueSpec(String id, int capacity, Overflow overflow) {
        this(id, capacity, overflow, DEFAULT_VISIBILITY);
    }
    private static final QueueKind KIND = new QueueKind();

    /** What a bounded queue does with an event that finds it full. */
    public enum Overflow {
        /** The event is refused and counted as rejected. */
        REJECT,
        /** The producer waits until there is room (backpressure). */
        BLOCK,
        /** The oldest waiting event is discarded to make room. */
        DROP_OLDEST
    }

    @Override
    public ChannelKind kind() {
        return KIND;
    }

    @Override
    public java.util.List<String> figures() {
        return java.util.List.of("throughput", "arrivalRate", "L", "Lq", "W", "Wq", "utilization", "latency.p50",
                "latency.p95", "latency.p99", "maxQueue", "backlog");
    }

    /** Whether the queue has a finite capacity. */
    public boolean bounded() {
        return capacity != UNBOUNDED;
    }

    /** A queue nobody reads keeps what it is sent, up to its capacity (90%: the count is random). */
    @Override
    public double heldAtLeast(double rate, double duration, List<ConsumerSpec> readers) {
        return !readers.isEmpty() ? 0 : Math.min(0.9 * rate * duration, bounded() ? capacity : Double.POSITIVE_INFINITY);
    }

    @Override
    public boolean redrivable() {
        return true;
    }

    @Override
    public Drawing drawing() {
        return new Drawing(Drawing.Shape.QUEUE, 1, capacity);
    }

    @Override
    public String describe() {
        return bounded() ? "capacity " + capacity + ", overflow " + Fields.word(overflow) : "unbounded FIFO";
    }

    @Override
    public Channel build(int index, Context context) {
        return new QueueChannel(this, index, context);
    }

    @Override
    public Element subscribe(ConsumerSpec c, Channel runtime, int index, Context context, Emitter emitter) {
        QueueStation st = ((QueueChannel) runtime).station;
        ConsumerGroup g = new ConsumerGroup(c, index, st, context, emitter, false);
        st.addWorkers(g, c.service(), context.random(c.id(), "service"), c.instances());
        return g;
    }

    @Override
    public void built(Channel runtime) {
        ((QueueChannel) runtime).station.groupsComplete();
    }

    @Override
    public Network.ChannelNode theory(Topology topology) {
        return new QueueTheory(this, topology);
    }
}
