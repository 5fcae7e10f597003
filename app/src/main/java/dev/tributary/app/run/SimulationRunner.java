package dev.tributary.app.run;

import dev.tributary.sim.observe.ModelEvent;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a {@link Model} on its own thread and publishes {@link Snapshot}s. The UI never touches the
 * model: it sends commands (play, pause, step, reset, speed) and reads {@link #latest()}; the
 * simulation never waits for the UI. Knows nothing of JavaFX, so it is tested without a window.
 */
public final class SimulationRunner implements AutoCloseable {

    /** Speed meaning "as fast as the engine can". */
    public static final double MAX_SPEED = Double.POSITIVE_INFINITY;
    /** Above this many hops per snapshot the view shows flow thickness instead of tokens. */
    public static final int MAX_MOVES_PER_SNAPSHOT = 400;
    /** Snapshots per wall second at most. */
    static final double PUBLISH_HZ = 30;

    private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private final AtomicReference<Snapshot> latest = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean playing;
    private volatile double speed = 1;

    private Model model;
    private long serial;
    private final List<Snapshot.Move> pendingMoves = new ArrayList<>();
    private boolean movesOverflow;
    private double chunk = 1;
    private double recentRate;

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

    /** Replaces the running model with a fresh one of {@code scenario} (paused at time 0). */
    public void load(Scenario scenario) {
        commands.add(() -> {
            playing = false;
            model = new Model(scenario);
            cursors.clear();
            model.setObserver(event -> {
                if (event instanceof ModelEvent.Moved mv) {
                    if (pendingMoves.size() < MAX_MOVES_PER_SNAPSHOT) {
                        pendingMoves.add(new Snapshot.Move(mv.from(), mv.to(), mv.key(), mv.lane(), mv.time()));
                    } else {
                        movesOverflow = true;
                    }
                }
            });
            publish();
        });
    }

    /** Starts or resumes running at the current speed. */
    public void play() {
        commands.add(() -> {
            if (model != null && !model.finished()) {
                playing = true;
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

    /** Executes one event and publishes the result (pauses first). */
    public void step() {
        playing = false;
        commands.add(() -> {
            if (model != null) {
                model.step();
                publish();
            }
        });
    }

    /** Sets simulated seconds per wall second ({@link #MAX_SPEED} for as fast as possible). */
    public void setSpeed(double simSecondsPerSecond) {
        this.speed = simSecondsPerSecond;
    }

    /** Current speed. */
    public double speed() {
        return speed;
    }

    /** Whether it is playing. */
    public boolean playing() {
        return playing;
    }

    /** Republishes with every series from its start (after the UI changed what it charts). */
    public void resendSeries() {
        commands.add(() -> {
            cursors.clear();
            publish();
        });
    }

    /** Runs {@code action} on the simulation thread with the model (for exports); result via the callback. */
    public void withModel(java.util.function.Consumer<Model> action) {
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
                    continue;
                }
                if (!playing || model == null) {
                    continue;
                }
                long now = System.nanoTime();
                double wall = Math.min(0.1, (now - last) / 1e9);
                last = now;
                long before = model.events();
                long t0 = System.nanoTime();
                if (speed == MAX_SPEED) {
                    model.runUntil(model.now() + chunk);
                    double took = (System.nanoTime() - t0) / 1e9;
                    // aim for ~15 ms of engine work per slice, so commands and snapshots stay prompt
                    chunk = Math.max(1e-3, Math.min(chunk * 4, chunk * 0.015 / Math.max(took, 1e-6)));
                } else {
                    model.runUntil(model.now() + speed * wall);
                    Thread.sleep(5);
                }
                double took = Math.max(1e-9, (System.nanoTime() - now) / 1e9);
                double rate = (model.events() - before) / took;
                recentRate = recentRate == 0 ? rate : 0.8 * recentRate + 0.2 * rate;
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

    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private final Map<String, Integer> cursors = new java.util.HashMap<>();

    /** The samples each series gained since the last publish. */
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

    /** A failure inside the engine, if one happened (the runner pauses and keeps the last snapshot). */
    public Throwable takeError() {
        return error.getAndSet(null);
    }

    private void publish() {
        if (model == null) {
            return;
        }
        Map<String, ElementResult> results = new LinkedHashMap<>();
        for (ElementResult r : model.results()) {
            results.put(r.id(), r);
        }
        boolean fromStart = cursors.isEmpty();
        List<Snapshot.Move> moves = movesOverflow ? List.of() : List.copyOf(pendingMoves);
        pendingMoves.clear();
        movesOverflow = false;
        latest.set(new Snapshot(++serial, model.now(), model.scenario().duration(), model.events(),
                playing ? recentRate : 0, playing, model.finished(), model.elements(), model.snapshot(), results, moves,
                newSamples(), fromStart));
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
        java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
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
