package dev.tributary.app.main;

import dev.tributary.app.charts.ChartModel;
import dev.tributary.app.charts.ChartModel.Line;
import dev.tributary.app.charts.ChartModel.Style;
import dev.tributary.app.run.Snapshot;
import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.metrics.Estimate;
import dev.tributary.sim.report.Comparison;
import dev.tributary.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Two to four architectures side by side: one {@link RunViewModel} per scenario, all on A's seed
 * (common random numbers: wherever producers share an id they send the same events at the same
 * times), played in lockstep (no run gets ahead of the slowest by more than {@link #leadOf}); charts
 * that overlay each run's running means and predictions in its own hue; and a table of X − A for
 * every figure of every element they share, with 95% intervals from paired replications run in the
 * background ({@link Comparison}, the engine of the command line's {@code compare}). Holds no node.
 */
public final class CompareViewModel implements AutoCloseable, RunControls {

    /** Scenarios compared at most. */
    public static final int MAX_RUNS = 4;
    /** Paired replications behind the table's intervals (as the command line's default). */
    public static final int REPLICATIONS = 5;
    /** The runs' names on screen. */
    public static final List<String> LABELS = List.of("A", "B", "C", "D");
    /** Each run's hue in the chart palette: blue, orange, green, purple. */
    static final int[] HUES = {ChartsViewModel.BLUE, ChartsViewModel.ORANGE, ChartsViewModel.GREEN, ChartsViewModel.PURPLE};
    private static final String[][] CHARTS = {
        {"In system (mean L)", "events", "L"},
        {"Throughput (mean out)", "events/s", "out"},
        {"Latency (mean W)", "seconds", "W"},
        {"Utilization (mean)", "fraction busy", "busy"},
    };

    /** One figure of one element: each run's mean over the paired replications, and each X − A with its 95% half-width. */
    public record Difference(String element, String figure, List<Double> means, List<Estimate> differences) {
        /** Whether X − A's interval excludes zero (X is {@code 1 … runs − 1}). */
        public boolean significant(int x) {
            Estimate d = differences.get(x - 1);
            return !Double.isNaN(d.halfWidth()) && Math.abs(d.mean()) > d.halfWidth();
        }
    }

    private final List<RunViewModel> runs = new ArrayList<>();
    private final List<ChartModel> charts = new ArrayList<>();
    private final List<String> commonIds;
    private final StringProperty selected = new SimpleStringProperty();
    private final StringProperty clock = new SimpleStringProperty("");
    private final StringProperty tableStatus = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty playing = new SimpleBooleanProperty();
    private final IntegerProperty speedIndex = new SimpleIntegerProperty(RunViewModel.DEFAULT_SPEED);
    private final ObservableList<Difference> differences = FXCollections.observableArrayList();
    private final int replications;
    private final AtomicReference<Double> tableProgress = new AtomicReference<>(0.0);
    private CompletableFuture<List<Difference>> table;
    private AtomicBoolean tableCancelled = new AtomicBoolean();

    private CompareViewModel(List<Scenario> scenarios, List<String> common, String select, int replications) {
        this.commonIds = common;
        this.replications = replications;
        long seed = scenarios.get(0).seed();
        for (int x = 0; x < scenarios.size(); x++) {
            RunViewModel run = new RunViewModel();
            run.load(scenarios.get(x).withSeed(seed));
            runs.add(run);
        }
        holdAtStart();
        for (String[] c : CHARTS) {
            ChartModel m = new ChartModel(c[0], c[1]);
            for (int x = 0; x < runs.size(); x++) {
                m.line(LABELS.get(x) + " mean " + c[2], Style.MEASURED, HUES[x], false);
                m.line(LABELS.get(x) + " predicted", Style.PREDICTED, HUES[x], false);
            }
            m.setWarmup(scenarios.get(0).warmup());
            charts.add(m);
        }
        charts.get(3).setYCeiling(1.05);
        speedIndex.addListener((o, a, b) -> runs.forEach(r -> r.speedIndexProperty().set(b.intValue())));
        selected.addListener((o, a, b) -> {
            runs.forEach(r -> r.selectedProperty().set(b));
            bindCharts();
        });
        selected.set(select != null && common.contains(select) ? select : preferred(scenarios.get(0), common));
        startTable();
    }

    /**
     * A comparison of {@code scenarios} (A first), or an exception saying in one sentence why they
     * cannot be compared: fewer than two or more than four, or no element id in common (figures are
     * paired by id). {@code select} is the element to show first, if they share it.
     */
    public static CompareViewModel of(List<Scenario> scenarios, String select) {
        return of(scenarios, select, REPLICATIONS);
    }

    /** As {@link #of(List, String)} with another number of paired replications behind the table (at least 2). */
    public static CompareViewModel of(List<Scenario> scenarios, String select, int replications) {
        String problem = problem(scenarios);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new CompareViewModel(scenarios, commonIds(scenarios), select, Math.max(2, replications));
    }

    /** Why these scenarios cannot be compared, in one sentence, or null when they can. */
    public static String problem(List<Scenario> scenarios) {
        if (scenarios.size() < 2 || scenarios.size() > MAX_RUNS) {
            return "Compare needs two to four scenarios; got " + scenarios.size() + ".";
        }
        if (commonIds(scenarios).isEmpty()) {
            StringBuilder sb = new StringBuilder("These scenarios share no element id, so no figure can be paired (");
            for (int x = 0; x < scenarios.size(); x++) {
                sb.append(x == 0 ? "" : "; ").append(LABELS.get(x)).append(": ")
                        .append(String.join(", ", Comparison.elementIds(scenarios.get(x))));
            }
            return sb.append("). Give the elements to compare the same id in every scenario.").toString();
        }
        return null;
    }

    private static List<String> commonIds(List<Scenario> scenarios) {
        Set<String> common = new LinkedHashSet<>(Comparison.elementIds(scenarios.get(0)));
        for (Scenario s : scenarios.subList(1, scenarios.size())) {
            common.retainAll(Comparison.elementIds(s));
        }
        return List.copyOf(common);
    }

    /** The first shared consumer group (its figures say most), else the first shared channel. */
    private static String preferred(Scenario a, List<String> common) {
        return a.consumers().stream().map(c -> c.id()).filter(common::contains).findFirst()
                .orElse(a.channels().stream().map(c -> c.id()).filter(common::contains).findFirst()
                        .orElse(common.get(0)));
    }

    // ------------------------------------------------------------------ run control, in lockstep

    /** Plays every run, or pauses them all. */
    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else {
            play();
        }
    }

    /** Plays every run (from t = 0 again if they had all finished). */
    public void play() {
        if (runs.stream().allMatch(r -> r.finishedProperty().get())) {
            reset();
        }
        runs.forEach(RunViewModel::play);
        playing.set(true);
    }

    /** Pauses every run. */
    public void pause() {
        runs.forEach(RunViewModel::pause);
        playing.set(false);
    }

    /** One visible event in each run. */
    public void step() {
        runs.forEach(RunViewModel::step);
        playing.set(false);
    }

    /** Every run back to t = 0, paused. */
    public void reset() {
        runs.forEach(RunViewModel::reset);
        holdAtStart();
        playing.set(false);
    }

    /** Runs that start again from t = 0 may go no further than the first lead until a frame sees them all. */
    private void holdAtStart() {
        runs.forEach(r -> r.runner().setLimit(leadOf(0)));
    }

    /** One speed step up for every run. */
    public void faster() {
        speedIndex.set(Math.min(RunViewModel.SPEEDS.length - 1, speedIndex.get() + 1));
    }

    /** One speed step down for every run. */
    public void slower() {
        speedIndex.set(Math.max(0, speedIndex.get() - 1));
    }

    /**
     * A what-if change to run {@code x} (B is 1): every run restarts from t = 0, so they stay in
     * lockstep on the same seed, and the table's replications start again.
     */
    public void whatIf(int x, UnaryOperator<Scenario> change) {
        boolean wasPlaying = playing.get();
        runs.get(x).whatIf().change(change);
        for (int i = 0; i < runs.size(); i++) {
            if (i != x) {
                runs.get(i).reset();
            }
        }
        holdAtStart();
        if (wasPlaying) {
            runs.forEach(RunViewModel::play);
        }
        bindCharts();
        startTable();
    }

    /**
     * How far ahead of the slowest run another may be, in simulated seconds: a twentieth of the
     * slowest one's clock, at least a second. The lead bounds how far every run moves per frame at
     * the top speed (the slowest waits for the next frame too), so it grows with the clock: the runs
     * reach a long run's end in about a hundred frames and differ by at most 5% of the charts' axis.
     */
    static double leadOf(double slowest) {
        return Math.max(1.0, slowest / 20);
    }

    /** Takes every run's feeds and snapshot, holds the runs in lockstep and moves the overlay; once per frame. */
    public boolean frame() {
        boolean changed = false;
        for (RunViewModel r : runs) {
            changed |= r.frame();
            if (!r.errorProperty().get().isEmpty() && error.get().isEmpty()) {
                error.set(r.errorProperty().get());
            }
        }
        double slowest = Double.POSITIVE_INFINITY;
        double latest = 0;
        boolean anyPlaying = false;
        StringBuilder clocks = new StringBuilder();
        for (int x = 0; x < runs.size(); x++) {
            RunViewModel r = runs.get(x);
            Snapshot s = r.current();
            double now = s == null ? 0 : s.now();
            if (s == null || !s.finished()) {
                slowest = Math.min(slowest, now);
            }
            latest = Math.max(latest, now);
            anyPlaying |= r.playingProperty().get();
            clocks.append(x == 0 ? "" : "   ").append(LABELS.get(x)).append(" t = ").append(RunViewModel.timeText(now));
        }
        double limit = Double.isInfinite(slowest) ? Double.POSITIVE_INFINITY : slowest + leadOf(slowest);
        runs.forEach(r -> r.runner().setLimit(limit));
        if (playing.get() && !anyPlaying) {
            playing.set(false); // all finished
        }
        clock.set(clocks.toString());
        for (ChartModel c : charts) {
            c.setXMax(Math.max(Math.min(ChartsViewModel.MIN_X_SPAN, runs.get(0).scenarioProperty().get().duration()),
                    latest));
        }
        if (changed) {
            bindCharts();
        }
        takeTable();
        return changed;
    }

    /** Points each run's overlay lines at that run's running means and predictions of the selected element. */
    private void bindCharts() {
        for (int i = 0; i < charts.size(); i++) {
            List<Line> lines = charts.get(i).lines();
            for (int x = 0; x < runs.size(); x++) {
                ChartsViewModel cv = runs.get(x).charts();
                lines.get(2 * x).bind(cv.mean(i).data());
                lines.get(2 * x + 1).bind(cv.predicted(i).data());
                lines.get(2 * x + 1).rename(LABELS.get(x) + " " + cv.predicted(i).name());
            }
        }
    }

    // ------------------------------------------------------------------ the table of differences

    private void startTable() {
        tableCancelled.set(true);
        AtomicBoolean cancelled = new AtomicBoolean();
        tableCancelled = cancelled;
        differences.clear();
        tableProgress.set(0.0);
        tableStatus.set(String.format(Locale.ROOT, "Running %d paired replications of each scenario…", replications));
        List<Scenario> scenarios = runs.stream().map(r -> r.scenarioProperty().get()).toList();
        long seed = scenarios.get(0).seed();
        int n = scenarios.size();
        table = CompletableFuture.supplyAsync(() -> {
            List<List<List<ElementResult>>> results = new ArrayList<>();
            for (int x = 0; x < n; x++) {
                int done = x;
                results.add(Comparison.replicate(scenarios.get(x), seed, replications, f -> {
                    if (cancelled.get()) {
                        throw new CancellationException("the comparison changed");
                    }
                    tableProgress.set((done + f) / n);
                }));
            }
            return differences(results);
        }, runnable -> {
            Thread t = new Thread(runnable, "tributary-compare");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY); // the live runs come first
            t.start();
        });
    }

    /** Rows for the figures every run measures, in A's order. */
    private static List<Difference> differences(List<List<List<ElementResult>>> results) {
        List<List<Comparison.Row>> pairs = new ArrayList<>();
        for (int x = 1; x < results.size(); x++) {
            pairs.add(Comparison.compare(results.get(0), results.get(x)));
        }
        List<Difference> out = new ArrayList<>();
        for (Comparison.Row row : pairs.get(0)) {
            List<Double> means = new ArrayList<>(List.of(row.a().mean(), row.b().mean()));
            List<Estimate> diffs = new ArrayList<>(List.of(row.difference()));
            for (List<Comparison.Row> other : pairs.subList(1, pairs.size())) {
                Comparison.Row o = other.stream().filter(r -> r.element().equals(row.element())
                        && r.figure().equals(row.figure())).findFirst().orElse(null);
                if (o == null) {
                    break;
                }
                means.add(o.b().mean());
                diffs.add(o.difference());
            }
            if (diffs.size() == results.size() - 1) {
                out.add(new Difference(row.element(), row.figure(), List.copyOf(means), List.copyOf(diffs)));
            }
        }
        return out;
    }

    private void takeTable() {
        CompletableFuture<List<Difference>> t = table;
        if (t == null) {
            return;
        }
        if (!t.isDone()) {
            tableStatus.set(String.format(Locale.ROOT, "Running %d paired replications of each scenario… %.0f%%",
                    replications, 100 * tableProgress.get()));
            return;
        }
        table = null;
        try {
            List<Difference> rows = t.join();
            differences.setAll(rows);
            tableStatus.set(rows.isEmpty()
                    ? "The shared ids (" + String.join(", ", commonIds) + ") are different kinds of element in each"
                            + " scenario, so no figure can be paired."
                    : String.format(Locale.ROOT, "%d paired replications on seed %d (common random numbers); * the 95%%"
                            + " interval excludes 0", replications, runs.get(0).scenarioProperty().get().seed()));
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            tableStatus.set("The paired replications stopped: " + cause.getMessage());
        }
    }

    /** Whether the table's replications are done (for tests). */
    public boolean tableDone() {
        return table == null;
    }

    // ------------------------------------------------------------------ accessors

    /** The runs, A first. */
    public List<RunViewModel> runs() {
        return runs;
    }

    /** Ids of the elements every scenario has (the ones that can be selected and compared). */
    public List<String> commonIds() {
        return commonIds;
    }

    /** The overlay charts: mean L, mean throughput, mean W and mean utilization of each run, with its prediction. */
    public List<ChartModel> charts() {
        return charts;
    }

    /** The element every run shows. */
    public StringProperty selectedProperty() {
        return selected;
    }

    /** Every run's simulated clock. */
    public StringProperty clockProperty() {
        return clock;
    }

    /** What the table shows (or why it is empty). */
    public StringProperty tableStatusProperty() {
        return tableStatus;
    }

    /** A failure of one of the runs (empty when none). */
    public StringProperty errorProperty() {
        return error;
    }

    /** Whether the runs are playing. */
    public BooleanProperty playingProperty() {
        return playing;
    }

    /** Index into {@link RunViewModel#SPEEDS}, shared by every run. */
    public IntegerProperty speedIndexProperty() {
        return speedIndex;
    }

    /** X − A for every figure every run measures (filled when the paired replications are done). */
    public ObservableList<Difference> differences() {
        return differences;
    }

    /** Replications behind each interval. */
    public int replications() {
        return replications;
    }

    @Override
    public void close() {
        tableCancelled.set(true);
        runs.forEach(RunViewModel::close);
    }
}
