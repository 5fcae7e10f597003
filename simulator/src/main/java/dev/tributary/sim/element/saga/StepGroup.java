package dev.tributary.sim.element.saga;

import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Element;
import dev.tributary.sim.element.GroupFaults;
import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.engine.EventHandler;
import dev.tributary.sim.engine.RandomStream;
import dev.tributary.sim.metrics.LatencyRecorder;
import dev.tributary.sim.metrics.TimeAverage;
import java.util.Arrays;
import java.util.Map;

/**
 * The group handling one saga step: a FIFO of the step's commands (or events) and its compensations,
 * served by its instances. Each attempt fails with the group's failure probability (its
 * compensation's with {@code compensation-failures}); the outcome goes back to the saga, which
 * decides what follows. A job is (saga slot, token, compensation?): primitives in ring arrays.
 */
final class StepGroup extends Element implements EventHandler {

    final int step;
    private final ConsumerSpec spec;
    private final Engine engine;
    /** This element's id in the engine: scheduling by id stores no reference (see {@link Engine#register}). */
    private final int handler;
    private final SagaChannel saga;
    private final Distribution service;
    private final RandomStream random;
    private final RandomStream failureRandom;
    private final double failForward;
    private final double failCompensation;
    private final int instances;

    // waiting jobs: a ring
    private int[] qSaga = new int[16];
    private long[] qJob = new long[16];
    private double[] qTime = new double[16];
    private int head;
    private int size;
    // workers
    private final int[] wSaga;
    private final long[] wJob;
    private final double[] wArrived;
    private final double[] wStarted;
    private final int[] idle;
    private int idleCount;
    private int busyCount;

    final TimeAverage busy = new TimeAverage();
    final TimeAverage waiting = new TimeAverage();
    private LatencyRecorder sojourn = new LatencyRecorder();
    private LatencyRecorder wait = new LatencyRecorder(false);
    private long attempts;
    private long errors;
    private long compensations;
    private long lastSampleAttempts;
    // faults: a fail fault makes every attempt fail, a slow fault multiplies the service times
    private final GroupFaults faults = new GroupFaults();

    StepGroup(ConsumerSpec spec, int index, Context context, SagaChannel saga, int step, double failCompensation) {
        super(spec.id(), index);
        this.spec = spec;
        this.step = step;
        this.engine = context.engine();
        this.handler = engine.register(this);
        this.saga = saga;
        this.service = spec.service();
        this.random = context.random(spec.id(), "service");
        this.failureRandom = context.random(spec.id(), "failures");
        this.failForward = spec.failures() == null ? 0 : spec.failures().probability();
        this.failCompensation = failCompensation;
        this.instances = spec.instances();
        wSaga = new int[instances];
        wJob = new long[instances];
        wArrived = new double[instances];
        wStarted = new double[instances];
        idle = new int[instances];
        for (int w = 0; w < instances; w++) {
            idle[w] = instances - 1 - w; // worker 0 is taken first
        }
        idleCount = instances;
        context.register(spec.id(), faults);
    }

    @Override
    public String kind() {
        return "consumer-group";
    }

    /** A command (or event) for this step arrives: {@code job} is the token shifted left once, plus 1 for a compensation. */
    void arrive(int sagaSlot, long job) {
        double now = engine.now();
        if (idleCount > 0) {
            start(idle[--idleCount], sagaSlot, job, now, now);
            return;
        }
        if (size == qSaga.length) {
            grow();
        }
        int t = (head + size) % qSaga.length;
        qSaga[t] = sagaSlot;
        qJob[t] = job;
        qTime[t] = now;
        size++;
        waiting.set(now, size);
    }

    private void grow() {
        int n = qSaga.length * 2;
        int[] s = new int[n];
        long[] j = new long[n];
        double[] t = new double[n];
        for (int i = 0; i < size; i++) {
            int k = (head + i) % qSaga.length;
            s[i] = qSaga[k];
            j[i] = qJob[k];
            t[i] = qTime[k];
        }
        qSaga = s;
        qJob = j;
        qTime = t;
        head = 0;
    }

    private void start(int w, int sagaSlot, long job, double arrived, double now) {
        wSaga[w] = sagaSlot;
        wJob[w] = job;
        wArrived[w] = arrived;
        wStarted[w] = now;
        busyCount++;
        busy.set(now, busyCount);
        double d = service.sample(random);
        engine.schedule(faults.slowed(d), handler, 0, w);
    }

    @Override
    public void handle(int kind, long arg) {
        int w = (int) arg;
        double now = engine.now();
        long job = wJob[w];
        int sagaSlot = wSaga[w];
        boolean compensation = (job & 1) != 0;
        double p = compensation ? failCompensation : failForward;
        boolean ok = !(p > 0 && failureRandom.nextDouble() < p) && !faults.failing();
        attempts++;
        if (!ok) {
            errors++;
        } else if (compensation) {
            compensations++;
        }
        sojourn.record(now - wArrived[w]);
        wait.record(wStarted[w] - wArrived[w]);
        busyCount--;
        if (size > 0) {
            int k = head;
            head = (head + 1) % qSaga.length;
            size--;
            waiting.set(now, size);
            start(w, qSaga[k], qJob[k], qTime[k], now);
        } else {
            idle[idleCount++] = w;
            busy.set(now, busyCount);
        }
        saga.stepDone(this, sagaSlot, job, ok);
    }

    /** Jobs waiting or in service. */
    int inSystem() {
        return size + busyCount;
    }

    @Override
    public void reset(double now) {
        busy.reset(now);
        waiting.reset(now);
        sojourn = new LatencyRecorder();
        wait = new LatencyRecorder(false);
        attempts = 0;
        errors = 0;
        compensations = 0;
        lastSampleAttempts = 0;
    }

    @Override
    public void sample(double now, double interval) {
        series("throughput").add(now, (attempts - lastSampleAttempts) / interval);
        lastSampleAttempts = attempts;
        series("busy").add(now, busyCount);
        series("L").add(now, size + busyCount);
        series("Lq").add(now, size);
    }

    @Override
    public void measure(double now, double window, Map<String, Double> out) {
        out.put("throughput", attempts / window);
        out.put("L", waiting.mean(now) + busy.mean(now));
        out.put("Lq", waiting.mean(now));
        out.put("W", sojourn.mean());
        out.put("Wq", wait.mean());
        out.put("utilization", busy.mean(now) / instances);
        out.put("latency.p50", sojourn.percentile(50));
        out.put("latency.p95", sojourn.percentile(95));
        out.put("latency.p99", sojourn.percentile(99));
        out.put("attempts", (double) attempts);
        out.put("errors", (double) errors);
        out.put("compensations", (double) compensations);
    }

    @Override
    public double gauge(String figure) {
        return figure.equals("lag") ? size + busyCount : Double.NaN;
    }

    @Override
    public void snapshot(Map<String, Double> out) {
        out.put("busy", (double) busyCount);
        out.put("instances", (double) instances);
        out.put("queued", (double) size);
        out.put("attempts", (double) attempts);
    }

    @Override
    public String toString() {
        return spec.id() + " " + Arrays.toString(new int[] {step, size, busyCount});
    }
}
