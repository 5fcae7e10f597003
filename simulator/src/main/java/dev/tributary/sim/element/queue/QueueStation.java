package dev.tributary.sim.element.queue;

import dev.tributary.sim.distribution.Distribution;
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

/**
 * One shared FIFO served by competing workers: a point-to-point queue, or one group's copy of a
 * topic. Workers may come from several consumer groups reading the same queue; each group brings
 * its own service-time law. All per-worker state lives in primitive arrays indexed by worker, and
 * the message each worker handles in a {@link Messages} slot of the same index.
 */
public final class QueueStation implements Destination, EventHandler {

    private static final int COMPLETE = 0;

    private final Engine engine;
    private final Context context;
    private final int elementIndex;
    private final int capacity;
    private final QueueSpec.Overflow overflow;
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

    // statistics
    final TimeAverage waiting = new TimeAverage();
    final TimeAverage busy = new TimeAverage();
    final LatencyRecorder sojourn = new LatencyRecorder();
    final LatencyRecorder wait = new LatencyRecorder(false); // only its mean is reported
    long arrivals;
    long completions;
    long rejected;
    long dropped;
    private long lastSampleCompletions;
    private long lastSampleArrivals;
    final List<ConsumerGroup> groups = new ArrayList<>();
    private final IntervalAverages intervals = new IntervalAverages();

    /** A station of element {@code elementIndex} holding at most {@code capacity} waiting events. */
    public QueueStation(Context context, int elementIndex, int capacity, QueueSpec.Overflow overflow) {
        this.engine = context.engine();
        this.context = context;
        this.elementIndex = elementIndex;
        this.capacity = capacity;
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
        }
        workers = n;
    }

    /** Called once every group is added: a group that is the only reader shares the queue's recorded times. */
    public void groupsComplete() {
        groups.forEach(ConsumerGroup::shareTimesWithStationIfSole);
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
        if (idleCount > 0) {
            arrivals++;
            int w = idle[--idleCount];
            inService.copy(w, from, slot);
            inService.setEnqueued(w, now);
            startService(w, now);
            return true;
        }
        if (queue.size() >= capacity) {
            switch (overflow) {
                case REJECT -> {
                    reject(from.key(slot));
                    return true;
                }
                case BLOCK -> {
                    if (sender != null) {
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
        arrivals++;
        queue.add(from, slot, now);
        waiting.set(now, queue.size());
        return true;
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
        context.moved(elementIndex, groupOf[w].index, inService.key(w), w);
        engine.schedule(serviceOf[w].sample(randomOf[w]), this, COMPLETE, w);
    }

    @Override
    public void handle(int kind, long arg) {
        int w = (int) arg;
        double now = engine.now();
        completions++;
        double enq = inService.enqueued(w);
        sojourn.record(now - enq);
        wait.record(started[w] - enq);
        ConsumerGroup g = groupOf[w];
        g.completed(now, started[w], inService, w);
        if (!queue.isEmpty()) {
            inService.copy(w, queue.store(), queue.headSlot());
            queue.removeHead();
            waiting.set(now, queue.size());
            startService(w, now);
            if (!blockedSenders.isEmpty()) {
                blockedSenders.poll().unblock();
            }
        } else {
            busyFlag[w] = false;
            busyCount--;
            busy.set(now, busyCount);
            g.workerBusy(now, -1);
            idle[idleCount++] = w;
            if (!blockedSenders.isEmpty()) {
                // a worker came free with nobody waiting (capacity 0): room for a blocked producer
                blockedSenders.poll().unblock();
            }
        }
    }

    /** Writes {@code worker.I} (1 busy, 0 idle) for the workers of {@code group}, numbered from 0 within it. */
    void workerFlags(ConsumerGroup group, Map<String, Double> out) {
        int k = 0;
        for (int w = 0; w < workers; w++) {
            if (groupOf[w] == group) {
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
            double offered = arrivals + rejected;
            out.put("lossProbability", offered == 0 ? 0 : (rejected + dropped) / offered);
        }
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
