package dev.tributary.app.main;

import dev.tributary.app.charts.RunHistory;
import dev.tributary.sim.metrics.BatchMeans;
import dev.tributary.sim.metrics.Estimate;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers as people read them (no exponents), and the 95% intervals of one run's running means. */
public final class Numbers {

    private Numbers() {
    }

    /** {@code v} with four significant digits, grouped thousands, no e-notation (below 10⁻⁴: 5.0×10⁻⁸); "—" for NaN. */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (v == 0) {
            return "0";
        }
        if (Math.abs(v) < 1e-4) {
            // "0.00000005000" would crowd the table out of its panel: a power of ten, as on a blackboard
            String[] me = String.format(Locale.ROOT, "%.1e", v).split("e");
            return me[0].replace('-', '−') + "×10" + superscript(Integer.parseInt(me[1]));
        }
        return new BigDecimal(v).round(new MathContext(4)).toPlainString();
    }

    private static String superscript(int n) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder sb = new StringBuilder(n < 0 ? "⁻" : "");
        for (char c : String.valueOf(Math.abs(n)).toCharArray()) {
            sb.append(digits.charAt(c - '0'));
        }
        return sb.toString();
    }

    /** A 95% half-width as "± x" with two significant digits, or empty for NaN. */
    public static String plusMinus(double hw) {
        if (Double.isNaN(hw) || Double.isInfinite(hw)) {
            return "";
        }
        if (hw >= 1000) {
            return "± " + String.format(Locale.ROOT, "%,.0f", new BigDecimal(hw).round(new MathContext(2)).doubleValue());
        }
        return "± " + (hw == 0 ? "0" : new BigDecimal(hw).round(new MathContext(2)).toPlainString());
    }

    /** A share (0–1) as a percentage with one decimal, "—" for NaN. */
    public static String percent(double share) {
        return Double.isNaN(share) ? "—" : String.format(Locale.ROOT, "%.1f", 100 * share);
    }

    /**
     * The 95% half-width of a running mean by batch means over simulated time: the samples whose
     * whole interval lies in [from, to] are split into {@link BatchMeans#BATCHES} batches of equal
     * simulated time, each batch's mean weighted by {@code weights} (time when null: the interval
     * lengths), and a Student-t interval is formed over the batch means. NaN while a batch is empty.
     *
     * @param values  per-interval averages (L.avg, W.avg), one per model sample
     * @param weights per-interval rates to weight by (completions per second for W), aligned with
     *                {@code values}, or null to weight by time
     */
    public static double halfWidth(RunHistory.Raw values, RunHistory.Raw weights, double from, double to) {
        int batches = BatchMeans.BATCHES;
        if (!(to > from) || values.size() < 2 * batches) {
            return Double.NaN;
        }
        double[] sum = new double[batches];
        double[] weight = new double[batches];
        double span = (to - from) / batches;
        for (int i = 1; i < values.size(); i++) {
            double start = values.time(i - 1);
            double end = values.time(i);
            double v = values.value(i);
            if (start < from || end > to || Double.isNaN(v)) {
                continue;
            }
            double w = end - start;
            if (weights != null) {
                if (i >= weights.size() || weights.time(i) != end) {
                    return Double.NaN;
                }
                w *= weights.value(i);
            }
            int b = (int) Math.min(batches - 1, (end - from) / span);
            sum[b] += w * v;
            weight[b] += w;
        }
        double[] means = new double[batches];
        for (int b = 0; b < batches; b++) {
            if (!(weight[b] > 0)) {
                return Double.NaN;
            }
            means[b] = sum[b] / weight[b];
        }
        return Estimate.of(means).halfWidth();
    }
}
