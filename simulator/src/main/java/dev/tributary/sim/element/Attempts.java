package dev.tributary.sim.element;

import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.engine.EventHandler;
import dev.tributary.sim.engine.RandomStream;
import dev.tributary.sim.failure.Backoff;
import dev.tributary.sim.failure.BreakerSpec;
import dev.tributary.sim.failure.CircuitBreaker;
import dev.tributary.sim.failure.FailureSpec;
import dev.tributary.sim.failure.Reason;
import dev.tributary.sim.failure.RetryMode;
import dev.tributary.sim.metrics.TimeAverage;
import dev.tributary.sim.observe.ModelEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The attempts of one consumer group: whether each attempt fails (its failure probability, poison
 * events, a {@code fail} fault), how long it takes (a failed attempt costs a share of the service
 * time; a {@code slow} fault multiplies it), what follows a failure (a blocking retry, a requeue, a
 * retry stage, the DLQ or a drop), and the group's circuit breaker. Every kind's workers use it the
 * same way:
 *
 * <ol>
 *   <li>before taking an event, {@link #permits()} (false: the breaker is open; park the worker if
 *       {@link #waitsWhenOpen()}, else {@link #notLetThrough});</li>
 *   <li>at the start of an attempt, {@link #begin} (does it fail?) and {@link #duration};</li>
 *   <li>at its end, {@link #record} for the breaker, then for a failed attempt {@link #failed}: either
 *       {@link #RETRY_HERE} (a blocking retry after {@link #backoffDelay()}; call {@link #backoffOver}
 *       when it is due) or {@link #GONE} (the event left the worker).</li>
 * </ol>
 *
 * <p>Its random numbers come from streams of its own ({@code failures}, {@code backoff},
 * {@code poison}), so a group without failures draws exactly what it drew before.
 */
public final class Attempts implements EventHandler {

    /** After {@link #failed}: the worker keeps the event and retries it after {@link #backoffDelay()}. */
    public static final int RETRY_HERE = 0;
    /** After {@link #failed}: the event left the worker (requeued, in a retry stage, dead-lettered or dropped). */
    public static final int GONE = 1;

    private static final int REQUEUE = 0;
    private static final int HALF_OPEN = 1;
    private static final int WAKE = 2;
    private static final int REPAIRED = Reason.REPAIRED.ordinal();

    private final String groupId;
    private final int groupIndex;
    private final Context context;
    private final Engine engine;
    /** This element's id in the engine: scheduling by id stores no reference (see {@link Engine#register}). */
    private final int handler;
    private final int retries;
    private final RetryMode mode;
    private final Backoff backoff;
    private final double failedCost;
    private final double[] probabilityByType = new double[256];
    private final boolean mayFail;
    private final double poison;
    private final long poisonSalt;
    private final RandomStream random;
    private final RandomStream jitter;
    private final BreakerSpec breakerSpec;
    private final CircuitBreaker breaker;
    private final Channel dlq;
    private final RetryStage[] stages;
    private Destination requeueTo;
    private final List<Runnable> wakeUps = new ArrayList<>();
    private final GroupFaults faults = new GroupFaults();
    private double lastDelay;

    // events waiting out a requeue backoff
    private Messages held = new Messages(0);
    private int[] free = new int[0];
    private int freeCount;
    private int used;

    // statistics
    long attempts;
    long errors;
    long retried;
    long deadLettered;
    long dropped;
    long fallbacks;
    long shortCircuited;
    long breakerOpened;
    private final long[] reasons = new long[Reason.values().length];
    final TimeAverage inBackoff = new TimeAverage();
    final TimeAverage open = new TimeAverage();
    private long lastAttempts;
    private long lastErrors;
    private long lastRetried;
    private double intervalErrorRate = Double.NaN;

    private final Emitter emitter;

    private Attempts(ConsumerSpec c, int groupIndex, Context context, Emitter emitter, GroupStats order) {
        this.groupId = c.id();
        this.groupIndex = groupIndex;
        this.emitter = emitter;
        this.context = context;
        this.engine = context.engine();
        this.handler = engine.register(this);
        FailureSpec f = c.failures();
        this.retries = f == null ? 0 : f.retries();
        this.mode = f == null ? RetryMode.BLOCKING : f.mode();
        this.backoff = f == null ? Backoff.NONE : f.backoff();
        this.failedCost = f == null ? 1 : f.failedCost();
        this.poison = f == null ? 0 : f.poison();
        boolean any = false;
        if (f != null && f.byType().isEmpty()) {
            Arrays.fill(probabilityByType, f.probability());
            any = f.probability() > 0;
        } else if (f != null) {
            for (Map.Entry<String, Double> e : f.byType().entrySet()) {
                probabilityByType[context.typeIndex(e.getKey())] = e.getValue();
                any |= e.getValue() > 0;
            }
        }
        this.mayFail = any;
        this.random = context.random(c.id(), "failures");
        this.jitter = backoff.jittered() ? context.random(c.id(), "backoff") : null;
        this.poisonSalt = context.random(c.id(), "poison").nextLong();
        this.breakerSpec = c.breaker();
        this.breaker = breakerSpec == null ? null : new CircuitBreaker(breakerSpec);
        this.dlq = f == null || f.dlq() == null ? null : context.channel(f.dlq());
        int n = f == null ? 0 : f.stages();
        this.stages = new RetryStage[n];
        for (int k = 0; k < n; k++) {
            double delay = f.stageDelays().get(k);
            String id = FailureSpec.stageId(c.id(), k + 1);
            stages[k] = context.addElement(i -> new RetryStage(id, i, delay, c, context, this, emitter, order));
        }
        context.register(c.id(), faults);
    }

    /**
     * The attempts of group {@code c} (element {@code groupIndex}), or null when it has no failures,
     * no breaker and no fault acts on it: such a group pays nothing on its hot path. Its retry
     * stages are added to the model through {@link Context#addElement}; they publish successes
     * with {@code emitter} and count their order in {@code order}.
     */
    public static Attempts of(ConsumerSpec c, int groupIndex, Context context, Emitter emitter, GroupStats order) {
        if (!c.failsOrBreaks() && !context.faulted(c.id())) {
            return null;
        }
        return new Attempts(c, groupIndex, context, emitter, order);
    }

    /** Where a requeued event goes back to (the group's queue, or its own copy of a topic). */
    public void requeueTo(Destination d) {
        this.requeueTo = d;
    }

    /** Registers what to run when the breaker lets events through again (parked workers resume). */
    public void onWake(Runnable r) {
        wakeUps.add(r);
    }

    // ------------------------------------------------------------------ attempts

    /** Whether new events may be attempted now; in half-open state this takes one trial permit. */
    public boolean permits() {
        return breaker == null || breaker.tryAcquire();
    }

    /** Whether events wait (workers park) while the breaker does not let them through. */
    public boolean waitsWhenOpen() {
        return breakerSpec == null || breakerSpec.whenOpen() == BreakerSpec.WhenOpen.WAIT;
    }

    /**
     * An event the breaker did not let through, when events do not wait: true when it passes with a
     * fallback answer (the caller completes it as handled), false when it was sent to the DLQ.
     */
    public boolean notLetThrough(Messages m, int slot, double now) {
        if (breakerSpec.whenOpen() == BreakerSpec.WhenOpen.FALLBACK) {
            fallbacks++;
            return true;
        }
        deadLetter(m, slot, Reason.BREAKER_OPEN, now);
        return false;
    }

    /**
     * Starts an attempt of the event at {@code slot}: counts it and says whether it will fail. An
     * event that still carries the reason and attempt count it was dead-lettered with is taken over
     * by this group (a reader of a DLQ): its attempts here start afresh, and it counts as repaired.
     */
    public boolean begin(Messages m, int slot) {
        int reason = m.reason(slot);
        if (reason != 0 && reason != REPAIRED) {
            m.setAttempt(slot, 0);
            m.setReason(slot, REPAIRED);
        }
        attempts++;
        if (m.attempt(slot) > 0) {
            retried++;
        }
        boolean fails = false;
        if (mayFail) {
            double p = probabilityByType[m.type(slot)];
            fails = p > 0 && random.nextDouble() < p;
        }
        if (poison > 0 && isPoison(m, slot)) {
            fails = true;
        }
        return fails || faults.failing();
    }

    /** How long an attempt takes: the sampled service time, times a slowdown, times the failed-attempt cost. */
    public double duration(double sampled, boolean fails) {
        double d = faults.slowed(sampled);
        return fails ? d * failedCost : d;
    }

    /** Records an attempt's outcome with the breaker ({@code started}: when the attempt began). */
    public void record(double started, boolean failed) {
        if (breaker == null) {
            return;
        }
        double now = engine.now();
        CircuitBreaker.State s = breaker.record(started, failed, now);
        if (s != null) {
            changed(s, now);
            if (s == CircuitBreaker.State.CLOSED) {
                engine.schedule(0, handler, WAKE, 0);
            }
        }
    }

    /** An attempt of the event at {@code slot} failed: retry it, requeue it, pass it on or dead-letter it. */
    public int failed(Messages m, int slot, double now) {
        errors++;
        if (context.observed()) {
            context.tell(new ModelEvent.Failed(now, groupIndex, m.key(slot), m.attempt(slot)));
        }
        return next(m, slot, now, false);
    }

    /**
     * A blocking retry came due while the breaker lets nothing through: it fails without being made
     * (Resilience4j's CallNotPermittedException), and uses up the attempt.
     */
    public int shortCircuited(Messages m, int slot, double now) {
        shortCircuited++;
        return next(m, slot, now, true);
    }

    private int next(Messages m, int slot, double now, boolean byBreaker) {
        int n = m.attempt(slot) + 1;
        m.setAttempt(slot, n);
        if (n <= retries) {
            switch (mode) {
                case BLOCKING -> {
                    lastDelay = delay(n);
                    inBackoff.add(now, 1);
                    tellRetried(now, groupIndex, m, slot, n, lastDelay);
                    return RETRY_HERE;
                }
                case REQUEUE -> {
                    double d = delay(n);
                    int h = hold(m, slot);
                    inBackoff.add(now, 1);
                    tellRetried(now, requeueTo.index(), m, slot, n, d);
                    engine.schedule(d, handler, REQUEUE, h);
                    return GONE;
                }
                case RETRY_TOPICS -> {
                    RetryStage stage = stages[n - 1];
                    tellRetried(now, stage.index, m, slot, n, stage.delay);
                    stage.offer(m, slot, null);
                    return GONE;
                }
                default -> throw new IllegalStateException();
            }
        }
        deadLetter(m, slot, byBreaker ? Reason.BREAKER_OPEN : isPoison(m, slot) ? Reason.POISON : Reason.EXHAUSTED, now);
        return GONE;
    }

    private void tellRetried(double now, int to, Messages m, int slot, int attempt, double delay) {
        if (context.observed()) {
            context.tell(new ModelEvent.Retried(now, groupIndex, to, m.key(slot), attempt, delay));
        }
    }

    /** The backoff before the blocking retry that {@link #failed} just announced. */
    public double backoffDelay() {
        return lastDelay;
    }

    /** A blocking retry's backoff is over. */
    public void backoffOver(double now) {
        inBackoff.add(now, -1);
    }

    private double delay(int n) {
        return jitter == null ? backoff.nominal(n) : backoff.delay(n, jitter.nextDouble());
    }

    private boolean isPoison(Messages m, int slot) {
        if (poison <= 0 || m.reason(slot) == REPAIRED) {
            return false;
        }
        // a fixed function of the event's id: the same event is poison on every attempt and every pass
        long z = poisonSalt ^ m.id(slot);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53 < poison;
    }

    private void deadLetter(Messages m, int slot, Reason reason, double now) {
        m.setReason(slot, reason.ordinal());
        reasons[reason.ordinal()]++;
        if (context.observed()) {
            context.tell(new ModelEvent.DeadLettered(now, groupIndex, dlq == null ? -1 : dlq.index(), m.key(slot),
                    m.attempt(slot), reason.word()));
        }
        if (emitter != null) {
            emitter.abandoned(m, slot);
        }
        if (dlq == null) {
            dropped++;
            return;
        }
        deadLettered++;
        dlq.offer(m, slot, null);
    }

    private int hold(Messages m, int slot) {
        int h;
        if (freeCount > 0) {
            h = free[--freeCount];
        } else {
            if (used == held.capacity()) {
                int n = Math.max(16, used * 2);
                held = held.grown(n);
                free = Arrays.copyOf(free, n);
            }
            h = used++;
        }
        held.copy(h, m, slot);
        return h;
    }

    @Override
    public void handle(int kind, long arg) {
        double now = engine.now();
        switch (kind) {
            case REQUEUE -> {
                int h = (int) arg;
                inBackoff.add(now, -1);
                requeueTo.offer(held, h, null);
                free[freeCount++] = h;
            }
            case HALF_OPEN -> changed(breaker.halfOpen(now), now);
            case WAKE -> wake();
            default -> throw new IllegalStateException();
        }
    }

    private void changed(CircuitBreaker.State s, double now) {
        open.set(now, s == CircuitBreaker.State.OPEN ? 1 : 0);
        if (s == CircuitBreaker.State.OPEN) {
            breakerOpened++;
            engine.schedule(breakerSpec.openFor(), handler, HALF_OPEN, 0);
        }
        if (context.observed()) {
            context.tell(new ModelEvent.BreakerChanged(now, groupIndex, s.name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', '-')));
        }
        if (s == CircuitBreaker.State.HALF_OPEN) {
            wake();
        }
    }

    private void wake() {
        for (int i = 0; i < wakeUps.size(); i++) {
            wakeUps.get(i).run();
        }
    }

    // ------------------------------------------------------------------ statistics

    /** Forgets the statistics so far (end of warm-up). */
    public void reset(double now) {
        attempts = 0;
        errors = 0;
        retried = 0;
        deadLettered = 0;
        dropped = 0;
        fallbacks = 0;
        shortCircuited = 0;
        breakerOpened = 0;
        Arrays.fill(reasons, 0);
        inBackoff.reset(now);
        open.reset(now);
        lastAttempts = 0;
        lastErrors = 0;
        lastRetried = 0;
    }

    /** Appends the attempt series to {@code owner} (the group). */
    public void sample(Element owner, double now, double interval) {
        long a = attempts - lastAttempts;
        long e = errors - lastErrors;
        // an interval without attempts (a breaker holding the workers) says nothing about the error rate
        intervalErrorRate = a == 0 ? Double.NaN : (double) e / a;
        owner.series("attempts").add(now, a / interval);
        owner.series("errors").add(now, e / interval);
        owner.series("retries").add(now, (retried - lastRetried) / interval);
        owner.series("errorRate").add(now, intervalErrorRate);
        owner.series("inBackoff").add(now, inBackoff.value());
        if (dlq != null) {
            owner.series("dlq.size").add(now, dlq.gauge("size"));
        }
        if (breaker != null) {
            owner.series("breaker").add(now, breaker.state().ordinal());
        }
        lastAttempts = attempts;
        lastErrors = errors;
        lastRetried = retried;
    }

    /**
     * The share of attempts that failed over the last sample interval (the {@code error-rate} alert
     * figure); NaN when there was none, which leaves an alert as it was.
     */
    public double intervalErrorRate() {
        return intervalErrorRate;
    }

    /** Writes the group's failure figures over the window ending at {@code now}. */
    public void measure(double now, double window, Map<String, Double> out) {
        out.put("attempts", (double) attempts);
        out.put("attemptRate", attempts / window);
        out.put("errors", (double) errors);
        out.put("errorRate", attempts == 0 ? 0 : (double) errors / attempts);
        out.put("retries", (double) retried);
        out.put("retryRate", retried / window);
        out.put("dropped", (double) dropped);
        if (dlq != null) {
            out.put("deadLettered", (double) deadLettered);
            out.put("dlq.throughput", deadLettered / window);
            out.put("dlq.size", dlq.gauge("size"));
        }
        if (reasons[Reason.EXHAUSTED.ordinal()] + reasons[Reason.POISON.ordinal()] + reasons[Reason.BREAKER_OPEN.ordinal()] > 0) {
            out.put("reasons.exhausted", (double) reasons[Reason.EXHAUSTED.ordinal()]);
            out.put("reasons.poison", (double) reasons[Reason.POISON.ordinal()]);
            out.put("reasons.breakerOpen", (double) reasons[Reason.BREAKER_OPEN.ordinal()]);
        }
        if (retries > 0 && mode != RetryMode.RETRY_TOPICS) {
            out.put("inBackoff", inBackoff.mean(now));
            out.put("backoffSeconds", inBackoff.area(now));
        }
        if (breaker != null) {
            out.put("breakerOpenSeconds", open.area(now));
            out.put("breakerOpened", (double) breakerOpened);
            out.put("breakerState", (double) breaker.state().ordinal());
            out.put("shortCircuited", (double) shortCircuited);
            if (breakerSpec.whenOpen() == BreakerSpec.WhenOpen.FALLBACK) {
                out.put("fallbacks", (double) fallbacks);
            }
        }
    }

    /** Writes the current state (for animation). */
    public void snapshot(Map<String, Double> out) {
        out.put("errors", (double) errors);
        out.put("inBackoff", inBackoff.value());
        if (breaker != null) {
            out.put("breaker", (double) breaker.state().ordinal());
        }
    }

    @Override
    public String toString() {
        return "Attempts[" + groupId + "]";
    }
}
