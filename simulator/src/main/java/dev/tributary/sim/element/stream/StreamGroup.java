package dev.tributary.sim.element.stream;

import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.element.Attempts;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Element;
import dev.tributary.sim.element.Emitter;
import dev.tributary.sim.element.GroupStats;
import dev.tributary.sim.element.IntervalAverages;
import dev.tributary.sim.element.Messages;
import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.engine.EventHandler;
import dev.tributary.sim.engine.RandomStream;
import dev.tributary.sim.metrics.LatencyRecorder;
import dev.tributary.sim.metrics.TimeAverage;
import java.util.Arrays;
import java.util.Map;

/**
 * A consumer group on a stream: each partition is assigned to exactly one member; a member handles
 * one record at a time, taking the oldest pending record among its partitions, so per-partition
 * order is kept. Members beyond the partition count get nothing and stay idle.
 *
 * <p>Lag of a partition = log-end offset − committed offset. Until offset commits are modelled a
 * record counts as committed when its processing completes, so lag includes the record in service.
 */
final class StreamGroup extends Element implements EventHandler {

    private static final int COMPLETE = 0;
    private static final int START = 1;
    private static final int RETRY = 2;

    final ConsumerSpec spec;
    private final StreamOptions options;
    final StreamChannel stream;
    final GroupStats stats;
    private final Emitter emitter;
    private final Engine engine;
    private final Context context;
    private final Distribution service;
    private final RandomStream random;

    final int[][] memberPartitions;
    final int[] owner;
    final long[] position;
    final long[] committed;
    private boolean active;

    private final boolean[] busy;
    /** The record each member handles, with its partition. */
    private final Messages inService;
    private final double[] started;
    private int busyCount;
    /** Its failures, breaker and faults, or null when it has none (then the arrays below are null too). */
    private final Attempts attempts;
    private final boolean[] parked;
    private final boolean[] fails;
    private final double[] attemptStart;
    private double lastSojournSum;
    private long lastSojournCount;
    private double intervalW = Double.NaN;

    final TimeAverage lag = new TimeAverage();
    final TimeAverage[] partitionLag;
    private double lagSecondsSum;
    private long lagSecondsCount;
    private double lagSecondsMax;
    private final double[] partitionLagSeconds;
    private final double[] partitionLagSecondsSum;
    /** Time in system of each partition's records (sum and count), for a per-partition W. */
    private final double[] partitionSojournSum;
    private final long[] partitionCompleted;
    private final IntervalAverages intervals = new IntervalAverages();
    /** Drain times after faults and rate changes, or null when the run has none. */
    private final StreamDrain drain;

    StreamGroup(ConsumerSpec spec, int index, StreamChannel stream, Context context, Emitter emitter) {
        super(spec.id(), index);
        this.spec = spec;
        this.options = StreamOptions.of(spec);
        this.stream = stream;
        this.engine = context.engine();
        this.context = context;
        this.emitter = emitter;
        this.service = spec.service();
        this.random = context.random(spec.id(), "service");
        this.stats = new GroupStats(context.keySpace());
        int p = stream.partitions.length;
        int n = spec.instances();
        memberPartitions = options.assignment().assign(p, n);
        owner = new int[p];
        for (int m = 0; m < n; m++) {
            for (int part : memberPartitions[m]) {
                owner[part] = m;
            }
        }
        position = new long[p];
        committed = new long[p];
        partitionLag = new TimeAverage[p];
        partitionLagSeconds = new double[p];
        partitionLagSecondsSum = new double[p];
        partitionSojournSum = new double[p];
        partitionCompleted = new long[p];
        for (int i = 0; i < p; i++) {
            partitionLag[i] = new TimeAverage();
        }
        busy = new boolean[n];
        inService = new Messages(n);
        started = new double[n];
        this.attempts = Attempts.of(spec, index, context, emitter, stats);
        this.parked = attempts == null ? null : new boolean[n];
        this.fails = attempts == null ? null : new boolean[n];
        this.attemptStart = attempts == null ? null : new double[n];
        if (attempts != null) {
            attempts.onWake(this::resume);
        }
        this.drain = StreamDrain.of(this, context.drainMarks(), p);
    }

    @Override
    public String kind() {
        return "consumer-group";
    }

    /** Schedules the group's start (immediately, or later for a group that joins late and replays). */
    @Override
    public void start() {
        engine.scheduleAt(spec.start(), this, START, 0);
        if (drain != null) {
            drain.start(engine);
        }
    }

