package dev.tributary.app.main;

import dev.tributary.app.charts.ChartModel;
import dev.tributary.app.charts.ChartModel.Line;
import dev.tributary.app.charts.ChartModel.Style;
import dev.tributary.app.charts.RunHistory;
import dev.tributary.app.charts.SeriesBuffer;
import dev.tributary.app.run.Feed;
import dev.tributary.app.run.Narrator;
import dev.tributary.app.run.SimulationRunner;
import dev.tributary.app.run.Snapshot;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Drawing;
import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.element.ProducerSpec;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.model.ScenarioTheory;
import dev.tributary.sim.report.ElementReport;
import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.scenario.ScenarioReader;
import dev.tributary.sim.theory.ElementPrediction;
import dev.tributary.sim.theory.Prediction;
import dev.tributary.sim.value.Durations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.prefs.Preferences;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main screen's state and commands, as JavaFX properties: what is loaded, the run state, the
 * selected element, its predictions, the measured-vs-predicted table, Little's Law and the live
 * chart data. Holds no node, so it is tested without a window; {@link #frame()} is called once per
 * animation frame by the view.
 *
 * <p>Chart data is kept for every element of the run in a {@link RunHistory}, fed by every
 * {@link Feed} the runner queues: selecting another element rebinds the charts and loses
 * nothing, and a frame that comes late takes all the feeds it missed.
 */
public final class MainViewModel implements AutoCloseable {

    /** Speeds offered, in simulated seconds per wall second; the last is "as fast as possible". */
    public static final double[] SPEEDS = {0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 100, 1000, SimulationRunner.MAX_SPEED};
    /** Index of the default speed (1×). */
    public static final int DEFAULT_SPEED = 3;
    /** Presentation zoom limits and step. */
    public static final double MIN_ZOOM = 0.6;
    /** Largest presentation zoom. */
    public static final double MAX_ZOOM = 2.5;
    static final double ZOOM_STEP = 1.15;
    /** Least wall time between two refreshes of the table and Little's Law while running. */
    static final long DETAILS_EVERY_NANOS = 250_000_000L;
    /** The x axis spans at least this much simulated time (or the whole run if shorter). */
    public static final double MIN_X_SPAN = 60;
    /** Palette indices shared with the chart view: a predicted line takes its measured line's hue. */
    public static final int BLUE = 0;
    static final int GREEN = 1;
    static final int ORANGE = 2;
    static final int PURPLE = 3;
    static final int PINK = 4;
    static final int TEAL = 5;
    static final int YELLOW = 6;
    /** The neutral hue (a group-wide prediction on a chart of members). */
    public static final int GREY = 8;
    private static final int MAX_RECENT = 8;

    private final SimulationRunner runner = new SimulationRunner();
    private final ObjectProperty<Scenario> scenario = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty clock = new SimpleStringProperty("t = 0s");
    private final StringProperty status = new SimpleStringProperty("Open a scenario or pick an example");
    private final BooleanProperty playing = new SimpleBooleanProperty();
    private final BooleanProperty finished = new SimpleBooleanProperty();
    private final BooleanProperty modified = new SimpleBooleanProperty();
    private final IntegerProperty speedIndex = new SimpleIntegerProperty(DEFAULT_SPEED);
    private final DoubleProperty zoom = new SimpleDoubleProperty(1);
    private final BooleanProperty showPercentiles = new SimpleBooleanProperty();
    private final StringProperty selected = new SimpleStringProperty();
    private final StringProperty heading = new SimpleStringProperty("");
    private final StringProperty modelText = new SimpleStringProperty("");
    private final StringProperty little = new SimpleStringProperty("");
    private final StringProperty littleVerdict = new SimpleStringProperty("");
    private final StringProperty littleState = new SimpleStringProperty("na");
    private final StringProperty narration = new SimpleStringProperty("");
    private final ObservableList<FigureRow> figures = FXCollections.observableArrayList();
    private final ObservableList<String> recentFiles = FXCollections.observableArrayList();
    private final ObjectProperty<Map<String, ElementPrediction>> predictions =
            new SimpleObjectProperty<>(Map.of());
    private final ObjectProperty<Snapshot> snapshot = new SimpleObjectProperty<>();

    private final ChartModel lengthChart = new ChartModel("In system / lag", "events");
    private final ChartModel throughputChart = new ChartModel("Throughput", "events/s");
    private final ChartModel latencyChart = new ChartModel("Latency", "seconds");
    private final ChartModel utilizationChart = new ChartModel("Utilization", "fraction busy");
    private final ChartModel partitionChart = new ChartModel("Lag per partition", "events behind");
    private final ChartModel memberChart = new ChartModel("Utilization per member", "fraction busy");
    private final Line lengthSampled = lengthChart.line("sampled L", Style.SAMPLED, BLUE, false);
    private final Line lengthMean = lengthChart.line("mean L", Style.MEASURED, BLUE, false);
    private final Line lengthPredicted = lengthChart.line("predicted L", Style.PREDICTED, BLUE, false);
    private final Line outSmooth = throughputChart.line("out (smoothed)", Style.SAMPLED, GREEN, false);
    private final Line inSmooth = throughputChart.line("in (smoothed)", Style.SAMPLED, ORANGE, false);
    private final Line outMean = throughputChart.line("mean out", Style.MEASURED, GREEN, false);
    private final Line outPredicted = throughputChart.line("predicted out", Style.PREDICTED, GREEN, false);
    private final Line inPredicted = throughputChart.line("offered λ", Style.PREDICTED, ORANGE, false);
    private final Line wInterval = latencyChart.line("W per interval", Style.SAMPLED, PURPLE, false);
    private final Line wMean = latencyChart.line("mean W", Style.MEASURED, PURPLE, false);
    private final Line wPredicted = latencyChart.line("predicted W", Style.PREDICTED, PURPLE, false);
    private final Line p50 = latencyChart.line("p50", Style.MEASURED, TEAL, true);
    private final Line p95 = latencyChart.line("p95", Style.MEASURED, YELLOW, true);
    private final Line p99 = latencyChart.line("p99", Style.MEASURED, PINK, true);
    private final Line p99Predicted = latencyChart.line("predicted p99", Style.PREDICTED, PINK, true);
    private final Line utilSampled = utilizationChart.line("busy (sampled)", Style.SAMPLED, TEAL, false);
    private final Line utilMean = utilizationChart.line("mean utilization", Style.MEASURED, TEAL, false);
    private final Line utilPredicted = utilizationChart.line("predicted ρ", Style.PREDICTED, TEAL, false);

    private final RunHistory history = new RunHistory();
    private final List<Snapshot.Move> moves = new ArrayList<>();
    /** Moves kept for the view between two frames at most (beyond, the view shows flow, not tokens). */
    static final int MAX_PENDING_MOVES = 5000;
    private Scenario original;
    private long generation = -1;
    private long lastSerial = -1;
    private long lastDetailsNanos;
    private String boundTo;
    private int boundLanes = -1;
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
        speedIndex.addListener((o, a, b) -> runner.setSpeed(SPEEDS[b.intValue()]));
        runner.setSpeed(SPEEDS[DEFAULT_SPEED]);
        utilizationChart.setYCeiling(1.05);
        memberChart.setYCeiling(1.05);
        partitionChart.setVisible(false);
        memberChart.setVisible(false);
        showPercentiles.addListener((o, a, b) -> showOptionalLines());
        showOptionalLines();
        selected.addListener((o, a, b) -> {
            Snapshot snap = snapshot.get();
            updatePredictedLines(snap != null && snap.generation() == generation ? snap.now() : 0);
            bindCharts();
            rebuildFigures();
            refreshDetails();
        });
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
            error.set(oneProblem(e.getMessage()));
            return false;
        }
    }

    /** Loads a bundled example by name (e.g. {@code basics/mmc-queue}). */
    public boolean loadExample(String name) {
        try {
            load(Examples.load(name));
            return true;
        } catch (ScenarioException e) {
            error.set(oneProblem(e.getMessage()));
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
        original = s;
        error.set("");
        speedIndex.set(DEFAULT_SPEED);
        playing.set(false);
        selected.set(null);
        apply(s);
        selected.set(defaultSelection(s));
    }

    private void apply(Scenario s) {
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
        for (ChartModel c : allCharts()) {
            c.setWarmup(s.warmup());
            c.setXMax(Math.min(MIN_X_SPAN, s.duration()));
        }
        boundTo = null;
        bindCharts();
        updatePredictedLines(0);
        rebuildFigures();
        refreshDetails();
        if (wasPlaying) {
            runner.play();
        }
        status.set(s.name());
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

    /** Larger type, nodes and charts (presentation zoom). */
    public void zoomIn() {
        zoom.set(Math.min(MAX_ZOOM, zoom.get() * ZOOM_STEP));
    }

    /** Smaller type, nodes and charts. */
    public void zoomOut() {
        zoom.set(Math.max(MIN_ZOOM, zoom.get() / ZOOM_STEP));
    }

    // ------------------------------------------------------------------ what-if

    /** Multiplies a producer's rate (applied at once: predictions move, the run restarts). */
    public void setProducerRate(String producerId, double perSecond) {
        whatIf(s -> s.withProducer(producerId, p -> p.withArrivals(
                p.arrivals().scaled(perSecond / p.arrivals().meanRate(s.duration())))));
    }

    /** Sets a group's instance count. */
    public void setInstances(String groupId, int n) {
        whatIf(s -> s.withConsumer(groupId, c -> c.withInstances(Math.max(1, n))));
    }

    /** Sets a group's mean service time, keeping the law's shape. */
    public void setServiceMean(String groupId, double seconds) {
        whatIf(s -> s.withConsumer(groupId, c -> c.withService(c.service().scaled(seconds / c.service().mean()))));
    }

    /** Sets a stream's partition count. */
    public void setPartitions(String streamId, int n) {
        whatIf(s -> s.withChannel(streamId, c -> c.withLanes(Math.max(1, n))));
    }

    /** Goes back to the scenario as loaded. */
    public void revertWhatIf() {
        if (original != null) {
            apply(original);
        }
    }

    private void whatIf(UnaryOperator<Scenario> change) {
        if (scenario.get() == null) {
            return;
        }
        apply(change.apply(scenario.get()));
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
            bindCharts();
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
        updatePredictedLines(s.now());
        if (!figuresFor.equals(generation + "\u0000" + selected.get())) {
            rebuildFigures();
        }
        // the table is text: re-laying it out every frame costs more than it shows
        long nowNs = System.nanoTime();
        if (!s.playing() || nowNs - lastDetailsNanos > DETAILS_EVERY_NANOS) {
            lastDetailsNanos = nowNs;
            refreshDetails();
        }
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

    /** Points every chart line at the selected element's history (cheap: called every frame that fed). */
    private void bindCharts() {
        Scenario s = scenario.get();
        String id = selected.get();
        if (s == null || id == null) {
            return;
        }
        RunHistory.Element h = history.of(id);
        String src = sourceChannel(id);
        RunHistory.Element station = src != null && ownsSource(id) ? history.of(src) : null;
        lengthSampled.bind(h.line("L"));
        // running means at every model sample (the element's own, or its queue's when it is the only reader);
        // from the publishes' reports only where the model samples no interval averages
        lengthMean.bind(running(h, station, "L.avg", "L"));
        outSmooth.bind(h.line("throughput~"));
        outMean.bind(running(h, null, "throughput", "throughput"));
        inSmooth.bind(inflowLine(id, h));
        wInterval.bind(!h.has("W.avg") && station != null ? station.line("W.avg") : h.line("W.avg"));
        wMean.bind(running(h, station, "W.avg", "W"));
        p50.bind(h.line("run.latency.p50"));
        p95.bind(h.line("run.latency.p95"));
        p99.bind(h.line("run.latency.p99"));
        utilSampled.bind(h.line("busy.share"));
        utilMean.bind(running(h, station, "utilization.avg", "utilization"));
        int lanes = partitionsRead(id);
        int members = lanes > 0 ? Math.min(instancesOf(id), SimulationRunner.MAX_LANES_CHARTED) : 0;
        if (!id.equals(boundTo) || lanes != boundLanes) {
            boundTo = id;
            boundLanes = lanes;
            partitionChart.removeLines();
            memberChart.removeLines();
            for (int p = 0; p < Math.min(lanes, SimulationRunner.MAX_LANES_CHARTED); p++) {
                partitionChart.line("p" + p, Style.MEASURED, p, false);
            }
            for (int m = 0; m < members; m++) {
                memberChart.line("m" + (m + 1), Style.MEASURED, m, false);
            }
            memberChart.line("predicted ρ (group mean)", Style.PREDICTED, GREY, false);
            partitionChart.setVisible(lanes > 0);
            memberChart.setVisible(lanes > 0);
            partitionChart.setNote(lanes > SimulationRunner.MAX_LANES_CHARTED
                    ? "the first " + SimulationRunner.MAX_LANES_CHARTED + " of " + lanes + " partitions" : "");
        }
        List<Line> parts = partitionChart.lines();
        for (int p = 0; p < parts.size(); p++) {
            parts.get(p).bind(h.line("run.partition." + p + ".lag"));
        }
        List<Line> mem = memberChart.lines();
        for (int m = 0; m < mem.size() - 1; m++) {
            mem.get(m).bind(h.line("run.member." + m + ".utilization"));
        }
    }

    private static SeriesBuffer running(RunHistory.Element own, RunHistory.Element station, String series, String figure) {
        if (own.has(series)) {
            return own.line("cum." + series);
        }
        if (station != null && station.has(series)) {
            return station.line("cum." + series);
        }
        return own.line("run." + figure);
    }

    /** Arrivals into the selected element, smoothed: its own, its own queue's, or what its topic or stream passes on. */
    private SeriesBuffer inflowLine(String id, RunHistory.Element own) {
        String src = sourceChannel(id);
        if (src == null || own.has("arrivals")) {
            return own.line("arrivals~");
        }
        RunHistory.Element ch = history.of(src);
        if (ownsSource(id) && ch.has("arrivals")) {
            return ch.line("arrivals~");
        }
        ChannelSpec c = scenario.get().channel(src).orElse(null);
        // a queue shared by several groups: its arrivals are not this group's, so no "in" line
        return c == null || c.drawing().shape() == Drawing.Shape.QUEUE ? null : ch.line("throughput~");
    }

    /** Predicted lines are functions of time, drawn from t = 0 across the whole x axis (before play too). */
    private void updatePredictedLines(double now) {
        Scenario s = scenario.get();
        if (s == null) {
            return;
        }
        double xMax = Math.max(Math.min(MIN_X_SPAN, s.duration()), now);
        for (ChartModel c : allCharts()) {
            c.setXMax(xMax);
        }
        String id = selected.get();
        ElementPrediction ep = id == null ? null : predictions.get().get(id);
        Prediction p = ep == null ? null : ep.prediction();
        double[] xs = {0, xMax};
        flat(lengthPredicted, xs, Double.NaN);
        flat(wPredicted, xs, Double.NaN);
        flat(p99Predicted, xs, Double.NaN);
        flat(outPredicted, xs, Double.NaN);
        flat(inPredicted, xs, Double.NaN);
        flat(utilPredicted, xs, Double.NaN);
        Line memberPredicted = memberChart.lines().isEmpty() ? null
                : memberChart.lines().get(memberChart.lines().size() - 1);
        if (memberPredicted != null) {
            flat(memberPredicted, xs, Double.NaN);
        }
        utilPredicted.rename("predicted ρ");
        utilizationChart.setNote("");
        if (p != null) {
            if (p.stable()) {
                flat(lengthPredicted, xs, p.L());
                flat(wPredicted, xs, p.W());
                flat(p99Predicted, xs, ElementReport.numberAt(ep.extra(), "latency.p99"));
                lengthPredicted.rename("predicted L");
            } else {
                // no steady state: the backlog grows along λ − cμ; draw that line
                lengthPredicted.data().set(xs, new double[] {0, p.growthRate() * xMax});
                lengthPredicted.rename("predicted backlog growth");
            }
            flat(outPredicted, xs, p.throughput());
            if (Math.abs(p.lambda() - p.throughput()) > 1e-9 * Math.max(1, p.lambda())) {
                flat(inPredicted, xs, p.lambda());
            }
            // utilization never exceeds 1; the offered load λ/(cμ) says by how much the work exceeds it
            double rho = Double.isFinite(p.offeredLoad()) ? Math.max(p.offeredLoad(), p.utilization()) : p.utilization();
            if (rho >= 1) {
                // busy can never exceed 1: the offered load is named and drawn at the top of the axis
                utilPredicted.rename(String.format(Locale.ROOT, "offered load ρ = %s ≥ 1 (drawn at 1)", Numbers.num(rho)));
                utilizationChart.setNote("unstable: more work arrives than the workers can do");
                flat(utilPredicted, xs, 1);
            } else {
                flat(utilPredicted, xs, rho);
            }
            if (memberPredicted != null) {
                flat(memberPredicted, xs, Math.min(1, rho)); // the group's mean: idle members pull it down
            }
        } else if (ep != null && ep.extra().get("throughput") instanceof Number n) {
            flat(outPredicted, xs, n.doubleValue());
        }
    }

    private static void flat(Line line, double[] xs, double y) {
        if (Double.isNaN(y) || Double.isInfinite(y)) {
            line.data().set(new double[0], new double[0]);
        } else {
            line.data().set(xs, new double[] {y, y});
        }
    }

    private void showOptionalLines() {
        for (ChartModel c : allCharts()) {
            for (Line l : c.lines()) {
                if (l.optional()) {
                    l.show(showPercentiles.get());
                }
            }
        }
    }

    /** The workers of an element (a group's instances, or every reader's on a channel), for busy shares. */
    private double workersOf(String id) {
        Scenario s = scenario.get();
        int own = instancesOf(id);
        if (own > 0) {
            return own;
        }
        return s.consumersOf(id).stream().mapToInt(ConsumerSpec::instances).sum();
    }

    private int instancesOf(String id) {
        return scenario.get().consumers().stream().filter(c -> c.id().equals(id)).mapToInt(ConsumerSpec::instances)
                .findFirst().orElse(0);
    }

    private String sourceChannel(String groupId) {
        return scenario.get().consumers().stream().filter(c -> c.id().equals(groupId)).map(ConsumerSpec::from)
                .findFirst().orElse(null);
    }

    private boolean ownsSource(String groupId) {
        String src = sourceChannel(groupId);
        return src != null && scenario.get().consumersOf(src).size() == 1;
    }

    /** Partitions a group reads (its channel is drawn as a log), or 0. */
    private int partitionsRead(String id) {
        String src = sourceChannel(id);
        if (src == null) {
            return 0;
        }
        return scenario.get().channel(src).filter(c -> c.drawing().shape() == Drawing.Shape.LOG)
                .map(c -> c.drawing().lanes()).orElse(0);
    }

    // ------------------------------------------------------------------ table, Little's Law, model

    /** The rows of the table: fixed per element (figures it measures or theory predicts), updated in place. */
    private static final String[][] TABLE = {
        {"throughput", "throughput", "events/s"},
        {"arrivalRate", "arrivals", "events/s"},
        {"L", "L in system", "events"},
        {"Lq", "Lq waiting", "events"},
        {"W", "W in system", "s"},
        {"Wq", "Wq waiting", "s"},
        {"utilization", "utilization", "%"},
        {"lag", "lag", "events"},
        {"latency.p99", "p99 latency", "s"},
        {"outOfOrder", "out of order", "events"},
    };

    private void rebuildFigures() {
        Scenario s = scenario.get();
        String id = selected.get();
        List<FigureRow> rows = new ArrayList<>();
        Snapshot snap = snapshot.get();
        boolean current = snap != null && snap.generation() == generation;
        if (s != null && id != null) {
            // the figures this element measures (known from the first snapshot, at t = 0) or theory predicts
            Map<String, Double> measured = current && snap.results().containsKey(id) ? snap.results().get(id).measured()
                    : Map.of();
            ElementPrediction ep = predictions.get().get(id);
            Map<String, Object> pm = ep == null ? Map.of() : ep.toMap();
            for (String[] r : TABLE) {
                if (measured.containsKey(r[0]) || !Double.isNaN(ElementReport.numberAt(pm, r[0]))) {
                    rows.add(new FigureRow(r[0], r[1], r[2]));
                }
            }
        }
        figuresFor = current ? generation + "\u0000" + id : "";
        if (!rows.stream().map(FigureRow::key).toList().equals(figures.stream().map(FigureRow::key).toList())) {
            figures.setAll(rows);
        }
    }

    /** The generation and element the rows were made from (with a snapshot): rebuilt only when they change. */
    private String figuresFor = "";

    private void refreshDetails() {
        Scenario s = scenario.get();
        String id = selected.get();
        if (s == null || id == null) {
            heading.set("");
            modelText.set("");
            little.set("");
            littleVerdict.set("");
            littleState.set("na");
            return;
        }
        heading.set(id + " — " + kindOf(id) + "\n" + parameters(s, id));
        ElementPrediction ep = predictions.get().get(id);
        StringBuilder sb = new StringBuilder();
        if (ep != null) {
            Map<String, Object> m = ep.toMap();
            if (m.get("model") != null) {
                sb.append("Model: ").append(m.get("model"))
                        .append(Boolean.FALSE.equals(m.get("exact")) ? " (approximate)" : "").append('\n');
                sb.append("Why: ").append(m.get("reason")).append('\n');
            }
            for (String key : List.of("caveats", "notes")) {
                if (m.get(key) instanceof List<?> cv) {
                    cv.forEach(c -> sb.append("Note: ").append(c).append('\n'));
                }
            }
            if (Boolean.FALSE.equals(m.get("stable"))) {
                sb.append(String.format(Locale.ROOT, "Unstable: the backlog grows by %s events/s%n",
                        Numbers.num(((Number) m.getOrDefault("growthRate", m.getOrDefault("lagGrowthRate", 0.0))).doubleValue())));
            }
        } else {
            sb.append("No queueing model applies to this element.\n");
        }
        String text = sb.toString().strip();
        if (!text.equals(modelText.get())) {
            modelText.set(text);
        }
        Snapshot snap = snapshot.get();
        boolean current = snap != null && snap.generation() == generation;
        ElementResult r = current ? snap.results().get(id) : null;
        double now = current ? snap.now() : 0;
        Map<String, Object> pm = ep == null ? Map.of() : ep.toMap();
        double warm = s.warmup();
        for (FigureRow row : figures) {
            double mv = r == null ? Double.NaN : r.get(row.key());
            double pv = ElementReport.numberAt(pm, row.key());
            String hw = "";
            if (row.key().equals("L") || row.key().equals("W")) {
                hw = Numbers.plusMinus(halfWidth(id, row.key(), warm, now));
            }
            if (row.unit().equals("%")) {
                row.set(Numbers.percent(mv), "", Double.isNaN(pv) ? "—" : Numbers.percent(pv) + (pv >= 1 ? " offered" : ""));
            } else {
                row.set(Numbers.num(mv), hw, Numbers.num(pv));
            }
        }
        refreshLittle(r, ep, now);
    }

    /** The 95% half-width of the running mean of L or W of element {@code id} (NaN until there is enough). */
    private double halfWidth(String id, String figure, double from, double to) {
        RunHistory.Element h = history.of(id);
        String src = sourceChannel(id);
        RunHistory.Element holder = h.raw(figure + ".avg").size() == 0 && src != null && ownsSource(id) ? history.of(src) : h;
        if (figure.equals("L")) {
            return Numbers.halfWidth(holder.raw("L.avg"), null, from, to);
        }
        return Numbers.halfWidth(holder.raw("W.avg"), holder.raw("throughput"), from, to);
    }

    private void refreshLittle(ElementResult r, ElementPrediction ep, double now) {
        Scenario s = scenario.get();
        String id = selected.get();
        double l = r == null ? Double.NaN : r.get("L");
        double lam = r == null ? Double.NaN : r.get("throughput");
        double w = r == null ? Double.NaN : r.get("W");
        if (r == null) {
            little.set("");
            littleVerdict.set("Waiting for the run's first picture.");
            littleState.set("na");
            return;
        }
        if (Double.isNaN(l)) {
            little.set("L = —\nλ = " + Numbers.num(lam) + "/s    W = " + Numbers.num(w) + " s");
            littleVerdict.set("L is not measured for " + id + ": Little's Law is checked on elements that hold events"
                    + " (queues, and groups that are their queue's only reader).");
            littleState.set("na");
            return;
        }
        little.set(String.format(Locale.ROOT, "L = %s    λ·W = %s%nλ = %s/s    W = %s s", Numbers.num(l),
                Numbers.num(lam * w), Numbers.num(lam), Numbers.num(w)));
        Prediction p = ep == null ? null : ep.prediction();
        if (Double.isNaN(w)) {
            littleVerdict.set("No completions yet: W is not known, so λ·W cannot be compared with L.");
            littleState.set("na");
            return;
        }
        if (p != null && !p.stable()) {
            String why = p.utilization() >= 1 ? "ρ = " + Numbers.num(p.utilization()) + " ≥ 1"
                    : "its busiest worker is overloaded";
            littleVerdict.set(String.format(Locale.ROOT, "✗ Cannot hold: unstable (%s; the backlog grows by %s events/s)."
                    + " L has no steady value and λ·W lags behind it.", why, Numbers.num(p.growthRate())));
            littleState.set("off");
            return;
        }
        if (s.warmup() > 0 && now < s.warmup()) {
            littleVerdict.set("Not in steady state yet: still in the warm-up (the statistics start over at t = "
                    + Durations.format(s.warmup()) + ").");
            littleState.set("na");
            return;
        }
        double hwL = halfWidth(id, "L", s.warmup(), now);
        double hwW = halfWidth(id, "W", s.warmup(), now);
        double hw = Math.sqrt(hwL * hwL + lam * hwW * lam * hwW);
        if (Double.isNaN(hw)) {
            littleVerdict.set("No 95% interval yet: it needs " + dev.tributary.sim.metrics.BatchMeans.BATCHES
                    + " batches of the run after the warm-up, each with completions.");
            littleState.set("na");
            return;
        }
        double gap = Math.abs(l - lam * w);
        if (gap <= hw) {
            littleVerdict.set("✓ L = λ·W within the 95% interval (" + Numbers.plusMinus(hw) + ").");
            littleState.set("ok");
        } else {
            littleVerdict.set("✗ L and λ·W differ by " + Numbers.num(gap) + ", more than the 95% interval ("
                    + Numbers.plusMinus(hw) + "): not in steady state over this window?");
            littleState.set("off");
        }
    }

    private String kindOf(String id) {
        Scenario s = scenario.get();
        if (s.channel(id).isPresent()) {
            return s.channel(id).get().type();
        }
        if (s.consumers().stream().anyMatch(c -> c.id().equals(id))) {
            return "consumer group";
        }
        return "producer";
    }

    private static String parameters(Scenario s, String id) {
        for (ProducerSpec p : s.producers()) {
            if (p.id().equals(id)) {
                return "to " + p.to() + ", arrivals " + p.arrivals().describe() + ", keys " + p.keys().describe();
            }
        }
        for (ConsumerSpec c : s.consumers()) {
            if (c.id().equals(id)) {
                return "from " + c.from() + ", " + c.instances() + " instance" + (c.instances() == 1 ? "" : "s")
                        + ", service " + c.service().describe();
            }
        }
        ChannelSpec c = s.channel(id).orElseThrow();
        String readers = String.join(", ", s.consumersOf(id).stream().map(ConsumerSpec::id).toList());
        return c.describe() + (!c.holdsEvents() ? "" : readers.isEmpty() ? "; no consumers" : "; read by " + readers);
    }

    // ------------------------------------------------------------------ accessors

    /** The charts for every element: the first four always, then per-partition lag and per-member utilization. */
    public List<ChartModel> charts() {
        return allCharts();
    }

    private List<ChartModel> allCharts() {
        return List.of(lengthChart, throughputChart, latencyChart, utilizationChart, partitionChart, memberChart);
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

    /** Run data as CSV: time and every chart line of the selected element (each point the mean of its samples). */
    public String chartsCsv() {
        StringBuilder sb = new StringBuilder("chart,line,time,value,samples\n");
        for (ChartModel c : charts()) {
            if (!c.visible()) {
                continue;
            }
            for (Line l : c.lines()) {
                SeriesBuffer b = l.data();
                for (int i = 0; i < b.size(); i++) {
                    sb.append(c.title()).append(',').append(l.name().replace(',', ';')).append(',').append(b.x(i))
                            .append(',').append(b.y(i)).append(',').append(b.count(i)).append('\n');
                }
            }
        }
        return sb.toString();
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

    /** Presentation zoom: 1 is the normal size. */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    /** Whether the latency chart shows the percentiles (p50, p95, p99 and predicted p99). */
    public BooleanProperty showPercentilesProperty() {
        return showPercentiles;
    }

    /** Id of the element the charts and details show. */
    public StringProperty selectedProperty() {
        return selected;
    }

    /** The selected element's name, kind and parameters (two lines). */
    public StringProperty headingProperty() {
        return heading;
    }

    /** The model theory applies to the selected element, and why. */
    public StringProperty modelTextProperty() {
        return modelText;
    }

    /** The measured-vs-predicted rows of the selected element. */
    public ObservableList<FigureRow> figures() {
        return figures;
    }

    /** Little's Law's figures: L, λ, W and λ·W. */
    public StringProperty littleProperty() {
        return little;
    }

    /** Little's Law's verdict in words (✓ or ✗ and why, or why it cannot be judged). */
    public StringProperty littleVerdictProperty() {
        return littleVerdict;
    }

    /** "ok", "off" or "na": how to colour the verdict. */
    public StringProperty littleStateProperty() {
        return littleState;
    }

    /** What the last step did, in words (empty while playing). */
    public StringProperty narrationProperty() {
        return narration;
    }

    /** Recently opened files, newest first. */
    public ObservableList<String> recentFiles() {
        return recentFiles;
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
