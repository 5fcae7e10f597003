package dev.tributary.sim.theory;

import java.util.Arrays;

/**
 * One exponential server (a stream group's member) fed by some of the events of a renewal source,
 * chosen by a partitioner that is not a random split: round-robin over partitions (a fixed cycle of
 * positions) or sticky batches (Kafka's sticky partitioner, also what key-hash does with unkeyed
 * events: a batch of B consecutive events to one partition, then another partition chosen at random
 * among the others). The member's arrivals are then not a renewal process, but observed at the
 * source's arrival epochs the pair (routing state, number in system) is a Markov chain: the source's
 * gaps are independent of everything, and during a gap the exponential server completes
 * min(n, N) events with N the Poisson(μ) count over the gap ({@link Interarrival#countsInGap}). Its
 * stationary law is computed on a truncated number in system, grown until the mass lost is below
 * 1e-12, by iterating over whole routing cycles.
 *
 * <p>An arrival that finds n in system waits n/μ on average (FIFO, memoryless service), so
 * Wq = E[n seen]/μ, W = Wq + 1/μ, and L = λW (Little). Exact for exponential service; for other
 * service laws the same chain with exponential service of the same mean bounds the wait from above
 * when the service law is NBUE (constant, Erlang, uniform): the single-server wait is increasing and
 * convex in the service times (Lindley's recursion) and NBUE laws are smaller in convex order than
 * the exponential (Stoyan, "Comparison Methods for Queues and Other Stochastic Models", 1983, §5.2).
 */
public final class RoutedServer {

    /** Most state updates spent before giving up (then the caller approximates). */
    static final long WORK = 600_000_000L;
    private static final double TOL = 1e-12;

    /**
     * @param lambda  the member's arrival rate
     * @param wq      mean wait of its events
     * @param w       mean time in system
     * @param l       mean number in system
     * @param pWait   probability an event waits
     * @param classWq mean wait of the events of each class (each owned partition for round-robin)
     */
    public record Result(double lambda, double wq, double w, double l, double pWait, double[] classWq) {
    }

    private final Interarrival gap;
    private final double mu;
    /** The counts of services per gap, computed for numbers in system below {@code cap} only. */
    private double[] counts;
    private double[] tails;
    private int cap;
    private long work;
    private boolean failed;

    private RoutedServer(Interarrival gap, double mu) {
        this.gap = gap;
        this.mu = mu;
        grow(256);
    }

    /** (Re)computes the counts for numbers in system below {@code newCap}. */
    private void grow(int newCap) {
        cap = newCap;
        counts = gap.countsInGap(mu, cap + 1);
        if (counts == null) {
            failed = true;
            counts = new double[] {1};
        }
        // P(N ≥ m), summed from the far end so that small tails stay accurate; what the truncated
        // counts leave out (1 − their sum) belongs to every tail
        double total = 0;
        for (double v : counts) {
            total += v;
        }
        double rest = Math.max(0, 1 - total);
        tails = new double[cap + 2];
        double acc = 0;
        for (int m = tails.length - 1; m >= 0; m--) {
            if (m < counts.length) {
                acc += counts[m];
            }
            tails[m] = acc + rest;
        }
    }

    /** Whether an iteration has settled: the change is tiny, or what remains of a geometric convergence is. */
    private static boolean settled(double d, double previous) {
        if (d < TOL) {
            return true;
        }
        double rate = previous > 0 ? d / previous : 1;
        return rate < 1 && d * rate / (1 - rate) < TOL;
    }

    /**
     * Round-robin: the source's events go to partitions 0, 1, …, P − 1 in turn; the member owns the
     * positions where {@code mine} is true (class = the owned partition's rank among the member's).
     * Null when it cannot be computed within the work budget or the member is overloaded.
     */
    public static Result roundRobin(Interarrival source, double mu, boolean[] mine) {
        int period = mine.length;
        int owned = 0;
        for (boolean b : mine) {
            owned += b ? 1 : 0;
        }
        double lambda = source.rate() * owned / period;
        if (owned == 0 || lambda >= mu) {
            return null;
        }
        RoutedServer s = new RoutedServer(source, mu);
        double[] x = {1};
        double lastD = -1;
        double[] seen = new double[owned];
        double[] busy = new double[owned];
        for (int cycle = 0; ; cycle++) {
            double[] start = x;
            int cls = 0;
            for (int pos = 0; pos < period; pos++) {
                if (mine[pos]) {
                    seen[cls] = mean(x);
                    busy[cls] = 1 - x[0];
                    cls++;
                    x = shift(x);
                }
                x = s.deplete(x);
                if (x == null) {
                    return null;
                }
            }
            x = trim(x);
            double d = distance(start, x);
            if (cycle > 2 && settled(d, lastD)) {
                break;
            }
            lastD = d;
            if (s.work > WORK) {
                return null;
            }
        }
        return result(lambda, mu, seen, busy);
    }

