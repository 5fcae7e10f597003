package dev.tributary.sim.element;

import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.engine.EventHandler;
import dev.tributary.sim.engine.RandomStream;
import dev.tributary.sim.metrics.LatencyRecorder;
import dev.tributary.sim.metrics.TimeAverage;
import java.util.Map;

/**
 * One retry stage of a group with {@code mode: retry-topics} (Kafka's non-blocking retries, as
 * Spring's {@code @RetryableTopic}): a failed event is published to the stage, waits out the
 * stage's delay from the moment it entered, then is handled by the stage's own workers (as many
 * as the group has instances, with its service time), first come first served. Success publishes
 * the group's emits; failure passes the event to the next stage, or to the DLQ after the last.
 *
 * <p>Figures: {@code L}, {@code W} count the delay too; {@code Lq}, {@code Wq} are the wait in the
 * line after it; {@code throughput} counts every event that left the stage.
 */
public final class RetryStage extends Element implements Destination, EventHandler {

    private static final int DUE = 0;
    private static final int COMPLETE = 1;

    final double delay;
    private final Engine engine;
    /** This element's id in the engine: scheduling by id stores no reference (see {@link Engine#register}). */
    private final int handler;
    private final Context context;
    private final Attempts attempts;
    private final Distribution service;
    private final RandomStream random;
    private final Emitter emitter;
    private final GroupStats order;
    private final MessageRing delayed = new MessageRing();
    private final MessageRing queue = new MessageRing();
    private final int workers;
    private final Messages inService;
    private final double[] started;
    private final boolean[] busy;
    private final boolean[] parked;
    private final boolean[] fails;
    private final int[] idle;
    private int idleCount;
    private int busyCount;

    private final TimeAverage inDelay = new TimeAverage();
    private final TimeAverage waiting = new TimeAverage();
    private final TimeAverage busyAverage = new TimeAverage();
    private final LatencyRecorder sojourn = new LatencyRecorder();
    private final LatencyRecorder wait = new LatencyRecorder(false);
    private final IntervalAverages intervals = new IntervalAverages();
    private long arrivals;
    private long completions;
    private long succeeded;
    private long lastSampleCompletions;

    RetryStage(String id, int index, double delay, ConsumerSpec group, Context context, Attempts attempts,
               Emitter emitter, GroupStats order) {
        super(id, index);
        this.delay = delay;
        this.engine = context.engine();
        this.handler = engine.register(this);
        this.context = context;
        this.attempts = attempts;
        this.service = group.service();
        this.random = context.random(id, "service");
        this.emitter = emitter;
        this.order = order;
        this.workers = group.instances();
        this.inService = new Messages(workers);
        this.started = new double[workers];
        this.busy = new boolean[workers];
        this.parked = new boolean[workers];
        this.fails = new boolean[workers];
        this.idle = new int[workers];
        for (int w = workers - 1; w >= 0; w--) {
            idle[idleCount++] = w;
        }
        attempts.onWake(this::resume);
    }

    @Override
    public String kind() {
        return "retry-stage";
    }

