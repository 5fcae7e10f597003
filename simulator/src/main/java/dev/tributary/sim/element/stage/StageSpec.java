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
import java.util.List;

/**
 * A pipeline stage: a bounded queue of {@code capacity} waiting places served by the workers of the
 * group reading it, and what it does when full.
 */
public record StageSpec(String id, int capacity, WhenFull whenFull, int admitBelow, Pool pool) implements ChannelSpec {

    /** Most waiting places a stage may have (a stage is a bounded buffer, not a backlog). */
    public static final int MAX_CAPACITY = 1_000_000;
    /** {@code admitBelow} of a stage without admission control. */
    public static final int ADMIT_ALL = Integer.MAX_VALUE;
    private static final StageKind KIND = new StageKind();

    /** A stage without admission control or thread pool controller. */
    public StageSpec(String id, int capacity, WhenFull whenFull) {
        this(id, capacity, whenFull, ADMIT_ALL, null);
    }

    /**
     * SEDA's thread pool controller (Welsh, Culler and Brewer, SOSP 2001, §3.4): every {@code every}
     * seconds it looks at the stage's queue and starts one more thread when more than
     * {@code growAbove} events wait, up to {@code max}; a thread idle for {@code idle} seconds stops,
     * down to {@code min}. The reading group's instances are the {@code max} threads.
     */
    public record Pool(int min, int max, int growAbove, double every, double idle) {
    }

    /** Whether a newcomer is turned away early, while {@code admitBelow} or more wait. */
    public boolean admission() {
        return admitBelow != ADMIT_ALL;
    }

    /** Whether a full stage holds back its sender (admission control sheds before the stage is ever full). */
    public boolean blocks() {
        return whenFull == WhenFull.BLOCK && !admission();
    }

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
    public List<String> figures() {
        List<String> f = new java.util.ArrayList<>(List.of("throughput", "arrivalRate", "L", "Lq", "W", "Wq",
                "utilization", "latency.p50", "latency.p95", "latency.p99", "maxQueue", "backlog", "rejected",
                "lossProbability"));
        if (admission()) {
            f.add("admissionRejected");
        }
        if (pool != null) {
            f.addAll(List.of("threads", "maxThreads", "grows", "shrinks"));
        }
        return f;
    }

    /** A pool's samples, and at most one idle timer per event handled (a thread goes idle after an event). */
    @Override
    public double ownEvents(double rate, double duration) {
        return pool == null ? 0 : duration / pool.every() + rate * duration;
    }

    @Override
    public Drawing drawing() {
        return new Drawing(Drawing.Shape.QUEUE, 1, capacity);
    }

    @Override
    public String describe() {
        return "stage, capacity " + capacity + ", when full " + Fields.word(whenFull)
                + (admission() ? ", admits below " + admitBelow + " waiting" : "")
                + (pool == null ? "" : ", pool of " + pool.min() + " to " + pool.max() + " threads");
    }

    @Override
    public List<ReaderProblem> checkReaders(List<ConsumerSpec> readers) {
        if (pool == null) {
            return List.of();
        }
        if (readers.size() > 1) {
            return List.of(new ReaderProblem(readers.get(1).id(), "from", "stage '" + id + "' has a thread pool, which"
                    + " is one group's threads; expected one group reading it"));
        }
        if (readers.size() == 1 && readers.get(0).instances() != pool.max()) {
            return List.of(new ReaderProblem(readers.get(0).id(), "instances", "reads stage '" + id + "', whose pool"
                    + " grows to " + pool.max() + " threads; expected instances: " + pool.max() + " (the group's"
                    + " instances are the pool's threads)"));
        }
        return List.of();
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
        StageChannel stage = (StageChannel) runtime;
        stage.station.groupsComplete();
        if (stage.pool != null) {
            stage.pool.ready();
        }
    }

    @Override
    public Network.ChannelNode theory(Topology topology) {
        return new StageTheory(this, topology);
    }
}
