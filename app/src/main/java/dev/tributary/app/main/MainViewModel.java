package dev.tributary.app.main;

import dev.tributary.app.charts.ChartModel;
import dev.tributary.app.charts.RunHistory;
import dev.tributary.app.run.SimulationRunner;
import dev.tributary.app.run.Snapshot;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.scenario.ScenarioReader;
import dev.tributary.sim.theory.ElementPrediction;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.prefs.Preferences;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window's state and commands: opening scenarios (files, examples, recent files), the
 * presentation zoom, and the run on screen. The run's own state lives in its {@link RunViewModel}
 * (one per scenario) and its panels' view-models ({@link ChartsViewModel}, {@link DetailsViewModel},
 * {@link WhatIfViewModel}); the accessors here are shortcuts to the run shown. Holds no node, so it
 * is tested without a window; {@link #frame()} is called once per animation frame by the view.
 */
public final class MainViewModel implements AutoCloseable, RunControls {

    /** Speeds offered, in simulated seconds per wall second; the last is "as fast as possible". */
    public static final double[] SPEEDS = RunViewModel.SPEEDS;
    /** Index of the default speed (1×). */
    public static final int DEFAULT_SPEED = RunViewModel.DEFAULT_SPEED;
    /** Presentation zoom limits and step. */
    public static final double MIN_ZOOM = 0.6;
    /** Largest presentation zoom. */
    public static final double MAX_ZOOM = 2.5;
    static final double ZOOM_STEP = 1.15;
    /** The x axis spans at least this much simulated time (or the whole run if shorter). */
    public static final double MIN_X_SPAN = ChartsViewModel.MIN_X_SPAN;
    /** Palette index shared with the chart view (blue). */
    public static final int BLUE = ChartsViewModel.BLUE;
    /** The neutral hue (a group-wide prediction on a chart of members). */
    public static final int GREY = ChartsViewModel.GREY;
    private static final int MAX_RECENT = 8;

    private final RunViewModel run = new RunViewModel();
    private final DoubleProperty zoom = new SimpleDoubleProperty(1);
    private final ObservableList<String> recentFiles = FXCollections.observableArrayList();
    private final Preferences prefs;

    /** A view-model remembering recent files under {@code prefsNode} (null: remember nothing). */
    public MainViewModel(Preferences prefsNode) {
        this.prefs = prefsNode;
        if (prefs != null) {
            for (int i = 0; i < MAX_RECENT; i++) {
                String f = prefs.get("recent." + i, null);
                if (f != null) {
                    recentFiles.add(f);
                }
            }
        }
    }

    // ------------------------------------------------------------------ loading

    /** Loads a scenario file; on error shows the message and keeps what was loaded. */
    public boolean loadFile(Path file) {
        try {
            Scenario s = ScenarioReader.read(file);
            load(s);
            remember(file.toAbsolutePath().toString());
            return true;
        } catch (ScenarioException e) {
            run.errorProperty().set(oneProblem(e.getMessage()));
            return false;
        }
    }

    /** Loads a bundled example by name (e.g. {@code basics/mmc-queue}). */
    public boolean loadExample(String name) {
        try {
            load(Examples.load(name));
            return true;
        } catch (ScenarioException e) {
            run.errorProperty().set(oneProblem(e.getMessage()));
            return false;
        }
    }

    /**
     * The first problem of a refusal, as file:line:column and one sentence: the banner is one line
     * the room can read, not a report (the count of further problems follows it).
     */
    static String oneProblem(String message) {
        String m = message == null ? "" : message.strip();
        List<String> lines = m.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.size() <= 1) {
            return m;
        }
        // a header such as "broken.yaml: 3 problems" followed by one line per problem
        List<String> located = lines.stream().filter(l -> l.matches("^(- )?\\S+:\\d+:\\d+:.*")).toList();
        if (located.isEmpty()) {
            return lines.get(0);
        }
        String first = located.get(0).replaceFirst("^- ", "");
        return located.size() == 1 ? first : first + "   (and " + (located.size() - 1) + " more)";
    }

    /** Loads a scenario (replacing the current one), paused at t = 0, at 1×. */
    public void load(Scenario s) {
        run.load(s);
    }

    private void remember(String file) {
        recentFiles.remove(file);
        recentFiles.add(0, file);
        while (recentFiles.size() > MAX_RECENT) {
            recentFiles.remove(recentFiles.size() - 1);
        }
        if (prefs != null) {
            for (int i = 0; i < MAX_RECENT; i++) {
                if (i < recentFiles.size()) {
                    prefs.put("recent." + i, recentFiles.get(i));
                } else {
                    prefs.remove("recent." + i);
                }
            }
        }
    }

    // ------------------------------------------------------------------ compare

    /**
     * Pins the run shown as A (with any what-if changes) beside a copy of it as B, to change B and
     * compare; null when nothing is loaded.
     */
    public CompareViewModel comparePinned() {
        Scenario a = run.scenarioProperty().get();
        return a == null ? null : compare(List.of(a, a));
    }

    /** The scenario as loaded (A) beside the run shown with its what-if changes (B); null without a what-if. */
    public CompareViewModel compareWhatIf() {
        Scenario now = run.scenarioProperty().get();
        Scenario loaded = run.original();
        return now == null || !run.modifiedProperty().get() ? null : compare(List.of(loaded, now));
    }

    /** The run shown (A) beside the scenarios in {@code files} (B, C, D); null, and the error bar says why, on a problem. */
    public CompareViewModel compareFiles(List<Path> files) {
        List<Scenario> all = new java.util.ArrayList<>();
        if (run.scenarioProperty().get() == null) {
            run.errorProperty().set("Open a scenario first: it becomes A, and the files you pick B, C and D.");
            return null;
        }
        all.add(run.scenarioProperty().get());
        for (Path f : files) {
            try {
                all.add(ScenarioReader.read(f));
            } catch (ScenarioException e) {
                run.errorProperty().set(oneProblem(e.getMessage()));
                return null;
            }
        }
        return compare(all);
    }

    /** The run shown (A) beside a bundled example (B); null, and the error bar says why, on a problem. */
    public CompareViewModel compareExample(String name) {
        if (run.scenarioProperty().get() == null) {
            run.errorProperty().set("Open a scenario first: it becomes A, and the example B.");
            return null;
        }
        try {
            return compare(List.of(run.scenarioProperty().get(), Examples.load(name)));
        } catch (ScenarioException e) {
            run.errorProperty().set(oneProblem(e.getMessage()));
            return null;
        }
    }

    private CompareViewModel compare(List<Scenario> scenarios) {
        String problem = CompareViewModel.problem(scenarios);
        if (problem != null) {
            run.errorProperty().set(problem);
            return null;
        }
        run.pause(); // the comparison takes the machine's cores; the main run waits
        return CompareViewModel.of(scenarios, run.selectedProperty().get());
    }

    // ------------------------------------------------------------------ sweep

    /**
     * The sweep panel of the scenario shown (it varies the file as loaded; the main run pauses, the
     * sweep takes the cores); null, and the error bar says why, when there is none.
     */
    public SweepViewModel sweep() {
        Scenario s = run.scenarioProperty().get();
        if (s == null) {
            run.errorProperty().set("Open a scenario first: a sweep varies one of its parameters.");
            return null;
        }
        try {
            SweepViewModel out = SweepViewModel.of(s);
            run.pause();
            return out;
        } catch (ScenarioException | RuntimeException e) {
            run.errorProperty().set("No sweep of " + s.name() + ": " + oneProblem(e.getMessage()));
            return null;
        }
    }

    // ------------------------------------------------------------------ zoom

    /** Larger type, nodes and charts (presentation zoom). */
    public void zoomIn() {
        zoom.set(Math.min(MAX_ZOOM, zoom.get() * ZOOM_STEP));
    }

    /** Smaller type, nodes and charts. */
    public void zoomOut() {
        zoom.set(Math.max(MIN_ZOOM, zoom.get() / ZOOM_STEP));
    }

    /** Presentation zoom: 1 is the normal size. */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    /** Recently opened files, newest first. */
    public ObservableList<String> recentFiles() {
        return recentFiles;
    }

    // ------------------------------------------------------------------ the run shown

    /** The run on screen (its panels' view-models hang off it). */
    public RunViewModel run() {
        return run;
    }

    /** Takes every queued chart feed and the newest snapshot (once per frame); returns whether anything changed. */
    public boolean frame() {
        return run.frame();
    }

    /** Plays, or pauses when playing. */
    public void togglePlay() {
        run.togglePlay();
    }

    /** Starts running (from t = 0 again when the run had finished). */
    public void play() {
        run.play();
    }

    /** Pauses. */
    public void pause() {
        run.pause();
    }

    /** Executes one event; {@link #narrationProperty()} then says what it was. */
    public void step() {
        run.step();
    }

    /** Restarts the current scenario (with any what-if changes) at t = 0, paused. */
    public void reset() {
        run.reset();
    }

    /** One speed step up. */
    public void faster() {
        run.faster();
    }

    /** One speed step down. */
    public void slower() {
        run.slower();
    }

    /** The speed's label, e.g. {@code 1×} or {@code max}. */
    public static String speedLabel(int index) {
        return RunViewModel.speedLabel(index);
    }

    /** Multiplies a producer's rate (applied at once: predictions move, the run restarts). */
    public void setProducerRate(String producerId, double perSecond) {
        run.whatIf().setProducerRate(producerId, perSecond);
    }

    /** Sets a group's instance count. */
    public void setInstances(String groupId, int n) {
        run.whatIf().setInstances(groupId, n);
    }

    /** Sets a group's mean service time, keeping the law's shape. */
    public void setServiceMean(String groupId, double seconds) {
        run.whatIf().setServiceMean(groupId, seconds);
    }

    /** Sets a stream's partition count. */
    public void setPartitions(String streamId, int n) {
        run.whatIf().setPartitions(streamId, n);
    }

    /** Goes back to the scenario as loaded. */
    public void revertWhatIf() {
        run.whatIf().revert();
    }

    /** The charts for every element: the first four always, then per-partition lag and per-member utilization. */
    public List<ChartModel> charts() {
        return run.charts().charts();
    }

    /** Every move of the current run since the last call (for the animation), oldest first. */
    public List<Snapshot.Move> takeMoves() {
        return run.takeMoves();
    }

    /** The history of every element of the current run. */
    public RunHistory history() {
        return run.history();
    }

    /** Ids selectable in the element list: channels, groups, producers. */
    public List<String> elementIds() {
        return run.elementIds();
    }

    /** Run data as CSV: time and every chart line of the selected element (each point the mean of its samples). */
    public String chartsCsv() {
        return run.charts().csv();
    }

    /** Predicted figures of the selected element, by name. */
    public Map<String, Object> selectedPrediction() {
        return run.selectedPrediction();
    }

    /** The scenario loaded (with any what-if changes). */
    public ObjectProperty<Scenario> scenarioProperty() {
        return run.scenarioProperty();
    }

    /** The message to show in the error bar (empty when none). */
    public StringProperty errorProperty() {
        return run.errorProperty();
    }

    /** The simulated clock as text. */
    public StringProperty clockProperty() {
        return run.clockProperty();
    }

    /** The status-bar text: scenario, events, events per second. */
    public StringProperty statusProperty() {
        return run.statusProperty();
    }

    /** Whether the run is playing. */
    public BooleanProperty playingProperty() {
        return run.playingProperty();
    }

    /** Whether the run reached its end. */
    public BooleanProperty finishedProperty() {
        return run.finishedProperty();
    }

    /** Whether a what-if change is in effect (the scenario differs from the file). */
    public BooleanProperty modifiedProperty() {
        return run.modifiedProperty();
    }

    /** Index into {@link #SPEEDS}. */
    public IntegerProperty speedIndexProperty() {
        return run.speedIndexProperty();
    }

    /** Whether the latency chart shows the percentiles (p50, p95, p99 and predicted p99). */
    public BooleanProperty showPercentilesProperty() {
        return run.charts().showPercentilesProperty();
    }

    /** Id of the element the charts and details show. */
    public StringProperty selectedProperty() {
        return run.selectedProperty();
    }

    /** The selected element's name, kind and parameters (two lines). */
    public StringProperty headingProperty() {
        return run.details().headingProperty();
    }

    /** The model theory applies to the selected element, and why. */
    public StringProperty modelTextProperty() {
        return run.details().modelTextProperty();
    }

    /** The measured-vs-predicted rows of the selected element. */
    public ObservableList<FigureRow> figures() {
        return run.details().figures();
    }

    /** Little's Law's figures: L, λ, W and λ·W. */
    public StringProperty littleProperty() {
        return run.details().littleProperty();
    }

    /** Little's Law's verdict in words (✓ or ✗ and why, or why it cannot be judged). */
    public StringProperty littleVerdictProperty() {
        return run.details().littleVerdictProperty();
    }

    /** "ok", "off" or "na": how to colour the verdict. */
    public StringProperty littleStateProperty() {
        return run.details().littleStateProperty();
    }

    /** What the last step did, in words (empty while playing). */
    public StringProperty narrationProperty() {
        return run.narrationProperty();
    }

    /** Theory's predictions for every element of the loaded scenario. */
    public ObjectProperty<Map<String, ElementPrediction>> predictionsProperty() {
        return run.predictionsProperty();
    }

    /** The newest snapshot taken from the simulation thread. */
    public ObjectProperty<Snapshot> snapshotProperty() {
        return run.snapshotProperty();
    }

    /** The runner (for tests and exports). */
    public SimulationRunner runner() {
        return run.runner();
    }

    /** Simulated time as text for people (47.4 s, 12 m 3.5 s). */
    public static String timeText(double t) {
        return RunViewModel.timeText(t);
    }

    @Override
    public void close() {
        run.close();
    }
}
