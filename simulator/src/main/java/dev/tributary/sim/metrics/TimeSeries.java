package dev.tributary.sim.metrics;

import java.util.Arrays;

/**
 * A named series of (time, value) samples in growable primitive arrays. Appending is amortised
 * O(1); readers take a copy with {@link #times()} and {@link #values()}.
 */
public final class TimeSeries {

    private final String name;
    private double[] t = new double[64];
    private double[] v = new double[64];
    private int size;

    /** An empty series called {@code name}. */
    public TimeSeries(String name) {
        this.name = name;
    }

    /** The series' name, e.g. {@code lag} or {@code L}. */
    public String name() {
        return name;
    }

    /** Appends one sample. */
    public void add(double time, double value) {
        if (size == t.length) {
            t = Arrays.copyOf(t, size * 2);
            v = Arrays.copyOf(v, size * 2);
        }
        t[size] = time;
        v[size] = value;
        size++;
    }

    /** Number of samples. */
    public int size() {
        return size;
    }

    /** Time of sample {@code i}. */
    public double time(int i) {
        return t[i];
    }

    /** Value of sample {@code i}. */
    public double value(int i) {
        return v[i];
    }

    /** A copy of the sample times. */
    public double[] times() {
        return Arrays.copyOf(t, size);
    }

    /** A copy of the sample values. */
    public double[] values() {
        return Arrays.copyOf(v, size);
    }
}
