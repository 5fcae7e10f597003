package dev.tributary.sim.model;

import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.engine.EventHandler;
import dev.tributary.sim.engine.RandomStream;
import dev.tributary.sim.metrics.LatencyRecorder;
import dev.tributary.sim.metrics.TimeAverage;
import dev.tributary.sim.scenario.ChannelSpec.Overflow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One shared FIFO served by competing workers: a point-to-point queue, or one group's copy of a
 * topic. Workers may come from several consumer groups reading the same queue; each group brings
 * its own service-time law. All per-worker state lives in primitive arrays indexed by worker.
 */
final class QueueStation implements Destination, EventHandler {

    private static final int COMPLETE = 0;

    private final Engine engine;
    private final Model model;
    private final int elementIndex;
    private final int capacity;
    private final Overflow overflow;
    private final MessageRing queue = new MessageRing();
    private final ArrayDeque<Producer> blockedSenders = new ArrayDeque<>();

    // workers
    private int workers;
    private ConsumerGroup[] groupOf = new ConsumerGroup[0];
    private Distribution[] serviceOf = new Distribution[0];
    private RandomStream[] randomOf = new RandomStream[0];
    private double[] started = new double[0];
    private double[] enqueued = new double[0];
    private double[] origin = new double[0];
    private int[] key = new int[0];
    private int[] type = new int[0];
    private long[] id = new long[0];
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

    QueueStation(Model model, int elementIndex, int capacity, Overflow overflow) {
        this.engine = model.engine();
        this.model = model;
        this.elementIndex = elementIndex;
        this.capacity = capacity;
        this.overflow = overflow;
    }

    /** Adds a group's instances as workers of this queue. */
    void addWorkers(ConsumerGroup group, Distribution service, RandomStream random, int count) {
        groups.add(group);
        int n = workers + count;
        groupOf = java.util.Arrays.copyOf(groupOf, n);
        serviceOf = java.util.Arrays.copyOf(serviceOf, n);
        randomOf = java.util.Arrays.copyOf(randomOf, n);
        started = java.util.Arrays.copyOf(started, n);
        enqueued = java.util.Arrays.copyOf(enqueued, n);
        origin = java.util.Arrays.copyOf(origin, n);
        key = java.util.Arrays.copyOf(key, n);
        type = java.util.Arrays.copyOf(type, n);
        id = java.util.Arrays.copyOf(id, n);
        busyFlag = java.util.Arrays.copyOf(busyFlag, n);
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

    int workers() {
        return workers;
    }

    int queued() {
        return queue.size();
    }

    int busyWorkers() {
        return busyCount;
    }

    boolean isBusy(int worker) {
        return busyFlag[worker];
    }

    int capacity() {
        return capacity;
    }

    @Override
    public int index() {
        return elementIndex;
    }

    @Override
    public boolean offer(int k, int t, double o, long messageId, Producer sender) {
        double now = engine.now();
        if (idleCount > 0) {
            arrivals++;
            startService(idle[--idleCount], now, now, o, k, t, messageId);
            return true;
        }
        if (queue.size() >= capacity) {
            switch (overflow) {
                case REJECT -> {
                    rejected++;
                    return true;
                }
                case BLOCK -> {
                    if (sender != null) {
                        blockedSenders.add(sender);
                        return false;
                    }
                    rejected++;
                    return true;
                }
                case DROP_OLDEST -> {
                    if (queue.isEmpty()) {
                        rejected++; // capacity 0: nothing to drop, so the newcomer is lost
                        return true;
                    }
                    queue.removeHead();
                    dropped++;
                    arrivals++;
                    queue.add(now, o, k, t, messageId);
                    return true;
                }
                default -> throw new IllegalStateException();
            }
        }
        arrivals++;
        queue.add(now, o, k, t, messageId);
        waiting.set(now, queue.size());
        return true;
    }

    private void startService(int w, double now, double enq, double o, int k, int t, long messageId) {
        started[w] = now;
        enqueued[w] = enq;
        origin[w] = o;
        key[w] = k;
        type[w] = t;
        id[w] = messageId;
        if (!busyFlag[w]) {
            busyFlag[w] = true;
            busyCount++;
            busy.set(now, busyCount);
            groupOf[w].workerBusy(now, 1);
        }
        model.flow(elementIndex, groupOf[w].index, k, w);
        engine.schedule(serviceOf[w].sample(randomOf[w]), this, COMPLETE, w);
    }

    @Override
    public void handle(int kind, long arg) {
        int w = (int) arg;
        double now = engine.now();
        completions++;
        sojourn.record(now - enqueued[w]);
        wait.record(started[w] - enqueued[w]);
        ConsumerGroup g = groupOf[w];
        g.completed(now, enqueued[w], started[w], origin[w], key[w], type[w], id[w]);
        if (!queue.isEmpty()) {
            int s = queue.headSlot();
            double enq = queue.enqueued(s);
            double o = queue.origin(s);
            int k = queue.key(s);
            int t = queue.type(s);
            long mid = queue.id(s);
            queue.removeHead();
            waiting.set(now, queue.size());
            startService(w, now, enq, o, k, t, mid);
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

    void reset(double now) {
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

    private final IntervalAverages intervals = new IntervalAverages();

    void sample(Element owner, String prefix, double now, double interval) {
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

    void measure(double now, double window, Map<String, Double> out) {
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

    void snapshot(Map<String, Double> out) {
        out.put("queued", (double) queue.size());
        out.put("busy", (double) busyCount);
        out.put("workers", (double) workers);
        out.put("completions", (double) completions);
        for (int w = 0; w < workers; w++) {
            out.put("worker." + w, busyFlag[w] ? 1.0 : 0.0);
        }
    }
}
