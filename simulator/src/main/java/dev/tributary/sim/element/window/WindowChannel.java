package dev.tributary.sim.element.window;

import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Destination;
import dev.tributary.sim.element.Drawing;
import dev.tributary.sim.element.Messages;
import dev.tributary.sim.element.Sender;
import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.engine.EventHandler;
import dev.tributary.sim.metrics.LatencyRecorder;
import dev.tributary.sim.metrics.TimeAverage;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * A windowing operator at run time. Time is event time: an event's time is when its producer made
 * it (its origin), and the watermark is the simulation clock (every source shares it), so a window
 * [start, end) is due at {@code end}: an event of it that arrives later (held up upstream) is late;
 * until {@code end + lateness} it still counts, after that it is dropped. A window's aggregate
 * (its count) is emitted once, final, at {@code end + lateness}, when its state is freed. Alerts fire
 * as soon as a window's count reaches the threshold (or the sum of its events' amounts reaches the
 * sum threshold), once per window and key.
 * <p>
 * Aligned windows (tumbling, sliding) live in a ring of the windows alive at once; each holds an
 * open-addressing table of its keys' counts and the list of its keys, so memory follows the windows
 * open and closing a window costs its keys, not the key space. Sessions keep per-key arrays.
 */
final class WindowChannel extends Channel implements EventHandler {

    private static final int DUE = 0;
    private static final int CLOSE = 1;
    private static final int SESSION = 2;
    private static final long EMPTY = Long.MIN_VALUE;

    private final WindowSpec spec;
    private final Context context;
    private final Engine engine;
    /** This element's id in the engine: scheduling by id stores no reference (see {@link Engine#register}). */
    private final int handler;
    private final double size;
    private final double advance;
    private final double lateness;
    private final boolean session;
    private final int keys;
    private final int ring;
    private final int filterType;
    private final int windowType;
    private final int alertType;
    private Destination toDest;
    private Destination alertsDest;
    private final Messages out = new Messages(1);

    // aligned windows: each ring slot holds one window at a time, with an open-addressing table of
    // key → count (state grows with the windows open, not with the key space) and the list of its keys
    private final long[] slotWindow;
    private final int[][] tableKey;
    private final int[][] tableCount;
    /** Per slot and table entry, the sum of the amounts (only with a sum rule). */
    private final double[][] tableSum;
    private final double sumThreshold;
    private final int[][] slotKeys;
    private final int[] slotSize;
    /** Events a slot's window holds, and the most of one key (for the drawing only). */
    private final int[] slotEvents;
    private final int[] slotTop;
    /** Highest window index that is due (its end has passed), and highest closed (freed). */
    private long due;
    private long closed;

    // sessions, per key
    private final double[] sStart;
    private final double[] sLast;
    private final int[] sCount;
    private final double[] sSum;
    private final boolean[] sOpen;
    private final boolean[] sTimer;

    // statistics
    private long received;
    private long filtered;
    private long taken;
    private long late;
    private long dropped;
    private long windows;
    private long alerts;
    private int openNow;
    private final TimeAverage open = new TimeAverage();
    private final LatencyRecorder alertLatency = new LatencyRecorder();
    private long lastWindows;
    private long lastAlerts;

    WindowChannel(WindowSpec spec, int index, Context context) {
        super(spec.id(), index);
        this.spec = spec;
        this.context = context;
        this.engine = context.engine();
        this.handler = engine.register(this);
        this.size = spec.shape().size();
        this.advance = spec.shape().advance();
        this.lateness = spec.lateness();
        this.session = spec.shape().session();
        this.keys = context.keySpace() + 1; // the last one stands for unkeyed events
        this.filterType = spec.filter() == null ? -1 : context.knownTypeIndex(spec.filter());
        this.windowType = context.typeIndex(WindowSpec.WINDOW_TYPE);
        this.alertType = context.typeIndex(WindowSpec.ALERT_TYPE);
        // windows alive at once: those whose end + lateness is still ahead, and the newest one
        this.ring = session ? 0 : (int) Math.ceil((size + lateness) / advance) + 3;
        this.slotWindow = new long[ring];
        Arrays.fill(slotWindow, EMPTY);
        this.tableKey = new int[ring][];
        this.tableCount = new int[ring][];
        this.sumThreshold = spec.sum();
        this.tableSum = sumThreshold > 0 ? new double[ring][] : null;
        this.slotKeys = new int[ring][];
        for (int s = 0; s < ring; s++) {
            slotKeys[s] = new int[4];
            tableKey[s] = new int[8];
            Arrays.fill(tableKey[s], -1);
            tableCount[s] = new int[8];
            if (tableSum != null) {
                tableSum[s] = new double[8];
            }
        }
        this.slotSize = new int[ring];
        this.slotEvents = new int[ring];
        this.slotTop = new int[ring];
        this.sStart = new double[session ? keys : 0];
        this.sLast = new double[sStart.length];
        this.sCount = new int[sStart.length];
        this.sSum = new double[sumThreshold > 0 ? sStart.length : 0];
        this.sOpen = new boolean[sStart.length];
        this.sTimer = new boolean[sStart.length];
        long first = firstWindow();
        this.due = first - 1;
        this.closed = first - 1;
    }

