package dev.tributary.sim.metrics;

/**
 * The time-weighted average of a piecewise-constant quantity (number in queue, busy servers, lag):
 * the area under its curve divided by the time observed. Primitive fields, no allocation.
 */
public final class TimeAverage {

    private double value;
    private double last;
    private double area;
    private double start;
    private double max;

    /** Sets the quantity to {@code v} from time {@code now} on. */
    public void set(double now, double v) {
        area += value * (now - last);
        last = now;
        value = v;
        if (v > max) {
            max = v;
        }
    }

    /** Adds {@code delta} to the quantity at time {@code now}. */
    public void add(double now, double delta) {
        set(now, value + delta);
    }

    /** The current value. */
    public double value() {
        return value;
    }

    /** The largest value seen since the last reset. */
    public double max() {
        return max;
    }

    /** The time average from the last reset up to {@code now} (the current value if no time has passed). */
    public double mean(double now) {
        double span = now - start;
        if (span <= 0) {
            return value;
        }
        return (area + value * (now - last)) / span;
    }

    /** The area under the curve from the last reset up to {@code now}. */
    public double area(double now) {
        return area + value * (now - last);
    }

    /** Forgets the past (warm-up deletion): averaging restarts at {@code now}, keeping the current value. */
    public void reset(double now) {
        area = 0;
        last = now;
        start = now;
        max = value;
    }
}
