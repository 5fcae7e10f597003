package dev.tributary.app.charts;

import java.util.ArrayList;
import java.util.List;

/**
 * The data of one live chart: measured lines and predicted (dashed) lines, all bounded buffers.
 * Plain Java: filled by the view-model, drawn by {@link ChartsView}.
 */
public final class ChartModel {

    private final String title;
    private final String yLabel;
    private final List<SeriesBuffer> measured = new ArrayList<>();
    private final List<SeriesBuffer> predicted = new ArrayList<>();

    /** A chart with a title and a y-axis label. */
    public ChartModel(String title, String yLabel) {
        this.title = title;
        this.yLabel = yLabel;
    }

    /** Adds and returns a measured line. */
    public SeriesBuffer measured(String name) {
        SeriesBuffer b = new SeriesBuffer(name);
        measured.add(b);
        return b;
    }

    /** Adds and returns a predicted (dashed) line. */
    public SeriesBuffer predicted(String name) {
        SeriesBuffer b = new SeriesBuffer(name);
        predicted.add(b);
        return b;
    }

    /** The title. */
    public String title() {
        return title;
    }

    /** The y-axis label. */
    public String yLabel() {
        return yLabel;
    }

    /** Measured lines. */
    public List<SeriesBuffer> measuredLines() {
        return measured;
    }

    /** Predicted lines. */
    public List<SeriesBuffer> predictedLines() {
        return predicted;
    }

    /** Empties every line. */
    public void clear() {
        measured.forEach(SeriesBuffer::clear);
        predicted.forEach(SeriesBuffer::clear);
    }

    /** Total points in the measured lines. */
    public int measuredPoints() {
        return measured.stream().mapToInt(SeriesBuffer::size).sum();
    }
}
