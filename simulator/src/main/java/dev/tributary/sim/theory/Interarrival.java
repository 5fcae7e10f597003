package dev.tributary.sim.theory;

import java.util.Arrays;

/**
 * The law of the gaps of a renewal arrival process (independent, identically distributed gaps):
 * what the exact GI/M/c formulas need, through the Laplace–Stieltjes transform A*(s) = E[e^(−sG)].
 *
 * <p>Renewal processes stay renewal under the two splits a scenario makes: independent (Bernoulli)
 * thinning, which routers, event types and key hashing of i.i.d. keys do, turns the gap into a
 * geometric sum of gaps, A*ₚ(s) = pA*(s)/(1 − (1 − p)A*(s)); taking every k-th event, which a
 * round-robin partitioner does, turns it into the sum of k gaps, A*(s)^k (Cox, "Renewal Theory",
 * 1962, §§1.3, 9.3). So round-robin splitting of Poisson arrivals gives Erlang-k gaps per
 * partition, and a router splitting constant arrivals gives geometric multiples of the period.
 */
public sealed interface Interarrival {

    /** Largest number of terms kept of a count distribution before giving up (then callers approximate). */
    int MAX_TERMS = 200_000;
    /** Tail mass left out when a count distribution is truncated. */
    double TAIL = 1e-13;

    /** Arrivals per second (1 / mean gap). */
    double rate();

    /** Squared coefficient of variation of the gap. */
    double scv();

    /** The Laplace–Stieltjes transform E[e^(−sG)] of the gap G, for s ≥ 0. */
    double lst(double s);

    /** Kendall letter: M, D, E_k, H2 or GI. */
    String kendall();

    /**
     * P(N = j) for j = 0, 1, …, where N counts the events of an independent Poisson process of rate
     * {@code mu} during one gap (services of an exponential server that stays busy), truncated where
     * the tail falls below {@link #TAIL}; null when that needs more than {@link #MAX_TERMS} terms.
     * Its generating function is A*(μ(1 − z)).
     */
    default double[] countsInGap(double mu) {
        return countsInGap(mu, MAX_TERMS);
    }

    /**
     * The first {@code cap} terms of {@link #countsInGap(double)} (exact: later terms do not change
     * earlier ones); fewer when the rest is negligible; null when it cannot be computed.
     */
    double[] countsInGap(double mu, int cap);

    /** Whether the gaps are exponential (Poisson arrivals). */
    default boolean poisson() {
        return false;
    }

    /** The process that keeps each arrival independently with probability {@code p}. */
    default Interarrival thinned(double p) {
        return p >= 1 ? this : new Thinned(this, p);
    }

    /** The process of every {@code k}-th arrival. */
    default Interarrival every(int k) {
        return k == 1 ? this : new Every(this, k);
    }

    /** Poisson arrivals at {@code rate} per second. */
    static Interarrival poissonAt(double rate) {
        return new Exponential(rate);
    }

    /**
     * The gap law of a producer's arrivals: Poisson, constant, on-off (hyperexponential); a schedule
     * is Poisson within each step, so null here (predicted step by step).
     */
    static Interarrival of(dev.tributary.sim.value.ArrivalSpec a) {
        if (a instanceof dev.tributary.sim.value.ArrivalSpec.Poisson p) {
            return new Exponential(p.rate());
        }
        if (a instanceof dev.tributary.sim.value.ArrivalSpec.Constant c) {
            return new Deterministic(1 / c.rate());
        }
        if (a instanceof dev.tributary.sim.value.ArrivalSpec.OnOff o) {
            return onOff(o.rate(), o.meanOn(), o.meanOff());
        }
        return null;
    }

    /** Exponential gaps: a Poisson process. */
    record Exponential(double rate) implements Interarrival {
        @Override
        public double scv() {
            return 1;
        }

        @Override
        public double lst(double s) {
            return rate / (rate + s);
        }

        @Override
        public String kendall() {
            return "M";
        }

        @Override
        public boolean poisson() {
            return true;
        }