    /** The oldest offset of partition {@code p} this group may still read (or report the age of). */
    long oldestNeeded(int p) {
        return committed[p];
    }

    private void begin() {
        double now = engine.now();
        active = true;
        long total = 0;
        for (int p = 0; p < position.length; p++) {
            PartitionLog part = stream.partitions[p];
            long at = switch (options.offset()) {
                case "earliest" -> part.startOffset;
                case "latest" -> part.endOffset;
                default -> Math.max(part.startOffset, Math.min(part.endOffset, Long.parseLong(options.offset())));
            };
            position[p] = at;
            committed[p] = at;
            partitionLag[p].set(now, part.endOffset - at);
            total += part.endOffset - at;
            part.forgetBefore(stream.oldestNeeded(p));
        }
        lag.set(now, total);
        for (int m = 0; m < busy.length; m++) {
            fetch(m, now);
        }
    }

    void appended(int p) {
        if (!active) {
            return;
        }
        double now = engine.now();
        lag.add(now, 1);
        partitionLag[p].add(now, 1);
        int m = owner[p];
        if (!busy[m] && memberPartitions[m].length > 0 && (parked == null || !parked[m])) {
            fetch(m, now);
        }
    }

    /** Partition {@code p} has a leader again: its owner, if idle, fetches. */
    void available(int p) {
        int m = owner[p];
        if (active && !busy[m] && (parked == null || !parked[m])) {
            fetch(m, engine.now());
        }
    }

    void expired(int p, long logStart) {
        if (!active || position[p] >= logStart) {
            return;
        }
        stats.expired += logStart - position[p];
        position[p] = logStart;
        int m = owner[p];
        if (!(busy[m] && inService.partition(m) == p)) {
            commit(p, logStart, engine.now());
        }
    }

    private void commit(int p, long offset, double now) {
        long delta = offset - committed[p];
        committed[p] = offset;
        lag.add(now, -delta);
        partitionLag[p].add(now, -delta);
        stream.partitions[p].forgetBefore(stream.oldestNeeded(p));
        if (drain != null && offset == stream.partitions[p].endOffset) {
            drain.emptied(p, now);
        }
    }

    private void fetch(int m, double now) {
        if (attempts != null) {
            fetchAndAttempt(m, now);
            return;
        }
        int[] parts = memberPartitions[m];
        int best = -1;
        double bestTime = Double.POSITIVE_INFINITY;
        for (int part : parts) {
            PartitionLog pt = stream.partitions[part];
            if (position[part] < pt.endOffset && stream.available(part)) {
                double t = pt.store().enqueued(pt.slotOf(position[part]));
                if (t < bestTime) {
                    bestTime = t;
                    best = part;
                }
            }
        }
        if (best < 0) {
            if (busy[m]) {
                busy[m] = false;
                busyCount--;
                stats.busy.set(now, busyCount);
            }
            return;
        }
        PartitionLog pt = stream.partitions[best];
        inService.copy(m, pt.store(), pt.slotOf(position[best]));
        inService.setPartition(m, best);
        inService.setOffset(m, position[best]);
        position[best]++;
        started[m] = now;
        if (!busy[m]) {
            busy[m] = true;
            busyCount++;
            stats.busy.set(now, busyCount);
        }
        context.moved(stream.index, index, inService.key(m), m);
        engine.schedule(service.sample(random), this, COMPLETE, m);
    }

    /** The partition whose next record is oldest among member {@code m}'s, or −1 when all are read. */
    private int oldestPending(int m) {
        int best = -1;
        double bestTime = Double.POSITIVE_INFINITY;
        for (int part : memberPartitions[m]) {
            PartitionLog pt = stream.partitions[part];
            if (position[part] < pt.endOffset && stream.available(part)) {
                double t = pt.store().enqueued(pt.slotOf(position[part]));
                if (t < bestTime) {
                    bestTime = t;
                    best = part;
                }
            }
        }
        return best;
    }

    private void setBusy(int m, boolean b, double now) {
        if (busy[m] != b) {
            busy[m] = b;
            busyCount += b ? 1 : -1;
            stats.busy.set(now, busyCount);
        }
    }

