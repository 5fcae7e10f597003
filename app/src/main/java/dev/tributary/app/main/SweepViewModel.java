package dev.tributary.app.main;

import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.ProducerSpec;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.model.ScenarioTheory;
import dev.tributary.sim.report.Runner;
import dev.tributary.sim.scenario.Parameter;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.sweep.InvalidSweepException;
import dev.tributary.sim.sweep.Sweep;
import dev.tributary.sim.sweep.SweepChart;
import dev.tributary.sim.sweep.SweepFigure;
import dev.tributary.sim.report.RunSize;
import dev.tributary.sim.sweep.SweepPlan;
import dev.tributary.sim.sweep.SweepReport;
import dev.tributary.sim.value.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
 * The sweep panel: one parameter of the loaded scenario (a group's instances or service time, a
 * producer's rate, a stream's partitions, or any {@code ID.KEY}) over a range or list, a figure, and
 * replications; {@link #run} runs the sweep in the background on every core (the simulator's {@link Sweep},
 * the engine of the command line's {@code sweep}), {@link #cancel} stops it, {@link #poll} (once per
 * frame, on the FX thread) moves its progress and result into the properties: the table's rows and the
 * chart (mean, 95% band, prediction) the view draws as the command line's PNG. Holds no node.
 */
public final class SweepViewModel implements AutoCloseable {

    /** Default replications of every point (as the command line's). */
    public static final int REPLICATIONS = 5;

    private final Scenario scenario;
    private final String text;
    private final Map<String, String> suggested = new LinkedHashMap<>();
    private final ObservableList<String> parameters = FXCollections.observableArrayList();
    private final ObservableList<String> figures = FXCollections.observableArrayList();
    private final StringProperty parameter = new SimpleStringProperty("");
    private final StringProperty values = new SimpleStringProperty("");
    private final StringProperty figure = new SimpleStringProperty("");
    private final StringProperty duration = new SimpleStringProperty("");
    private final IntegerProperty replications = new SimpleIntegerProperty(REPLICATIONS);
    private final IntegerProperty threads = new SimpleIntegerProperty(Sweep.defaultThreads());
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final ObservableList<SweepReport.Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<SweepChart.Chart> chart = new SimpleObjectProperty<>();
    private final ObjectProperty<SweepReport> report = new SimpleObjectProperty<>();
    private final AtomicReference<Double> workProgress = new AtomicReference<>(0.0);
    private AtomicBoolean cancelled = new AtomicBoolean();
    private CompletableFuture<SweepReport> work;
    private int workThreads;

    private SweepViewModel(Scenario scenario, String text) {
        this.scenario = scenario;
        this.text = text;
        for (ConsumerSpec c : scenario.consumers()) {
            suggested.put(c.id() + ".instances", c.instances() + ".." + (c.instances() + 4));
            double mean = c.service().mean();
            if (Double.isFinite(mean) && mean > 0) {
                suggested.put(c.id() + ".service", scaledList(mean, false));
            }
        }
        for (ProducerSpec p : scenario.producers()) {
            double rate = p.arrivals().meanRate(scenario.duration());
            if (Double.isFinite(rate) && rate > 0) {
                suggested.put(p.id() + ".rate", scaledList(rate, true));
            }
        }
        for (ChannelSpec ch : scenario.channels()) {
            if (ch.kind().keys().containsKey("partitions")) {
                int n = Math.max(1, ch.drawing().lanes());
                suggested.put(ch.id() + ".partitions", n + ".." + (n + 4));
            }
        }
        parameters.setAll(suggested.keySet());
        Map<String, List<String>> measured = SweepPlan.figures(scenario);
        measured.forEach((id, fs) -> fs.forEach(f -> figures.add(id + "." + f)));
        String group = scenario.consumers().isEmpty() ? null : scenario.consumers().get(0).id();
        figure.set(group != null && figures.contains(group + ".latency.p99") ? group + ".latency.p99"
                : group != null && figures.contains(group + ".W") ? group + ".W" : figures.isEmpty() ? "" : figures.get(0));
        parameter.addListener((o, a, b) -> {
            String v = suggested.get(b == null ? "" : b.trim());
            if (v != null) {
                values.set(v);
            }
        });
        parameter.set(parameters.isEmpty() ? "" : parameters.get(0));
        duration.set(Durations.format(scenario.duration()));
        status.set("Choose a parameter, its values and a figure, then Run.");
    }

