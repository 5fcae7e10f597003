package dev.tributary.app.main;

import dev.tributary.app.charts.RunHistory;
import dev.tributary.app.charts.SeriesBuffer;
import dev.tributary.app.run.Feed;
import dev.tributary.app.run.Narrator;
import dev.tributary.app.run.SimulationRunner;
import dev.tributary.app.run.Snapshot;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Drawing;
import dev.tributary.sim.model.ScenarioTheory;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.theory.ElementPrediction;
import dev.tributary.sim.value.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One scenario's run, once per scenario: its runner on its own simulation thread, the scenario (with
 * any what-if changes) and its predictions, the run state (clock, playing, finished, speed, narration),
 * the selected element, and the history of every element. Its panels' view-models ({@link
 * ChartsViewModel}, {@link DetailsViewModel}, {@link WhatIfViewModel}) read it. Holds no node, so it
 * is tested without a window; {@link #frame()} is called once per animation frame by the view.
 *
 * <p>Chart data is kept for every element of the run in a {@link RunHistory}, fed by every
 * {@link Feed} the runner queues: selecting another element rebinds the charts and loses
 * nothing, and a frame that comes late takes all the feeds it missed.
 */
public final class RunViewModel implements AutoCloseable, RunControls {

    /** Speeds offered, in simulated seconds per wall second; the last is "as fast as possible". */
    public static final double[] SPEEDS = {0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 100, 1000, SimulationRunner.MAX_SPEED};
    /** Index of the default speed (1×). */
    public static final int DEFAULT_SPEED = 3;
    /** Moves kept for the view between two frames at most (beyond, the view shows flow, not tokens). */
    static final int MAX_PENDING_MOVES = 5000;

    private final SimulationRunner runner = new SimulationRunner();
    private final ObjectProperty<Scenario> scenario = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty clock = new SimpleStringProperty("t = 0s");
    private final StringProperty status = new SimpleStringProperty("Open a scenario or pick an example");
    private final BooleanProperty playing = new SimpleBooleanProperty();
    private final BooleanProperty finished = new SimpleBooleanProperty();
    private final BooleanProperty modified = new SimpleBooleanProperty();
    private final IntegerProperty speedIndex = new SimpleIntegerProperty(DEFAULT_SPEED);
    private final StringProperty selected = new SimpleStringProperty();
    private final StringProperty narration = new SimpleStringProperty("");
    private final ObjectProperty<Map<String, ElementPrediction>> predictions =
            new SimpleObjectProperty<>(Map.of());
    private final ObjectProperty<Snapshot> snapshot = new SimpleObjectProperty<>();

    private final RunHistory history = new RunHistory();
    private final List<Snapshot.Move> moves = new ArrayList<>();
    private final ChartsViewModel charts;
    private final DetailsViewModel details;
    private final WhatIfViewModel whatIf;
    private Scenario original;
    private long generation = -1;
    private long lastSerial = -1;

    /** An empty run: nothing loaded, paused, at 1×. */
    public RunViewModel() {
        speedIndex.addListener((o, a, b) -> runner.setSpeed(SPEEDS[b.intValue()]));
        runner.setSpeed(SPEEDS[DEFAULT_SPEED]);
        charts = new ChartsViewModel(this);
        details = new DetailsViewModel(this);
        whatIf = new WhatIfViewModel(this);
        selected.addListener((o, a, b) -> {
            Snapshot snap = current();
            charts.updatePredictedLines(snap != null ? snap.now() : 0);
            charts.bind();
            details.rebuildFigures();
            details.refresh();
        });
    }

    // ------------------------------------------------------------------ loading

    /** Loads a scenario (replacing the current one), paused at t = 0, at 1×. */
    public void load(Scenario s) {
        original = s;
        error.set("");
        speedIndex.set(DEFAULT_SPEED);
        playing.set(false);
        selected.set(null);
        apply(s);
        selected.set(defaultSelection(s));
    }

    /** Runs {@code s} from t = 0 in place of the current scenario (a what-if, a reset), keeping the selection. */
    void apply(Scenario s) {
        predictions.set(ScenarioTheory.predict(s)); // before the scenario: its listeners read them
        scenario.set(s);
        modified.set(original != null && !s.equals(original));
        boolean wasPlaying = playing.get();
        generation = runner.load(s.withSampleInterval(sampleInterval(s)));
        lastSerial = -1;
        snapshot.set(null); // the old run's picture is obsolete; the new one arrives within a frame
        moves.clear();
        history.clear(s.warmup());
        finished.set(false);
        narration.set("");
        charts.reset(s);
        details.rebuildFigures();
        details.refresh();
        if (wasPlaying) {
            runner.play();
        }
        status.set(s.name());
    }

    /** The scenario as loaded, before any what-if change (null before the first load). */
    Scenario original() {
        return original;
    }

    /**
     * The model's first sample interval in the app: fine enough that the charts move from the first
     * seconds at 1× (at most 1 s, at most the scenario's own interval); the runner then lets it double
     * as the run goes on ({@link SimulationRunner#SAMPLES_PER_DOUBLING}), so a 20,000-hour run and a
     * one-minute run both give the screen about a thousand samples. Sampling changes no statistic.
     */
    static double sampleInterval(Scenario s) {
        return Math.min(1.0, Math.min(s.sampleInterval(), s.duration() / 20_000));
    }

    private static String defaultSelection(Scenario s) {
        if (!s.consumers().isEmpty()) {
            return s.consumers().get(0).id();
        }
        return s.channels().get(0).id();
    }

    // ------------------------------------------------------------------ run control

    /** Plays, or pauses when playing. */
    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else {
            play();
        }
    }

    /** Starts running (from t = 0 again when the run had finished). */
    public void play() {
        if (scenario.get() == null) {
            return;
        }
        if (finished.get()) {
            reset();
        }
        runner.play();
        playing.set(true);
        narration.set("");
    }

    /** Pauses. */
    public void pause() {
        runner.pause();
        playing.set(false);
    }

    /** Executes one event; {@link #narrationProperty()} then says what it was. */
    public void step() {
        if (scenario.get() == null) {
            return;
        }
        runner.step();
        playing.set(false);
    }

    /** Restarts the current scenario (with any what-if changes) at t = 0, paused. */
    public void reset() {
        if (scenario.get() == null) {
            return;
        }
        playing.set(false);
        apply(scenario.get());
    }

    /** One speed step up. */
    public void faster() {
        speedIndex.set(Math.min(SPEEDS.length - 1, speedIndex.get() + 1));
    }

    /** One speed step down. */
    public void slower() {
        speedIndex.set(Math.max(0, speedIndex.get() - 1));
    }

    /** The speed's label, e.g. {@code 1×} or {@code max}. */
    public static String speedLabel(int index) {
        double s = SPEEDS[index];
        return s == SimulationRunner.MAX_SPEED ? "max" : (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + "×";
    }

    // ------------------------------------------------------------------ per frame

    /** Takes every queued chart feed and the newest snapshot (once per frame); returns whether anything changed. */
    public boolean frame() {
        Throwable t = runner.takeError();
        if (t != null) {
            error.set("The simulation stopped: " + t);
            playing.set(false);
        }
        // the snapshot first, then the feeds: the runner queues each feed before its snapshot, so every
        // feed up to this snapshot is there to take
        Snapshot s = runner.latest();
        boolean fed = false;
        for (Feed f = runner.pollFeed(); f != null; f = runner.pollFeed()) {
            if (f.generation() == generation) {
                absorb(f);
                if (moves.size() + f.moves().size() <= MAX_PENDING_MOVES) {
                    moves.addAll(f.moves());
                }
                fed = true;
            }
        }
        if (s == null || s.generation() != generation || scenario.get() == null) {
            return fed;
        }
        if (fed) {
            charts.bind();
        }
        if (s.serial() == lastSerial) {
            return fed;
        }
        lastSerial = s.serial();
        snapshot.set(s);
        clock.set(String.format(Locale.ROOT, "t = %s / %s", clockText(s.now()), Durations.format(s.duration())));
        finished.set(s.finished());
        if (!s.playing() && playing.get() && s.finished()) {
            playing.set(false);
        }
        if (!s.narration().equals(narration.get()) && !s.playing()) {
            narration.set(s.narration());
        }
        status.set(String.format(Locale.ROOT, "%s   ·   %,d events   ·   %s", scenario.get().name(), s.events(),
                s.playing() ? String.format(Locale.ROOT, "%,.0f events/s", s.eventsPerSecond())
                        : s.finished() ? "finished" : "paused"));
        charts.updatePredictedLines(s.now());
        details.onSnapshot(s);
        return true;
    }

    private static String clockText(double t) {
        long sec = (long) t;
        return String.format(Locale.ROOT, "%d:%02d:%02d.%d", sec / 3600, (sec / 60) % 60, sec % 60,
                (long) ((t - sec) * 10));
    }

    /** Files one feed into the history of every element it mentions. */
    private void absorb(Feed f) {
        f.samples().forEach((id, per) -> {
            RunHistory.Element h = history.of(id);
            double workers = workersOf(id);
            per.forEach((name, d) -> {
                h.samples(name, d[0], d[1]);
                if (name.equals("throughput") || name.equals("arrivals")) {
                    h.rateSamples(name, d[0], d[1]);
                }
                if (name.equals("busy") && workers > 0) {
                    SeriesBuffer share = h.line("busy.share");
                    for (int i = 0; i < d[0].length; i++) {
                        share.add(d[0][i], d[1][i] / workers);
                    }
                }
            });
            h.fold();
        });
        f.figures().forEach((id, figs) -> {
            RunHistory.Element h = history.of(id);
            figs.forEach((name, v) -> h.line("run." + name).add(f.time(), v));
        });
    }

    /** The newest snapshot if it belongs to the run now loaded, else null. */
    Snapshot current() {
        Snapshot snap = snapshot.get();
        return snap != null && snap.generation() == generation ? snap : null;
    }

    /** Which load of the runner this run shows (each load, reset or what-if is a new generation). */
    long generation() {
        return generation;
    }

    // ------------------------------------------------------------------ the scenario's shape

    /** The workers of an element (a group's instances, or every reader's on a channel), for busy shares. */
    double workersOf(String id) {
        Scenario s = scenario.get();
        int own = instancesOf(id);
        if (own > 0) {
            return own;
        }
        return s.consumersOf(id).stream().mapToInt(ConsumerSpec::instances).sum();
    }

    int instancesOf(String id) {
        return scenario.get().consumers().stream().filter(c -> c.id().equals(id)).mapToInt(ConsumerSpec::instances)
                .findFirst().orElse(0);
    }

    /** The channel a group reads, or null for any other element. */
    String sourceChannel(String groupId) {
        return scenario.get().consumers().stream().filter(c -> c.id().equals(groupId)).map(ConsumerSpec::from)
                .findFirst().orElse(null);
    }

    /** Whether a group is its channel's only reader (the channel's station figures are then the group's). */
    boolean ownsSource(String groupId) {
        String src = sourceChannel(groupId);
        return src != null && scenario.get().consumersOf(src).size() == 1;
    }

    /** Partitions a group reads (its channel is drawn as a log), or 0. */
    int partitionsRead(String id) {
        String src = sourceChannel(id);
        if (src == null) {
            return 0;
        }
        return scenario.get().channel(src).filter(c -> c.drawing().shape() == Drawing.Shape.LOG)
                .map(c -> c.drawing().lanes()).orElse(0);
    }

    // ------------------------------------------------------------------ accessors

    /** The charts panel's view-model for this run. */
    public ChartsViewModel charts() {
        return charts;
    }

    /** The details panel's view-model (heading, model, table, Little's Law) for this run. */
    public DetailsViewModel details() {
        return details;
    }

    /** The what-if panel's view-model for this run. */
    public WhatIfViewModel whatIf() {
        return whatIf;
    }

    /** Every move of the current run since the last call (for the animation), oldest first. */
    public List<Snapshot.Move> takeMoves() {
        List<Snapshot.Move> out = List.copyOf(moves);
        moves.clear();
        return out;
    }

    /** The history of every element of the current run. */
    public RunHistory history() {
        return history;
    }

    /** Ids selectable in the element list: channels, groups, producers. */
    public List<String> elementIds() {
        Scenario s = scenario.get();
        if (s == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        s.channels().forEach(c -> out.add(c.id()));
        s.consumers().forEach(c -> out.add(c.id()));
        s.producers().forEach(p -> out.add(p.id()));
        return out;
    }

    /** Predicted figures of the selected element, by name. */
    public Map<String, Object> selectedPrediction() {
        ElementPrediction ep = selected.get() == null ? null : predictions.get().get(selected.get());
        return ep == null ? Map.of() : new LinkedHashMap<>(ep.toMap());
    }

    /** The scenario loaded (with any what-if changes). */
    public ObjectProperty<Scenario> scenarioProperty() {
        return scenario;
    }

    /** The message to show in the error bar (empty when none). */
    public StringProperty errorProperty() {
        return error;
    }

    /** The simulated clock as text. */
    public StringProperty clockProperty() {
        return clock;
    }

    /** The status-bar text: scenario, events, events per second. */
    public StringProperty statusProperty() {
        return status;
    }

    /** Whether the run is playing. */
    public BooleanProperty playingProperty() {
        return playing;
    }

    /** Whether the run reached its end. */
    public BooleanProperty finishedProperty() {
        return finished;
    }

    /** Whether a what-if change is in effect (the scenario differs from the file). */
    public BooleanProperty modifiedProperty() {
        return modified;
    }

    /** Index into {@link #SPEEDS}. */
    public IntegerProperty speedIndexProperty() {
        return speedIndex;
    }

    /** Id of the element the charts and details show. */
    public StringProperty selectedProperty() {
        return selected;
    }

    /** What the last step did, in words (empty while playing). */
    public StringProperty narrationProperty() {
        return narration;
    }

    /** Theory's predictions for every element of the loaded scenario. */
    public ObjectProperty<Map<String, ElementPrediction>> predictionsProperty() {
        return predictions;
    }

    /** The newest snapshot taken from the simulation thread. */
    public ObjectProperty<Snapshot> snapshotProperty() {
        return snapshot;
    }

    /** The runner (for tests and exports). */
    public SimulationRunner runner() {
        return runner;
    }

    /** Simulated time as text for people (47.4 s, 12 m 3.5 s). */
    public static String timeText(double t) {
        return Narrator.time(t);
    }

    @Override
    public void close() {
        runner.close();
    }
}