    /** {@link #fetch} for a group with failures: the breaker may park the member or pass records unattempted. */
    private void fetchAndAttempt(int m, double now) {
        while (true) {
            int best = oldestPending(m);
            if (best < 0) {
                setBusy(m, false, now);
                return;
            }
            boolean allowed = attempts.permits();
            if (!allowed && attempts.waitsWhenOpen()) {
                setBusy(m, false, now);
                parked[m] = true; // the breaker is open: the member's partitions wait
                return;
            }
            PartitionLog pt = stream.partitions[best];
            inService.copy(m, pt.store(), pt.slotOf(position[best]));
            inService.setPartition(m, best);
            inService.setOffset(m, position[best]);
            position[best]++;
            if (!allowed) {
                // not attempted: to the DLQ, or through with a fallback; committed at once
                commit(best, position[best], now);
                if (attempts.notLetThrough(inService, m, now)) {
                    stats.completed(now, inService.enqueued(m), now, inService.origin(m), inService.key(m), inService.id(m));
                    if (emitter != null) {
                        emitter.emit(inService, m);
                    }
                } else {
                    stats.departed(now, inService.enqueued(m), now);
                }
                continue;
            }
            started[m] = now;
            setBusy(m, true, now);
            context.moved(stream.index, index, inService.key(m), m);
            double s = service.sample(random);
            attemptStart[m] = now;
            fails[m] = attempts.begin(inService, m);
            engine.schedule(attempts.duration(s, fails[m]), this, COMPLETE, m);
            return;
        }
    }

    /** A blocking retry's backoff is over: member {@code m} tries its record again (its partitions waited). */
    private void retry(int m) {
        double now = engine.now();
        attempts.backoffOver(now);
        if (!attempts.permits()) {
            if (attempts.shortCircuited(inService, m, now) == Attempts.RETRY_HERE) {
                engine.schedule(attempts.backoffDelay(), this, RETRY, m);
                return;
            }
            leave(m, now);
            return;
        }
        attemptStart[m] = now;
        fails[m] = attempts.begin(inService, m);
        engine.schedule(attempts.duration(service.sample(random), fails[m]), this, COMPLETE, m);
    }

    /** Member {@code m}'s record leaves without success: committed, and the member moves on. */
    private void leave(int m, double now) {
        int p = inService.partition(m);
        commit(p, position[p], now);
        stats.departed(now, inService.enqueued(m), started[m]);
        fetch(m, now);
    }

    /** The breaker lets records through again: parked members fetch. */
    private void resume() {
        double now = engine.now();
        for (int m = 0; m < parked.length; m++) {
            if (parked[m]) {
                parked[m] = false;
                fetch(m, now);
            }
        }
    }

    @Override
    public void handle(int kind, long arg) {
        if (kind == START) {
            begin();
            return;
        }
        int m = (int) arg;
        if (kind == RETRY) {
            retry(m);
            return;
        }
        double now = engine.now();
        if (attempts != null) {
            attempts.record(attemptStart[m], fails[m]);
            if (fails[m]) {
                if (attempts.failed(inService, m, now) == Attempts.RETRY_HERE) {
                    engine.schedule(attempts.backoffDelay(), this, RETRY, m); // blocking: the partitions wait
                    return;
                }
                leave(m, now);
                return;
            }
        }
        int p = inService.partition(m);
        commit(p, position[p], now);
        partitionSojournSum[p] += now - inService.enqueued(m);
        partitionCompleted[p]++;
        stats.completed(now, inService.enqueued(m), started[m], inService.origin(m), inService.key(m), inService.id(m));
        if (emitter != null) {
            emitter.emit(inService, m);
        }
        fetch(m, now);
    }

    /**
     * Age of the oldest uncommitted record over all partitions, in seconds (0 when caught up): the
     * "time lag" of Burrow and kafka-lag-exporter. Also fills each partition's own age.
     */
    double lagSeconds(double now) {
        double max = 0;
        for (int p = 0; p < position.length; p++) {
            PartitionLog pt = stream.partitions[p];
            double age = 0;
            if (committed[p] < pt.endOffset && committed[p] >= pt.startOffset) {
                age = now - pt.store().enqueued(pt.slotOf(committed[p]));
            }
            partitionLagSeconds[p] = age;
            max = Math.max(max, age);
        }
        return max;
    }

