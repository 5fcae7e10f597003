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

    /** The history of element {@code id} (created empty). */
    public Element of(String id) {
        return elements.computeIfAbsent(id, k -> new Element());
    }

    /** Forgets everything (a new run). */
    public void clear() {
        elements.clear();
    }

    /** One element's history. */
    public static final class Element {
        private final Map<String, SeriesBuffer> lines = new HashMap<>();
        private final Map<String, Raw> raw = new HashMap<>();
        private final Map<String, Smoother> smoothers = new HashMap<>();

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
