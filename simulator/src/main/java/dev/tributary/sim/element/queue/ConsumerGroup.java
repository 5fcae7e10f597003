package dev.tributary.sim.element.queue;

import dev.tributary.sim.element.Attempts;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Element;
import dev.tributary.sim.element.Emitter;
import dev.tributary.sim.element.GroupStats;
import dev.tributary.sim.element.MemberControl;
import dev.tributary.sim.element.Messages;
import dev.tributary.sim.metrics.LatencyRecorder;
import java.util.Map;

/**
 * A consumer group reading a queue (competing with any other group on it) or its own copy of a
 * topic. The waiting line belongs to the {@link QueueStation}; the group keeps its own counts.
 */
public final class ConsumerGroup extends Element implements MemberControl {

    final ConsumerSpec spec;
    final GroupStats stats;
    final QueueStation station;
    private final Emitter emitter;
    /** True when the station is this group's own copy of a topic (nobody else samples it). */
    private final boolean topicSubscription;
    /** Its failures, breaker and faults, or null when it has none. */
    final Attempts attempts;
    private int busyWorkers;
    /**
     * True when the group is its queue's only reader (set once the model is built): its busy workers are
     * then the station's, set at the same instants to the same values, so their time average is the
     * station's to the bit and is not kept a second time on the hot path.
     */
    private boolean busyShared;
    /**
     * True when the group is its queue's only reader and has no failures (set once the model is built): the
     * station then records the group's end-to-end time together with its own sojourn time when they are equal.
     */
    boolean endToEndPaired;
    private double lastSojournSum;
    private long lastSojournCount;
    private double intervalW = Double.NaN;
    /** Whether some emit target holds its workers back when full (a stage): only then are held workers measured. */
    private final boolean backpressured;
    /** Workers holding a finished event for a full stage downstream (time-average). */
    private final dev.tributary.sim.metrics.TimeAverage holding = new dev.tributary.sim.metrics.TimeAverage();
    private int heldWorkers;
    /** Events whose emit found a stage full and were held by their worker. */
    private long held;

    /** A group of element {@code index} served by {@code station}; a topic subscription owns its station. */
    public ConsumerGroup(ConsumerSpec spec, int index, QueueStation station, Context context, Emitter emitter,
                         boolean topicSubscription) {
        super(spec.id(), index);
        this.spec = spec;
        this.station = station;
        this.stats = new GroupStats(context.keySpace());
        this.emitter = emitter;
        this.topicSubscription = topicSubscription;
        this.attempts = Attempts.of(spec, index, context, emitter, stats);
        this.backpressured = emitter != null && emitter.backpressured();
        context.registerMembers(spec.id(), this);
    }

    @Override
    public void crash(int n) {
        int w = station.workerOf(this, n);
        if (w >= 0) {
            station.crash(w);
        }
    }

    @Override
    public void stop(int n) {
        int w = station.workerOf(this, n);
        if (w >= 0) {
            station.stop(w);
        }
    }

    @Override
    public void start(int n) {
        int w = station.workerOf(this, n);
        if (w >= 0) {
            station.start(w);
        }
    }

    /** A queue worker is not paused by a fault (stuck consumers are a stream group's: the binder refuses it). */
    @Override
    public void pause(int n, boolean on) {
    }

    @Override
    public String kind() {
        return "consumer-group";
    }

    void workerBusy(double now, int delta) {
        busyWorkers += delta;
        if (!busyShared) {
            stats.busy.set(now, busyWorkers);
        }
    }

    void completed(double now, double started, Messages handled, int slot) {
        stats.completed(now, handled.enqueued(slot), started, handled.origin(slot), handled.key(slot), handled.id(slot));
        if (emitter != null) {
            emitter.emit(handled, slot);
        }
    }

    /**
     * Like {@link #completed}, but the worker offers itself as {@code sender} to full stages: returns
     * −1 when the follow-ups went out, or the emit target the worker must hold its event for. When
     * {@code paired} ({@link #endToEndPaired}, the event's end-to-end time equal to its sojourn time),
     * the station records the end-to-end time together with its sojourn time, and the group records it
     * itself only when the worker is held, since the station's sojourn time then ends later. Recording
     * it after the emits instead of before changes nothing: without failures nothing the emits start
     * records into this group.
     */
    int completedHolding(double now, double started, Messages handled, int slot, dev.tributary.sim.element.Sender sender,
                         boolean paired) {
        double origin = handled.origin(slot);
        stats.completed(now, handled.enqueued(slot), started, origin, handled.key(slot), handled.id(slot), !paired);
        int full = emitter == null ? -1 : emitter.emit(handled, slot, sender);
        if (paired && full >= 0) {
            stats.endToEnd.record(now - origin);
        }
        return full;
    }

    /** Re-offers a held event to the stage that had no room, then the remaining emits; as {@link #completedHolding}. */
    int resumeEmit(Messages handled, int slot, int full, dev.tributary.sim.element.Sender sender) {
        return emitter.resume(handled, slot, full, sender);
    }

