package dev.tributary.sim.element.eventstore;

import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.MessageRing;
import dev.tributary.sim.element.Messages;
import dev.tributary.sim.element.Sender;
import dev.tributary.sim.element.queue.QueueStation;
import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.engine.EventHandler;
import dev.tributary.sim.metrics.LatencyRecorder;
import dev.tributary.sim.metrics.TimeAverage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An event store at run time: writers take events first come, first served; writing one rebuilds its
 * aggregate (replaying the events since the last snapshot) and appends it; a snapshot follows every
 * {@code snapshot-every}-th event of the aggregate. The commit hands a copy to every projection's own
 * queue, so a projection's time in its queue and service is the staleness of its read model.
 */
final class EventStoreChannel extends Channel implements EventHandler {

    private final EventStoreSpec spec;
    private final Context context;
    private final Engine engine;
    /** This element's id in the engine: scheduling by id stores no reference (see {@link Engine#register}). */
    private final int handler;
    private final MessageRing waiting = new MessageRing();
    private final Messages writing;
    private final int[] idle;
    private int idleCount;
    private final int keys;
    /** Events appended per aggregate (the last entry: unkeyed events). */
    private final long[] version;
    private final List<String> projectionIds = new ArrayList<>();
    private final List<QueueStation> projections = new ArrayList<>();

    private long appended;
    private long replayed;
    private long snapshots;
    private int busy;
    private final TimeAverage busyWriters = new TimeAverage();
    private final TimeAverage queued = new TimeAverage();
    private final LatencyRecorder commit = new LatencyRecorder();
    private long lastAppended;

    EventStoreChannel(EventStoreSpec spec, int index, Context context) {
        super(spec.id(), index);
        this.spec = spec;
        this.context = context;
        this.engine = context.engine();
        this.handler = engine.register(this);
        this.writing = new Messages(spec.writers());
        this.idle = new int[spec.writers()];
        for (int w = spec.writers() - 1; w >= 0; w--) {
            idle[idleCount++] = w;
        }
        this.keys = context.keySpace() + 1;
        this.version = new long[keys];
    }

    /** Adds a projection: a group reading the store, with its own queue. */
    void project(String groupId, QueueStation view) {
        projectionIds.add(groupId);
        projections.add(view);
    }

    @Override
    public String kind() {
        return EventStoreKind.WORD;
    }

    @Override
    public boolean offer(Messages from, int slot, Sender sender) {
        double now = engine.now();
        if (idleCount > 0) {
            int w = idle[--idleCount];
            writing.copy(w, from, slot);
            writing.setEnqueued(w, now);
            write(w, now);
        } else {
            waiting.add(from, slot, now);
            queued.set(now, waiting.size());
        }
        return true;
    }

    /** Writer {@code w} rebuilds the aggregate of its event and appends it. */
    private void write(int w, double now) {
        busy++;
        busyWriters.set(now, busy);
        int key = writing.key(w);
        int k = key < 0 || key >= keys - 1 ? keys - 1 : key;
        long since = version[k] % spec.snapshotEvery();
        version[k]++;
        replayed += since;
        engine.schedule(spec.append() + spec.replay() * since, handler, 0, w);
    }

    @Override
    public void handle(int kind, long arg) {
        int w = (int) arg;
        double now = engine.now();
        appended++;
        commit.record(now - writing.enqueued(w));
        int key = writing.key(w);
        int k = key < 0 || key >= keys - 1 ? keys - 1 : key;
        if (version[k] % spec.snapshotEvery() == 0) {
            snapshots++;
        }
        for (int i = 0; i < projections.size(); i++) {
            context.moved(index, projections.get(i).index(), key, -1);
            projections.get(i).offer(writing, w, null);
        }
        busy--;
        if (!waiting.isEmpty()) {
            writing.copy(w, waiting.store(), waiting.headSlot());
            waiting.removeHead();
            queued.set(now, waiting.size());
            write(w, now);
        } else {
            idle[idleCount++] = w;
            busyWriters.set(now, busy);
        }
    }

    @Override
    public void reset(double now) {
        appended = 0;
        replayed = 0;
        snapshots = 0;
        lastAppended = 0;
        busyWriters.reset(now);
        queued.reset(now);
        commit.reset();
        projections.forEach(p -> p.reset(now));
    }

    @Override
    public void sample(double now, double interval) {
        series("throughput").add(now, (appended - lastAppended) / interval);
        series("Lq").add(now, waiting.size());
        lastAppended = appended;
    }

    @Override
    public void measure(double now, double window, Map<String, Double> out) {
        double b = busyWriters.mean(now);
        double lq = queued.mean(now);
        out.put("throughput", appended / window);
        out.put("L", lq + b);
        out.put("Lq", lq);
        out.put("W", commit.mean());
        out.put("utilization", b / spec.writers());
        out.put("latency.p50", commit.percentile(50));
        out.put("latency.p99", commit.percentile(99));
        out.put("replayed", (double) replayed);
        out.put("replayedPerEvent", appended == 0 ? 0 : replayed / (double) appended);
        out.put("snapshots", (double) snapshots);
        for (int i = 0; i < projections.size(); i++) {
            // staleness: from the commit to the event's visibility in this projection's read model
            LatencyRecorder s = projections.get(i).sojourn();
            String p = "staleness." + projectionIds.get(i) + ".";
            out.put(p + "mean", s.mean());
            out.put(p + "p50", s.percentile(50));
            out.put(p + "p99", s.percentile(99));
        }
    }

    @Override
    public void snapshot(Map<String, Double> out) {
        out.put("queued", (double) waiting.size());
        out.put("busy", (double) busy);
        out.put("workers", (double) spec.writers());
        out.put("appended", (double) appended);
        out.put("snapshots", (double) snapshots);
        out.put("replayed", (double) replayed);
        for (int i = 0; i < projections.size(); i++) {
            String p = "staleness." + projectionIds.get(i) + ".";
            double since = projections.get(i).oldestArrival();
            if (!Double.isNaN(since)) {
                out.put(p + "since", since);
            }
            LatencyRecorder s = projections.get(i).sojourn();
            if (s.count() > 0) {
                out.put(p + "mean", s.mean());
            }
        }
    }

    @Override
    public double gauge(String figure) {
        return figure.equals("size") ? waiting.size() + busy : Double.NaN;
    }
}
