package dev.tributary.app.charts;

import java.util.Arrays;

/**
 * A bounded (x, y) buffer for one chart line. When full it halves itself by keeping every other
 * point and from then on keeps only every second new point (then every fourth, ...), so the points
 * stay evenly spread over the whole run in at most {@link #MAX_POINTS} and the chart's cost per frame
 * stays flat.
 */
public final class SeriesBuffer {

    /** Most points kept. */
    public static final int MAX_POINTS = 1000;

    private final String name;
    private double[] x = new double[64];
    private double[] y = new double[64];
    private int size;
    private long version;
    private int stride = 1;
    private long offered;

    /** A buffer for the line called {@code name}. */
    public SeriesBuffer(String name) {
        this.name = name;
    }

    /** The line's legend name. */
    public String name() {
        return name;
    }

    /** Appends a point (NaN values are skipped). */
    public void add(double px, double py) {
        if (Double.isNaN(py) || Double.isInfinite(py)) {
            return;
        }
        if (offered++ % stride != 0) {
            return;
        }
        if (size == MAX_POINTS) {
            int k = 0;
            for (int i = 0; i < size; i += 2) {
                x[k] = x[i];
                y[k] = y[i];
                k++;
            }
            size = k;
            stride *= 2;
        }
        if (size == x.length) {
            x = Arrays.copyOf(x, Math.min(MAX_POINTS, size * 2));
            y = Arrays.copyOf(y, Math.min(MAX_POINTS, size * 2));
        }
        x[size] = px;
        y[size] = py;
        size++;
        version++;
    }

    /** Forgets every point. */
    public void clear() {
        size = 0;
        stride = 1;
        offered = 0;
        version++;
    }

    /** Number of points. */
    public int size() {
        return size;
    }

    /** x of point i. */
    public double x(int i) {
        return x[i];
    }

    /** y of point i. */
    public double y(int i) {
        return y[i];
    }

    /** Changes each time the buffer changes: the chart redraws only then. */
    public long version() {
        return version;
    }

    /** The last y, or NaN. */
    public double lastY() {
        return size == 0 ? Double.NaN : y[size - 1];
    }
}
