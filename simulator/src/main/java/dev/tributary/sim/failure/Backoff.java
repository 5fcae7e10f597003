package dev.tributary.sim.failure;

import dev.tributary.sim.value.Durations;
import java.util.Locale;

/**
 * The wait before each retry: {@code initial · factor^(n−1)} before retry n, capped at {@code cap},
 * then shortened by a random share of at most {@code jitter} (jitter 1 is AWS's "full jitter": a
 * delay uniform between 0 and the nominal one). A fixed backoff has factor 1.
 *
 * @param initial the delay before the first retry, seconds (0 or more)
 * @param factor  growth per retry (1 or more)
 * @param cap     the largest nominal delay, seconds
 * @param jitter  the largest share of the delay removed at random, 0–1
 */
public record Backoff(double initial, double factor, double cap, double jitter) {

    /** No wait: retry at once. */
    public static final Backoff NONE = fixed(0);

    /** The same delay before every retry. */
    public static Backoff fixed(double delay) {
        return new Backoff(delay, 1, delay, 0);
    }

    /** Whether the delays are random. */
    public boolean jittered() {
        return jitter > 0;
    }

    /** The nominal delay before retry {@code n} (1 for the first retry): min(cap, initial · factor^(n−1)). */
    public double nominal(int n) {
        // StrictMath: bit-identical on every JVM (see RandomStream#exponential)
        return Math.min(cap, initial * StrictMath.pow(factor, n - 1));
    }

    /** The delay before retry {@code n} given a uniform {@code u} in [0, 1): nominal · (1 − jitter · u). */
    public double delay(int n, double u) {
        return nominal(n) * (1 - jitter * u);
    }

    /** The mean delay before retry {@code n}: nominal · (1 − jitter/2). */
    public double mean(int n) {
        return nominal(n) * (1 - jitter / 2);
    }

    /** The variance of the delay before retry {@code n}: (nominal · jitter)² / 12. */
    public double variance(int n) {
        double s = nominal(n) * jitter;
        return s * s / 12;
    }

    /** The text form used in scenario files. */
    public String describe() {
        if (factor == 1 && jitter == 0) {
            return Durations.format(initial);
        }
        String j = jitter == 0 ? "" : jitter == 1 ? ", full" : String.format(Locale.ROOT, ", %s%%", trim(jitter * 100));
        return "exponential(" + Durations.format(initial) + ", " + trim(factor) + ", " + Durations.format(cap) + j + ")";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
