package dev.tributary.sim.element.saga;

import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Drawing;
import dev.tributary.sim.element.Messages;
import dev.tributary.sim.element.Sender;
import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.engine.EventHandler;
import dev.tributary.sim.engine.RandomStream;
import dev.tributary.sim.metrics.LatencyRecorder;
import dev.tributary.sim.metrics.TimeAverage;
import java.util.Arrays;
import java.util.Map;

/**
 * The runtime of a saga definition: the state of every saga in flight (struct of arrays, slots
 * reused), the coordinator station (orchestration) and the rules that pick what follows each
 * outcome. Every event sent to it starts one saga.
 *
 * <p>Each command, event or compensation sent carries a fresh token; an outcome (a reply, a timeout)
 * whose token is no longer the saga's current one is stale — a reply after its step timed out — and
 * changes nothing. Every saga ends in exactly one of completed, compensated (a step failed and every
 * compensation succeeded), failed (some compensation failed out of attempts) or timed out (a step
 * ran out of attempts without a reply, its completed predecessors compensated), so that
 * started = completed + compensated + failed + timed out + in flight.
 */
final class SagaChannel extends Channel implements EventHandler {

    static final int START = 0;
    static final int OK = 1;
    static final int FAIL = 2;
    static final int TIMEOUT = 3;
    private static final int DECIDED = 0;
    private static final int TIMER = 1;
    private static final byte FORWARD = 0;
    private static final byte COMPENSATING = 1;
    private static final byte CAUSE_FAILED_STEP = 1;
    private static final byte CAUSE_TIMEOUT = 2;
    private static final int SLOT_BITS = 28;

    private final SagaSpec spec;
    private final Context context;
    private final Engine engine;
    /** This element's id in the engine: scheduling by id stores no reference (see {@link Engine#register}). */
    private final int handler;
    private final boolean orchestrated;
    private final int n;
    private final boolean[] compensable;
    private final int[] retries;
    private final double[] timeout;
    private final StepGroup[] handlers;

    // sagas in flight
    private double[] sStart = new double[16];
    private int[] sStep = new int[16];
    private byte[] sPhase = new byte[16];
    private int[] sAttempt = new int[16];
    private long[] sToken = new long[16];
    private int[] sMessages = new int[16];
    private byte[] sCause = new byte[16];
    private boolean[] sCompFailed = new boolean[16];
    private int[] sKey = new int[16];
    private int[] free = new int[16];
    private int freeCount;
    private int used;
    private long nextToken = 1;
    private int inFlight;

    // the coordinator: a FIFO of decisions to take, served by its instances
    private final int instances;
    private final Distribution decision;
    private final RandomStream random;
    private int[] qSaga = new int[16];
    private long[] qToken = new long[16];
    private byte[] qEvent = new byte[16];
    private double[] qTime = new double[16];
    private int qHead;
    private int qSize;
    private final int[] cSaga;
    private final long[] cToken;
    private final byte[] cEvent;
    private final double[] cArrived;
    private final int[] cIdle;
    private int cIdleCount;
    private int cBusy;
    private final TimeAverage coordinatorBusy = new TimeAverage();
    private final TimeAverage coordinatorWaiting = new TimeAverage();
    private LatencyRecorder coordinatorSojourn = new LatencyRecorder(false);

    // statistics since the end of warm-up
    private long started;
    private long completed;
    private long compensated;
    private long failed;
    private long timedOut;
    private long lateReplies;
    private long messages;
    private long ended;
    private LatencyRecorder completionTime = new LatencyRecorder();
    private LatencyRecorder sagaTime = new LatencyRecorder();
    private final TimeAverage inFlightAverage = new TimeAverage();
    private long lastSampleEnded;

    SagaChannel(SagaSpec spec, int index, Context context) {
        super(spec.id(), index);
        this.spec = spec;
        this.context = context;
        this.engine = context.engine();
        this.handler = engine.register(this);
        this.orchestrated = spec.orchestrated();
        this.n = spec.steps().size();
        this.compensable = new boolean[n];
        this.retries = new int[n];
        this.timeout = new double[n];
        for (int i = 0; i < n; i++) {
            SagaSpec.Step s = spec.steps().get(i);
            compensable[i] = s.compensation() != null;
            retries[i] = s.retries();
            timeout[i] = s.timeout();
        }
        this.handlers = new StepGroup[n];
        this.instances = orchestrated ? spec.instances() : 0;
        this.decision = spec.decision();
        this.random = context.random(spec.id(), "decision");
        cSaga = new int[instances];
        cToken = new long[instances];
        cEvent = new byte[instances];
        cArrived = new double[instances];
        cIdle = new int[instances];
        for (int w = 0; w < instances; w++) {
            cIdle[w] = instances - 1 - w;
        }
        cIdleCount = instances;
    }

    @Override
    public String kind() {
        return SagaKind.WORD;
    }

    void handledBy(int step, StepGroup g) {
        handlers[step] = g;
    }

    // ------------------------------------------------------------------ sagas