    /** The first window that can hold an event (event times are 0 or more). */
    private long firstWindow() {
        return (long) Math.floor(-size / advance) + 1;
    }

    private double end(long w) {
        return w * advance + size;
    }

    @Override
    public void connect(Function<String, Destination> channels) {
        toDest = spec.to() == null ? null : channels.apply(spec.to());
        alertsDest = spec.alertsTo() == null ? null : channels.apply(spec.alertsTo());
    }

    @Override
    public String kind() {
        return WindowKind.WORD;
    }

    @Override
    public void start() {
        if (!session) {
            long w = firstWindow();
            engine.scheduleAt(end(w), handler, DUE, w);
            engine.scheduleAt(end(w) + lateness, handler, CLOSE, w);
        }
    }

    @Override
    public boolean offer(Messages from, int slot, Sender sender) {
        received++;
        if (filterType != -1 && from.type(slot) != filterType) {
            filtered++;
            return true;
        }
        int key = from.key(slot);
        int k = key < 0 || key >= keys - 1 ? keys - 1 : key;
        double t = from.origin(slot);
        if (session) {
            session(k, t, from, slot);
            return true;
        }
        long high = (long) Math.floor(t / advance);
        long low = (long) Math.floor((t - size) / advance) + 1;
        boolean isLate = false;
        boolean any = false;
        for (long w = low; w <= high; w++) {
            if (w <= closed) {
                isLate = true; // this window is gone: the event misses it
                continue;
            }
            if (w <= due) {
                isLate = true;
            }
            add(k, w, from, slot);
            any = true;
        }
        if (!any) {
            dropped++;
        } else {
            taken++;
            if (isLate) {
                late++;
            }
        }
        return true;
    }

    private void add(int k, long w, Messages from, int slot) {
        int s = (int) Math.floorMod(w, (long) ring);
        if (slotWindow[s] != w) {
            if (slotWindow[s] != EMPTY) {
                throw new IllegalStateException("window ring too small: " + slotWindow[s] + " still held when " + w + " opens");
            }
            slotWindow[s] = w;
        }
        int[] keysOf = tableKey[s];
        int mask = keysOf.length - 1;
        int i = mix(k) & mask;
        while (keysOf[i] != -1 && keysOf[i] != k) {
            i = (i + 1) & mask;
        }
        if (keysOf[i] == -1) {
            keysOf[i] = k;
            tableCount[s][i] = 0;
            if (tableSum != null) {
                tableSum[s][i] = 0;
            }
            if (slotSize[s] == slotKeys[s].length) {
                slotKeys[s] = Arrays.copyOf(slotKeys[s], slotKeys[s].length * 2);
            }
            slotKeys[s][slotSize[s]++] = k;
            openNow++;
            open.set(engine.now(), openNow);
        }
        int c = ++tableCount[s][i];
        slotEvents[s]++;
        slotTop[s] = Math.max(slotTop[s], c);
        if (c == spec.threshold()) {
            alert(from, slot);
        }
        if (tableSum != null) {
            double before = tableSum[s][i];
            double after = before + from.amount(slot);
            tableSum[s][i] = after;
            if (before < sumThreshold && after >= sumThreshold) {
                alert(from, slot);
            }
        }
        if (slotSize[s] * 2 > keysOf.length) {
            grow(s);
        }
    }