    /**
     * The sweep panel of {@code scenario} (as its file says: a sweep varies the file's text, so what-if
     * changes made in the app are not in it), or an exception saying in one sentence why there is none.
     */
    public static SweepViewModel of(Scenario scenario) throws ScenarioException {
        return new SweepViewModel(scenario, SweepPlan.text(scenario));
    }

    /** Five values from 60% to 100% of {@code v}: rates as {@code 2.16/s}, durations as {@code 600ms}. */
    private static String scaledList(double v, boolean rate) {
        List<String> out = new ArrayList<>();
        for (int i = 6; i <= 10; i++) {
            double x = v * i / 10;
            out.add(rate ? Durations.formatRate(x) : Durations.format(x));
        }
        return String.join(",", out);
    }

    // ------------------------------------------------------------------ running

    /**
     * Starts the sweep in the background (returns at once); a mistake in the form is shown in {@link
     * #errorProperty} instead, with what was expected, and nothing runs.
     */
    public boolean run() {
        if (running.get()) {
            return false;
        }
        error.set("");
        int reps = replications.get();
        int nThreads = threads.get();
        Parameter varied;
        double seconds;
        try {
            if (reps < 2 || reps > SweepPlan.MAX_REPLICATIONS) {
                throw new InvalidSweepException("replications", "expected 2 to " + SweepPlan.MAX_REPLICATIONS
                        + " replications for a 95% band; got " + reps);
            }
            if (nThreads < 1 || nThreads > 1024) {
                throw new InvalidSweepException("threads", "expected 1 to 1024 threads; got " + nThreads);
            }
            seconds = Durations.parseDuration(duration.get().trim());
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new InvalidSweepException("duration", "expected a simulated duration such as 2h or 30m; got '"
                        + duration.get() + "'");
            }
            varied = SweepPlan.parameter(parameter.get(), values.get());
        } catch (InvalidSweepException e) {
            error.set(e.getMessage());
            return false;
        }
        String named = figure.get() == null || figure.get().isBlank() ? null : figure.get().trim();
        double warmup = Math.min(scenario.warmup(), seconds / 2);
        cancelled.set(true);
        AtomicBoolean stop = new AtomicBoolean();
        cancelled = stop;
        workProgress.set(0.0);
        workThreads = nThreads;
        progress.set(0);
        running.set(true);
        status.set(String.format(Locale.ROOT, "Running %d values of %s × %d replications on %d thread%s…",
                varied.values().size(), varied.name(), reps, nThreads, nThreads == 1 ? "" : "s"));
        // binding every point (up to a thousand parses) and checking the figure run here too, off the FX thread
        work = CompletableFuture.supplyAsync(() -> {
            try {
                SweepPlan plan = SweepPlan.of(text, scenario.source(), List.of(varied),
                        s -> s.withDuration(seconds).withWarmup(warmup));
                SweepFigure chosen = plan.figure(named);
                // the command line's limit: a sweep estimated beyond it is refused before it starts
                RunSize.check(plan.points(), reps, 0, RunSize.DEFAULT_MAX_EVENTS, String.format(Locale.ROOT,
                        "this sweep (%d points × %d replications)", plan.points().size(), reps));
                return new SweepReport(plan, Sweep.run(new Runner().withPredictor(ScenarioTheory::reportBlocks),
                        plan.points(), reps, nThreads, workProgress::set, stop::get), chosen);
            } catch (ScenarioException e) {
                throw new CompletionException(e);
            }
        }, runnable -> {
            Thread t = new Thread(runnable, "tributary-sweep-panel");
            t.setDaemon(true);
            t.start();
        });
        return true;
    }

    /** Stops the sweep running (its threads stop within a moment); the panel says it was cancelled. */
    public void cancel() {
        cancelled.set(true);
    }

    /** Moves the background sweep's progress or result into the properties; once per frame on the FX thread. */
    public void poll() {
        CompletableFuture<SweepReport> w = work;
        if (w == null) {
            return;
        }
        if (!w.isDone()) {
            progress.set(workProgress.get());
            return;
        }
        work = null;
        running.set(false);
        try {
            SweepReport r = w.join();
            progress.set(1);
            report.set(r);
            rows.setAll(r.rows());
            chart.set(r.chart());
            status.set(String.format(Locale.ROOT, "%d points × %d replications (common random numbers) on %d"
                            + " thread%s: %.1f s, %,d events", r.plan().points().size(),
                    r.result().reports().get(0).replications(), workThreads, workThreads == 1 ? "" : "s",
                    r.result().wallSeconds(), r.result().events()));
        } catch (CancellationException | CompletionException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof CancellationException) {
                status.set("Cancelled.");
            } else if (cause instanceof InvalidSweepException) {
                status.set("");
                error.set(cause.getMessage());
            } else if (cause instanceof RunSize.Refused) {
                status.set("");
                error.set(cause.getMessage().replace("--max-events, ", "").replace(
                        ", or raise the limit with --max-events N", "").replace(" (--duration)", ""));
            } else if (cause instanceof ScenarioException) {
                status.set("");
                error.set(MainViewModel.oneProblem(cause.getMessage()));
            } else if (cause instanceof OutOfMemoryError) {
                status.set("");
                error.set("The sweep ran out of memory: fewer points, replications or a shorter duration.");
            } else {
                status.set("");
                error.set("The sweep stopped: " + cause.getMessage());
            }
        }
    }

    /** Whether a sweep is under way (for tests: polls until it is done). */
    public boolean busy() {
        return work != null;
    }

    // ------------------------------------------------------------------ export

    /** Every figure of every point as CSV (the command line's {@code --csv}); empty before a sweep. */
    public String csv() {
        return report.get() == null ? "" : report.get().csv();
    }

    /** Writes {@link #csv} to {@code file}; a failure is shown in the error line. */
    public boolean writeCsv(Path file) {
        if (report.get() == null) {
            error.set("Run a sweep first: there is nothing to export yet.");
            return false;
        }
        try {
            Files.writeString(file, csv(), StandardCharsets.UTF_8);
            return true;
        } catch (IOException | RuntimeException e) {
            error.set("Could not write " + file + ": " + e.getMessage());
            return false;
        }
    }

    // ------------------------------------------------------------------ accessors

    /** The scenario swept (as loaded from its file). */
    public Scenario scenario() {
        return scenario;
    }

    /** Parameters offered: each group's instances and service time, each producer's rate, each stream's partitions. */
    public ObservableList<String> parameters() {
        return parameters;
    }

    /** Every figure the scenario measures, as {@code ID.FIGURE}. */
    public ObservableList<String> figures() {
        return figures;
    }

    /** The parameter varied, {@code ID.KEY} (choosing one of {@link #parameters} fills in suggested values). */
    public StringProperty parameterProperty() {
        return parameter;
    }

    /** Its values: a range {@code 4..8}, {@code 2..10:2}, or a list {@code 2/s,3/s} written as in the file. */
    public StringProperty valuesProperty() {
        return values;
    }

    /** The figure charted, {@code ID.FIGURE}. */
    public StringProperty figureProperty() {
        return figure;
    }

    /** Simulated duration of every replication, e.g. {@code 2h} (the scenario's by default). */
    public StringProperty durationProperty() {
        return duration;
    }

    /** Replications of every point (2 or more). */
    public IntegerProperty replicationsProperty() {
        return replications;
    }

    /** Threads the sweep runs on (every core by default; the numbers do not depend on it). */
    public IntegerProperty threadsProperty() {
        return threads;
    }

    /** Whether a sweep is running. */
    public BooleanProperty runningProperty() {
        return running;
    }

    /** The running sweep's fraction done (0–1). */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** What the panel is doing or did. */
    public StringProperty statusProperty() {
        return status;
    }

    /** A mistake or failure to show (empty when none). */
    public StringProperty errorProperty() {
        return error;
    }

    /** The figure at every point of the last sweep: settings, mean, 95% half-width, prediction. */
    public ObservableList<SweepReport.Row> rows() {
        return rows;
    }

    /** The last sweep's chart (null before one). */
    public ObjectProperty<SweepChart.Chart> chartProperty() {
        return chart;
    }

    /** The last sweep's report (null before one). */
    public ObjectProperty<SweepReport> reportProperty() {
        return report;
    }

    @Override
    public void close() {
        cancel();
    }
}