    /** An event arrives: it starts a saga. */
    @Override
    public boolean offer(Messages from, int slot, Sender sender) {
        int s = allocate();
        double now = engine.now();
        sStart[s] = now;
        sStep[s] = 0;
        sPhase[s] = FORWARD;
        sAttempt[s] = 0;
        sMessages[s] = 0;
        sCause[s] = 0;
        sCompFailed[s] = false;
        sKey[s] = from.key(slot);
        started++;
        inFlight++;
        inFlightAverage.set(now, inFlight);
        if (orchestrated) {
            sToken[s] = nextToken++;
            sMessages[s] = 1; // the starting event, delivered to the coordinator
            toCoordinator(s, sToken[s], START);
        } else {
            send(s, index); // the starting event is the first step's event
        }
        return true;
    }

    private int allocate() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (used == sStart.length) {
            int m = used * 2;
            if (m > 1 << SLOT_BITS) {
                throw new IllegalStateException("more than " + (1 << SLOT_BITS) + " sagas in flight in '" + id + "'");
            }
            sStart = Arrays.copyOf(sStart, m);
            sStep = Arrays.copyOf(sStep, m);
            sPhase = Arrays.copyOf(sPhase, m);
            sAttempt = Arrays.copyOf(sAttempt, m);
            sToken = Arrays.copyOf(sToken, m);
            sMessages = Arrays.copyOf(sMessages, m);
            sCause = Arrays.copyOf(sCause, m);
            sCompFailed = Arrays.copyOf(sCompFailed, m);
            sKey = Arrays.copyOf(sKey, m);
            free = Arrays.copyOf(free, m);
        }
        return used++;
    }

    /**
     * Sends the saga's current step (or its compensation) to the step's group, with a fresh token;
     * {@code from} is the element it travels from (the saga, or in a choreography the group whose event it is).
     */
    private void send(int s, int from) {
        long token = nextToken++;
        sToken[s] = token;
        sMessages[s]++;
        int step = sStep[s];
        StepGroup g = handlers[step];
        boolean compensation = sPhase[s] == COMPENSATING;
        if (from != g.index) { // a redelivery to the same group does not travel
            context.moved(from, g.index, sKey[s], compensation ? Drawing.UNDO_LANE : -1);
        }
        g.arrive(s, token << 1 | (compensation ? 1 : 0));
        if (orchestrated && timeout[step] > 0) {
            engine.schedule(timeout[step], handler, TIMER, token << SLOT_BITS | s);
        }
    }

    /** A step's group finished an attempt of saga {@code s}'s job carrying {@code token}. */
    void stepDone(StepGroup g, int s, long job, boolean ok) {
        long token = job >>> 1;
        if (orchestrated) {
            // the reply travels to the coordinator, which looks it up even when it is stale
            if (sToken[s] == token) {
                sMessages[s]++;
            }
            context.moved(g.index, index, sKey[s], (job & 1) != 0 ? Drawing.UNDO_LANE : -1);
            toCoordinator(s, token, ok ? OK : FAIL);
        } else if (sToken[s] == token) {
            decide(s, ok ? OK : FAIL, g.index);
        }
    }

    /** What follows an outcome: the next step, a retry, the next compensation, or the end. */
    private void decide(int s, int event, int from) {
        int step = sStep[s];
        if (sPhase[s] == FORWARD) {
            if (event == START) {
                send(s, from);
            } else if (event == OK) {
                sStep[s] = step + 1;
                sAttempt[s] = 0;
                if (step + 1 == n) {
                    finish(s);
                } else {
                    send(s, from);
                }
            } else if (sAttempt[s] < retries[step]) {
                sAttempt[s]++;
                send(s, from);
            } else {
                sCause[s] = event == TIMEOUT ? CAUSE_TIMEOUT : CAUSE_FAILED_STEP;
                sPhase[s] = COMPENSATING;
                sStep[s] = step - 1;
                sAttempt[s] = 0;
                compensateNext(s, from);
            }
            return;
        }
        if (event != OK) {
            if (sAttempt[s] < retries[step]) {
                sAttempt[s]++;
                send(s, from);
                return;
            }
            sCompFailed[s] = true;
        }
        sStep[s] = step - 1;
        sAttempt[s] = 0;
        compensateNext(s, from);
    }

    /** Compensates the latest completed step that has a compensation, or ends the saga when none is left. */
    private void compensateNext(int s, int from) {
        while (sStep[s] >= 0 && !compensable[sStep[s]]) {
            sStep[s]--;
        }
        if (sStep[s] < 0) {
            finish(s);
        } else {
            send(s, from);
        }
    }

    private void finish(int s) {
        double now = engine.now();
        double t = now - sStart[s];
        if (sPhase[s] == FORWARD) {
            completed++;
            completionTime.record(t);
        } else if (sCompFailed[s]) {
            failed++;
        } else if (sCause[s] == CAUSE_TIMEOUT) {
            timedOut++;
        } else {
            compensated++;
        }
        sagaTime.record(t);
        messages += sMessages[s];
        ended++;
        sToken[s] = -1;
        free[freeCount++] = s;
        inFlight--;
        inFlightAverage.set(now, inFlight);
    }

    // ------------------------------------------------------------------ the coordinator

    private void toCoordinator(int s, long token, int event) {
        double now = engine.now();
        if (cIdleCount > 0) {
            decideOn(cIdle[--cIdleCount], s, token, event, now, now);
            return;
        }
        if (qSize == qSaga.length) {
            growQueue();
        }
        int t = (qHead + qSize) % qSaga.length;
        qSaga[t] = s;
        qToken[t] = token;
        qEvent[t] = (byte) event;
        qTime[t] = now;
        qSize++;
        coordinatorWaiting.set(now, qSize);
    }

    private void growQueue() {
        int m = qSaga.length * 2;
        int[] a = new int[m];
        long[] b = new long[m];
        byte[] c = new byte[m];
        double[] d = new double[m];
        for (int i = 0; i < qSize; i++) {
            int k = (qHead + i) % qSaga.length;
            a[i] = qSaga[k];
            b[i] = qToken[k];
            c[i] = qEvent[k];
            d[i] = qTime[k];
        }
        qSaga = a;
        qToken = b;
        qEvent = c;
        qTime = d;
        qHead = 0;
    }

    private void decideOn(int w, int s, long token, int event, double arrived, double now) {
        cSaga[w] = s;
        cToken[w] = token;
        cEvent[w] = (byte) event;
        cArrived[w] = arrived;
        cBusy++;
        coordinatorBusy.set(now, cBusy);
        engine.schedule(decision.sample(random), handler, DECIDED, w);
    }

    @Override
    public void handle(int kind, long arg) {
        double now = engine.now();
        if (kind == TIMER) {
            int s = (int) (arg & ((1L << SLOT_BITS) - 1));
            long token = arg >>> SLOT_BITS;
            if (sToken[s] == token) {
                toCoordinator(s, token, TIMEOUT);
            }
            return;
        }
        int w = (int) arg;
        int s = cSaga[w];
        long token = cToken[w];
        int event = cEvent[w];
        coordinatorSojourn.record(now - cArrived[w]);
        cBusy--;
        if (qSize > 0) {
            int k = qHead;
            qHead = (qHead + 1) % qSaga.length;
            qSize--;
            coordinatorWaiting.set(now, qSize);
            decideOn(w, qSaga[k], qToken[k], qEvent[k], qTime[k], now);
        } else {
            cIdle[cIdleCount++] = w;
            coordinatorBusy.set(now, cBusy);
        }
        if (sToken[s] != token) {
            if (event == OK || event == FAIL) {
                lateReplies++;
            }
            return;
        }
        decide(s, event, index);
    }

    // ------------------------------------------------------------------ figures

    @Override
    public double gauge(String figure) {
        return figure.equals("size") ? inFlight : Double.NaN;
    }

    @Override
    public void reset(double now) {
        // sagas already in flight count as started in the window, so the counts still reconcile
        started = inFlight;
        completed = 0;
        compensated = 0;
        failed = 0;
        timedOut = 0;
        lateReplies = 0;
        messages = 0;
        ended = 0;
        lastSampleEnded = 0;
        completionTime = new LatencyRecorder();
        sagaTime = new LatencyRecorder();
        coordinatorSojourn = new LatencyRecorder(false);
        coordinatorBusy.reset(now);
        coordinatorWaiting.reset(now);
        inFlightAverage.reset(now);
    }

    @Override
    public void sample(double now, double interval) {
        series("inFlight").add(now, inFlight);
        series("throughput").add(now, (ended - lastSampleEnded) / interval);
        lastSampleEnded = ended;
        if (orchestrated) {
            series("coordinator.busy").add(now, cBusy);
        }
    }

    @Override
    public void measure(double now, double window, Map<String, Double> out) {
        out.put("started", (double) started);
        out.put("completed", (double) completed);
        out.put("compensated", (double) compensated);
        out.put("failed", (double) failed);
        out.put("timedOut", (double) timedOut);
        out.put("inFlight", (double) inFlight);
        out.put("throughput", ended / window);
        out.put("L", inFlightAverage.mean(now));
        out.put("W", sagaTime.mean());
        out.put("completionTime.mean", completionTime.mean());
        out.put("completionTime.p50", completionTime.percentile(50));
        out.put("completionTime.p95", completionTime.percentile(95));
        out.put("completionTime.p99", completionTime.percentile(99));
        out.put("messagesPerSaga", ended == 0 ? Double.NaN : (double) messages / ended);
        if (orchestrated) {
            out.put("coordinator.utilization", coordinatorBusy.mean(now) / instances);
            out.put("coordinator.Lq", coordinatorWaiting.mean(now));
            out.put("coordinator.W", coordinatorSojourn.mean());
            out.put("lateReplies", (double) lateReplies);
        }
    }

    @Override
    public void snapshot(Map<String, Double> out) {
        out.put("inFlight", (double) inFlight);
        out.put("started", (double) started);
        out.put("completed", (double) completed);
        out.put("compensated", (double) compensated);
        out.put("failed", (double) failed);
        out.put("timedOut", (double) timedOut);
        if (orchestrated) {
            out.put("busy", (double) cBusy);
            out.put("instances", (double) instances);
            out.put("queued", (double) qSize);
        }
    }
}
