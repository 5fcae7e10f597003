package dev.tributary.sim.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Draws a sweep's chart as a PNG file. The simulator carries no chart library: an implementation is
 * found on the class path with {@link ServiceLoader} (the {@code charts} module has one, drawn with
 * JFreeChart), so {@code tributary-charts.jar} can draw what {@code tributary.jar} can only tabulate.
 */
public interface SweepChart {

    /** One line of the chart: a figure's mean at each x, its 95% half-width, and theory's prediction (NaN where none). */
    record Curve(String label, double[] x, double[] mean, double[] halfWidth, double[] predicted) {
    }

    /** What to draw: titles, axis labels and the curves (one per value of a second parameter, or one). */
    record Chart(String title, String xLabel, String yLabel, List<Curve> curves) {
        public Chart {
            curves = List.copyOf(curves);
        }
    }

    /** Writes {@code chart} as a PNG image of {@code width} × {@code height} pixels to {@code file}. */
    void writePng(Chart chart, Path file, int width, int height) throws IOException;

    /** The chart writer on the class path, if any. */
    static Optional<SweepChart> installed() {
        return ServiceLoader.load(SweepChart.class).findFirst();
    }
}
