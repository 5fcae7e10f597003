package dev.tributary.sim.element.queue;

import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.element.Attempts;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Destination;
import dev.tributary.sim.element.Element;
import dev.tributary.sim.element.IntervalAverages;
import dev.tributary.sim.element.MessageRing;
import dev.tributary.sim.element.Messages;
import dev.tributary.sim.element.Sender;
import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.engine.EventHandler;
import dev.tributary.sim.engine.RandomStream;
import dev.tributary.sim.metrics.LatencyRecorder;
import dev.tributary.sim.metrics.TimeAverage;
import dev.tributary.sim.observe.ModelEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * One shared FIFO served by competing workers: a point-to-point queue, or one group's copy of a
 * topic. Workers may come from several consumer groups reading the same queue; each group brings
 * its own service-time law. All per-worker state lives in primitive arrays indexed by worker, and
 * the message each worker handles in a {@link Messages} slot of the same index.
 */
public final class QueueStation implements Destination, EventHandler {

    private static final int COMPLETE = 0;
    private static final int RETRY = 1;
    private static final int REPAIRED = dev.tributary.sim.failure.Reason.REPAIRED.ordinal();
    /** A crashed worker's message becomes visible again. */
    private static final int VISIBLE = 2;

    private final Engine engine;
    /** This element's id in the engine: scheduling by id stores no reference (see {@link Engine#register}). */
    private final int handler;
    private final Context context;
    private final int elementIndex;
    private final int capacity;
    private final QueueSpec.Overflow overflow;
    /** Admission control: a newcomer is turned away while this many or more wait (no limit by default). */
    private int admitBelow = Integer.MAX_VALUE;
    /** The fewest waiting at which a newcomer is not simply queued: min(capacity, admitBelow). */
    private int fullAt;
    /** Told the index of each worker that goes idle with nothing to do (a thread pool's idle timeout), or null. */
    private IntConsumer idleListener;
    private final MessageRing queue = new MessageRing();
    private final ArrayDeque<Sender> blockedSenders = new ArrayDeque<>();

    // workers
    private int workers;
    private ConsumerGroup[] groupOf = new ConsumerGroup[0];
    private Distribution[] serviceOf = new Distribution[0];
    private RandomStream[] randomOf = new RandomStream[0];
    private double[] started = new double[0];
    private Messages inService = new Messages(0);
    private boolean[] busyFlag = new boolean[0];
    private int[] idle = new int[0];
    private int idleCount;
    private int busyCount;
    // failures: null attempts for a group that never fails (its workers take the plain path)
    private Attempts[] attemptsOf = new Attempts[0];
    private boolean[] fails = new boolean[0];
    private double[] attemptStart = new double[0];
    private boolean[] parked = new boolean[0];
    // backpressure: each worker is a sender a full stage can hold back; heldAt is the emit target it waits for, or −1
    private Sender[] senderOf = new Sender[0];
    private int[] heldAt = new int[0];
    // membership faults: a worker's life (events of an earlier one are ignored), down, leaving after its event
    private int[] life = new int[0];
    private boolean[] down = new boolean[0];
    private boolean[] leaving = new boolean[0];
    /** Messages of crashed workers, waiting out the visibility timeout (in the order they return). */
    private final MessageRing invisible = new MessageRing();
    private double visibility = QueueSpec.DEFAULT_VISIBILITY;
    long redelivered;
    long crashes;

    // statistics
    final TimeAverage waiting = new TimeAverage();
    final TimeAverage busy = new TimeAverage();
    final LatencyRecorder sojourn = new LatencyRecorder();

    /** The recorder of the time events spend here (waiting and in service), read-only use. */
    public LatencyRecorder sojourn() {
        return sojourn;
    }
    final LatencyRecorder wait = new LatencyRecorder(false); // only its mean is reported
    long arrivals;
    long completions;
    long rejected;
    long dropped;
    /** Newcomers turned away by admission control (before the queue was full). */
    long admissionRejected;
    /** Offers from a producer that found the queue full and had to hold their event (overflow: block). */
    long blocked;
    private long lastSampleCompletions;
    private long lastSampleArrivals;
    final List<ConsumerGroup> groups = new ArrayList<>();
    private final IntervalAverages intervals = new IntervalAverages();

