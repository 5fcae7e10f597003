package dev.tributary.app.main;

import dev.tributary.app.charts.RunHistory;
import dev.tributary.app.run.Snapshot;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.element.ProducerSpec;
import dev.tributary.sim.report.ElementReport;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.theory.ElementPrediction;
import dev.tributary.sim.theory.Prediction;
import dev.tributary.sim.value.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The side panel of one run: the selected element's heading, the model theory applies and why, the
 * measured-vs-predicted table (fixed rows updated in place) and Little's Law with its verdict. Holds
 * no node.
 */
public final class DetailsViewModel {

    /** Least wall time between two refreshes of the table and Little's Law while running. */
    static final long DETAILS_EVERY_NANOS = 250_000_000L;

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
        // failures (groups that retry, dead-letter or break the circuit): shown only where measured
        {"attempts", "attempts", "events"},
        {"errorRate", "failures", "%"},
        {"retries", "retries", "events"},
        {"deadLettered", "dead-lettered", "events"},
        {"dlq.throughput", "DLQ rate", "events/s"},
        {"dlq.size", "DLQ size", "events"},
        {"dropped", "dropped", "events"},
        {"breakerState", "breaker state", ""},
        {"breakerOpened", "breaker opened", "times"},
    };

    /** A breaker's state as the model numbers it (0 closed, 1 half-open, 2 open). */
    static String breakerState(double v) {
        return Double.isNaN(v) ? "—" : v == 0 ? "closed" : v == 1 ? "half-open" : "open";
    }

    private final RunViewModel run;
    private final StringProperty heading = new SimpleStringProperty("");
    private final StringProperty modelText = new SimpleStringProperty("");
    private final StringProperty little = new SimpleStringProperty("");
    private final StringProperty littleVerdict = new SimpleStringProperty("");
    private final StringProperty littleState = new SimpleStringProperty("na");
    private final ObservableList<FigureRow> figures = FXCollections.observableArrayList();
    /** The generation and element the rows were made from (with a snapshot): rebuilt only when they change. */
    private String figuresFor = "";
    private long lastDetailsNanos;

    DetailsViewModel(RunViewModel run) {
        this.run = run;
    }

    /** A new snapshot of the run: the rows if the element or run changed, the figures at most every 250 ms while playing. */
    void onSnapshot(Snapshot s) {
        if (!figuresFor.equals(run.generation() + "\u0000" + run.selectedProperty().get())) {
            rebuildFigures();
        }
        // the table is text: re-laying it out every frame costs more than it shows
        long nowNs = System.nanoTime();
        if (!s.playing() || nowNs - lastDetailsNanos > DETAILS_EVERY_NANOS) {
            lastDetailsNanos = nowNs;
            refresh();
        }
    }

    void rebuildFigures() {
        Scenario s = run.scenarioProperty().get();
        String id = run.selectedProperty().get();
        List<FigureRow> rows = new ArrayList<>();
        Snapshot snap = run.current();
        if (s != null && id != null) {
            // the figures this element measures (known from the first snapshot, at t = 0) or theory predicts
            Map<String, Double> measured = snap != null && snap.results().containsKey(id)
                    ? snap.results().get(id).measured() : Map.of();
            ElementPrediction ep = run.predictionsProperty().get().get(id);
            Map<String, Object> pm = ep == null ? Map.of() : ep.toMap();
            for (String[] r : TABLE) {
                if (measured.containsKey(r[0]) || !Double.isNaN(ElementReport.numberAt(pm, r[0]))) {
                    rows.add(new FigureRow(r[0], r[1], r[2]));
                }
            }
        }
        figuresFor = snap != null ? run.generation() + "\u0000" + id : "";
        if (!rows.stream().map(FigureRow::key).toList().equals(figures.stream().map(FigureRow::key).toList())) {
            figures.setAll(rows);
        }
    }

    void refresh() {
        Scenario s = run.scenarioProperty().get();
        String id = run.selectedProperty().get();
        if (s == null || id == null) {
            heading.set("");
            modelText.set("");
            little.set("");
            littleVerdict.set("");
            littleState.set("na");
            return;
        }
        heading.set(id + " — " + kindOf(s, id) + "\n" + parameters(s, id));
        ElementPrediction ep = run.predictionsProperty().get().get(id);
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
        Snapshot snap = run.current();
        ElementResult r = snap != null ? snap.results().get(id) : null;
        double now = snap != null ? snap.now() : 0;
        Map<String, Object> pm = ep == null ? Map.of() : ep.toMap();
        double warm = s.warmup();
        for (FigureRow row : figures) {
            double mv = r == null ? Double.NaN : r.get(row.key());
            double pv = ElementReport.numberAt(pm, row.key());
            String hw = "";
            if (row.key().equals("L") || row.key().equals("W")) {
                hw = Numbers.plusMinus(halfWidth(id, row.key(), warm, now));
            }
            if (row.key().equals("breakerState")) {
                row.set(breakerState(mv), "", "—");
            } else if (row.unit().equals("%")) {
                row.set(Numbers.percent(mv), "", Double.isNaN(pv) ? "—" : Numbers.percent(pv) + (pv >= 1 ? " offered" : ""));
            } else {
                row.set(Numbers.num(mv), hw, Numbers.num(pv));
            }
        }
        refreshLittle(r, ep, now);
    }

    /** The 95% half-width of the running mean of L or W of element {@code id} (NaN until there is enough). */
    private double halfWidth(String id, String figure, double from, double to) {
        RunHistory history = run.history();
        RunHistory.Element h = history.of(id);
        String src = run.sourceChannel(id);
        RunHistory.Element holder = h.raw(figure + ".avg").size() == 0 && src != null && run.ownsSource(id)
                ? history.of(src) : h;
        if (figure.equals("L")) {
            return Numbers.halfWidth(holder.raw("L.avg"), null, from, to);
        }
        return Numbers.halfWidth(holder.raw("W.avg"), holder.raw("throughput"), from, to);
    }

    private void refreshLittle(ElementResult r, ElementPrediction ep, double now) {
        Scenario s = run.scenarioProperty().get();
        String id = run.selectedProperty().get();
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

    private static String kindOf(Scenario s, String id) {
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
}
