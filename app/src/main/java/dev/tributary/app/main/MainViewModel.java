package dev.tributary.app.main;

import dev.tributary.sim.element.Drawing;
import dev.tributary.sim.theory.ElementPrediction;

import dev.tributary.app.charts.ChartModel;
import dev.tributary.app.charts.SeriesBuffer;
import dev.tributary.app.run.SimulationRunner;
import dev.tributary.app.run.Snapshot;
import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.report.ElementReport;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.value.Durations;
import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.element.ProducerSpec;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.scenario.ScenarioReader;
import dev.tributary.sim.theory.Prediction;
import dev.tributary.sim.model.ScenarioTheory;
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
 * selected element, its predictions and the live chart data. Holds no node, so it is tested
 * without a window; {@link #frame()} is called once per animation frame by the view.
 */
public final class MainViewModel implements AutoCloseable {

    /** Speeds offered, in simulated seconds per wall second; the last is "as fast as possible". */
    public static final double[] SPEEDS = {0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 100, 1000, SimulationRunner.MAX_SPEED};
    /** Index of the default speed (1×). */
    public static final int DEFAULT_SPEED = 3;
    private static final int MAX_RECENT = 8;

    private final SimulationRunner runner = new SimulationRunner();
    private final ObjectProperty<Scenario> scenario = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty clock = new SimpleStringProperty("t = 0s");
    private final StringProperty status = new SimpleStringProperty("Open a scenario or pick an example");
    private final BooleanProperty playing = new SimpleBooleanProperty();
    private final BooleanProperty finished = new SimpleBooleanProperty();
    private final IntegerProperty speedIndex = new SimpleIntegerProperty(DEFAULT_SPEED);
    private final StringProperty selected = new SimpleStringProperty();
    private final StringProperty details = new SimpleStringProperty("");
    private final StringProperty little = new SimpleStringProperty("");
    private final ObservableList<String> recentFiles = FXCollections.observableArrayList();
    private final ObjectProperty<Map<String, ElementPrediction>> predictions =
            new SimpleObjectProperty<>(Map.of());
    private final ObjectProperty<Snapshot> snapshot = new SimpleObjectProperty<>();

    private final ChartModel lengthChart = new ChartModel("In system / lag", "events");
    private final ChartModel throughputChart = new ChartModel("Throughput", "events/s");
    private final ChartModel latencyChart = new ChartModel("Latency", "seconds");
    private final ChartModel utilizationChart = new ChartModel("Utilization", "fraction busy");
    private final SeriesBuffer lengthNow = lengthChart.measured("sampled");
    private final SeriesBuffer lengthMean = lengthChart.measured("mean L");
    private final SeriesBuffer lengthPredicted = lengthChart.predicted("predicted L");
    private final SeriesBuffer throughputOut = throughputChart.measured("out (smoothed)");
    private final SeriesBuffer throughputMean = throughputChart.measured("mean out");
    private final SeriesBuffer throughputIn = throughputChart.measured("in (smoothed)");
    private final SeriesBuffer throughputPredicted = throughputChart.predicted("predicted");
    private final SeriesBuffer p50 = latencyChart.measured("p50");
    private final SeriesBuffer p95 = latencyChart.measured("p95");
    private final SeriesBuffer p99 = latencyChart.measured("p99");
    private final SeriesBuffer wMean = latencyChart.measured("mean W");
    private final SeriesBuffer wInterval = latencyChart.measured("W/interval");
    private final SeriesBuffer wPredicted = latencyChart.predicted("pred. W");
    private final SeriesBuffer p99Predicted = latencyChart.predicted("pred. p99");
    private final SeriesBuffer utilMeasured = utilizationChart.measured("mean");
    private final SeriesBuffer utilNow = utilizationChart.measured("busy (sampled)");
    private final SeriesBuffer utilPredicted = utilizationChart.predicted("predicted ρ");

    private Scenario original;
    private long lastSerial = -1;
    private long lastDetailsNanos;
    /** Least wall time between two refreshes of the details text while running. */
    static final long DETAILS_EVERY_NANOS = 250_000_000L;
    private double throughputSmooth = Double.NaN;
    private double inSmooth = Double.NaN;
    /** Weight of the newest interval in the smoothed throughput line. */
    static final double THROUGHPUT_SMOOTHING = 0.05;
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
        selected.addListener((o, a, b) -> {
            clearCharts();
            runner.resendSeries();
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
            error.set(e.getMessage());
            return false;
        }
    }

    /** Loads a bundled example by name (e.g. {@code basics/mmc-queue}). */
    public boolean loadExample(String name) {
        try {
            load(Examples.load(name));
            return true;
        } catch (ScenarioException e) {
            error.set(e.getMessage());
            return false;
        }
    }

    /** Loads a scenario (replacing the current one), paused at t = 0. */
    public void load(Scenario s) {
        original = s;
        error.set("");
        apply(s);
        selected.set(defaultSelection(s));
        refreshDetails();
    }

    private void apply(Scenario s) {
        scenario.set(s);
        predictions.set(ScenarioTheory.predict(s));
        boolean wasPlaying = playing.get();
        runner.load(s.withSampleInterval(sampleInterval(s)));
        lastSerial = -1;
        clearCharts();
        if (wasPlaying) {
            runner.play();
        }
        status.set(s.name());
    }

    /**
     * The app samples more finely than a headless run (at least 20,000 samples, at most one per
     * scenario interval) so charts move smoothly at slow speeds; sampling changes no statistic.
     */
    static double sampleInterval(Scenario s) {
        return Math.min(s.sampleInterval(), s.duration() / 20_000);
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

    /** Starts running. */
    public void play() {
        if (scenario.get() == null) {
            return;
        }
        if (finished.get()) {
            reset();
        }
        runner.play();
        playing.set(true);
    }

    /** Pauses. */
    public void pause() {
        runner.pause();
        playing.set(false);
    }

    /** Executes one event. */
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
            refreshDetails();
        }
    }

    private void whatIf(UnaryOperator<Scenario> change) {
        if (scenario.get() == null) {
            return;
        }
        apply(change.apply(scenario.get()));
        refreshDetails();
    }

    // ------------------------------------------------------------------ per frame

    /** Reads the newest snapshot (once per frame); returns whether anything changed. */
    public boolean frame() {
        Throwable t = runner.takeError();
        if (t != null) {
            error.set("The simulation stopped: " + t);
            playing.set(false);
        }
        Snapshot s = runner.latest();
        if (s == null || s.serial() == lastSerial || scenario.get() == null) {
            return false;
        }
        lastSerial = s.serial();
        snapshot.set(s);
        clock.set(String.format(Locale.ROOT, "t = %s / %s", clockText(s.now()), Durations.format(s.duration())));
        finished.set(s.finished());
        if (!s.playing() && playing.get() && s.finished()) {
            playing.set(false);
        }
        status.set(String.format(Locale.ROOT, "%s   ·   %,d events   ·   %s events/s", scenario.get().name(), s.events(),
                s.playing() ? String.format(Locale.ROOT, "%,.0f", s.eventsPerSecond()) : "paused"));
        appendCharts(s);
        // the details are text: re-laying them out every frame costs more than it shows
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

    private void appendCharts(Snapshot s) {
        if (s.samplesFromStart()) {
            clearCharts(); // a full resend: whatever arrived before it would be out of order
        }
        String id = selected.get();
        ElementResult r = id == null ? null : s.results().get(id);
        if (r == null) {
            return;
        }
        double t = s.now();
        // running means (since the warm-up), one point per snapshot
        lengthMean.add(t, r.get("L"));
        throughputMean.add(t, r.get("throughput"));
        p50.add(t, r.get("latency.p50"));
        p95.add(t, r.get("latency.p95"));
        p99.add(t, r.get("latency.p99"));
        wMean.add(t, r.get("W"));
        utilMeasured.add(t, r.get("utilization"));
        // interval samples from the model's own sampler: full resolution at any speed
        Map<String, double[][]> own = s.samples().getOrDefault(id, Map.of());
        String src = sourceChannel(id);
        Map<String, double[][]> station = src != null && ownsSource(id) ? s.samples().getOrDefault(src, Map.of()) : Map.of();
        double instances = instancesOf(id);
        double[][] len = own.containsKey("L") ? own.get("L") : null;
        if (len != null) {
            for (int i = 0; i < len[0].length; i++) {
                lengthNow.add(len[0][i], len[1][i]);
            }
        }
        double[][] thr = own.get("throughput");
        if (thr != null) {
            for (int i = 0; i < thr[0].length; i++) {
                // one interval holds only a few events: smooth over about twenty of them (EWMA)
                throughputSmooth = Double.isNaN(throughputSmooth) ? thr[1][i]
                        : throughputSmooth + THROUGHPUT_SMOOTHING * (thr[1][i] - throughputSmooth);
                throughputOut.add(thr[0][i], throughputSmooth);
            }
        }
        double[][] in = inflowSamples(id, s);
        if (in != null) {
            for (int i = 0; i < in[0].length; i++) {
                inSmooth = Double.isNaN(inSmooth) ? in[1][i] : inSmooth + THROUGHPUT_SMOOTHING * (in[1][i] - inSmooth);
                throughputIn.add(in[0][i], inSmooth);
            }
        }
        collectForIntervals(own.containsKey("L.avg") ? own : station);
        double[][] busy = own.get("busy");
        if (busy != null && instances > 0) {
            for (int i = 0; i < busy[0].length; i++) {
                utilNow.add(busy[0][i], busy[1][i] / instances);
            }
        }
        double[][] w = own.containsKey("W.avg") ? own.get("W.avg") : station.get("W.avg");
        if (w != null) {
            for (int i = 0; i < w[0].length; i++) {
                wInterval.add(w[0][i], w[1][i]);
            }
        }
        ElementPrediction ep = predictions.get().get(id);
        Prediction p = ep == null ? null : ep.prediction();
        double[] times = len != null ? len[0] : thr != null ? thr[0] : new double[] {t};
        for (double x : times) {
            if (p != null) {
                if (p.stable()) {
                    lengthPredicted.add(x, p.L());
                    wPredicted.add(x, p.W());
                    p99Predicted.add(x, ElementReport.numberAt(ep.extra(), "latency.p99")); // NaN is skipped
                } else {
                    // no steady state: the backlog grows along λ − cμ; draw that line
                    lengthPredicted.add(x, p.growthRate() * x);
                }
                throughputPredicted.add(x, p.throughput());
                utilPredicted.add(x, Math.min(1, p.utilization()));
            } else if (ep != null && ep.extra().get("throughput") instanceof Number n) {
                throughputPredicted.add(x, n.doubleValue());
            }
        }
    }

    /** Arrivals per interval into the selected element: its queue's, its topic's or its stream's. */
    private double[][] inflowSamples(String id, Snapshot s) {
        Map<String, double[][]> own = s.samples().getOrDefault(id, Map.of());
        if (own.containsKey("arrivals")) {
            return own.get("arrivals");
        }
        String src = sourceChannel(id);
        if (src == null) {
            return null;
        }
        Map<String, double[][]> ch = s.samples().getOrDefault(src, Map.of());
        if (ownsSource(id) && ch.containsKey("arrivals")) {
            return ch.get("arrivals");
        }
        ChannelSpec c = scenario.get().channel(src).orElse(null);
        return c == null || c.drawing().shape() == Drawing.Shape.QUEUE ? null : ch.get("throughput");
    }

    private void collectForIntervals(Map<String, double[][]> samples) {
        double warmup = scenario.get().warmup();
        for (String name : List.of("L.avg", "W.avg")) {
            double[][] d = samples.get(name);
            if (d == null) {
                continue;
            }
            ArrayListDouble target = name.equals("L.avg") ? lSamples : wSamples;
            for (int i = 0; i < d[0].length; i++) {
                if (d[0][i] > warmup) {
                    target.add(d[1][i]);
                }
            }
        }
    }

    /** A growable list of doubles (samples for batch means). */
    private static final class ArrayListDouble {
        private double[] a = new double[256];
        private int n;

        void add(double v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }

        void clear() {
            n = 0;
        }
    }

    private final ArrayListDouble lSamples = new ArrayListDouble();
    private final ArrayListDouble wSamples = new ArrayListDouble();

    /** The 95% batch-means interval of L or W for the selected element so far ("±" text, or empty). */
    private String interval(String figure) {
        ArrayListDouble src = figure.equals("L") ? lSamples : figure.equals("W") ? wSamples : null;
        if (src == null) {
            return "";
        }
        dev.tributary.sim.metrics.Estimate e = dev.tributary.sim.metrics.BatchMeans.of(src.toArray(), 0,
                dev.tributary.sim.metrics.BatchMeans.BATCHES);
        return Double.isNaN(e.halfWidth()) ? "" : "±" + String.format(Locale.ROOT, "%.2g", e.halfWidth());
    }

    private double instancesOf(String id) {
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

    private void clearCharts() {
        for (ChartModel c : charts()) {
            c.clear();
        }
        throughputSmooth = Double.NaN;
        inSmooth = Double.NaN;
        lSamples.clear();
        wSamples.clear();
    }

    private void refreshDetails() {
        Scenario s = scenario.get();
        String id = selected.get();
        if (s == null || id == null) {
            details.set("");
            little.set("");
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(id).append(" — ").append(kindOf(id)).append('\n');
        sb.append(parameters(s, id)).append('\n');
        ElementPrediction ep = predictions.get().get(id);
        if (ep != null) {
            Map<String, Object> m = ep.toMap();
            if (m.get("model") != null) {
                sb.append("\nModel: ").append(m.get("model"))
                        .append(Boolean.FALSE.equals(m.get("exact")) ? " (approximate)" : "").append('\n');
                sb.append("Why: ").append(m.get("reason")).append('\n');
            }
            for (String key : List.of("caveats", "notes")) {
                if (m.get(key) instanceof List<?> cv) {
                    cv.forEach(c -> sb.append("Note: ").append(c).append('\n'));
                }
            }
            if (Boolean.FALSE.equals(m.get("stable"))) {
                sb.append(String.format(Locale.ROOT, "UNSTABLE: backlog grows by %.3g events/s%n",
                        ((Number) m.getOrDefault("growthRate", m.getOrDefault("lagGrowthRate", 0.0))).doubleValue()));
            }
        }
        Snapshot snap = snapshot.get();
        ElementResult r = snap == null ? null : snap.results().get(id);
        sb.append(String.format(Locale.ROOT, "%n%-10s %14s %9s%n", "figure", "measured", "predicted"));
        for (String f : List.of("throughput", "L", "Lq", "W", "Wq", "utilization", "lag", "latency.p99", "outOfOrder")) {
            double mv = r == null ? Double.NaN : r.get(f);
            double pv = ep == null ? Double.NaN : ElementReport.numberAt(ep.toMap(), f);
            if (Double.isNaN(mv) && Double.isNaN(pv)) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-10s %14s %9s%n", f.replace("latency.", "").replace("utilization", "util"),
                    num(mv) + interval(f),
                    num(pv)));
        }
        String text = sb.toString();
        if (!text.equals(details.get())) {
            details.set(text);
        }
        if (r != null && !Double.isNaN(r.get("L")) && !Double.isNaN(r.get("W"))) {
            double lam = r.get("throughput");
            little.set(String.format(Locale.ROOT, "Little's Law   L = %s   λ = %s/s   W = %s s   λ·W = %s", num(r.get("L")),
                    num(lam), num(r.get("W")), num(lam * r.get("W"))));
        } else {
            little.set("Little's Law: select a queue or consumer group");
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

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        if (Double.isInfinite(v)) {
            return "∞";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 1000 ? "%.0f" : "%.4g", v);
    }

    // ------------------------------------------------------------------ accessors

    /** The four live charts. */
    public List<ChartModel> charts() {
        return List.of(lengthChart, throughputChart, latencyChart, utilizationChart);
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

    /** Run data as CSV: time and every chart line of the selected element. */
    public String chartsCsv() {
        StringBuilder sb = new StringBuilder("chart,line,time,value\n");
        for (ChartModel c : charts()) {
            List<SeriesBuffer> lines = new ArrayList<>(c.measuredLines());
            lines.addAll(c.predictedLines());
            for (SeriesBuffer b : lines) {
                for (int i = 0; i < b.size(); i++) {
                    sb.append(c.title()).append(',').append(b.name()).append(',').append(b.x(i)).append(',')
                            .append(b.y(i)).append('\n');
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

    /** Index into {@link #SPEEDS}. */
    public IntegerProperty speedIndexProperty() {
        return speedIndex;
    }

    /** Id of the element the charts and details show. */
    public StringProperty selectedProperty() {
        return selected;
    }

    /** The selected element's details as text. */
    public StringProperty detailsProperty() {
        return details;
    }

    /** The live Little's Law line. */
    public StringProperty littleProperty() {
        return little;
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

    @Override
    public void close() {
        runner.close();
    }
}