    /** A station of element {@code elementIndex} holding at most {@code capacity} waiting events. */
    public QueueStation(Context context, int elementIndex, int capacity, QueueSpec.Overflow overflow) {
        this.engine = context.engine();
        this.handler = engine.register(this);
        this.context = context;
        this.elementIndex = elementIndex;
        this.capacity = capacity;
        this.fullAt = capacity;
        this.overflow = overflow;
    }

    /** Adds a group's instances as workers of this queue. */
    public void addWorkers(ConsumerGroup group, Distribution service, RandomStream random, int count) {
        groups.add(group);
        int n = workers + count;
        groupOf = Arrays.copyOf(groupOf, n);
        serviceOf = Arrays.copyOf(serviceOf, n);
        randomOf = Arrays.copyOf(randomOf, n);
        started = Arrays.copyOf(started, n);
        inService = inService.grown(n);
        busyFlag = Arrays.copyOf(busyFlag, n);
        attemptsOf = Arrays.copyOf(attemptsOf, n);
        fails = Arrays.copyOf(fails, n);
        attemptStart = Arrays.copyOf(attemptStart, n);
        parked = Arrays.copyOf(parked, n);
        senderOf = Arrays.copyOf(senderOf, n);
        heldAt = Arrays.copyOf(heldAt, n);
        life = Arrays.copyOf(life, n);
        down = Arrays.copyOf(down, n);
        leaving = Arrays.copyOf(leaving, n);
        int[] newIdle = new int[n];
        // idle workers are taken from the top of the stack: push in reverse so worker 0 goes first
        int k = 0;
        for (int w = n - 1; w >= workers; w--) {
            newIdle[k++] = w;
        }
        System.arraycopy(idle, 0, newIdle, k, idleCount);
        idle = newIdle;
        idleCount += count;
        for (int w = workers; w < n; w++) {
            groupOf[w] = group;
            serviceOf[w] = service;
            randomOf[w] = random;
            attemptsOf[w] = group.attempts;
            final int worker = w;
            senderOf[w] = () -> unheld(worker);
            heldAt[w] = -1;
        }
        workers = n;
        if (group.attempts != null) {
            group.attempts.requeueTo(this);
            group.attempts.onWake(() -> resume(group));
        }
    }

    /** Called once every group is added: a group that is the only reader shares the queue's recorded times. */
    public void groupsComplete() {
        groups.forEach(ConsumerGroup::shareTimesWithStationIfSole);
    }

    /** Sets the visibility timeout: how long a crashed worker's message stays invisible. */
    public void visibilityTimeout(double seconds) {
        this.visibility = seconds;
    }

    private long tag(int w) {
        return ((long) life[w] << 32) | w;
    }

    /** Worker {@code w} dies: its unacknowledged message is visible again after the visibility timeout. */
    void crash(int w) {
        if (down[w]) {
            return;
        }
        double now = engine.now();
        crashes++;
        life[w]++;
        down[w] = true;
        leaving[w] = false;
        parked[w] = false;
        if (busyFlag[w]) {
            invisible.add(inService, w, now);
            engine.schedule(visibility, handler, VISIBLE, 0);
            setIdle(w, now);
        } else {
            leaveIdleStack(w);
        }
    }

    /** Worker {@code w} stops after the event it handles (if any). */
    void stop(int w) {
        if (down[w]) {
            return;
        }
        if (busyFlag[w]) {
            leaving[w] = true;
            return;
        }
        down[w] = true;
        parked[w] = false;
        leaveIdleStack(w);
    }

    /** Worker {@code w} (re)starts and takes work. */
    void start(int w) {
        if (!down[w]) {
            leaving[w] = false;
            return;
        }
        down[w] = false;
        next(w, engine.now());
    }

    private void leaveIdleStack(int w) {
        for (int i = 0; i < idleCount; i++) {
            if (idle[i] == w) {
                System.arraycopy(idle, i + 1, idle, i, idleCount - i - 1);
                idleCount--;
                return;
            }
        }
    }

