package dev.tributary.app.charts;

import java.util.Arrays;

/**
 * A bounded (x, y) buffer for one chart line that never drops a sample: each point is the mean of
 * the samples it absorbed. While there is room every sample is its own point; when full, neighbours
 * are merged in pairs and from then on each point absorbs twice as many samples (then four times,
 * ...), so a run of any length is spread evenly over at most {@link #MAX_POINTS} points, the chart's
 * cost per frame stays flat, and {@link #absorbed()} still counts every sample offered.
 */
public final class SeriesBuffer {

    /** Most points kept. */
    public static final int MAX_POINTS = 600;

    private final String name;
    private final int maxPoints;
    private double[] sx = new double[64];
    private double[] sy = new double[64];
    private int[] n = new int[64];
    private int size;
    private long version;
    private int stride = 1;
    private long absorbed;
    private long offered;
    private double maxY = Double.NEGATIVE_INFINITY;

    /** A buffer for the line called {@code name}. */
    public SeriesBuffer(String name) {
        this(name, MAX_POINTS);
    }

    /** A buffer keeping at most {@code maxPoints} points (at least 4). */
    public SeriesBuffer(String name, int maxPoints) {
        this.name = name;
        this.maxPoints = Math.max(4, maxPoints & ~1);
    }

    /** The line's name. */
    public String name() {
        return name;
    }

    /** Appends a sample (NaN and infinite values are counted as offered but not drawn). */
    public void add(double px, double py) {
        offered++;
        if (Double.isNaN(py) || Double.isInfinite(py) || Double.isNaN(px)) {
            return;
        }
        absorbed++;
        maxY = Math.max(maxY, py);
        version++;
        if (size > 0 && n[size - 1] < stride) {
            sx[size - 1] += px;
            sy[size - 1] += py;
            n[size - 1]++;
            return;
        }
        if (size == maxPoints) {
            int k = 0;
            for (int i = 0; i + 1 < size; i += 2) {
                sx[k] = sx[i] + sx[i + 1];
                sy[k] = sy[i] + sy[i + 1];
                n[k] = n[i] + n[i + 1];
                k++;
            }
            size = k;
            stride *= 2;
            if (n[size - 1] < stride) { // cannot happen with an even size, but keep the last point open if so
                sx[size - 1] += px;
                sy[size - 1] += py;
                n[size - 1]++;
                return;
            }
        }
        if (size == sx.length) {
            int cap = Math.min(maxPoints, size * 2);
            sx = Arrays.copyOf(sx, cap);
            sy = Arrays.copyOf(sy, cap);
            n = Arrays.copyOf(n, cap);
        }
        sx[size] = px;
        sy[size] = py;
        n[size] = 1;
        size++;
    }

    /** Replaces the content with the given points (for predicted lines); a no-op when they are the same. */
    public void set(double[] xs, double[] ys) {
        if (xs.length == size && stride == 1) {
            boolean same = true;
            for (int i = 0; i < size && same; i++) {
                same = sx[i] == xs[i] && sy[i] == ys[i] && n[i] == 1;
            }
            if (same) {
                return;
            }
        }
        clear();
        for (int i = 0; i < xs.length; i++) {
            add(xs[i], ys[i]);
        }
    }

    /** Forgets every point. */
    public void clear() {
        size = 0;
        stride = 1;
        absorbed = 0;
        offered = 0;
        maxY = Double.NEGATIVE_INFINITY;
        version++;
    }

    /** Number of points. */
    public int size() {
        return size;
    }

    /** x of point i: the mean time of the samples it holds. */
    public double x(int i) {
        return sx[i] / n[i];
    }

    /** y of point i: the mean of the samples it holds. */
    public double y(int i) {
        return sy[i] / n[i];
    }

    /** Samples point i holds. */
    public int count(int i) {
        return n[i];
    }

    /** Finite samples taken in since the last clear (each is in exactly one point). */
    public long absorbed() {
        return absorbed;
    }

    /** Samples offered since the last clear, drawable or not. */
    public long offered() {
        return offered;
    }

    /** Largest y of any sample taken in, or NaN when empty (sets the chart's scale). */
    public double maxY() {
        return absorbed == 0 ? Double.NaN : maxY;
    }

    /** Changes each time the buffer changes: the chart redraws only then. */
    public long version() {
        return version;
    }

    /** The last y, or NaN. */
    public double lastY() {
        return size == 0 ? Double.NaN : y(size - 1);
    }

    /** The last x, or NaN. */
    public double lastX() {
        return size == 0 ? Double.NaN : x(size - 1);
    }
}
