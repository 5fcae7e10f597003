package dev.tributary.sim.report;

/** One measured figure: a mean over replications and its 95% half-width (NaN with one replication). */
public record Figure(double value, double halfWidth) {

    /** A figure measured once. */
    public static Figure single(double v) {
        return new Figure(v, Double.NaN);
    }
}