    /** A worker starts ({@code +1}) or stops ({@code −1}) holding a finished event for a full stage. */
    void workerHeld(double now, int delta) {
        if (delta > 0) {
            held++;
        }
        heldWorkers += delta;
        holding.set(now, heldWorkers);
    }

    void departed(double now, double started, Messages m, int slot) {
        stats.departed(now, m.enqueued(slot), started);
    }

    /**
     * Called once the model is built: a group that is its queue's only reader reads its sojourn and
     * wait times from the queue instead of recording every one a second time on the hot path.
     */
    void shareTimesWithStationIfSole() {
        stats.recordTimes = !ownsStation();
        busyShared = ownsStation();
        if (!ownsStation()) {
            stats.pairTimes();
        } else if (attempts == null && !endToEndPaired) {
            // an event produced straight into the queue has end-to-end time = sojourn time: counted once
            LatencyRecorder.pair(station.sojourn, stats.endToEnd);
            endToEndPaired = true;
        }
    }

    /** Whether this group is the only one reading its queue, so the queue's line is its own. */
    boolean ownsStation() {
        return station.groups.size() == 1;
    }

    @Override
    public void reset(double now) {
        stats.reset(now);
        if (attempts != null) {
            attempts.reset(now);
        }
        lastSojournSum = 0;
        lastSojournCount = 0;
        holding.reset(now);
        held = 0;
    }

    @Override
    public void sample(double now, double interval) {
        LatencyRecorder times = ownsStation() ? station.sojourn : stats.sojourn;
        long n = times.count() - lastSojournCount;
        intervalW = n == 0 ? Double.NaN : (times.sum() - lastSojournSum) / n;
        lastSojournSum = times.sum();
        lastSojournCount = times.count();
        if (attempts != null) {
            attempts.sample(this, now, interval);
        }
        if (topicSubscription) {
            station.sample(this, "", now, interval);
            return;
        }
        series("throughput").add(now, stats.takeSampleCompletions() / interval);
        series("busy").add(now, busyWorkers);
        if (backpressured) {
            series("held").add(now, heldWorkers);
        }
        if (ownsStation()) {
            series("L").add(now, station.queued() + station.busyWorkers());
            series("Lq").add(now, station.queued());
        }
    }

    @Override
    public void measure(double now, double window, Map<String, Double> out) {
        boolean sole = ownsStation();
        double l = sole ? station.waiting.mean(now) + station.busy.mean(now) : Double.NaN;
        out.put("throughput", stats.completions / window);
        if (sole) {
            out.put("L", l);
            out.put("Lq", station.waiting.mean(now));
        }
        // the sole reader's times are recorded once, by its queue (see shareTimesWithStationIfSole)
        LatencyRecorder sojourn = sole ? station.sojourn : stats.sojourn;
        out.put("W", sojourn.mean());
        out.put("Wq", (sole ? station.wait : stats.wait).mean());
        out.put("utilization", (busyShared ? station.busy : stats.busy).mean(now) / spec.instances());
        out.put("latency.p50", sojourn.percentile(50));
        out.put("latency.p95", sojourn.percentile(95));
        out.put("latency.p99", sojourn.percentile(99));
        out.put("endToEnd.mean", stats.endToEnd.mean());
        out.put("endToEnd.p50", stats.endToEnd.percentile(50));
        out.put("endToEnd.p99", stats.endToEnd.percentile(99));
        out.put("outOfOrder", (double) stats.outOfOrder);
        if (sole) {
            out.put("lag", l);
            out.put("backlog", (double) station.inSystem());
        }
        if (attempts != null) {
            attempts.measure(now, window, out);
        }
        if (backpressured) {
            // blocking after service: a held worker is occupied (it counts in utilization) but serves nothing
            out.put("held", (double) held);
            out.put("heldWorkers", holding.mean(now));
            out.put("heldFraction", holding.mean(now) / spec.instances());
            out.put("heldSeconds", holding.area(now));
        }
    }

    @Override
    public double gauge(String figure) {
        return switch (figure) {
            case "lag" -> station.queued() + busyWorkers;
            case "processing-time" -> intervalW;
            case "error-rate" -> attempts == null ? 0 : attempts.intervalErrorRate();
            default -> Double.NaN;
        };
    }

    @Override
    public void snapshot(Map<String, Double> out) {
        out.put("busy", (double) busyWorkers);
        out.put("instances", (double) spec.instances());
        out.put("completions", (double) stats.completions);
        out.put("outOfOrder", (double) stats.outOfOrder);
        if (attempts != null) {
            attempts.snapshot(out);
        }
        if (backpressured) {
            out.put("held", (double) heldWorkers);
        }
        if (topicSubscription) {
            out.put("queued", (double) station.queued());
        }
        station.workerFlags(this, out);
    }
}