    /** The oldest invisible message is visible again: it goes back to the queue, to an idle worker if any. */
    private void visibleAgain() {
        double now = engine.now();
        redelivered++;
        queue.add(invisible.store(), invisible.headSlot(), now); // already admitted: no capacity check
        invisible.removeHead();
        waiting.set(now, queue.size());
        if (idleCount > 0) {
            next(idle[--idleCount], now);
        }
    }

    /** Turns newcomers away (counted as {@code admissionRejected}) while {@code n} or more events wait. */
    public void admitBelow(int n) {
        this.admitBelow = n;
        this.fullAt = Math.min(capacity, n);
    }

    /** Tells {@code listener} the index of every worker that goes idle with nothing waiting. */
    public void onIdle(IntConsumer listener) {
        this.idleListener = listener;
    }

    /** Whether worker {@code w} is running and idle (waiting for work). */
    public boolean idleWorker(int w) {
        if (down[w] || busyFlag[w]) {
            return false;
        }
        for (int i = 0; i < idleCount; i++) {
            if (idle[i] == w) {
                return true;
            }
        }
        return false;
    }

    /** Whether worker {@code w} is stopped (or crashed). */
    public boolean stoppedWorker(int w) {
        return down[w];
    }

    /** Stops worker {@code w} after the event it handles, if any (a thread leaving its pool). */
    public void stopWorker(int w) {
        stop(w);
    }

    /** Starts worker {@code w}; it takes the next waiting event at once (a thread joining its pool). */
    public void startWorker(int w) {
        start(w);
    }

    /** Workers of every group on this queue. */
    public int workers() {
        return workers;
    }

    /** Events waiting (not in service). */
    public int queued() {
        return queue.size();
    }

    /** Workers busy now. */
    public int busyWorkers() {
        return busyCount;
    }

    @Override
    public int index() {
        return elementIndex;
    }

    @Override
    public boolean offer(Messages from, int slot, Sender sender) {
        double now = engine.now();
        while (idleCount > 0) {
            int w = idle[--idleCount];
            Attempts a = attemptsOf[w];
            if (a != null && !a.permits()) {
                if (a.waitsWhenOpen()) {
                    parked[w] = true; // the breaker is open: this worker takes nothing until it lets events through
                    continue;
                }
                // the event is not attempted: it goes to the DLQ or passes with a fallback; the worker stays idle
                idle[idleCount++] = w;
                arrivals++;
                inService.copy(w, from, slot);
                inService.setEnqueued(w, now);
                passUnattempted(a, w, inService, w, now);
                return true;
            }
            arrivals++;
            inService.copy(w, from, slot);
            inService.setEnqueued(w, now);
            startService(w, now);
            return true;
        }
        if (queue.size() >= fullAt) {
            return offerFull(from, slot, sender, now); // out of line: keeps the common path small enough to inline
        }
        arrivals++;
        queue.add(from, slot, now);
        waiting.set(now, queue.size());
        return true;
    }

    /**
     * A newcomer that finds {@link #fullAt} or more waiting: turned away by admission control, or handled
     * as the overflow says (rejected, its sender blocked, or the oldest dropped).
     */
    private boolean offerFull(Messages from, int slot, Sender sender, double now) {
        if (queue.size() >= admitBelow) {
            // admission control sheds early, whatever the overflow: nobody is held back by it
            admissionRejected++;
            if (context.observed()) {
                context.tell(new ModelEvent.Rejected(now, elementIndex, from.key(slot)));
            }
            return true;
        }
        switch (overflow) {
            case REJECT -> {
                reject(from.key(slot));
                return true;
            }
            case BLOCK -> {
                if (sender != null) {
                    blocked++;
                    blockedSenders.add(sender);
                    return false;
                }
                reject(from.key(slot));
                return true;
            }
            case DROP_OLDEST -> {
                if (queue.isEmpty()) {
                    reject(from.key(slot)); // capacity 0: nothing to drop, so the newcomer is lost
                    return true;
                }
                int dropKey = queue.store().key(queue.headSlot());
                queue.removeHead();
                dropped++;
                if (context.observed()) {
                    context.tell(new ModelEvent.Dropped(now, elementIndex, dropKey));
                }
                arrivals++;
                queue.add(from, slot, now);
                return true;
            }
            default -> throw new IllegalStateException();
        }
    }

