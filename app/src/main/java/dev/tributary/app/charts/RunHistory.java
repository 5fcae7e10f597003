package dev.tributary.app.charts;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything charted so far for every element of one run, whether it is selected or not: each
 * series of the model's sampler (every sample, kept raw for interval estimates and folded into a
 * bounded chart line), smoothed rates, and the running figures. Selecting another element only
 * points the charts at another element's lines; nothing is recomputed or lost. Plain Java.
 */
public final class RunHistory {

    /** Events the smoothed rate lines average over, about: fewer is noisier, more is slower to follow. */
    public static final double SMOOTHING_EVENTS = 50;
    /** Events seen before a smoothed rate is drawn at all. */
    public static final double MIN_EVENTS = 5;

    private final Map<String, Element> elements = new LinkedHashMap<>();
    private double warmup;

    /** The history of element {@code id} (created empty). */
    public Element of(String id) {
        return elements.computeIfAbsent(id, k -> new Element(warmup));
    }

    /** Forgets everything (a new run whose statistics start over at {@code warmupEnd}). */
    public void clear(double warmupEnd) {
        elements.clear();
        warmup = warmupEnd;
    }

    /** The per-interval averages whose running means are kept ({@code cum.NAME}), weighted by time. */
    static final String[] BY_TIME = {"L.avg", "utilization.avg", "throughput"};

    /** One element's history. */
    public static final class Element {
        private final Map<String, SeriesBuffer> lines = new HashMap<>();
        private final Map<String, Raw> raw = new HashMap<>();
        private final Map<String, Smoother> smoothers = new HashMap<>();
        private final Map<String, double[]> running = new HashMap<>();
        private final double warmup;

        Element(double warmup) {
            this.warmup = warmup;
        }

        /**
         * Extends the running means ({@code cum.L.avg}, {@code cum.utilization.avg}, {@code cum.throughput},
         * and {@code cum.W.avg} weighted by completions) over the samples taken since the last call: one
         * point per model sample, as a report computes them — since the start while in the warm-up, since
         * its end after it. The model resets its counters at the end of the warm-up, so the interval that
         * straddles it holds only what came after: exactly what the running mean needs.
         */
        public void fold() {
            for (String f : BY_TIME) {
                fold(f, null);
            }
            fold("W.avg", "throughput");
        }

        private void fold(String name, String weightName) {
            Raw r = raw.get(name);
            Raw wr = weightName == null ? null : raw.get(weightName);
            if (r == null || (weightName != null && wr == null)) {
                return;
            }
            // {next index, sum before warm-up end, weight before, sum after, weight after}
            double[] a = running.computeIfAbsent(name, k -> new double[5]);
            int end = wr == null ? r.size() : Math.min(r.size(), wr.size());
            SeriesBuffer out = line("cum." + name);
            for (int i = (int) a[0]; i < end; i++) {
                double t = r.time(i);
                double dt = t - (i == 0 ? 0 : r.time(i - 1));
                double v = r.value(i);
                double w = wr == null ? dt : wr.value(i) * dt;
                boolean before = warmup <= 0 || t <= warmup;
                if (!Double.isNaN(v) && w > 0) {
                    a[before ? 1 : 3] += v * w;
                    a[before ? 2 : 4] += w;
                }
                double sum = a[before ? 1 : 3];
                double weight = wr == null ? (before ? t : t - warmup) : a[before ? 2 : 4];
                out.add(t, weight > 0 ? sum / weight : Double.NaN);
            }
            a[0] = end;
        }

        /** The chart line {@code name} (created empty, so a chart can bind it before data arrives). */
        public SeriesBuffer line(String name) {
            return lines.computeIfAbsent(name, SeriesBuffer::new);
        }

        /** Whether line {@code name} has received anything. */
        public boolean has(String name) {
            SeriesBuffer b = lines.get(name);
            return b != null && b.offered() > 0;
        }

        /** Takes model samples of series {@code name}: kept raw and added to the line of the same name. */
        public void samples(String name, double[] t, double[] v) {
            Raw r = raw.computeIfAbsent(name, k -> new Raw());
            SeriesBuffer b = line(name);
            for (int i = 0; i < t.length; i++) {
                r.add(t[i], v[i]);
                b.add(t[i], v[i]);
            }
        }

        /**
         * Takes samples of a per-interval rate (events per second over the interval ending at each time)
         * and adds their smoothed value to line {@code name + "~"}.
         */
        public void rateSamples(String name, double[] t, double[] v) {
            Smoother s = smoothers.computeIfAbsent(name, k -> new Smoother());
            SeriesBuffer b = line(name + "~");
            for (int i = 0; i < t.length; i++) {
                b.add(t[i], s.add(t[i], v[i]));
            }
        }

        /** Every raw sample of series {@code name} so far (empty when none). */
        public Raw raw(String name) {
            return raw.getOrDefault(name, Raw.EMPTY);
        }
    }

    /** Every sample of one series, in growable primitive arrays. */
    public static final class Raw {
        static final Raw EMPTY = new Raw();
        private double[] t = new double[256];
        private double[] v = new double[256];
        private int size;

        void add(double time, double value) {
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

        /** Time of sample i. */
        public double time(int i) {
            return t[i];
        }

        /** Value of sample i. */
        public double value(int i) {
            return v[i];
        }
    }

    /**
     * A smoothed rate that starts from the first interval, not from zero: the ratio of exponentially
     * decayed event counts to exponentially decayed time. Until a few time constants have passed it is
     * simply the mean rate so far; after that it follows the last {@link #SMOOTHING_EVENTS} events or
     * so. The time constant is set from the mean rate so far, so a slow and a fast element are both
     * smoothed over about the same number of events.
     */
    public static final class Smoother {
        private double lastT;
        private double count;
        private double time;
        private double totalCount;
        private double totalTime;

        /** Takes the rate {@code rate} over the interval ending at {@code t}; returns the smoothed rate. */
        public double add(double t, double rate) {
            double dt = t - lastT;
            lastT = t;
            if (!(dt > 0) || Double.isNaN(rate)) {
                return time > 0 ? count / time : Double.NaN;
            }
            double events = rate * dt;
            totalCount += events;
            totalTime += dt;
            double mean = totalCount / totalTime;
            double tau = mean > 0 ? Math.max(2 * dt, SMOOTHING_EVENTS / mean) : Double.POSITIVE_INFINITY;
            double keep = Math.exp(-dt / tau);
            count = count * keep + events;
            time = time * keep + dt;
            // a rate from one or two events is noise: nothing is drawn until a few have been seen
            return totalCount < MIN_EVENTS ? Double.NaN : count / time;
        }
    }
}