    /**
     * Sticky batches of {@code batch} events over {@code partitions} partitions, of which the member
     * owns {@code owned} (1 ≤ owned < partitions). Batches form a Markov chain: after one of the
     * member's batches the next is the member's with probability (owned − 1)/(P − 1), after another's
     * with probability owned/(P − 1). Null when it cannot be computed.
     */
    public static Result sticky(Interarrival source, double mu, int batch, int partitions, int owned) {
        double lambda = source.rate() * owned / partitions;
        if (owned <= 0 || owned >= partitions || lambda >= mu) {
            return null;
        }
        RoutedServer s = new RoutedServer(source, mu);
        RoutedServer idle = new RoutedServer(source.every(batch), mu);
        double stay = (owned - 1.0) / (partitions - 1);
        double come = owned / (partitions - 1.0);
        // end-of-batch distributions, weighted by the batch chain's stationary masses
        double[] endMine = scaled(new double[] {1}, (double) owned / partitions);
        double[] endOther = scaled(new double[] {1}, 1 - (double) owned / partitions);
        double seenSum = 0;
        double busySum = 0;
        double lastD = -1;
        for (int round = 0; ; round++) {
            double[] startMine = add(scaled(endMine, stay), scaled(endOther, come));
            double[] startOther = add(scaled(endMine, 1 - stay), scaled(endOther, 1 - come));
            double massMine = sum(startMine);
            double[] x = scaled(startMine, 1 / massMine);
            seenSum = 0;
            busySum = 0;
            for (int i = 0; i < batch; i++) {
                seenSum += mean(x);
                busySum += 1 - x[0];
                x = s.deplete(shift(x));
                if (x == null) {
                    return null;
                }
            }
            double[] newMine = scaled(trim(x), massMine);
            double[] newOther = idle.deplete(startOther);
            if (newOther == null) {
                return null;
            }
            newOther = trim(newOther);
            double d = distance(endMine, newMine) + distance(endOther, newOther);
            endMine = newMine;
            endOther = newOther;
            if (round > 2 && settled(d, lastD)) {
                break;
            }
            lastD = d;
            if (s.work + idle.work > WORK) {
                return null;
            }
        }
        double[] seen = {seenSum / batch};
        double[] busy = {busySum / batch};
        return result(lambda, mu, seen, busy);
    }

    private static Result result(double lambda, double mu, double[] seen, double[] busy) {
        double n = 0;
        double b = 0;
        double[] classWq = new double[seen.length];
        for (int i = 0; i < seen.length; i++) {
            n += seen[i] / seen.length;
            b += busy[i] / seen.length;
            classWq[i] = seen[i] / mu;
        }
        double wq = n / mu;
        double w = wq + 1 / mu;
        return new Result(lambda, wq, w, lambda * w, b, classWq);
    }

    /** The number in system after one gap of the source: n → max(n − N, 0); null when it cannot be computed. */
    private double[] deplete(double[] x) {
        int n = x.length;
        if (n > cap) {
            grow(Math.max(n, cap) * 4);
        }
        if (failed) {
            return null;
        }
        double[] out = new double[n];
        int j = counts.length;
        for (int m = 0; m < n; m++) {
            double v = x[m];
            if (v == 0) {
                continue;
            }
            // N < m leaves m − N; N ≥ m empties the server
            int lim = Math.min(m, j);
            for (int k = 0; k < lim; k++) {
                out[m - k] += v * counts[k];
            }
            out[0] += v * tails[m];
        }
        work += (long) n * Math.min(n, j);
        return out;
    }

    /** Adds one arrival: n → n + 1 (the array grows by one place). */
    private static double[] shift(double[] x) {
        double[] out = new double[x.length + 1];
        System.arraycopy(x, 0, out, 1, x.length);
        return out;
    }

    /** Drops the far tail whose mass is below 1e-15 (keeps the array short). */
    private static double[] trim(double[] x) {
        int n = x.length;
        double tail = 0;
        while (n > 1 && tail + x[n - 1] < 1e-15) {
            tail += x[n - 1];
            n--;
        }
        return n == x.length ? x : Arrays.copyOf(x, n);
    }

    private static double mean(double[] x) {
        double m = 0;
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            m += i * x[i];
            s += x[i];
        }
        return s == 0 ? 0 : m / s;
    }

    private static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    private static double[] scaled(double[] x, double f) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * f;
        }
        return out;
    }

    private static double[] add(double[] a, double[] b) {
        double[] out = new double[Math.max(a.length, b.length)];
        for (int i = 0; i < a.length; i++) {
            out[i] += a[i];
        }
        for (int i = 0; i < b.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    private static double distance(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            d += Math.abs((i < a.length ? a[i] : 0) - (i < b.length ? b[i] : 0));
        }
        return d;
    }
}
