package dev.tributary.sim.engine;

import java.nio.charset.StandardCharsets;

/**
 * A fast, seedable pseudo-random stream (SplitMix64, Steele, Lea and Flood, OOPSLA 2014: the
 * generator behind {@link java.util.SplittableRandom}, which passes BigCrush).
 *
 * <p>Each element and purpose gets its own stream via {@link #derive}, seeded from a hash of the
 * scenario seed, the element id and the purpose. Adding or changing one element therefore leaves
 * every other element's numbers untouched, which gives common random numbers when two scenarios are
 * compared with the same seed.
 */
public final class RandomStream {

    private static final long GOLDEN = 0x9e3779b97f4a7c15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;

    /** A stream starting from the given raw state. */
    public RandomStream(long seed) {
        this.state = seed;
    }

    /** The stream for {@code purpose} of element {@code elementId} in a run seeded with {@code seed}. */
    public static RandomStream derive(long seed, String elementId, String purpose) {
        long h = mix(seed ^ 0x5deece66dL);
        for (byte b : (elementId + '\u0000' + purpose).getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xff) ^ (h << 8));
        }
        return new RandomStream(h);
    }

    /** The next 64 random bits. */
    public long nextLong() {
        return mix(state += GOLDEN);
    }

    /** A uniform double in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** A uniform int in [0, bound). */
    public int nextInt(int bound) {
        // Lemire's multiply-shift: unbiased enough for bound << 2^32 and branch-free
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /**
     * An exponential variate with the given mean, by the ziggurat method ({@link ExponentialZiggurat}).
     * Not Math.log: it may differ in the last bit between JVMs and CPUs, and one differing bit changes
     * an event's time and so the whole run. The ziggurat's tables are computed with StrictMath and its
     * hot path is plain IEEE arithmetic, so it is bit-identical everywhere and needs no logarithm on
     * 98.9% of draws (inversion through StrictMath.log cost about 20% of an M/M/c run).
     */
    public double exponential(double mean) {
        return mean * ExponentialZiggurat.sample(this);
    }

    /** A standard normal variate (Marsaglia polar method). */
    public double gaussian() {
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * StrictMath.log(s) / s);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