    private void reject(int key) {
        rejected++;
        if (context.observed()) {
            context.tell(new ModelEvent.Rejected(engine.now(), elementIndex, key));
        }
    }

    /** Starts worker {@code w} on the message already in its in-service slot. */
    private void startService(int w, double now) {
        started[w] = now;
        if (!busyFlag[w]) {
            busyFlag[w] = true;
            busyCount++;
            busy.set(now, busyCount);
            groupOf[w].workerBusy(now, 1);
        }
        if (context.observed()) { // the arguments are not worked out when nobody listens (every event passes here)
            context.moved(elementIndex, groupOf[w].index, inService.key(w), w);
        }
        double s = serviceOf[w].sample(randomOf[w]);
        Attempts a = attemptsOf[w];
        if (a != null) {
            attemptStart[w] = now;
            boolean f = a.begin(inService, w);
            fails[w] = f;
            s = a.duration(s, f);
        }
        engine.schedule(s, handler, COMPLETE, tag(w));
    }

    /** A blocking retry's backoff is over: worker {@code w} tries its event again. */
    private void retry(int w) {
        double now = engine.now();
        Attempts a = attemptsOf[w];
        a.backoffOver(now);
        if (!a.permits()) {
            if (a.shortCircuited(inService, w, now) == Attempts.RETRY_HERE) {
                engine.schedule(a.backoffDelay(), handler, RETRY, tag(w));
                return;
            }
            leave(w, now);
            next(w, now);
            return;
        }
        attemptStart[w] = now;
        boolean f = a.begin(inService, w);
        fails[w] = f;
        engine.schedule(a.duration(serviceOf[w].sample(randomOf[w]), f), handler, COMPLETE, tag(w));
    }

    /** The event at {@code (m, slot)}, for worker {@code w}'s group, is not attempted (the breaker is open). */
    private void passUnattempted(Attempts a, int w, Messages m, int slot, double now) {
        completions++;
        double enq = m.enqueued(slot);
        sojourn.record(now - enq);
        wait.record(now - enq);
        ConsumerGroup g = groupOf[w];
        if (a.notLetThrough(m, slot, now)) {
            g.completed(now, now, m, slot);
        } else {
            g.departed(now, now, m, slot);
        }
    }

    /** Worker {@code w}'s event leaves without success (requeued, in a retry stage, dead-lettered, dropped). */
    private void leave(int w, double now) {
        completions++;
        double enq = inService.enqueued(w);
        sojourn.record(now - enq);
        wait.record(started[w] - enq);
        groupOf[w].departed(now, started[w], inService, w);
    }

    @Override
    public void handle(int kind, long arg) {
        if (kind == VISIBLE) {
            visibleAgain();
            return;
        }
        int w = (int) arg;
        if ((int) (arg >>> 32) != life[w]) {
            return; // an event of the worker's life before a crash
        }
        if (kind == RETRY) {
            retry(w);
            return;
        }
        double now = engine.now();
        Attempts a = attemptsOf[w];
        if (a != null) {
            a.record(attemptStart[w], fails[w]);
            if (fails[w]) {
                if (a.failed(inService, w, now) == Attempts.RETRY_HERE) {
                    engine.schedule(a.backoffDelay(), handler, RETRY, tag(w)); // blocking: the worker keeps the event
                    return;
                }
                leave(w, now);
                next(w, now);
                return;
            }
        }
        ConsumerGroup g = groupOf[w];
        double enq = inService.enqueued(w);
        // produced straight into this queue: the group's end-to-end time is this sojourn time, counted once
        boolean paired = g.endToEndPaired && inService.origin(w) == enq;
        int full = g.completedHolding(now, started[w], inService, w, senderOf[w], paired);
        if (full >= 0) {
            // a stage downstream is full: the worker keeps its finished event and takes no new work; the
            // event leaves this station (and its time here ends) only when it is handed over
            heldAt[w] = full;
            g.workerHeld(now, 1);
            return;
        }
        completions++;
        if (paired) {
            LatencyRecorder.recordBoth(sojourn, g.stats.endToEnd, now - enq);
        } else {
            sojourn.record(now - enq);
        }
        wait.record(started[w] - enq);
        next(w, now);
    }