    /** Doubles slot {@code s}'s table (kept at most half full, so probes stay short). */
    private void grow(int s) {
        int[] oldKeys = tableKey[s];
        int[] oldCounts = tableCount[s];
        int[] keysOf = new int[oldKeys.length * 2];
        int[] counts = new int[keysOf.length];
        double[] oldSums = tableSum == null ? null : tableSum[s];
        double[] sums = tableSum == null ? null : new double[keysOf.length];
        Arrays.fill(keysOf, -1);
        int mask = keysOf.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != -1) {
                int i = mix(oldKeys[j]) & mask;
                while (keysOf[i] != -1) {
                    i = (i + 1) & mask;
                }
                keysOf[i] = oldKeys[j];
                counts[i] = oldCounts[j];
                if (sums != null) {
                    sums[i] = oldSums[j];
                }
            }
        }
        tableKey[s] = keysOf;
        tableCount[s] = counts;
        if (sums != null) {
            tableSum[s] = sums;
        }
    }

    private static int mix(int k) {
        int h = k * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private void session(int k, double t, Messages from, int slot) {
        double now = engine.now();
        double gap = size;
        if (sOpen[k]) {
            if (t < sStart[k] - gap) {
                dropped++; // it belongs to an earlier session of this key, already closed
                return;
            }
            sStart[k] = Math.min(sStart[k], t);
            sLast[k] = Math.max(sLast[k], t);
        } else {
            if (t + gap + lateness <= now) {
                dropped++; // its session would have closed, lateness included, before it arrived
                return;
            }
            sOpen[k] = true;
            sStart[k] = t;
            sLast[k] = t;
            sCount[k] = 0;
            if (sSum.length > 0) {
                sSum[k] = 0;
            }
            openNow++;
            open.set(now, openNow);
        }
        taken++;
        if (t + gap <= now) {
            late++;
        }
        sCount[k]++;
        if (sCount[k] == spec.threshold()) {
            alert(from, slot);
        }
        if (sSum.length > 0) {
            double before = sSum[k];
            sSum[k] = before + from.amount(slot);
            if (before < sumThreshold && sSum[k] >= sumThreshold) {
                alert(from, slot);
            }
        }
        if (!sTimer[k]) {
            sTimer[k] = true;
            engine.scheduleAt(Math.max(now, sLast[k] + gap + lateness), handler, SESSION, k);
        }
    }

    private void alert(Messages from, int slot) {
        double now = engine.now();
        alerts++;
        alertLatency.record(now - from.origin(slot));
        if (alertsDest != null) {
            out.set(0, now, from.origin(slot), from.key(slot), alertType, context.nextMessageId());
            context.moved(index, alertsDest.index(), from.key(slot), -1);
            alertsDest.offer(out, 0, null);
        }
    }

    private void emit(int k, double now) {
        windows++;
        if (toDest != null) {
            int key = k == keys - 1 ? -1 : k;
            out.set(0, now, now, key, windowType, context.nextMessageId());
            context.moved(index, toDest.index(), key, -1);
            toDest.offer(out, 0, null);
        }
    }

    @Override
    public void handle(int kind, long arg) {
        double now = engine.now();
        if (kind == DUE) {
            due = arg;
            engine.scheduleAt(end(arg + 1), handler, DUE, arg + 1);
            engine.scheduleAt(end(arg + 1) + lateness, handler, CLOSE, arg + 1);
        } else if (kind == CLOSE) {
            int s = (int) Math.floorMod(arg, (long) ring);
            for (int j = 0; j < slotSize[s]; j++) {
                emit(slotKeys[s][j], now);
            }
            Arrays.fill(tableKey[s], -1);
            slotWindow[s] = EMPTY;
            openNow -= slotSize[s];
            slotSize[s] = 0;
            slotEvents[s] = 0;
            slotTop[s] = 0;
            closed = arg;
            open.set(now, openNow);
        } else {
            int k = (int) arg;
            double at = sLast[k] + size + lateness;
            if (at - now > 1e-9) {
                engine.scheduleAt(at, handler, SESSION, k); // extended since: wait for its new end
                return;
            }
            sTimer[k] = false;
            sOpen[k] = false;
            emit(k, now);
            openNow--;
            open.set(now, openNow);
        }
    }

    @Override
    public void reset(double now) {
        received = 0;
        filtered = 0;
        taken = 0;
        late = 0;
        dropped = 0;
        windows = 0;
        alerts = 0;
        lastWindows = 0;
        lastAlerts = 0;
        open.reset(now);
        alertLatency.reset();
    }

    @Override
    public void sample(double now, double interval) {
        series("openWindows").add(now, openNow);
        series("windows").add(now, (windows - lastWindows) / interval);
        series("alerts").add(now, (alerts - lastAlerts) / interval);
        lastWindows = windows;
        lastAlerts = alerts;
    }

    @Override
    public void measure(double now, double window, Map<String, Double> out) {
        out.put("arrivalRate", received / window);
        out.put("throughput", taken / window);
        out.put("filtered", (double) filtered);
        out.put("late", (double) late);
        out.put("dropped", (double) dropped);
        out.put("windows", (double) windows);
        out.put("outputRate", windows / window);
        out.put("openWindows", open.mean(now));
        out.put("maxOpenWindows", open.max());
        if (spec.alerts()) {
            out.put("alerts", (double) alerts);
            out.put("alertRate", alerts / window);
            if (alerts > 0) {
                out.put("alertLatency.mean", alertLatency.mean());
                out.put("alertLatency.p50", alertLatency.percentile(50));
                out.put("alertLatency.p99", alertLatency.percentile(99));
            }
        }
    }

    @Override
    public void snapshot(Map<String, Double> out) {
        out.put("openWindows", (double) openNow);
        out.put("windows", (double) windows);
        out.put("alerts", (double) alerts);
        out.put("late", (double) late);
        out.put("dropped", (double) dropped);
        out.put("threshold", (double) spec.threshold());
        if (session) {
            return;
        }
        // the windows holding events, oldest first (the ring holds them in index order from closed + 1)
        int held = 0;
        for (long w = closed + 1, seen = 0; seen < ring; w++, seen++) {
            int s = (int) Math.floorMod(w, (long) ring);
            if (slotWindow[s] != w) {
                continue;
            }
            if (held < Drawing.MAX_WINDOWS) {
                String p = "window." + held + ".";
                out.put(p + "start", w * advance);
                out.put(p + "end", end(w));
                out.put(p + "close", end(w) + lateness);
                out.put(p + "events", (double) slotEvents[s]);
                out.put(p + "top", (double) slotTop[s]);
            }
            held++;
        }
        out.put("windowsHeld", (double) held);
    }

    @Override
    public double gauge(String figure) {
        return figure.equals("size") ? openNow : Double.NaN;
    }
}
