package dev.tributary.app.main;

import dev.tributary.app.charts.ChartModel;
import dev.tributary.app.charts.ChartModel.Line;
import dev.tributary.app.charts.ChartModel.Style;
import dev.tributary.app.charts.RunHistory;
import dev.tributary.app.charts.SeriesBuffer;
import dev.tributary.app.run.SimulationRunner;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Drawing;
import dev.tributary.sim.element.GroupFigures;
import dev.tributary.sim.report.ElementReport;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.theory.ElementPrediction;
import dev.tributary.sim.theory.Prediction;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The charts panel of one run: the selected element's length, throughput, latency and utilization
 * (and, for a group reading partitions, lag per partition and utilization per member), each line bound
 * to the run's {@link RunHistory}, predicted lines drawn from t = 0. Holds no node.
 */
public final class ChartsViewModel {

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

    private final RunViewModel run;
    private final BooleanProperty showPercentiles = new SimpleBooleanProperty();
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
    private String boundTo;
    private int boundLanes = -1;

    ChartsViewModel(RunViewModel run) {
        this.run = run;
        utilizationChart.setYCeiling(1.05);
        memberChart.setYCeiling(1.05);
        partitionChart.setVisible(false);
        memberChart.setVisible(false);
        showPercentiles.addListener((o, a, b) -> showOptionalLines());
        showOptionalLines();
    }

    /** The charts for every element: the first four always, then per-partition lag and per-member utilization. */
    public List<ChartModel> charts() {
        return List.of(lengthChart, throughputChart, latencyChart, utilizationChart, partitionChart, memberChart);
    }

    /** The running-mean line of chart {@code i} of the first four (L, throughput out, W, utilization). */
    Line mean(int i) {
        return List.of(lengthMean, outMean, wMean, utilMean).get(i);
    }

    /** Theory's line of chart {@code i} of the first four (L or backlog growth, throughput out, W, ρ). */
    Line predicted(int i) {
        return List.of(lengthPredicted, outPredicted, wPredicted, utilPredicted).get(i);
    }

    /** Whether the latency chart shows the percentiles (p50, p95, p99 and predicted p99). */
    public BooleanProperty showPercentilesProperty() {
        return showPercentiles;
    }

    /**
     * The scenario's fault timeline as marks on the time axis: a fault that lasts (its end is a drain
     * mark) spans to its end, one without an end (a crash, a start) is an instant.
     */
    static List<ChartModel.FaultMark> faultMarks(Scenario s) {
        List<ChartModel.FaultMark> out = new java.util.ArrayList<>();
        for (var f : s.faults()) {
            double end = f.at();
            for (double d : f.drainsFrom()) {
                if (d > end && d <= s.duration()) {
                    end = d;
                }
            }
            out.add(new ChartModel.FaultMark(f.at(), end, f.kind().word() + " " + f.target()));
        }
        out.sort(java.util.Comparator.comparingDouble(ChartModel.FaultMark::from));
        return out;
    }

    /** A new run of {@code s}: the warm-up shaded, the axis back to its shortest span, every line rebound. */
    void reset(Scenario s) {
        List<ChartModel.FaultMark> marks = faultMarks(s);
        for (ChartModel c : charts()) {
            c.setWarmup(s.warmup());
            c.setFaults(marks);
            c.setXMax(Math.min(MIN_X_SPAN, s.duration()));
        }
        boundTo = null;
        bind();
        updatePredictedLines(0);
    }

    /** Points every chart line at the selected element's history (cheap: called every frame that fed). */
    void bind() {
        Scenario s = run.scenarioProperty().get();
        String id = run.selectedProperty().get();
        if (s == null || id == null) {
            return;
        }
        RunHistory history = run.history();
        RunHistory.Element h = history.of(id);
        String src = run.sourceChannel(id);
        RunHistory.Element station = src != null && run.ownsSource(id) ? history.of(src) : null;
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
        int lanes = run.partitionsRead(id);
        int members = lanes > 0 ? Math.min(run.instancesOf(id), SimulationRunner.MAX_LANES_CHARTED) : 0;
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
        List<String> measures = measures(s, id);
        noteIfUnmeasured(lengthChart, measures.contains("L"));
        noteIfUnmeasured(latencyChart, measures.contains("W"));
        noteIfUnmeasured(utilizationChart, measures.contains("utilization"));
        List<Line> parts = partitionChart.lines();
        for (int p = 0; p < parts.size(); p++) {
            parts.get(p).bind(h.line("run.partition." + p + ".lag"));
        }
        List<Line> mem = memberChart.lines();
        for (int m = 0; m < mem.size() - 1; m++) {
            mem.get(m).bind(h.line("run.member." + m + ".utilization"));
        }
    }

    /** The note of a chart whose element measures none of its lines (a window has no queue to chart). */
    static final String UNMEASURED = "not measured for this element: its own figures are in the side panel";

    /**
     * The figures element {@code id} measures, as its kind declares them: a channel's own, a group's as
     * the channel it reads offers them to its readers, a producer's throughput alone. Declared, not
     * inferred from the data so far: a group measures W before its first event has finished.
     */
    static List<String> measures(Scenario s, String id) {
        var channel = s.channel(id);
        if (channel.isPresent()) {
            return channel.get().figures();
        }
        for (ConsumerSpec c : s.consumers()) {
            if (c.id().equals(id)) {
                return s.channel(c.from()).map(ch -> ch.readerFigures(c)).orElse(GroupFigures.of(c, List.of()));
            }
        }
        return List.of("throughput"); // a producer
    }

    /** Says why a chart stays empty: the element never measures its figure (its lines can never fill). */
    private static void noteIfUnmeasured(ChartModel chart, boolean measured) {
        if (!measured) {
            chart.setNote(UNMEASURED);
        } else if (chart.note().equals(UNMEASURED)) {
            chart.setNote("");
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
        String src = run.sourceChannel(id);
        if (src == null || own.has("arrivals")) {
            return own.line("arrivals~");
        }
        RunHistory.Element ch = run.history().of(src);
        if (run.ownsSource(id) && ch.has("arrivals")) {
            return ch.line("arrivals~");
        }
        ChannelSpec c = run.scenarioProperty().get().channel(src).orElse(null);
        // a queue shared by several groups: its arrivals are not this group's, so no "in" line
        return c == null || c.drawing().shape() == Drawing.Shape.QUEUE ? null : ch.line("throughput~");
    }

    /** Predicted lines are functions of time, drawn from t = 0 across the whole x axis (before play too). */
    void updatePredictedLines(double now) {
        Scenario s = run.scenarioProperty().get();
        if (s == null) {
            return;
        }
        double xMax = Math.max(Math.min(MIN_X_SPAN, s.duration()), now);
        for (ChartModel c : charts()) {
            c.setXMax(xMax);
        }
        String id = run.selectedProperty().get();
        ElementPrediction ep = id == null ? null : run.predictionsProperty().get().get(id);
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
        if (!utilizationChart.note().equals(UNMEASURED)) {
            utilizationChart.setNote("");
        }
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
                // a bounded station stays stable above ρ = 1: it fills, then holds its senders or turns work away
                utilizationChart.setNote(p.stable() ? "more work is offered than the workers can do: the bounded queue"
                        + " stays full" : "unstable: more work arrives than the workers can do");
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
        for (ChartModel c : charts()) {
            for (Line l : c.lines()) {
                if (l.optional()) {
                    l.show(showPercentiles.get());
                }
            }
        }
    }

    /** Run data as CSV: time and every chart line of the selected element (each point the mean of its samples). */
    public String csv() {
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
}
