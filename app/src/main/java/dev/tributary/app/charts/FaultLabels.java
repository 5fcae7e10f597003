package dev.tributary.app.charts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Where the faults' labels go on a chart's time axis, so that no two are drawn over each other:
 * faults over the same span (two groups failed together) become one mark whose label names them all
 * ("fail guarded, naive"), and a label that would overlap an earlier one on screen moves up a row.
 * Plain Java: the chart view measures the text and the axis, this decides.
 */
public final class FaultLabels {

    /** Pixels kept free between two labels on one row. */
    static final double GAP = 8;

    private FaultLabels() {
    }

    /**
     * One mark to draw: its span (equal ends for an instant), its label, its row (0 at the bottom, up
     * from there) and whether the label ends at the mark's end instead of starting at its start (it
     * would run past the right edge of the plot).
     */
    public record Placed(double from, double to, String label, int row, boolean endsAtMark) {
        /** A label that starts at its mark. */
        public Placed(double from, double to, String label, int row) {
            this(from, to, label, row, false);
        }
    }

    /**
     * The marks of {@code faults} (in time order) laid out on a plot {@code plotPx} pixels wide at
     * {@code pxPerSecond} pixels per simulated second, each label {@code width} pixels wide: same-span
     * faults merged; a label that would cross the plot's right edge ends at its mark's end instead; each
     * on the lowest row where it starts right of every earlier label's end (plus {@link #GAP}).
     */
    public static List<Placed> layout(List<ChartModel.FaultMark> faults, double pxPerSecond, double plotPx,
                                      ToDoubleFunction<String> width) {
        List<double[]> rowEnds = new ArrayList<>();
        List<Placed> out = new ArrayList<>();
        for (ChartModel.FaultMark m : merged(faults)) {
            double w = width.applyAsDouble(m.label());
            double start = m.from() * pxPerSecond;
            boolean flip = start + w > plotPx;
            if (flip) {
                start = Math.max(0, Math.min(m.to() * pxPerSecond, plotPx) - w);
            }
            int row = 0;
            while (row < rowEnds.size() && rowEnds.get(row)[0] > start) {
                row++;
            }
            if (row == rowEnds.size()) {
                rowEnds.add(new double[] {Double.NEGATIVE_INFINITY});
            }
            rowEnds.get(row)[0] = Math.max(rowEnds.get(row)[0], start + w + GAP);
            out.add(new Placed(m.from(), m.to(), m.label(), row, flip));
        }
        return out;
    }

    /**
     * Faults over the same span as one mark, in time order: the targets of one kind after its word
     * ("fail guarded, naive"), different kinds after each other ("fail guarded; crash ledger").
     */
    static List<ChartModel.FaultMark> merged(List<ChartModel.FaultMark> faults) {
        // span → word → targets, each in first-seen order
        Map<List<Double>, Map<String, List<String>>> bySpan = new LinkedHashMap<>();
        for (ChartModel.FaultMark f : faults) {
            int space = f.label().indexOf(' ');
            String word = space < 0 ? f.label() : f.label().substring(0, space);
            String target = space < 0 ? "" : f.label().substring(space + 1);
            List<String> targets = bySpan.computeIfAbsent(List.of(f.from(), f.to()), k -> new LinkedHashMap<>())
                    .computeIfAbsent(word, k -> new ArrayList<>());
            if (!targets.contains(target)) {
                targets.add(target);
            }
        }
        List<ChartModel.FaultMark> out = new ArrayList<>();
        bySpan.forEach((span, words) -> {
            List<String> parts = new ArrayList<>();
            words.forEach((word, targets) -> {
                String t = String.join(", ", targets.stream().filter(s -> !s.isEmpty()).toList());
                parts.add(t.isEmpty() ? word : word + " " + t);
            });
            out.add(new ChartModel.FaultMark(span.get(0), span.get(1), String.join("; ", parts)));
        });
        out.sort(java.util.Comparator.comparingDouble(ChartModel.FaultMark::from));
        return out;
    }
}
