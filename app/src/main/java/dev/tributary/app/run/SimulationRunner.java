package dev.tributary.app.run;

import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.observe.ModelEvent;
import dev.tributary.sim.observe.ModelObserver;
import dev.tributary.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs a {@link Model} on its own thread and publishes {@link Snapshot}s and {@link Feed}s. The
 * UI never touches the model: it sends commands (play, pause, step, reset, speed), reads
 * {@link #latest()} once per frame and takes every queued feed with {@link #pollFeed()}; the
 * simulation never waits for the UI. Knows nothing of JavaFX, so it is tested without a window.
 */
public final class SimulationRunner implements AutoCloseable {

    /** Speed meaning "as fast as the engine can". */
    public static final double MAX_SPEED = Double.POSITIVE_INFINITY;
    /** Above this many hops per snapshot the view shows flow thickness instead of tokens. */
    public static final int MAX_MOVES_PER_SNAPSHOT = 400;
    /**
     * The model's sample interval doubles each time the clock passes this many intervals (see
     * {@link Model#growSampleInterval}): a chart a thousand pixels wide gets about a thousand samples
     * of the last half of the run, whatever its length.
     */
    public static final int SAMPLES_PER_DOUBLING = 2000;
    /** Figures per element and member or partition charted at most. */
    public static final int MAX_LANES_CHARTED = 32;
    /** Snapshots per wall second at most. */
    static final double PUBLISH_HZ = 30;
    /** Feeds waiting for the UI beyond which only samples are queued (running figures are thinned). */
    static final int MAX_QUEUED_FEEDS = 600;
    /** The measured figures a feed carries for each element (running values, as in a report). */
    static final List<String> FIGURES = List.of("L", "throughput", "W", "utilization", "latency.p50", "latency.p95",
            "latency.p99", "lag");

    private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private final AtomicReference<Snapshot> latest = new AtomicReference<>();
    private final ConcurrentLinkedQueue<Feed> feeds = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedFeeds = new AtomicInteger();
    private final AtomicLong loads = new AtomicLong();
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean playing;
    private volatile double speed = 1;
    private volatile double limit = Double.POSITIVE_INFINITY;

    // simulation-thread state
    private Model model;
    private long generation;
    private long serial;
    private final List<Snapshot.Move> pendingMoves = new ArrayList<>();
    private boolean movesOverflow;
    private long[] sent = new long[0];
    private long[] received = new long[0];
    private List<ModelEvent> stepEvents;
    private String narration = "";
    private double chunk = 1;
    private double recentRate;
    private long rateSince;
    private long rateEvents;
    private final Map<String, Integer> cursors = new HashMap<>();
    private final Map<String, double[]> memberBusy = new HashMap<>();
    private final Map<String, double[]> memberFlags = new HashMap<>();
    private double membersSince;
    private double lastFigures;
    private boolean figuresTaken;
    /** Simulated times of the narration's pauses (captions with pause: true, questions), ascending. */
    private double[] stops = new double[0];
    private int nextStop;

    /** Starts the simulation thread (idle until a scenario is loaded). */
    public SimulationRunner() {
        thread = new Thread(this::loop, "tributary-simulation");
        thread.setDaemon(true);
        thread.start();
    }

    /** The newest snapshot, or null before the first load. */
    public Snapshot latest() {
        return latest.get();
    }

    /** The oldest chart feed not yet taken, or null; the UI takes every one, in order. */
    public Feed pollFeed() {
        Feed f = feeds.poll();
        if (f != null) {
            queuedFeeds.decrementAndGet();
        }
        return f;
    }

    /**
     * Replaces the running model with a fresh one of {@code scenario} (paused at time 0); returns the
     * generation its snapshots and feeds will carry.
     */
    public long load(Scenario scenario) {
        long gen = loads.incrementAndGet();
        commands.add(() -> {
            playing = false;
            generation = gen;
            model = new Model(scenario);
            model.growSampleInterval(SAMPLES_PER_DOUBLING);
            int n = model.elements().size();
            sent = new long[n];
            received = new long[n];
            cursors.clear();
            memberBusy.clear();
            memberFlags.clear();
            membersSince = 0;
            lastFigures = 0;
            figuresTaken = false;
            pendingMoves.clear();
            movesOverflow = false;
            narration = "";
            // the run stops exactly at each pause of its narration, whatever the speed; one at t = 0 is
            // where a loaded run waits anyway
            stops = scenario.narration().stream().filter(step -> step.pause() && step.at() > 0)
                    .mapToDouble(step -> step.at()).distinct().sorted().toArray();
            nextStop = 0;
            model.setObserver(observer);
            publish();
        });
        return gen;
    }

    /** Watches the model: hops are counted without an object per hop; a move is kept only while tokens are drawn. */
    private final ModelObserver observer = new ModelObserver() {
        @Override
        public void on(ModelEvent event) {
            if (event instanceof ModelEvent.Moved mv) {
                hop(mv.time(), mv.from(), mv.to(), mv.key(), mv.lane());
            }
            if (stepEvents != null) {
                stepEvents.add(event);
            }
        }

        @Override
        public void moved(double time, int from, int to, int key, int lane) {
            if (stepEvents != null) {
                on(new ModelEvent.Moved(time, from, to, key, lane)); // a step narrates it
                return;
            }
            hop(time, from, to, key, lane);
        }
    };

    private void hop(double time, int from, int to, int key, int lane) {
        sent[from]++;
        if (to != from) {
            received[to]++;
        }
        if (speed != MAX_SPEED && pendingMoves.size() < MAX_MOVES_PER_SNAPSHOT) {
            pendingMoves.add(new Snapshot.Move(from, to, key, lane, time));
        } else {
            movesOverflow = true;
        }
    }

    /** Starts or resumes running at the current speed. */
    public void play() {
        commands.add(() -> {
            if (model != null && !model.finished()) {
                playing = true;
                narration = "";
            }
        });
    }

    /** Pauses; returns at once (the engine stops within a few microseconds). */
    public void pause() {
        playing = false;
        Model m = model;
        if (m != null) {
            m.control().requestPause();
        }
        commands.add(this::publish);
    }

    /**
     * Executes the next event that changes something one can see, and publishes the result with a
     * sentence saying what happened (pauses first). The model's own sample events change nothing on
     * screen, so they are passed over (at most {@link #MAX_SILENT_STEPS} of them).
     */
    public void step() {
        playing = false;
        commands.add(() -> {
            if (model == null) {
                return;
            }
            Map<String, Map<String, Double>> before = model.snapshot();
            List<ModelEvent> during = new ArrayList<>();
            stepEvents = during;
            boolean ran = false;
            Map<String, Map<String, Double>> after = before;
            try {
                for (int i = 0; i < MAX_SILENT_STEPS; i++) {
                    ran = model.step();
                    after = model.snapshot();
                    if (!ran || !during.isEmpty() || !after.equals(before)) {
                        break;
                    }
                }
            } finally {
                stepEvents = null;
                passStops();
                narration = Narrator.describe(model.scenario(), model.elements(), ran, model.now(), during, before, after);
            }
            publish();
        });
    }

    /** Marks the narration's pauses up to the clock as passed. */
    private void passStops() {
        while (nextStop < stops.length && stops[nextStop] <= model.now()) {
            nextStop++;
        }
    }

    /** Events a step passes over at most while looking for one that changes something visible. */
    static final int MAX_SILENT_STEPS = 10_000;

    /** Sets simulated seconds per wall second ({@link #MAX_SPEED} for as fast as possible). */
    public void setSpeed(double simSecondsPerSecond) {
        this.speed = simSecondsPerSecond;
        commands.add(() -> recentRate = 0); // the rate of the old speed says nothing about the new one
    }

    /**
     * CPU time the simulation thread has used so far, in nanoseconds (-1 where the JVM cannot tell):
     * with {@link Snapshot#events()} it gives the engine's events per second of its own CPU time, which
     * other load on the machine does not change, beside the events per wall second, which it does.
     */
    public long engineCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        return mx.isThreadCpuTimeSupported() ? mx.getThreadCpuTime(thread.getId()) : -1;
    }

    /**
     * The simulated time the run may not pass while playing (infinity: none): runs compared side by
     * side are kept in lockstep by holding each one to the slowest one's clock plus a little.
     */
    public void setLimit(double simulatedTime) {
        this.limit = simulatedTime;
    }

    /** Current speed. */
    public double speed() {
        return speed;
    }

    /** Whether it is playing. */
    public boolean playing() {
        return playing;
    }

    /** Runs {@code action} on the simulation thread with the model (for exports and tests). */
    public void withModel(Consumer<Model> action) {
        commands.add(() -> {
            if (model != null) {
                action.accept(model);
            }
        });
    }

    private void loop() {
        long last = System.nanoTime();
        long lastPublish = 0;
        while (!closed) {
            try {
                Runnable cmd = playing ? commands.poll() : commands.poll(20, TimeUnit.MILLISECONDS);
                if (cmd != null) {
                    cmd.run();
                    last = System.nanoTime();
                    rateSince = 0; // a command (play, load, speed) starts a new measurement
                    continue;
                }
                if (!playing || model == null) {
                    continue;
                }
                long now = System.nanoTime();
                double wall = Math.min(0.1, (now - last) / 1e9);
                last = now;
                double leash = limit;
                if (model.now() >= leash && !model.finished()) {
                    // held back for the runs beside it: show where it stopped, then wait for a command (a new
                    // limit arrives with no command)
                    Snapshot shown = latest.get();
                    if (shown == null || shown.generation() != generation || shown.now() < model.now()) {
                        publish();
                        lastPublish = System.nanoTime();
                    }
                    Runnable held = commands.poll(2, TimeUnit.MILLISECONDS);
                    if (held != null) {
                        held.run();
                    }
                    continue;
                }
                long before = model.events();
                long t0 = System.nanoTime();
                double stop = nextStop < stops.length ? stops[nextStop] : Double.POSITIVE_INFINITY;
                if (speed == MAX_SPEED) {
                    model.runUntil(Math.min(Math.min(stop, leash), model.now() + chunk));
                    double took = (System.nanoTime() - t0) / 1e9;
                    // aim for ~15 ms of engine work per slice, so commands and snapshots stay prompt
                    chunk = Math.max(1e-3, Math.min(chunk * 4, chunk * 0.015 / Math.max(took, 1e-6)));
                } else {
                    model.runUntil(Math.min(Math.min(stop, leash), model.now() + speed * wall));
                    Thread.sleep(5);
                }
                if (model.now() >= stop) {
                    playing = false; // a narration pause: play goes on from here
                    passStops();
                }
                // events per wall second over the last half second or more (slices at slow speeds hold 0 or 1 event)
                long end = System.nanoTime();
                if (rateSince == 0) {
                    rateSince = now;
                    rateEvents = before;
                } else if (end - rateSince >= 500_000_000L) {
                    recentRate = (model.events() - rateEvents) / ((end - rateSince) / 1e9);
                    rateSince = end;
                    rateEvents = model.events();
                }
                if (model.finished()) {
                    playing = false;
                }
                if ((System.nanoTime() - lastPublish) / 1e9 >= 1 / PUBLISH_HZ || !playing) {
                    publish();
                    lastPublish = System.nanoTime();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                playing = false;
                error.set(e);
            }
        }
    }

    /** A failure inside the engine, if one happened (the runner pauses and keeps the last snapshot). */
    public Throwable takeError() {
        return error.getAndSet(null);
    }

    /** The samples each series gained since the last feed. */
    private Map<String, Map<String, double[][]>> newSamples() {
        Map<String, Map<String, double[][]>> out = new LinkedHashMap<>();
        for (var e : model.elements()) {
            Map<String, double[][]> per = new LinkedHashMap<>();
            model.series(e.id()).forEach((name, ts) -> {
                String key = e.id() + "\u0000" + name;
                int from = cursors.getOrDefault(key, 0);
                int to = ts.size();
                if (to > from) {
                    double[] t = new double[to - from];
                    double[] v = new double[to - from];
                    for (int i = from; i < to; i++) {
                        t[i - from] = ts.time(i);
                        v[i - from] = ts.value(i);
                    }
                    per.put(name, new double[][] {t, v});
                    cursors.put(key, to);
                }
            });
            if (!per.isEmpty()) {
                out.put(e.id(), per);
            }
        }
        return out;
    }

    /** Running figures of every element, the lag of each partition a group reads and each member's busy share. */
    private Map<String, Map<String, Double>> figures(Map<String, ElementResult> results,
                                                     Map<String, Map<String, Double>> state) {
        double now = model.now();
        Scenario s = model.scenario();
        if (s.warmup() > 0 && lastFigures < s.warmup() && now >= s.warmup()) {
            memberBusy.clear(); // like every statistic, the members' shares start over after the warm-up
            memberFlags.clear();
            membersSince = s.warmup();
        }
        double dt = now - lastFigures;
        lastFigures = now;
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        results.forEach((id, r) -> {
            Map<String, Double> m = new LinkedHashMap<>();
            for (String f : FIGURES) {
                double v = r.get(f);
                if (!Double.isNaN(v)) {
                    m.put(f, v);
                }
            }
            out.put(id, m);
        });
        for (ConsumerSpec c : s.consumers()) {
            Map<String, Double> st = state.getOrDefault(c.id(), Map.of());
            Map<String, Double> src = state.getOrDefault(c.from(), Map.of());
            Map<String, Double> m = out.computeIfAbsent(c.id(), k -> new LinkedHashMap<>());
            for (int p = 0; p < MAX_LANES_CHARTED; p++) {
                Double committed = st.get("partition." + p + ".committed");
                Double end = src.get("partition." + p + ".end");
                if (committed == null || end == null) {
                    break;
                }
                m.put("partition." + p + ".lag", end - committed);
            }
            int members = 0;
            while (members < MAX_LANES_CHARTED && st.containsKey("worker." + members)) {
                members++;
            }
            if (members == 0) {
                continue;
            }
            double[] busy = memberBusy.computeIfAbsent(c.id(), k -> new double[MAX_LANES_CHARTED]);
            double[] flags = memberFlags.computeIfAbsent(c.id(), k -> new double[MAX_LANES_CHARTED]);
            double span = now - membersSince;
            for (int w = 0; w < members; w++) {
                // the busy flag seen at the last publish stands for the time since: a sample, exact at slow speeds
                busy[w] += flags[w] * dt;
                flags[w] = st.get("worker." + w);
                if (span > 0) {
                    m.put("member." + w + ".utilization", busy[w] / span);
                }
            }
        }
        return out;
    }

    private void publish() {
        if (model == null) {
            return;
        }
        Map<String, ElementResult> results = new LinkedHashMap<>();
        for (ElementResult r : model.results()) {
            results.put(r.id(), r);
        }
        Map<String, Map<String, Double>> state = model.snapshot();
        boolean followed = !movesOverflow;
        List<Snapshot.Move> moves = movesOverflow ? List.of() : List.copyOf(pendingMoves);
        pendingMoves.clear();
        movesOverflow = false;
        // the feed goes first: a frame that reads this snapshot and then drains the feeds finds its feed
        Map<String, Map<String, double[][]>> samples = newSamples();
        boolean crowded = queuedFeeds.get() > MAX_QUEUED_FEEDS;
        if (!crowded || !samples.isEmpty() || !moves.isEmpty()) {
            // running figures once per simulated instant: a pause or a second publish at the same time adds nothing
            boolean again = figuresTaken && model.now() == lastFigures;
            feeds.add(new Feed(generation, model.now(), samples, crowded || again ? Map.of() : figures(results, state),
                    moves));
            figuresTaken = true;
            queuedFeeds.incrementAndGet();
        }
        latest.set(new Snapshot(++serial, generation, model.now(), model.scenario().duration(), model.events(),
                playing ? recentRate : 0, playing, model.finished(), model.elements(), state, results, moves,
                followed, sent.clone(), received.clone(), narration));
    }

    /**
     * Waits until the simulation thread has handled every command sent so far (for tests). It has no
     * deadline of its own (a caller that needs one, such as a test with a JUnit timeout, interrupts
     * it): giving up silently after a fixed wall time made callers read a stale snapshot on a slow
     * machine.
     */
    public void sync() throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("the runner is closed");
        }
        CountDownLatch latch = new CountDownLatch(1);
        commands.add(latch::countDown);
        latch.await();
    }

    @Override
    public void close() {
        closed = true;
        playing = false;
        thread.interrupt();
    }
}
