package dev.tributary.sim.element.stage;

import dev.tributary.sim.element.Element;
import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.engine.EventHandler;
import dev.tributary.sim.element.queue.QueueStation;
import dev.tributary.sim.metrics.TimeAverage;
import java.util.Arrays;
import java.util.Map;

/**
 * SEDA's thread pool controller (Welsh, Culler and Brewer, "SEDA: an architecture for
 * well-conditioned, scalable Internet services", SOSP 2001, §3.4): it samples the stage's queue
 * every {@code every} seconds and starts one more thread when more than {@code growAbove} events
 * wait, up to {@code max}; a thread that has been idle for {@code idle} seconds stops, down to
 * {@code min}. The threads are the reading group's workers: a stopped one takes no work.
 */
final class ThreadPoolController implements EventHandler {

    private static final int SAMPLE = 0;
    private static final int IDLE = 1;

    private final StageSpec.Pool pool;
    private final QueueStation station;
    private final Engine engine;
    /** This element's id in the engine: scheduling by id stores no reference (see {@link Engine#register}). */
    private final int handler;
    /** Per thread: how many times it went idle; an idle timer of an earlier idle spell is stale. */
    private int[] spell = new int[0];
    private int running;
    private final TimeAverage threads = new TimeAverage();
    private long grows;
    private long shrinks;

    ThreadPoolController(StageSpec.Pool pool, QueueStation station, Engine engine) {
        this.pool = pool;
        this.station = station;
        this.engine = engine;
        this.handler = engine.register(this);
    }

    /** Every worker is added: all but the first {@code min} threads stop; idle threads start their timers. */
    void ready() {
        int n = station.workers();
        spell = Arrays.copyOf(spell, n);
        for (int w = pool.min(); w < n; w++) {
            station.stopWorker(w);
        }
        running = Math.min(pool.min(), n);
        threads.set(engine.now(), running);
        station.onIdle(this::wentIdle);
    }

    /** The run starts: the first sample is one period away. */
    void start() {
        engine.schedule(pool.every(), handler, SAMPLE, 0);
    }

    private void wentIdle(int w) {
        spell[w]++;
        engine.schedule(pool.idle(), handler, IDLE, ((long) spell[w] << 32) | w);
    }

    @Override
    public void handle(int kind, long arg) {
        if (kind == SAMPLE) {
            sample();
            engine.schedule(pool.every(), handler, SAMPLE, 0);
            return;
        }
        int w = (int) arg;
        if ((int) (arg >>> 32) == spell[w] && running > pool.min() && station.idleWorker(w)) {
            // idle for a whole idle period since it last went idle: the thread leaves the pool
            station.stopWorker(w);
            running--;
            shrinks++;
            threads.set(engine.now(), running);
        }
    }

    /** The controller's periodic look at the queue: one more thread when more than grow-above wait. */
    private void sample() {
        if (station.queued() <= pool.growAbove() || running >= station.workers()) {
            return;
        }
        for (int w = 0; w < station.workers(); w++) {
            if (station.stoppedWorker(w)) {
                running++;
                grows++;
                threads.set(engine.now(), running);
                station.startWorker(w);
                return;
            }
        }
    }

    /** Threads running now. */
    int running() {
        return running;
    }

    void reset(double now) {
        threads.reset(now);
        grows = 0;
        shrinks = 0;
    }

    void sample(Element owner, double now) {
        owner.series("threads").add(now, running);
    }

    void measure(double now, Map<String, Double> out) {
        out.put("threads", threads.mean(now));
        out.put("maxThreads", threads.max());
        out.put("grows", (double) grows);
        out.put("shrinks", (double) shrinks);
    }

    void snapshot(Map<String, Double> out) {
        out.put("threads", (double) running);
    }
}