    /** The stage's delay in seconds. */
    public double delay() {
        return delay;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public boolean offer(Messages from, int slot, Sender sender) {
        double now = engine.now();
        arrivals++;
        delayed.add(from, slot, now);
        inDelay.add(now, 1);
        engine.schedule(delay, handler, DUE, 0);
        return true;
    }

    @Override
    public void handle(int kind, long arg) {
        double now = engine.now();
        if (kind == DUE) {
            due(now);
        } else {
            complete((int) arg, now);
        }
    }

    /** The oldest delayed event is due: to a free worker, or to the line. */
    private void due(double now) {
        int h = delayed.headSlot();
        double entered = delayed.store().enqueued(h);
        int s = queue.add(delayed.store(), h, now);
        queue.store().setEnqueued(s, entered);
        delayed.removeHead();
        inDelay.add(now, -1);
        waiting.set(now, queue.size());
        while (idleCount > 0 && !queue.isEmpty()) {
            int w = idle[--idleCount];
            next(w, now);
        }
    }

    /** Worker {@code w} is free: it takes the next event in line, parks, or goes idle. */
    private void next(int w, double now) {
        while (!queue.isEmpty()) {
            if (!attempts.permits()) {
                if (attempts.waitsWhenOpen()) {
                    setBusy(w, false, now);
                    parked[w] = true;
                    return;
                }
                int h = queue.headSlot();
                Messages st = queue.store();
                double entered = st.enqueued(h);
                completions++;
                sojourn.record(now - entered);
                wait.record(now - entered - delay);
                if (attempts.notLetThrough(st, h, now)) {
                    succeed(st, h);
                }
                queue.removeHead();
                waiting.set(now, queue.size());
                continue;
            }
            inService.copy(w, queue.store(), queue.headSlot());
            queue.removeHead();
            waiting.set(now, queue.size());
            started[w] = now;
            setBusy(w, true, now);
            fails[w] = attempts.begin(inService, w);
            engine.schedule(attempts.duration(service.sample(random), fails[w]), handler, COMPLETE, w);
            return;
        }
        setBusy(w, false, now);
        idle[idleCount++] = w;
    }

    private void complete(int w, double now) {
        attempts.record(started[w], fails[w]);
        double entered = inService.enqueued(w);
        completions++;
        sojourn.record(now - entered);
        wait.record(started[w] - entered - delay);
        if (fails[w]) {
            attempts.failed(inService, w, now);
        } else {
            succeed(inService, w);
        }
        next(w, now);
    }

    private void succeed(Messages m, int slot) {
        succeeded++;
        order.handledElsewhere(engine.now(), m.origin(slot), m.key(slot), m.id(slot));
        if (emitter != null) {
            emitter.emit(m, slot);
        }
    }

    private void setBusy(int w, boolean b, double now) {
        if (busy[w] != b) {
            busy[w] = b;
            busyCount += b ? 1 : -1;
            busyAverage.set(now, busyCount);
        }
    }

    /** The breaker lets events through again: parked workers take up work. */
    private void resume() {
        double now = engine.now();
        for (int w = 0; w < workers; w++) {
            if (parked[w]) {
                parked[w] = false;
                next(w, now);
            }
        }
    }

    @Override
    public void reset(double now) {
        inDelay.reset(now);
        waiting.reset(now);
        busyAverage.reset(now);
        sojourn.reset();
        wait.reset();
        intervals.reset();
        arrivals = 0;
        completions = 0;
        succeeded = 0;
        lastSampleCompletions = 0;
    }

    @Override
    public void sample(double now, double interval) {
        double d = inDelay.area(now);
        double q = waiting.area(now);
        double b = busyAverage.area(now);
        intervals.sample(this, "", now, interval, d + q + b, q, b, workers, sojourn, wait);
        series("throughput").add(now, (completions - lastSampleCompletions) / interval);
        series("L").add(now, delayed.size() + queue.size() + busyCount);
        series("Lq").add(now, queue.size());
        series("busy").add(now, busyCount);
        lastSampleCompletions = completions;
    }

    @Override
    public void measure(double now, double window, Map<String, Double> out) {
        double d = inDelay.mean(now);
        double q = waiting.mean(now);
        double b = busyAverage.mean(now);
        out.put("throughput", completions / window);
        out.put("arrivalRate", arrivals / window);
        out.put("L", d + q + b);
        out.put("Lq", q);
        out.put("W", sojourn.mean());
        out.put("Wq", wait.mean());
        out.put("utilization", b / workers);
        out.put("delayed", d);
        out.put("succeeded", (double) succeeded);
        out.put("successRate", succeeded / window);
        out.put("latency.p50", sojourn.percentile(50));
        out.put("latency.p95", sojourn.percentile(95));
        out.put("latency.p99", sojourn.percentile(99));
    }

    @Override
    public void snapshot(Map<String, Double> out) {
        out.put("delayed", (double) delayed.size());
        out.put("queued", (double) queue.size());
        out.put("busy", (double) busyCount);
        out.put("workers", (double) workers);
        out.put("completions", (double) completions);
    }

    @Override
    public double gauge(String figure) {
        return figure.equals("size") ? delayed.size() + queue.size() + busyCount : Double.NaN;
    }
}
