package dev.tributary.app.charts;

import dev.tributary.app.charts.ChartModel.Line;
import dev.tributary.app.charts.ChartModel.Style;
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
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.DomainOrder;
import org.jfree.data.xy.AbstractXYDataset;

/**
 * The live charts in a grid (two by two, or three by two when an element has per-partition charts).
 * Each chart reads its lines' buffers directly (no copy) and is redrawn only when one of them
 * changed, one chart per frame at most and each no more often than its drawing cost allows, so the
 * charts never starve the animation. Axes start at 0: x spans the run so far (at least a minute),
 * y fits the lines (or a fixed ceiling for shares); the warm-up is shaded.
 */
public final class ChartsView extends GridPane {

    /** Least wall time between two redraws of one chart. */
    public static final double REFRESH_SECONDS = 0.5;
    /** Share of one core the charts may spend drawing; a chart slower to draw is redrawn less often. */
    static final double DRAW_BUDGET = 0.1;
    private static final Color[] DARK = {new Color(0x60a5fa), new Color(0x34d399), new Color(0xf59e0b),
        new Color(0xa78bfa), new Color(0xf472b6), new Color(0x22d3ee), new Color(0xfacc15), new Color(0xf87171),
        new Color(0x9ca3af)};
    private static final Color[] LIGHT = {new Color(0x2563eb), new Color(0x059669), new Color(0xd97706),
        new Color(0x7c3aed), new Color(0xdb2777), new Color(0x0891b2), new Color(0xa16207), new Color(0xdc2626),
        new Color(0x6b7280)};

    private final List<Bound> bound = new ArrayList<>();
    private boolean dark = true;
    private double zoom = 1;
    private int next;
    private String layoutKey = "";

    /** One chart: its model, JFreeChart, viewer, and what was drawn last. */
    private static final class Bound {
        final ChartModel model;
        final JFreeChart chart;
        final ChartViewer viewer;
        final LinesDataset data;
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        final IntervalMarker warmup = new IntervalMarker(0, 0);
        final TextTitle note = new TextTitle("");
        long structure = -1;
        long signature;
        double lastDraw = -1;
        double interval = REFRESH_SECONDS;
        boolean styled;

        Bound(ChartModel model) {
            this.model = model;
            this.data = new LinesDataset(model);
            NumberAxis x = new NumberAxis("simulated time (s)");
            x.setAutoRange(false);
            x.setRange(0, 60);
            NumberAxis y = new NumberAxis(model.yLabel());
            y.setAutoRange(false);
            y.setRange(0, 1);
            renderer.setDrawSeriesLineAsPath(true);
            renderer.setLegendItemLabelGenerator((dataset, series) -> data.lines.get(series).name());
            XYPlot plot = new XYPlot(data, x, y, renderer);
            plot.setDomainPannable(false);
            plot.setRangePannable(false);
            warmup.setLabel("warm-up");
            warmup.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            warmup.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            this.chart = new JFreeChart(model.title(), new Font("SansSerif", Font.BOLD, 15), plot, true);
            this.viewer = new ChartViewer(chart);
            viewer.setMinSize(100, 80);
            viewer.getCanvas().setDomainZoomable(false);
            viewer.getCanvas().setRangeZoomable(false);
        }
    }

    /** The lines of a chart model as a JFreeChart dataset, read straight from their buffers. */
    static final class LinesDataset extends AbstractXYDataset {
        private final ChartModel model;
        private List<Line> lines = List.of();

        LinesDataset(ChartModel model) {
            this.model = model;
            sync();
        }

        void sync() {
            lines = List.copyOf(model.lines());
        }

        void changed() {
            fireDatasetChanged();
        }

        @Override
        public int getSeriesCount() {
            return lines.size();
        }

        @Override
        public Comparable<?> getSeriesKey(int series) {
            return series + ":" + lines.get(series).name();
        }

        @Override
        public int getItemCount(int series) {
            return lines.get(series).data().size();
        }