    /** The full stage worker {@code w} waits for has room: it hands over its event and, once all went out, goes on. */
    private void unheld(int w) {
        if (heldAt[w] < 0) {
            return;
        }
        int full = groupOf[w].resumeEmit(inService, w, heldAt[w], senderOf[w]);
        if (full >= 0) {
            heldAt[w] = full;
            return;
        }
        heldAt[w] = -1;
        double now = engine.now();
        groupOf[w].workerHeld(now, -1);
        completions++;
        double enq = inService.enqueued(w);
        sojourn.record(now - enq);
        wait.record(started[w] - enq);
        next(w, now);
    }

    /** Worker {@code w} is free: it takes the next waiting event, parks (breaker open) or goes idle. */
    private void next(int w, double now) {
        if (leaving[w] || down[w]) {
            leaving[w] = false;
            down[w] = true;
            setIdle(w, now);
            return;
        }
        Attempts a = attemptsOf[w];
        while (!queue.isEmpty()) {
            if (a != null && !a.permits()) {
                if (a.waitsWhenOpen()) {
                    setIdle(w, now);
                    parked[w] = true;
                    return;
                }
                passUnattempted(a, w, queue.store(), queue.headSlot(), now);
                queue.removeHead();
                waiting.set(now, queue.size());
                if (!blockedSenders.isEmpty()) {
                    blockedSenders.poll().unblock();
                }
                continue;
            }
            inService.copy(w, queue.store(), queue.headSlot());
            queue.removeHead();
            waiting.set(now, queue.size());
            startService(w, now);
            if (!blockedSenders.isEmpty()) {
                blockedSenders.poll().unblock();
            }
            return;
        }
        setIdle(w, now);
        idle[idleCount++] = w;
        if (idleListener != null) {
            idleListener.accept(w);
        }
        if (!blockedSenders.isEmpty()) {
            // a worker came free with nobody waiting (capacity 0): room for a blocked producer
            blockedSenders.poll().unblock();
        }
    }

    private void setIdle(int w, double now) {
        if (busyFlag[w]) {
            busyFlag[w] = false;
            busyCount--;
            busy.set(now, busyCount);
            groupOf[w].workerBusy(now, -1);
        }
    }

    /** The breaker of group {@code g} lets events through again: its parked workers take up work. */
    private void resume(ConsumerGroup g) {
        double now = engine.now();
        for (int w = 0; w < workers; w++) {
            if (parked[w] && groupOf[w] == g && !down[w]) {
                parked[w] = false;
                next(w, now);
            }
        }
    }

    /**
     * Moves the events waiting now to {@code to} with fresh attempts (a DLQ redrive: the cause is
     * taken as fixed, so they are marked repaired and no longer poison); returns how many.
     */
    public long redrive(Destination to) {
        double now = engine.now();
        long n = queue.size();
        for (long i = 0; i < n; i++) {
            Messages st = queue.store();
            int h = queue.headSlot();
            completions++;
            sojourn.record(now - st.enqueued(h));
            wait.record(now - st.enqueued(h));
            st.setAttempt(h, 0);
            st.setReason(h, st.reason(h) == 0 ? 0 : REPAIRED);
            to.offer(st, h, null);
            queue.removeHead();
        }
        waiting.set(now, queue.size());
        while (!blockedSenders.isEmpty() && queue.size() < capacity) {
            blockedSenders.poll().unblock();
        }
        return n;
    }

    /** The station's index of the {@code n}-th worker (from 1) of {@code group}, or −1. */
    int workerOf(ConsumerGroup group, int n) {
        int k = 0;
        for (int w = 0; w < workers; w++) {
            if (groupOf[w] == group && ++k == n) {
                return w;
            }
        }
        return -1;
    }

    /** Writes {@code worker.I} (1 busy, 0 idle) for the workers of {@code group}, numbered from 0 within it. */
    void workerFlags(ConsumerGroup group, Map<String, Double> out) {
        int k = 0;
        for (int w = 0; w < workers; w++) {
            if (groupOf[w] == group) {
                if (down[w]) {
                    out.put("worker." + k + ".down", 1.0);
                }
                if (heldAt[w] >= 0) {
                    out.put("worker." + k + ".held", 1.0); // its finished event waits for room in a full stage
                }
                out.put("worker." + k++, busyFlag[w] ? 1.0 : 0.0);
            }
        }
    }

