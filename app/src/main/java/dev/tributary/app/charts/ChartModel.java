package dev.tributary.app.charts;

import java.util.ArrayList;
import java.util.List;

/**
 * The data of one live chart: its lines (each bound to a {@link SeriesBuffer} that may be swapped
 * when another element is selected), the simulated time the x axis spans, and the warm-up to shade.
 * Plain Java: filled by the view-model, drawn by {@link ChartsView}.
 */
public final class ChartModel {

    /** How a line is drawn. */
    public enum Style {
        /** Interval samples: a thin, lighter line. */
        SAMPLED,
        /** A running mean: a solid line. */
        MEASURED,
        /** Theory: a dashed line in the hue of the measured line it predicts. */
        PREDICTED
    }

    /** One line of the chart. */
    public static final class Line {
        private String name;
        private final Style style;
        private final int hue;
        private final boolean optional;
        private SeriesBuffer data;
        private boolean shown = true;

        Line(String name, Style style, int hue, boolean optional) {
            this.name = name;
            this.style = style;
            this.hue = hue;
            this.optional = optional;
            this.data = new SeriesBuffer(name);
        }

        /** The legend text. */
        public String name() {
            return name;
        }

        /** Renames the line (its legend entry follows). */
        public void rename(String newName) {
            this.name = newName;
        }

        /** How it is drawn. */
        public Style style() {
            return style;
        }

        /** Index into the chart palette: a predicted line shares the hue of the line it predicts. */
        public int hue() {
            return hue;
        }

        /** Whether the line is one the user asks for (percentiles), hidden otherwise. */
        public boolean optional() {
            return optional;
        }

        /** The points drawn. */
        public SeriesBuffer data() {
            return data;
        }

        /** Draws another buffer (another element's history). */
        public void bind(SeriesBuffer buffer) {
            this.data = buffer == null ? new SeriesBuffer(name) : buffer;
        }

        /** Whether the line is drawn (a line without data is in the legend only when shown). */
        public boolean shown() {
            return shown;
        }

        /** Shows or hides the line. */
        public void show(boolean on) {
            this.shown = on;
        }
    }

    private final String title;
    private final String yLabel;
    private final List<Line> lines = new ArrayList<>();
    private long structure;
    private double xMax = 60;
    private double warmup;
    private double yCeiling = Double.NaN;
    private boolean visible = true;
    private String note = "";

    /** A chart with a title and a y-axis label. */
    public ChartModel(String title, String yLabel) {
        this.title = title;
        this.yLabel = yLabel;
    }

    /** Adds and returns a line. */
    public Line line(String name, Style style, int hue, boolean optional) {
        Line l = new Line(name, style, hue, optional);
        lines.add(l);
        structure++;
        return l;
    }

    /** Removes every line (for charts whose lines depend on the element, such as one per partition). */
    public void removeLines() {
        lines.clear();
        structure++;
    }

    /** The title. */
    public String title() {
        return title;
    }

    /** The y-axis label. */
    public String yLabel() {
        return yLabel;
    }

    /** The lines, in legend order. */
    public List<Line> lines() {
        return lines;
    }

    /** Changes whenever lines are added or removed. */
    public long structure() {
        return structure;
    }

    /** The end of the x axis in simulated seconds (it starts at 0). */
    public double xMax() {
        return xMax;
    }

    /** Sets the end of the x axis. */
    public void setXMax(double x) {
        this.xMax = x;
    }

    /** A fault on the time axis: from {@code from} to {@code to} (equal for an instant), named by {@code label}. */
    public record FaultMark(double from, double to, String label) {
    }

    private List<FaultMark> faults = List.of();

    /** The faults to mark on the time axis, in time order. */
    public List<FaultMark> faults() {
        return faults;
    }

    /** Sets the faults to mark on the time axis. */
    public void setFaults(List<FaultMark> marks) {
        this.faults = List.copyOf(marks);
    }

    /** The end of the warm-up to shade (0: none). */
    public double warmup() {
        return warmup;
    }

    /** Sets the warm-up to shade. */
    public void setWarmup(double w) {
        this.warmup = w;
    }

    /** A fixed top of the y axis (utilization: a little above 1), or NaN to fit the lines. */
    public double yCeiling() {
        return yCeiling;
    }

    /** Fixes the top of the y axis (NaN: fit the lines). */
    public void setYCeiling(double y) {
        this.yCeiling = y;
    }

    /** Whether the chart is shown at all (some apply only to some elements). */
    public boolean visible() {
        return visible;
    }

    /** Shows or hides the chart. */
    public void setVisible(boolean on) {
        if (on != visible) {
            visible = on;
            structure++;
        }
    }

    /** A short line under the title (why a chart is empty, what a clamped line means), or empty. */
    public String note() {
        return note;
    }

    /** Sets the note. */
    public void setNote(String text) {
        this.note = text == null ? "" : text;
    }

    /** Empties every line. */
    public void clear() {
        lines.forEach(l -> l.data().clear());
    }

    /** Total points in the lines drawn as measurements (not predictions). */
    public int measuredPoints() {
        return lines.stream().filter(l -> l.style() != Style.PREDICTED).mapToInt(l -> l.data().size()).sum();
    }

    /** The line called {@code name}, or null. */
    public Line find(String name) {
        return lines.stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
    }
}