        @Override
        public Number getX(int series, int item) {
            return lines.get(series).data().x(item);
        }

        @Override
        public Number getY(int series, int item) {
            return lines.get(series).data().y(item);
        }

        @Override
        public double getXValue(int series, int item) {
            return lines.get(series).data().x(item);
        }

        @Override
        public double getYValue(int series, int item) {
            return lines.get(series).data().y(item);
        }

        @Override
        public DomainOrder getDomainOrder() {
            return DomainOrder.ASCENDING;
        }
    }

    /** Charts for the given models. */
    public ChartsView(List<ChartModel> models) {
        setHgap(6);
        setVgap(6);
        for (int i = 0; i < models.size(); i++) {
            Bound b = new Bound(models.get(i));
            b.viewer.setId("chart-" + i);
            bound.add(b);
        }
        relayout();
        applyTheme(true);
    }

    /** Puts the visible charts in a grid: two columns for four charts, three for more. */
    private void relayout() {
        List<Bound> shown = bound.stream().filter(b -> b.model.visible()).toList();
        String key = shown.stream().map(b -> b.viewer.getId()).reduce("", String::concat);
        if (key.equals(layoutKey)) {
            return;
        }
        layoutKey = key;
        getChildren().clear();
        getColumnConstraints().clear();
        getRowConstraints().clear();
        int cols = shown.size() > 4 ? 3 : shown.size() == 1 ? 1 : 2;
        int rows = (shown.size() + cols - 1) / cols;
        for (int c = 0; c < cols; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / cols);
            cc.setHgrow(Priority.ALWAYS);
            getColumnConstraints().add(cc);
        }
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / rows);
            rc.setVgrow(Priority.ALWAYS);
            getRowConstraints().add(rc);
        }
        // with three columns the per-element charts sit in the third, beside the general ones
        for (int i = 0; i < shown.size(); i++) {
            int col = cols == 3 ? (i < 4 ? i % 2 : 2) : i % 2;
            int row = cols == 3 ? (i < 4 ? i / 2 : i - 4) : i / 2;
            add(shown.get(i).viewer, col, row);
        }
    }

    /** Dark or light chart colours. */
    public void applyTheme(boolean darkTheme) {
        this.dark = darkTheme;
        restyleAll();
    }

    /** Scales type and lines (presentation zoom; 1 is normal). */
    public void setZoom(double z) {
        this.zoom = z;
        restyleAll();
    }

    private void restyleAll() {
        for (Bound b : bound) {
            b.styled = false;
            b.structure = -1;
        }
    }

    private void style(Bound b) {
        Color bg = dark ? new Color(0x1e2127) : Color.WHITE;
        Color fg = dark ? new Color(0xe8eaed) : new Color(0x1f2328);
        Color grid = dark ? new Color(0x3a404c) : new Color(0xd0d7de);
        JFreeChart c = b.chart;
        c.setBackgroundPaint(bg);
        // room on the right for the last tick label of the x axis, which is centred on the edge
        c.setPadding(new org.jfree.chart.ui.RectangleInsets(2, 2, 2, size(18)));
        c.getTitle().setPaint(fg);
        ChartType.apply(c, zoom);
        XYPlot p = c.getXYPlot();
        p.setBackgroundPaint(bg);
        p.setDomainGridlinePaint(grid);
        p.setRangeGridlinePaint(grid);
        for (var axis : List.of(p.getDomainAxis(), p.getRangeAxis())) {
            axis.setLabelPaint(fg);
            axis.setTickLabelPaint(fg);
        }
        LegendTitle legend = c.getLegend();
        if (legend != null) {
            legend.setBackgroundPaint(bg);
            legend.setItemPaint(fg);
        }
        b.warmup.setPaint(dark ? new Color(255, 255, 255, 22) : new Color(0, 0, 0, 18));
        b.warmup.setLabelPaint(dark ? new Color(0x9aa0a6) : new Color(0x57606a));
        b.warmup.setLabelFont(new Font("SansSerif", Font.ITALIC, size(WARMUP_LABEL)));
        b.note.setPaint(dark ? new Color(0xfbbf24) : new Color(0x9a6700));
        b.note.setFont(new Font("SansSerif", Font.PLAIN, size(12)));
        b.styled = true;
    }

    /** The "warm-up" marker label (px at zoom 1): readable on a classroom projector. */
    static final double WARMUP_LABEL = 12;

    private int size(double base) {
        return ChartType.size(base, zoom);
    }

    /** Sets each line's colour, stroke and visibility (after its lines changed). */
    private void styleLines(Bound b) {
        Color[] palette = dark ? DARK : LIGHT;
        b.data.sync();
        List<Line> lines = b.data.lines;
        XYLineAndShapeRenderer r = b.renderer;
        r.clearSeriesPaints(false);
        r.clearSeriesStrokes(false);
        for (int k = 0; k < lines.size(); k++) {
            Line l = lines.get(k);
            Color c = palette[Math.floorMod(l.hue(), palette.length)];
            float z = (float) zoom;
            switch (l.style()) {
                case SAMPLED -> {
                    r.setSeriesPaint(k, new Color(c.getRed(), c.getGreen(), c.getBlue(), 140), false);
                    r.setSeriesStroke(k, new BasicStroke(1.2f * z), false);
                }
                case MEASURED -> {
                    r.setSeriesPaint(k, c, false);
                    r.setSeriesStroke(k, new BasicStroke(2.2f * z, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND), false);
                }
                case PREDICTED -> {
                    r.setSeriesPaint(k, c, false);
                    r.setSeriesStroke(k, new BasicStroke(2.4f * z, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                            new float[] {9f * z, 6f * z}, 0f), false);
                }
                default -> throw new IllegalStateException();
            }
        }
        b.structure = b.model.structure();
    }

    /** The fault labels' type at zoom 1, in pixels: a projector's back row reads it. */
    static final double FAULT_LABEL_PX = 12;

    /** A fault drawn on the time axis, behind the lines: a red band over its span, or a red line at its instant. */
    private org.jfree.chart.plot.Marker faultMark(FaultLabels.Placed f) {
        if (f.to() > f.from()) {
            var m = new IntervalMarker(f.from(), f.to());
            m.setPaint(dark ? new Color(248, 113, 113, 40) : new Color(220, 38, 38, 28));
            return m;
        }
        var m = new org.jfree.chart.plot.ValueMarker(f.from());
        m.setPaint(dark ? new Color(248, 113, 113, 200) : new Color(220, 38, 38, 200));
        m.setStroke(new BasicStroke(1.5f * (float) zoom));
        return m;
    }

    /**
     * A fault's label, over the lines (they would cross the text) on a chip of the chart's background
     * (the band would blur it), on row {@code row} counted up from the bottom of the plot, left of the
     * mark's end where it would run off the plot. An invisible mark of the same span carries it.
     */
    private org.jfree.chart.plot.Marker faultLabel(FaultLabels.Placed f, Font font) {
        org.jfree.chart.plot.Marker m = f.to() > f.from() ? new IntervalMarker(f.from(), f.to())
                : new org.jfree.chart.plot.ValueMarker(f.from());
        m.setPaint(new Color(0, 0, 0, 0));
        m.setLabel(" " + f.label() + " ");
        m.setLabelFont(font);
        // light red on the dark background, dark red on white: both well above 4.5:1
        m.setLabelPaint(dark ? new Color(0xfecaca) : new Color(0xb91c1c));
        m.setLabelBackgroundColor(dark ? new Color(0x1e, 0x21, 0x27, 225) : new Color(255, 255, 255, 225));
        m.setLabelAnchor(f.endsAtMark() ? RectangleAnchor.BOTTOM_RIGHT : RectangleAnchor.BOTTOM_LEFT);
        m.setLabelTextAnchor(f.endsAtMark() ? TextAnchor.BOTTOM_RIGHT : TextAnchor.BOTTOM_LEFT);
        double rowHeight = Math.ceil(font.getSize2D() * 1.35);
        m.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(3, 3, 3 + f.row() * rowHeight, 3));
        return m;
    }

    /** Marks chart {@code b}'s faults on plot {@code p}, an axis of {@code xMax} seconds, their labels kept apart. */
    private void markFaults(Bound b, XYPlot p, double xMax) {
        if (b.model.faults().isEmpty()) {
            return;
        }
        Font font = new Font("SansSerif", Font.BOLD, size(FAULT_LABEL_PX));
        var frc = new java.awt.font.FontRenderContext(null, true, true);
        double plotPx = plotWidth(b);
        for (FaultLabels.Placed f : FaultLabels.layout(b.model.faults(), plotPx / xMax, plotPx,
                text -> font.getStringBounds(" " + text + " ", frc).getWidth())) {
            p.addDomainMarker(faultMark(f), Layer.BACKGROUND);
            p.addDomainMarker(faultLabel(f, font), Layer.FOREGROUND);
        }
    }

    /** The plot's width in pixels as last drawn (before the first drawing, most of the viewer's). */
    private static double plotWidth(Bound b) {
        var info = b.viewer.getCanvas().getRenderingInfo();
        double w = info == null ? 0 : info.getPlotInfo().getDataArea().getWidth();
        return w > 0 ? w : Math.max(100, b.viewer.getWidth() * 0.85);
    }

    /** What a chart would draw: when it changes, the chart is due for a redraw. */
    private static long signature(Bound b) {
        ChartModel m = b.model;
        long h = Double.doubleToLongBits(m.xMax()) * 31 + Double.doubleToLongBits(m.warmup());
        h = h * 31 + m.faults().hashCode();
        h = h * 31 + Double.doubleToLongBits(b.viewer.getWidth()); // the fault labels' rows depend on it
        h = h * 31 + m.note().hashCode();
        for (Line l : m.lines()) {
            h = h * 31 + System.identityHashCode(l.data());
            h = h * 31 + l.data().version();
            h = h * 31 + l.name().hashCode();
            h = h * 31 + (l.shown() ? 1 : 0);
        }
        return h;
    }

    /**
     * Redraws a chart whose lines changed: at most one per call (round robin), each no more often than
     * its own interval; {@code force} redraws every visible chart at once (exports, theme changes).
     */
    public void refresh(double wallSeconds, boolean force) {
        relayout();
        int n = bound.size();
        for (int k = 0; k < n; k++) {
            Bound b = bound.get((next + k) % n);
            if (!b.model.visible()) {
                continue;
            }
            boolean due = force || b.lastDraw < 0 || wallSeconds - b.lastDraw >= b.interval;
            long sig = signature(b);
            boolean changed = sig != b.signature || b.structure != b.model.structure() || !b.styled;
            if (!due || !changed) {
                continue;
            }
            long t0 = System.nanoTime();
            draw(b);
            b.signature = sig;
            double took = (System.nanoTime() - t0) / 1e9;
            if (!force) {
                b.lastDraw = wallSeconds;
                // drawing is synchronous: keep all charts together under DRAW_BUDGET of one core
                long visible = bound.stream().filter(x -> x.model.visible()).count();
                b.interval = Math.max(REFRESH_SECONDS, Math.min(2.0, visible * took / DRAW_BUDGET));
                next = (bound.indexOf(b) + 1) % n;
                return;
            }
        }
    }

    private void draw(Bound b) {
        JFreeChart c = b.chart;
        c.setNotify(false);
        try {
            if (!b.styled) {
                style(b);
            }
            if (b.structure != b.model.structure()) {
                styleLines(b);
            }
            XYPlot p = c.getXYPlot();
            List<Line> lines = b.data.lines;
            double top = 0;
            for (int k = 0; k < lines.size(); k++) {
                Line l = lines.get(k);
                boolean on = l.shown() && (l.data().size() > 0 || l.style() != Style.PREDICTED);
                b.renderer.setSeriesVisible(k, l.shown(), false);
                b.renderer.setSeriesVisibleInLegend(k, on && l.data().size() > 0, false);
                if (l.shown()) {
                    SeriesBuffer d = l.data();
                    for (int i = 0; i < d.size(); i++) {
                        top = Math.max(top, d.y(i));
                    }
                }
            }
            double xMax = Math.max(1e-9, b.model.xMax());
            p.getDomainAxis().setRange(0, xMax);
            // a short chart (a large zoom on a small screen) gives its x-axis label's line to the plot
            boolean roomy = b.viewer.getHeight() <= 0 || b.viewer.getHeight() >= 230 * zoom;
            String xLabel = roomy ? "simulated time (s)" : null;
            if (!java.util.Objects.equals(xLabel, p.getDomainAxis().getLabel())) {
                p.getDomainAxis().setLabel(xLabel);
            }
            double ceiling = b.model.yCeiling();
            double yMax = !Double.isNaN(ceiling) ? ceiling : top > 0 ? niceCeiling(top * 1.08) : 1;
            p.getRangeAxis().setRange(0, yMax);
            p.clearDomainMarkers();
            if (b.model.warmup() > 0) {
                b.warmup.setStartValue(0);
                b.warmup.setEndValue(b.model.warmup());
                p.addDomainMarker(b.warmup, Layer.BACKGROUND);
            }
            markFaults(b, p, xMax);
            c.removeSubtitle(b.note);
            if (!b.model.note().isEmpty()) {
                b.note.setText(b.model.note());
                c.addSubtitle(0, b.note);
            }
            b.data.changed();
        } finally {
            c.setNotify(true);
        }
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^k at or above {@code v}: axis tops that read well. */
    static double niceCeiling(double v) {
        double e = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * e >= v * (1 - 1e-12)) {
                return m * e;
            }
        }
        return 10 * e;
    }

    /** Whether the dark colours are on. */
    public boolean isDark() {
        return dark;
    }

    /** Least time between two redraws of chart {@code i} now (grows when drawing is slow). */
    public double minInterval(int i) {
        return bound.get(i).interval;
    }

    /** The charts, for export. */
    public List<JFreeChart> charts() {
        return bound.stream().map(b -> b.chart).toList();
    }

    /** Number of data points chart {@code i} draws (visible lines). */
    public int points(int i) {
        Bound b = bound.get(i);
        int n = 0;
        for (int k = 0; k < b.data.getSeriesCount(); k++) {
            if (b.renderer.isSeriesVisible(k)) {
                n += b.data.getItemCount(k);
            }
        }
        return n;
    }

    /**
     * Samples taken in by line {@code name} of chart {@code i} (-1 if no such line): each is in one of
     * its points, or was not drawable (NaN: an interval in which nothing finished).
     */
    public long samplesDrawn(int i, String name) {
        Bound b = bound.get(i);
        for (Line l : b.data.lines) {
            if (l.name().equals(name)) {
                return l.data().offered();
            }
        }
        return -1;
    }

    /** The legend entries chart {@code i} shows. */
    public List<String> legend(int i) {
        Bound b = bound.get(i);
        List<String> out = new ArrayList<>();
        var items = b.chart.getXYPlot().getLegendItems();
        for (int k = 0; k < items.getItemCount(); k++) {
            out.add(items.get(k).getLabel());
        }
        return out;
    }

    /** The y axis's upper end of chart {@code i}. */
    public double yMax(int i) {
        return bound.get(i).chart.getXYPlot().getRangeAxis().getUpperBound();
    }

    /** The x axis of chart {@code i} as {lower, upper}. */
    public double[] xRange(int i) {
        var axis = bound.get(i).chart.getXYPlot().getDomainAxis();
        return new double[] {axis.getLowerBound(), axis.getUpperBound()};
    }
}
