package dev.tributary.app.charts;

import java.awt.Font;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;

/**
 * The type sizes every chart of the app shares, scaled by the presentation zoom: at zoom 1 a 15 px
 * bold title, 13 px axis labels and 12 px tick labels (a projector's back row still reads them),
 * and a legend that grows with the square root of the zoom.
 */
public final class ChartType {

    private ChartType() {
    }

    /** Sets the title's, both axes' and the legend's fonts of {@code chart} for {@code zoom}. */
    public static void apply(JFreeChart chart, double zoom) {
        chart.getTitle().setFont(new Font("SansSerif", Font.BOLD, size(15, zoom)));
        XYPlot p = chart.getXYPlot();
        for (var axis : List.of(p.getDomainAxis(), p.getRangeAxis())) {
            axis.setLabelFont(new Font("SansSerif", Font.PLAIN, size(13, zoom)));
            axis.setTickLabelFont(new Font("SansSerif", Font.PLAIN, size(12, zoom)));
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            // legends grow more slowly than the rest: at large zooms they would crowd out the plot
            legend.setItemFont(new Font("SansSerif", Font.PLAIN, (int) Math.round(12 * Math.sqrt(zoom))));
        }
    }

    /**
     * As {@link #apply}, for a chart alone in its window (a sweep's): it has the room for a legend that
     * grows with the zoom like the rest, 13 px at zoom 1.
     */
    public static void applyAlone(JFreeChart chart, double zoom) {
        apply(chart, zoom);
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(new Font("SansSerif", Font.PLAIN, size(13, zoom)));
        }
    }

    /** {@code base} pixels at {@code zoom}, rounded to a whole point size. */
    static int size(double base, double zoom) {
        return (int) Math.round(base * zoom);
    }
}
