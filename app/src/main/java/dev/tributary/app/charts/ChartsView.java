package dev.tributary.app.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Four live JFreeChart charts in a grid. Following JFreeChart's advice for live data, series are
 * refilled without notifying per point and the chart is told once per refresh, only when a line
 * changed; refreshes are capped (see {@link #REFRESH_SECONDS}) so charts never starve the frame.
 */
public final class ChartsView extends GridPane {

    /** Least wall time between two chart refreshes. */
    public static final double REFRESH_SECONDS = 0.15;
    private static final Color[] MEASURED = {new Color(0x60a5fa), new Color(0x34d399), new Color(0xf59e0b),
        new Color(0xa78bfa), new Color(0xf472b6)};
    private static final Color[] PREDICTED = {new Color(0xfbbf24), new Color(0xf87171)};

    private final List<Bound> bound = new ArrayList<>();
    private final List<ChartViewer> viewers = new ArrayList<>();
    private double lastRefresh = -1;
    private double minInterval = REFRESH_SECONDS;
    private boolean dark = true;

    private record Bound(JFreeChart chart, ChartModel model, List<XYSeries> series, List<SeriesBuffer> buffers,
                         long[] versions) {
    }

    /** Charts for the given models (two per row). */
    public ChartsView(List<ChartModel> models) {
        setHgap(6);
        setVgap(6);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(50);
            cc.setHgrow(Priority.ALWAYS);
            getColumnConstraints().add(cc);
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(50);
            rc.setVgrow(Priority.ALWAYS);
            getRowConstraints().add(rc);
        }
        for (int i = 0; i < models.size(); i++) {
            ChartModel m = models.get(i);
            XYSeriesCollection measured = new XYSeriesCollection();
            XYSeriesCollection predicted = new XYSeriesCollection();
            List<XYSeries> series = new ArrayList<>();
            List<SeriesBuffer> buffers = new ArrayList<>();
            for (SeriesBuffer b : m.measuredLines()) {
                XYSeries s = new XYSeries(b.name(), false, true);
                measured.addSeries(s);
                series.add(s);
                buffers.add(b);
            }
            for (SeriesBuffer b : m.predictedLines()) {
                XYSeries s = new XYSeries(b.name(), false, true);
                predicted.addSeries(s);
                series.add(s);
                buffers.add(b);
            }
            NumberAxis x = new NumberAxis("simulated time (s)");
            x.setAutoRangeIncludesZero(false);
            NumberAxis y = new NumberAxis(m.yLabel());
            XYLineAndShapeRenderer solid = new XYLineAndShapeRenderer(true, false);
            for (int k = 0; k < m.measuredLines().size(); k++) {
                solid.setSeriesPaint(k, MEASURED[k % MEASURED.length]);
                solid.setSeriesStroke(k, new BasicStroke(2f));
            }
            XYLineAndShapeRenderer dashed = new XYLineAndShapeRenderer(true, false);
            for (int k = 0; k < m.predictedLines().size(); k++) {
                dashed.setSeriesPaint(k, PREDICTED[k % PREDICTED.length]);
                dashed.setSeriesStroke(k, new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {8f, 6f}, 0f));
            }
            XYPlot plot = new XYPlot(measured, x, y, solid);
            plot.setDataset(1, predicted);
            plot.setRenderer(1, dashed);
            JFreeChart chart = new JFreeChart(m.title(), new Font("SansSerif", Font.BOLD, 15), plot, true);
            ChartViewer viewer = new ChartViewer(chart);
            viewer.setMinSize(100, 80);
            viewer.setId("chart-" + i);
            viewers.add(viewer);
            add(viewer, i % 2, i / 2);
            bound.add(new Bound(chart, m, series, buffers, new long[buffers.size()]));
        }
        applyTheme(true);
    }

    /** Dark or light chart colours. */
    public void applyTheme(boolean darkTheme) {
        this.dark = darkTheme;
        Color bg = darkTheme ? new Color(0x1e2127) : Color.WHITE;
        Color fg = darkTheme ? new Color(0xe8eaed) : new Color(0x1f2328);
        Color grid = darkTheme ? new Color(0x3a404c) : new Color(0xd0d7de);
        for (Bound b : bound) {
            JFreeChart c = b.chart();
            c.setBackgroundPaint(bg);
            c.getTitle().setPaint(fg);
            XYPlot p = c.getXYPlot();
            p.setBackgroundPaint(bg);
            p.setDomainGridlinePaint(grid);
            p.setRangeGridlinePaint(grid);
            for (var axis : List.of(p.getDomainAxis(), p.getRangeAxis())) {
                axis.setLabelPaint(fg);
                axis.setTickLabelPaint(fg);
                axis.setLabelFont(new Font("SansSerif", Font.PLAIN, 13));
                axis.setTickLabelFont(new Font("SansSerif", Font.PLAIN, 12));
            }
            LegendTitle legend = c.getLegend();
            if (legend != null) {
                legend.setBackgroundPaint(bg);
                legend.setItemPaint(fg);
                legend.setItemFont(new Font("SansSerif", Font.PLAIN, 12));
            }
        }
    }

    /** Whether the dark colours are on. */
    public boolean isDark() {
        return dark;
    }

    /** Copies changed lines into the charts; at most once per {@link #REFRESH_SECONDS} of wall time. */
    public void refresh(double wallSeconds, boolean force) {
        if (!force && lastRefresh >= 0 && wallSeconds - lastRefresh < minInterval) {
            return;
        }
        if (!force) {
            lastRefresh = wallSeconds;
        }
        long t0 = System.nanoTime();
        for (Bound b : bound) {
            boolean changed = false;
            for (int i = 0; i < b.buffers().size(); i++) {
                SeriesBuffer buf = b.buffers().get(i);
                if (buf.version() == b.versions()[i]) {
                    continue;
                }
                b.versions()[i] = buf.version();
                XYSeries s = b.series().get(i);
                s.setNotify(false);
                s.clear();
                for (int k = 0; k < buf.size(); k++) {
                    s.add(buf.x(k), buf.y(k), false);
                }
                s.setNotify(true);
                changed = true;
            }
            if (changed) {
                b.chart().fireChartChanged();
            }
        }
        // charts redraw synchronously on the change event: if that took long (software rendering,
        // a slow machine), space refreshes out so drawing them stays under about a fifth of the time
        double took = (System.nanoTime() - t0) / 1e9;
        minInterval = Math.max(REFRESH_SECONDS, Math.min(2.0, 5 * took));
    }

    /** Current least time between refreshes (grows when drawing is slow). */
    public double minInterval() {
        return minInterval;
    }

    /** The charts, for export. */
    public List<JFreeChart> charts() {
        return bound.stream().map(Bound::chart).toList();
    }

    /** Number of data points currently in chart {@code i}. */
    public int points(int i) {
        return bound.get(i).series().stream().mapToInt(XYSeries::getItemCount).sum();
    }
}