    int activeMembers() {
        int n = 0;
        for (int[] parts : memberPartitions) {
            if (parts.length > 0) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void reset(double now) {
        stats.reset(now);
        lag.reset(now);
        for (TimeAverage t : partitionLag) {
            t.reset(now);
        }
        lagSecondsSum = 0;
        lagSecondsCount = 0;
        lagSecondsMax = 0;
        Arrays.fill(partitionLagSecondsSum, 0);
        Arrays.fill(partitionSojournSum, 0);
        Arrays.fill(partitionCompleted, 0);
        intervals.reset();
        if (attempts != null) {
            attempts.reset(now);
        }
        lastSojournSum = 0;
        lastSojournCount = 0;
    }

    @Override
    public void sample(double now, double interval) {
        LatencyRecorder times = stats.sojourn;
        long n = times.count() - lastSojournCount;
        intervalW = n == 0 ? Double.NaN : (times.sum() - lastSojournSum) / n;
        lastSojournSum = times.sum();
        lastSojournCount = times.count();
        if (attempts != null) {
            attempts.sample(this, now, interval);
        }
        double l = lag.area(now);
        double b = stats.busy.area(now);
        intervals.sample(this, "", now, interval, l, l - b, b, spec.instances(), stats.sojourn, stats.wait);
        double ls = lagSeconds(now);
        lagSecondsSum += ls;
        lagSecondsCount++;
        lagSecondsMax = Math.max(lagSecondsMax, ls);
        for (int p = 0; p < partitionLagSeconds.length; p++) {
            partitionLagSecondsSum[p] += partitionLagSeconds[p];
        }
        series("lag").add(now, lag.value());
        series("lagSeconds").add(now, ls);
        series("throughput").add(now, stats.takeSampleCompletions() / interval);
        series("busy").add(now, busyCount);
        series("L").add(now, lag.value());
        series("Lq").add(now, lag.value() - busyCount);
    }

    @Override
    public void measure(double now, double window, Map<String, Double> out) {
        double l = lag.mean(now);
        double b = stats.busy.mean(now);
        out.put("throughput", stats.completions / window);
        out.put("L", l);
        out.put("Lq", l - b);
        out.put("W", stats.sojourn.mean());
        out.put("Wq", stats.wait.mean());
        out.put("utilization", b / spec.instances());
        out.put("latency.p50", stats.sojourn.percentile(50));
        out.put("latency.p95", stats.sojourn.percentile(95));
        out.put("latency.p99", stats.sojourn.percentile(99));
        out.put("endToEnd.mean", stats.endToEnd.mean());
        out.put("endToEnd.p50", stats.endToEnd.percentile(50));
        out.put("endToEnd.p99", stats.endToEnd.percentile(99));
        out.put("lag", l);
        out.put("lag.max", lag.max());
        out.put("lag.seconds", lagSecondsCount == 0 ? 0 : lagSecondsSum / lagSecondsCount);
        out.put("lag.secondsMax", lagSecondsMax);
        out.put("outOfOrder", (double) stats.outOfOrder);
        out.put("expired", (double) stats.expired);
        out.put("activeMembers", (double) activeMembers());
        for (int p = 0; p < partitionLag.length; p++) {
            out.put("partitions." + p + ".lag", partitionLag[p].mean(now));
            out.put("partitions." + p + ".lagSeconds", lagSecondsCount == 0 ? 0 : partitionLagSecondsSum[p] / lagSecondsCount);
            if (partitionCompleted[p] > 0) {
                out.put("partitions." + p + ".W", partitionSojournSum[p] / partitionCompleted[p]);
            }
        }
        // the lag at the end of the run, and how fast retention deleted records nobody had read
        out.put("backlog", lag.value());
        out.put("expiredRate", stats.expired / window);
        if (attempts != null) {
            attempts.measure(now, window, out);
        }
        if (drain != null) {
            drain.measure(out);
        }
    }

    @Override
    public double gauge(String figure) {
        return switch (figure) {
            case "lag" -> lag.value();
            case "processing-time" -> intervalW;
            case "error-rate" -> attempts == null ? 0 : attempts.intervalErrorRate();
            default -> Double.NaN;
        };
    }

    @Override
    public void snapshot(Map<String, Double> out) {
        out.put("lag", lag.value());
        out.put("busy", (double) busyCount);
        out.put("instances", (double) spec.instances());
        out.put("completions", (double) stats.completions);
        out.put("outOfOrder", (double) stats.outOfOrder);
        for (int p = 0; p < committed.length; p++) {
            out.put("partition." + p + ".committed", (double) committed[p]);
            out.put("partition." + p + ".owner", (double) owner[p]);
        }
        for (int m = 0; m < busy.length; m++) {
            out.put("worker." + m, busy[m] ? 1.0 : 0.0);
        }
        if (attempts != null) {
            attempts.snapshot(out);
        }
    }
}