        @Override
        public double[] countsInGap(double mu, int cap) {
            // geometric: the next event is a service with probability μ/(λ + μ)
            return geometric(rate / (rate + mu), cap);
        }

        @Override
        public Interarrival thinned(double p) {
            return p >= 1 ? this : new Exponential(rate * p);
        }
    }

    /** Constant gaps of {@code gap} seconds. */
    record Deterministic(double gap) implements Interarrival {
        @Override
        public double rate() {
            return 1 / gap;
        }

        @Override
        public double scv() {
            return 0;
        }

        @Override
        public double lst(double s) {
            return Math.exp(-s * gap);
        }

        @Override
        public String kendall() {
            return "D";
        }

        @Override
        public double[] countsInGap(double mu, int cap) {
            return poissonPmf(mu * gap, cap);
        }

        @Override
        public Interarrival every(int k) {
            return new Deterministic(gap * k);
        }
    }

    /**
     * Hyperexponential gaps: exponential with rate r1 with probability p1, else with rate r2. The
     * gaps of an interrupted Poisson process (see {@link #onOff}).
     */
    record HyperExponential(double p1, double r1, double r2) implements Interarrival {
        @Override
        public double rate() {
            return 1 / (p1 / r1 + (1 - p1) / r2);
        }

        @Override
        public double scv() {
            double m = p1 / r1 + (1 - p1) / r2;
            double m2 = 2 * (p1 / (r1 * r1) + (1 - p1) / (r2 * r2));
            return m2 / (m * m) - 1;
        }

        @Override
        public double lst(double s) {
            return p1 * r1 / (r1 + s) + (1 - p1) * r2 / (r2 + s);
        }

        @Override
        public String kendall() {
            return "H2";
        }

        @Override
        public double[] countsInGap(double mu, int cap) {
            double[] a = geometric(r1 / (r1 + mu), cap);
            double[] b = geometric(r2 / (r2 + mu), cap);
            if (a == null || b == null) {
                return null;
            }
            double[] out = new double[Math.max(a.length, b.length)];
            for (int j = 0; j < out.length; j++) {
                out[j] = (j < a.length ? p1 * a[j] : 0) + (j < b.length ? (1 - p1) * b[j] : 0);
            }
            return out;
        }
    }

    /** Each arrival of {@code base} kept independently with probability {@code p}. */
    record Thinned(Interarrival base, double p) implements Interarrival {
        @Override
        public double rate() {
            return base.rate() * p;
        }

        @Override
        public double scv() {
            // a geometric number (mean 1/p) of gaps: p·c² + 1 − p (Whitt, "The queueing network analyzer", 1983)
            return p * base.scv() + 1 - p;
        }

        @Override
        public double lst(double s) {
            double a = base.lst(s);
            return p * a / (1 - (1 - p) * a);
        }

        @Override
        public String kendall() {
            return "GI";
        }

        @Override
        public double[] countsInGap(double mu, int cap) {
            // h = p·g + (1 − p)·g·h as power series in z (g the base's count generating function)
            double[] g = base.countsInGap(mu, cap);
            if (g == null) {
                return null;
            }
            double[] h = new double[Math.max(16, Math.min(cap, g.length))];
            double denom = 1 - (1 - p) * g[0];
            double sum = 0;
            for (int j = 0; j < Math.min(cap, MAX_TERMS); j++) {
                if (j == h.length) {
                    h = Arrays.copyOf(h, h.length * 2);
                }
                double conv = 0;
                for (int i = 1; i <= Math.min(j, g.length - 1); i++) {
                    conv += g[i] * h[j - i];
                }
                h[j] = (p * (j < g.length ? g[j] : 0) + (1 - p) * conv) / denom;
                sum += h[j];
                if (1 - sum < TAIL && j >= g.length) {
                    return Arrays.copyOf(h, j + 1);
                }
            }
            return cap < MAX_TERMS ? h : null;
        }

        @Override
        public Interarrival thinned(double q) {
            return q >= 1 ? this : new Thinned(base, p * q);
        }
    }

