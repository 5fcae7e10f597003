package dev.tributary.sim.engine;

import java.util.Arrays;

/**
 * The discrete-event engine: a clock and a future-event list, nothing else.
 *
 * <p>Events are totally ordered by (time, insertion sequence), so two events at the same time run
 * in the order they were scheduled and a run is a pure function of its inputs. The list is a binary
 * min-heap over parallel primitive arrays (time, sequence, slot) with the handler, kind and argument
 * of each pending event kept in a slot pool; scheduling and executing an event therefore allocate
 * nothing once the arrays have grown to the run's largest pending count.
 *
 * <p>The engine knows nothing of brokers or queues. It is not thread-safe, with one exception:
 * {@link #requestPause()} may be called from any thread and is honoured within
 * {@link #CHECK_EVERY} events.
 */
public final class Engine {

    /** How many events run between checks of the pause flag (a volatile read is not free). */
    public static final int CHECK_EVERY = 1024;
    /** How many events run between progress callbacks. */
    public static final int PROGRESS_EVERY = 1 << 20;

    private double now;
    private long sequence;
    private long executed;

    // heap, ordered by (heapTime, heapSeq); heapSlot points into the slot pool
    private double[] heapTime = new double[64];
    private long[] heapSeq = new long[64];
    private int[] heapSlot = new int[64];
    private int size;

    // slot pool
    private EventHandler[] slotHandler = new EventHandler[64];
    private int[] slotKind = new int[64];
    private long[] slotArg = new long[64];
    private int[] freeSlots = new int[64];
    private int freeCount;
    private int slotsUsed;

    private volatile boolean pauseRequested;
    private ProgressListener listener;

    /** The current simulated time in seconds. */
    public double now() {
        return now;
    }

    /** Events executed so far. */
    public long executed() {
        return executed;
    }

    /** Number of events waiting in the future-event list. */
    public int pending() {
        return size;
    }

    /** Time of the next event, or {@code +Infinity} when none is pending. */
    public double nextTime() {
        return size == 0 ? Double.POSITIVE_INFINITY : heapTime[0];
    }

    /** Sets the listener told of progress (one listener; {@code null} removes it). */
    public void setProgressListener(ProgressListener listener) {
        this.listener = listener;
    }

    /** Schedules {@code handler} to receive ({@code kind}, {@code arg}) after {@code delay} seconds. */
    public void schedule(double delay, EventHandler handler, int kind, long arg) {
        scheduleAt(now + delay, handler, kind, arg);
    }

    /** Schedules {@code handler} to receive ({@code kind}, {@code arg}) at absolute time {@code time}. */
    public void scheduleAt(double time, EventHandler handler, int kind, long arg) {
        if (!(time >= now)) {
            throw new IllegalArgumentException("cannot schedule in the past: " + time + " < " + now);
        }
        int slot = allocateSlot();
        slotHandler[slot] = handler;
        slotKind[slot] = kind;
        slotArg[slot] = arg;
        if (size == heapTime.length) {
            int n = size * 2;
            heapTime = Arrays.copyOf(heapTime, n);
            heapSeq = Arrays.copyOf(heapSeq, n);
            heapSlot = Arrays.copyOf(heapSlot, n);
        }
        siftUp(size++, time, sequence++, slot);
    }

    /**
     * Runs events in order until the next one lies after {@code until}, none is left, or a pause
     * is requested; the clock then reads {@code until} (or the pause time).
     *
     * @return true if it reached {@code until} (or ran out of events), false if paused
     */
    public boolean runUntil(double until) {
        pauseRequested = false;
        int check = CHECK_EVERY;
        int progress = PROGRESS_EVERY;
        while (size > 0 && heapTime[0] <= until) {
            executeNext();
            if (--check == 0) {
                check = CHECK_EVERY;
                if (pauseRequested) {
                    notifyProgress();
                    return false;
                }
                if ((progress -= CHECK_EVERY) <= 0) {
                    progress = PROGRESS_EVERY;
                    notifyProgress();
                }
            }
        }
        if (until > now && until != Double.POSITIVE_INFINITY) {
            now = until;
        }
        notifyProgress();
        return true;
    }

    /** Executes exactly one event, if any is pending; returns whether one ran. */
    public boolean step() {
        if (size == 0) {
            return false;
        }
        executeNext();
        return true;
    }

    /** Asks a running {@link #runUntil} to return soon; safe from any thread. */
    public void requestPause() {
        pauseRequested = true;
    }

    private void executeNext() {
        int slot = heapSlot[0];
        now = heapTime[0];
        EventHandler handler = slotHandler[slot];
        int kind = slotKind[slot];
        long arg = slotArg[slot];
        slotHandler[slot] = null;
        freeSlots[freeCount++] = slot;
        removeTop();
        executed++;
        handler.handle(kind, arg);
    }

    private void notifyProgress() {
        ProgressListener l = listener;
        if (l != null) {
            l.progress(now, executed);
        }
    }

    private int allocateSlot() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (slotsUsed == slotHandler.length) {
            int n = slotsUsed * 2;
            slotHandler = Arrays.copyOf(slotHandler, n);
            slotKind = Arrays.copyOf(slotKind, n);
            slotArg = Arrays.copyOf(slotArg, n);
            freeSlots = Arrays.copyOf(freeSlots, n);
        }
        return slotsUsed++;
    }

    private void siftUp(int i, double t, long s, int slot) {
        double[] ht = heapTime;
        long[] hs = heapSeq;
        int[] hl = heapSlot;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            double pt = ht[parent];
            if (pt < t || (pt == t && hs[parent] < s)) {
                break;
            }
            ht[i] = pt;
            hs[i] = hs[parent];
            hl[i] = hl[parent];
            i = parent;
        }
        ht[i] = t;
        hs[i] = s;
        hl[i] = slot;
    }

    private void removeTop() {
        int last = --size;
        if (last == 0) {
            return;
        }
        double[] ht = heapTime;
        long[] hs = heapSeq;
        int[] hl = heapSlot;
        double t = ht[last];
        long s = hs[last];
        int slot = hl[last];
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            double ct = ht[child];
            long cs = hs[child];
            if (right < last) {
                double rt = ht[right];
                if (rt < ct || (rt == ct && hs[right] < cs)) {
                    child = right;
                    ct = rt;
                    cs = hs[right];
                }
            }
            if (t < ct || (t == ct && s < cs)) {
                break;
            }
            ht[i] = ct;
            hs[i] = cs;
            hl[i] = hl[child];
            i = child;
        }
        ht[i] = t;
        hs[i] = s;
        hl[i] = slot;
    }
}
