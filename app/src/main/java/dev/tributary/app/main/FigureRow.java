package dev.tributary.app.main;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One row of the measured-vs-predicted table: a figure with its unit; the values change in place,
 * so the table never rebuilds (or scrolls) while a run goes on.
 */
public final class FigureRow {

    private final String key;
    private final String label;
    private final String unit;
    private final StringProperty measured = new SimpleStringProperty("—");
    private final StringProperty interval = new SimpleStringProperty("");
    private final StringProperty predicted = new SimpleStringProperty("—");

    FigureRow(String key, String label, String unit) {
        this.key = key;
        this.label = label;
        this.unit = unit;
    }

    /** The figure's name in reports (e.g. {@code latency.p99}). */
    public String key() {
        return key;
    }

    /** The figure's name for people. */
    public String label() {
        return label;
    }

    /** Its unit (events, events/s, s, %). */
    public String unit() {
        return unit;
    }

    /** The measured value as text ("—" when none yet). */
    public ReadOnlyStringProperty measuredProperty() {
        return measured;
    }

    /** The 95% half-width of the measured value ("± 0.093"), or empty. */
    public ReadOnlyStringProperty intervalProperty() {
        return interval;
    }

    /** The predicted value as text ("—" when theory has none). */
    public ReadOnlyStringProperty predictedProperty() {
        return predicted;
    }

    void set(String m, String i, String p) {
        if (!m.equals(measured.get())) {
            measured.set(m);
        }
        if (!i.equals(interval.get())) {
            interval.set(i);
        }
        if (!p.equals(predicted.get())) {
            predicted.set(p);
        }
    }
}