    /** Every {@code k}-th arrival of {@code base}: the sum of k of its gaps. */
    record Every(Interarrival base, int k) implements Interarrival {
        @Override
        public double rate() {
            return base.rate() / k;
        }

        @Override
        public double scv() {
            return base.scv() / k;
        }

        @Override
        public double lst(double s) {
            return Math.pow(base.lst(s), k);
        }

        @Override
        public String kendall() {
            return base.poisson() ? "E" + k : "GI";
        }

        @Override
        public double[] countsInGap(double mu, int cap) {
            double[] g = base.countsInGap(mu, cap);
            if (g == null) {
                return null;
            }
            double[] out = {1};
            for (int i = 0; i < k; i++) {
                out = convolve(out, g, cap);
                if (out == null) {
                    return null;
                }
            }
            return out;
        }

        @Override
        public Interarrival every(int m) {
            return new Every(base, k * m);
        }
    }

    /**
     * The gaps of an interrupted Poisson process: Poisson at {@code rate} while ON, nothing while OFF,
     * ON and OFF periods exponential with means {@code meanOn} and {@code meanOff}. Arrivals happen
     * only while ON, so after each the process is ON and the gap is a renewal: with r₁ = 1/meanOn and
     * r₂ = 1/meanOff, first-step analysis gives A*(s) = λ(s + r₂)/(s² + s(λ + r₁ + r₂) + λr₂), whose
     * poles make it hyperexponential (Kuczura, "The interrupted Poisson process as an overflow
     * process", Bell System Technical Journal 52, 1973).
     */
    static Interarrival onOff(double rate, double meanOn, double meanOff) {
        double r1 = 1 / meanOn;
        double r2 = 1 / meanOff;
        double b = rate + r1 + r2;
        double disc = Math.sqrt(b * b - 4 * rate * r2);
        double x1 = (b + disc) / 2;
        double x2 = (b - disc) / 2;
        // λ(s + r₂) = p₁x₁(s + x₂) + p₂x₂(s + x₁) with p₁ + p₂ = 1 (x₁x₂ = λr₂) gives p₁ = (λ − x₂)/(x₁ − x₂)
        double p1 = (rate - x2) / (x1 - x2);
        return new HyperExponential(p1, x1, x2);
    }

    private static double[] geometric(double stop, int cap) {
        // P(N = j) = stop·(1 − stop)^j
        double go = 1 - stop;
        int n = go <= 0 ? 1 : (int) Math.min(MAX_TERMS + 1L, (long) Math.ceil(Math.log(TAIL) / Math.log(go)) + 1);
        if (n > cap) {
            n = cap;
        } else if (n > MAX_TERMS) {
            return null;
        }
        double[] out = new double[n];
        double v = stop;
        for (int j = 0; j < n; j++) {
            out[j] = v;
            v *= go;
        }
        return out;
    }

    private static double[] poissonPmf(double mean, int cap) {
        int n = (int) Math.ceil(mean + 12 * Math.sqrt(mean) + 30);
        if (n > cap) {
            n = cap;
        } else if (n > MAX_TERMS) {
            return null;
        }
        double[] out = new double[n];
        double log = -mean;
        double logMean = Math.log(Math.max(mean, Double.MIN_VALUE));
        for (int j = 0; j < n; j++) {
            if (j > 0) {
                log += logMean - Math.log(j);
            }
            out[j] = Math.exp(log);
        }
        if (mean == 0) {
            out[0] = 1;
        }
        return out;
    }

    private static double[] convolve(double[] a, double[] b, int cap) {
        int n = Math.min(cap, a.length + b.length - 1);
        double[] out = new double[n];
        for (int i = 0; i < Math.min(a.length, n); i++) {
            if (a[i] == 0) {
                continue;
            }
            for (int j = 0; j < Math.min(b.length, n - i); j++) {
                out[i + j] += a[i] * b[j];
            }
        }
        // trim the negligible tail
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += out[j];
            if (1 - sum < TAIL) {
                return Arrays.copyOf(out, j + 1);
            }
        }
        return n > MAX_TERMS ? null : out;
    }
}
