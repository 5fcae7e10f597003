package dev.tributary.app.classroom;

import dev.tributary.app.charts.RunHistory;
import dev.tributary.app.main.Numbers;
import dev.tributary.app.main.RunViewModel;
import dev.tributary.app.run.Snapshot;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.report.ElementReport;
import dev.tributary.sim.scenario.NarrationStep;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.theory.ElementPrediction;
import java.util.List;
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
 * Classroom mode of one run: presentation on or off, and the scenario's narration played along the
 * run's simulated clock — the caption in force, the element to highlight, and predict-then-reveal
 * questions (the class's guess, then the value simulated so far with its 95% interval beside the
 * theory's prediction). The run itself stops at every pause of the narration (see the runner), so
 * what is shown depends on simulated time only, never on the speed. Holds no node: tested without a
 * window.
 */
public final class ClassroomViewModel {

    /** The chart shown in presentation, by the figure a question asks about. */
    public enum Chart {
        /** Number in the system, or a stream group's lag. */
        LENGTH,
        /** Events per second. */
        THROUGHPUT,
        /** Time in the system. */
        LATENCY,
        /** Share of the workers busy. */
        UTILIZATION,
        /** Lag of each partition. */
        PARTITIONS
    }

    private final RunViewModel run;
    private final BooleanProperty presenting = new SimpleBooleanProperty();
    private final StringProperty caption = new SimpleStringProperty("");
    private final StringProperty highlight = new SimpleStringProperty();
    private final ObjectProperty<NarrationStep> question = new SimpleObjectProperty<>();
    private final BooleanProperty revealed = new SimpleBooleanProperty();
    private final StringProperty guess = new SimpleStringProperty("");
    private final StringProperty guessText = new SimpleStringProperty("");
    private final StringProperty simulatedText = new SimpleStringProperty("");
    private final StringProperty predictedText = new SimpleStringProperty("");
    private final StringProperty modelText = new SimpleStringProperty("");
    private final ObjectProperty<Chart> chart = new SimpleObjectProperty<>(Chart.LENGTH);
    private final IntegerProperty shown = new SimpleIntegerProperty();
    private double simulated = Double.NaN;
    private double halfWidth = Double.NaN;
    private double predicted = Double.NaN;
    /** Narration entries already shown, in time order. */
    private int cursor;
    private double lastNow;

    /** Classroom mode of {@code run}: follows its snapshots. */
    public ClassroomViewModel(RunViewModel run) {
        this.run = run;
        run.snapshotProperty().addListener((o, a, b) -> {
            if (b == null || b.now() < lastNow) {
                restart(); // a load, a reset or a what-if: the narration starts over
            }
            if (b != null) {
                onSnapshot(b);
            }
        });
        run.scenarioProperty().addListener((o, a, b) -> restart());
        run.playingProperty().addListener((o, a, b) -> {
            if (b && question.get() != null) {
                leaveQuestion();
            }
        });
    }

    private void restart() {
        cursor = 0;
        lastNow = 0;
        caption.set("");
        highlight.set(null);
        question.set(null);
        revealed.set(false);
        guess.set("");
        chart.set(Chart.LENGTH);
        shown.set(0);
    }

    private List<NarrationStep> narration() {
        Scenario s = run.scenarioProperty().get();
        return s == null ? List.of() : s.narration();
    }

    private void onSnapshot(Snapshot snap) {
        lastNow = snap.now();
        if (question.get() == null) {
            advance(snap.now());
        }
    }

    /** Shows every entry due by {@code now} in order, stopping at a question (it waits for its answer). */
    private void advance(double now) {
        List<NarrationStep> n = narration();
        while (cursor < n.size() && n.get(cursor).at() <= now) {
            NarrationStep step = n.get(cursor++);
            shown.set(cursor);
            caption.set(step.text());
            if (step.highlight() != null) {
                highlight(step.highlight());
            }
            if (step.question()) {
                ask(step);
                return;
            }
            if (step.pause() && run.playingProperty().get()) {
                run.pause(); // the runner stopped here already; the run's controls say so too
            }
        }
    }

    private void highlight(String id) {
        highlight.set(id);
        if (run.elementIds().contains(id)) {
            run.selectedProperty().set(id); // the chart follows what the narration points at
        }
    }

    private void ask(NarrationStep q) {
        revealed.set(false);
        guess.set("");
        guessText.set("");
        simulatedText.set("");
        predictedText.set("");
        modelText.set("");
        simulated = Double.NaN;
        halfWidth = Double.NaN;
        predicted = Double.NaN;
        chart.set(chartOf(q.figure()));
        question.set(q);
        if (run.playingProperty().get()) {
            run.pause(); // the runner stopped here already; the run's controls say so too
        }
    }

    /** The question leaves the screen when the run goes on; the entries due meanwhile follow. */
    private void leaveQuestion() {
        question.set(null);
        revealed.set(false);
    }

    /**
     * Reveals the answer to the question asked: the value measured since the warm-up up to now, its 95%
     * batch-means half-width when the run has enough samples, the theory's prediction and its model,
     * beside the class's guess; then shows the captions due at the same time (the explanation).
     */
    public void reveal() {
        NarrationStep q = question.get();
        Snapshot snap = run.snapshotProperty().get();
        if (q == null || snap == null || revealed.get()) {
            return;
        }
        ElementResult r = snap.results().get(q.element());
        simulated = r == null ? Double.NaN : r.get(q.figure());
        Scenario s = run.scenarioProperty().get();
        halfWidth = halfWidth(q, s.warmup(), snap.now());
        ElementPrediction ep = run.predictionsProperty().get().get(q.element());
        Map<String, Object> block = ep == null ? Map.of() : ep.toMap();
        predicted = ElementReport.numberAt(block, q.figure());
        String unit = unit(q.figure());
        String g = guess.get() == null ? "" : guess.get().trim();
        guessText.set(g.isEmpty() ? "no guess" : g + (g.matches("[-+]?[0-9.,]+") ? of(g, unit) : ""));
        String hw = Numbers.plusMinus(halfWidth);
        simulatedText.set(Numbers.num(simulated) + (hw.isEmpty() ? of(Numbers.num(simulated), unit) : " " + hw + unit));
        Object model = block.get("model");
        predictedText.set(Double.isNaN(predicted) ? "no formula applies"
                : Numbers.num(predicted) + of(Numbers.num(predicted), unit));
        modelText.set(model == null || Double.isNaN(predicted) ? ""
                : model + (Boolean.TRUE.equals(block.get("exact")) ? ", exact" : ", approximate"));
        revealed.set(true);
        // the entries due at this very time (the answer's explanation) show now, under the answer
        List<NarrationStep> n = narration();
        while (cursor < n.size() && n.get(cursor).at() <= snap.now() && !n.get(cursor).question()) {
            NarrationStep step = n.get(cursor++);
            shown.set(cursor);
            caption.set(step.text());
            if (step.highlight() != null) {
                highlight(step.highlight());
            }
        }
    }

    /** The 95% half-width of the running mean of a batched figure since the warm-up, or NaN. */
    private double halfWidth(NarrationStep q, double from, double to) {
        String f = q.figure();
        if (!List.of("L", "Lq", "W", "Wq", "utilization", "throughput").contains(f)) {
            return Double.NaN;
        }
        RunHistory history = run.history();
        RunHistory.Element h = history.of(q.element());
        String series = f.equals("throughput") ? "throughput" : f + ".avg";
        if (h.raw(series).size() == 0) {
            // a group that is its queue's only reader: the queue's station holds the series
            Scenario s = run.scenarioProperty().get();
            String src = s.consumers().stream().filter(c -> c.id().equals(q.element())).map(ConsumerSpec::from)
                    .findFirst().orElse(null);
            if (src != null && s.consumersOf(src).size() == 1) {
                h = history.of(src);
            }
        }
        boolean perEvent = f.equals("W") || f.equals("Wq");
        return Numbers.halfWidth(h.raw(series), perEvent ? h.raw("throughput") : null, from, to);
    }

    /** The unit a figure is read in, with its leading space. */
    static String unit(String figure) {
        if (figure.equals("W") || figure.equals("Wq") || figure.startsWith("latency.") || figure.startsWith("endToEnd.")) {
            return " s";
        }
        if (figure.equals("throughput") || figure.equals("arrivalRate") || figure.endsWith("Rate")) {
            return " /s";
        }
        if (figure.equals("utilization")) {
            return "";
        }
        return " events";
    }

    /** The unit after a number as written: "1 event", "2 events". */
    private static String of(String number, String unit) {
        return number.equals("1") && unit.equals(" events") ? " event" : unit;
    }

    static Chart chartOf(String figure) {
        if (figure.startsWith("partitions.")) {
            return Chart.PARTITIONS;
        }
        if (figure.equals("throughput") || figure.endsWith("Rate")) {
            return Chart.THROUGHPUT;
        }
        if (figure.equals("W") || figure.equals("Wq") || figure.startsWith("latency.") || figure.startsWith("endToEnd.")) {
            return Chart.LATENCY;
        }
        if (figure.equals("utilization")) {
            return Chart.UTILIZATION;
        }
        return Chart.LENGTH;
    }

    /** Toggles presentation mode. */
    public void togglePresenting() {
        presenting.set(!presenting.get());
    }

    /** Whether presentation mode is on. */
    public BooleanProperty presentingProperty() {
        return presenting;
    }

    /** The caption in force (the latest entry due), empty before the first. */
    public StringProperty captionProperty() {
        return caption;
    }

    /** The element the narration highlights, or null. */
    public StringProperty highlightProperty() {
        return highlight;
    }

    /** The question waiting for the class (or answered and still on screen), or null. */
    public ObjectProperty<NarrationStep> questionProperty() {
        return question;
    }

    /** Whether the question's answer is shown. */
    public BooleanProperty revealedProperty() {
        return revealed;
    }

    /** The class's guess, as typed. */
    public StringProperty guessProperty() {
        return guess;
    }

    /** The guess as shown beside the answer. */
    public StringProperty guessTextProperty() {
        return guessText;
    }

    /** The simulated value, its interval and unit. */
    public StringProperty simulatedTextProperty() {
        return simulatedText;
    }

    /** The predicted value and its unit. */
    public StringProperty predictedTextProperty() {
        return predictedText;
    }

    /** The model behind the prediction and whether it is exact ("M/M/1, exact"), or empty. */
    public StringProperty modelTextProperty() {
        return modelText;
    }

    /** The chart to show in presentation. */
    public ObjectProperty<Chart> chartProperty() {
        return chart;
    }

    /** How many narration entries have been shown. */
    public IntegerProperty shownProperty() {
        return shown;
    }

    /** The simulated value revealed (NaN before). */
    public double simulated() {
        return simulated;
    }

    /** Its 95% half-width (NaN when there is none). */
    public double halfWidth() {
        return halfWidth;
    }

    /** The predicted value revealed (NaN before, or when no formula applies). */
    public double predicted() {
        return predicted;
    }
}
