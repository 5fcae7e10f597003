package dev.tributary.charts;

import dev.tributary.sim.sweep.SweepChart;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A sweep's chart drawn with JFreeChart, headless: each curve's mean with its 95% band (a shaded
 * interval) and theory's prediction as a dashed line of the same colour.
 */
public final class SweepPng implements SweepChart {

    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    @Override
    public void writePng(Chart chart, Path file, int width, int height) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // a command line never needs a display
        }
        write(chart, file, width, height);
    }

    /** Writes {@code chart} as a PNG image, leaving the AWT mode alone (for the app, which has a display). */
    public static void write(Chart chart, Path file, int width, int height) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), draw(chart), width, height);
    }

    /** The JFreeChart of {@code chart}: the command line's PNG and the app's sweep panel draw this one. */
    public static JFreeChart draw(Chart chart) {
        YIntervalSeriesCollection measured = new YIntervalSeriesCollection();
        XYSeriesCollection predicted = new XYSeriesCollection();
        boolean several = chart.curves().size() > 1;
        for (Curve c : chart.curves()) {
            YIntervalSeries s = new YIntervalSeries(several ? c.label() : "measured (95% band)");
            XYSeries p = new XYSeries(several ? c.label() + ", predicted" : "predicted");
            for (int i = 0; i < c.x().length; i++) {
                double m = c.mean()[i];
                if (Double.isFinite(m)) {
                    double h = Double.isFinite(c.halfWidth()[i]) ? c.halfWidth()[i] : 0;
                    s.add(c.x()[i], m, m - h, m + h);
                }
                if (Double.isFinite(c.predicted()[i])) {
                    p.add(c.x()[i], c.predicted()[i]);
                }
            }
            measured.addSeries(s);
            predicted.addSeries(p);
        }
        NumberAxis x = new NumberAxis(chart.xLabel());
        x.setAutoRangeIncludesZero(false);
        boolean whole = chart.curves().stream().flatMapToDouble(c -> java.util.Arrays.stream(c.x()))
                .allMatch(v -> v == Math.rint(v));
        if (whole) {
            x.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // instances, partitions: no 4.2 consumers
        }
        NumberAxis y = new NumberAxis(chart.yLabel());
        DeviationRenderer band = new DeviationRenderer(true, true);
        XYLineAndShapeRenderer theory = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < chart.curves().size(); i++) {
            Color col = COLOURS[i % COLOURS.length];
            band.setSeriesPaint(i, col);
            band.setSeriesFillPaint(i, col);
            theory.setSeriesPaint(i, col.darker());
        }
        strokes(band, theory, chart.curves().size(), 1f);
        band.setAlpha(0.25f);
        XYPlot plot = new XYPlot(measured, x, y, band);
        plot.setDataset(1, predicted);
        plot.setRenderer(1, theory);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart out = new JFreeChart(chart.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        out.setBackgroundPaint(Color.WHITE);
        return out;
    }

    /**
     * Thickens the lines of a chart {@link #draw} made by {@code scale} (the app's presentation zoom;
     * 1 is the command line's PNG): the means' lines and the predictions' dashes.
     */
    public static void scaleLines(JFreeChart chart, double scale) {
        XYPlot plot = chart.getXYPlot();
        strokes((XYLineAndShapeRenderer) plot.getRenderer(0), (XYLineAndShapeRenderer) plot.getRenderer(1),
                plot.getDataset(0).getSeriesCount(), (float) scale);
    }

    private static void strokes(XYLineAndShapeRenderer band, XYLineAndShapeRenderer theory, int curves, float s) {
        for (int i = 0; i < curves; i++) {
            band.setSeriesStroke(i, new BasicStroke(2f * s));
            theory.setSeriesStroke(i, new BasicStroke(1.5f * s, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f * s, 4f * s}, 0f));
        }
    }
}