    /** Forgets the statistics so far (end of warm-up). */
    public void reset(double now) {
        waiting.reset(now);
        busy.reset(now);
        sojourn.reset();
        wait.reset();
        arrivals = 0;
        completions = 0;
        rejected = 0;
        dropped = 0;
        admissionRejected = 0;
        blocked = 0;
        lastSampleArrivals = 0;
        lastSampleCompletions = 0;
        intervals.reset();
    }

    /** Appends this station's samples to {@code owner}'s series, names prefixed by {@code prefix}. */
    public void sample(Element owner, String prefix, double now, double interval) {
        double lq = waiting.area(now);
        double b = busy.area(now);
        intervals.sample(owner, prefix, now, interval, lq + b, lq, b, workers, sojourn, wait);
        owner.series(prefix + "L").add(now, queue.size() + busyCount);
        owner.series(prefix + "Lq").add(now, queue.size());
        owner.series(prefix + "busy").add(now, busyCount);
        owner.series(prefix + "throughput").add(now, (completions - lastSampleCompletions) / interval);
        owner.series(prefix + "arrivals").add(now, (arrivals - lastSampleArrivals) / interval);
        lastSampleCompletions = completions;
        lastSampleArrivals = arrivals;
    }

    /** Writes the station's measured figures. */
    public void measure(double now, double window, Map<String, Double> out) {
        double lq = waiting.mean(now);
        double b = busy.mean(now);
        out.put("throughput", completions / window);
        out.put("arrivalRate", arrivals / window);
        out.put("L", lq + b);
        out.put("Lq", lq);
        out.put("W", sojourn.mean());
        out.put("Wq", wait.mean());
        out.put("utilization", workers == 0 ? 0 : b / workers);
        out.put("latency.p50", sojourn.percentile(50));
        out.put("latency.p95", sojourn.percentile(95));
        out.put("latency.p99", sojourn.percentile(99));
        out.put("maxQueue", waiting.max());
        if (capacity != Integer.MAX_VALUE) {
            out.put("rejected", (double) rejected);
            out.put("dropped", (double) dropped);
            double offered = arrivals + rejected + admissionRejected;
            if (admitBelow != Integer.MAX_VALUE) {
                out.put("admissionRejected", (double) admissionRejected);
            }
            out.put("lossProbability", offered == 0 ? 0 : (rejected + dropped + admissionRejected) / offered);
            if (overflow == QueueSpec.Overflow.BLOCK) {
                // each produced event is accepted once, after waiting or not: the share that had to wait
                out.put("blockProbability", offered == 0 ? 0 : blocked / offered);
            }
        }
        if (crashes > 0 || redelivered > 0) {
            out.put("crashes", (double) crashes);
            out.put("redelivered", (double) redelivered);
        }
        // events in the queue at the end of the run (waiting and in service)
        out.put("backlog", (double) (queue.size() + busyCount));
    }

    /**
     * When the oldest event here now (waiting or in service) arrived, or NaN when there is none: for a
     * projection, the commit time of the oldest event its read model does not show yet.
     */
    public double oldestArrival() {
        double oldest = queue.isEmpty() ? Double.NaN : queue.store().enqueued(queue.headSlot());
        for (int w = 0; w < workers; w++) {
            if (busyFlag[w] && !(inService.enqueued(w) >= oldest)) {
                oldest = inService.enqueued(w);
            }
        }
        return oldest;
    }

    /** Events in the system now (waiting and in service). */
    int inSystem() {
        return queue.size() + busyCount;
    }

    /** Writes the station's current state. */
    public void snapshot(Map<String, Double> out) {
        out.put("queued", (double) queue.size());
        out.put("busy", (double) busyCount);
        out.put("workers", (double) workers);
        out.put("completions", (double) completions);
        for (int w = 0; w < workers; w++) {
            out.put("worker." + w, busyFlag[w] ? 1.0 : 0.0);
        }
    }
}
