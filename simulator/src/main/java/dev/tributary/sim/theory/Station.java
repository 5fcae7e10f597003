package dev.tributary.sim.theory;

import dev.tributary.sim.distribution.Distribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Picks the closed form that applies to one queue with c identical workers, says why in plain
 * words, labels it exact only where it is, and otherwise names the approximation and the direction
 * of its error.
 *
 * @param lambda   arrival rate per second
 * @param law      the gap law when the arrivals form a renewal process (Poisson, constant, on-off and
 *                 their random or round-robin splits), or null when they do not (superpositions,
 *                 departures of other stations): then only {@code ca2} describes them
 * @param ca2      squared coefficient of variation of the inter-arrival times (1 for Poisson)
 * @param servers  workers
 * @param service  service-time law
 * @param waiting  room for waiting messages, or {@link Integer#MAX_VALUE} for unbounded
 * @param full     what a bounded queue does with an arrival that finds it full
 */
public record Station(double lambda, Interarrival law, double ca2, int servers, Distribution service, int waiting,
                      Full full) {

    /** What happens to an arrival that finds a bounded queue full. */
    public enum Full {
        /** It is lost. */
        REJECT,
        /** Its producer holds it and stops until there is room (a single Poisson producer: M/M/c/(K+1)). */
        BLOCK,
        /** Like {@link #BLOCK}, but the arrivals are not one producer's own Poisson stream: approximate. */
        BLOCK_MIXED,
        /** The oldest waiting event is dropped to make room. */
        DROP_OLDEST
    }

    /** Most waiting places for which the drop-oldest waiting time is solved exactly (O(m²) states). */
    static final int DROP_OLDEST_EXACT = 3000;

    /** Poisson arrivals (or, with {@code ca2} ≠ 1, a non-renewal flow), reject when full. */
    public Station(double lambda, double ca2, int servers, Distribution service, int waiting) {
        this(lambda, Math.abs(ca2 - 1) < 1e-12 ? Interarrival.poissonAt(lambda) : null, ca2, servers, service, waiting,
                Full.REJECT);
    }

    /** The prediction for this station. */
    public Prediction predict() {
        double mean = service.mean();
        double cs2 = service.scv();
        double mu = 1 / mean;
        boolean poisson = law != null && law.poisson();
        boolean expService = service.kendall().equals("M");
        String arrivalLetter = law == null ? "G" : law.kendall();
        String who = servers == 1 ? "one worker" : servers + " competing workers";
        if (!(lambda > 0)) {
            String name = "M/" + service.kendall() + "/" + servers;
            return new Prediction(name, "no events arrive: the " + (servers == 1 ? "worker stays" : "workers stay")
                    + " idle; an event would be served at once", true, List.of(), 0, mu, servers, 0, 0, 0, mean, 0, 0, 0,
                    0, true, 0).with("idle", true);
        }
        if (waiting != Integer.MAX_VALUE) {
            return bounded(mu, mean, cs2, poisson, expService, arrivalLetter);
        }
        String name = arrivalLetter + "/" + service.kendall() + "/" + servers;
        double rho = lambda / (servers * mu);
        if (rho >= 1) {
            Prediction p = Backlog.unstable(name, servers, lambda, mu).named(name, String.format(Locale.ROOT,
                    "offered load λ/(cμ) = %.3f ≥ 1: no steady state; every worker is busy and the backlog grows by λ − cμ"
                            + " = %.3f events per second", rho, lambda - servers * mu));
            return p;
        }
        if (poisson && expService) {
            return MMc.predict(servers, lambda, mu).named(name, "Poisson arrivals, exponential service, " + who
                    + " on one FIFO queue: " + name + (servers > 1 ? " (Erlang C), exact" : ", exact"));
        }
        if (poisson && servers == 1) {
            return MG1.predict(lambda, mean, cs2, name).named(name, "Poisson arrivals, " + describe(service)
                    + " service, one worker: M/G/1 by Pollaczek–Khinchine, exact");
        }
        if (law != null && expService) {
            return GIMc.predict(law, servers, mu).named(name, describeArrivals(law) + ", exponential service, " + who
                    + ": " + name + " by Takács' formula (σ = A*(cμ(1 − σ))), exact");
        }
        if (poisson) {
            // M/G/c with c > 1
            Prediction mmc = MMc.predict(servers, lambda, mu);
            if (service.kendall().equals("D")) {
                // Cosmetatos, "Some approximate equilibrium results for the multi-server queue M/G/r",
                // Operational Research Quarterly 27 (1976): Wq(M/D/c) ≈ ½·Wq(M/M/c)·[1 + (1 − ρ)(c − 1)(√(4 + 5c) − 2)/(16ρc)]
                double corr = 1 + (1 - rho) * (servers - 1) * (Math.sqrt(4 + 5.0 * servers) - 2) / (16 * rho * servers);
                double wq = mmc.Wq() / 2 * corr;
                return waits(name, wq, mean, mu, mmc.pWait(), who + ", constant service: M/D/" + servers
                        + " by Cosmetatos' correction of half the M/M/" + servers + " wait")
                        .approximate("approximation (Cosmetatos 1976): within a few percent of the exact M/D/c wait,"
                                + " no guaranteed direction", Prediction.Errs.EITHER);
            }
            double wq = mmc.Wq() * (1 + cs2) / 2;
            return waits(name, wq, mean, mu, Double.NaN, who + ", " + describe(service) + " service: M/G/" + servers
                    + " by the Allen–Cunneen (Lee–Longton) approximation Wq ≈ Wq(M/M/c)·(1 + cs²)/2")
                    .approximate(String.format(Locale.ROOT, "approximation (Allen–Cunneen, cs² = %.2f): with several"
                            + " workers it usually errs %s", cs2, cs2 < 1 ? "low, as for M/D/c" : "high"),
                            cs2 < 1 ? Prediction.Errs.LOW : Prediction.Errs.HIGH);
        }
        // non-Poisson arrivals and non-exponential service (or non-renewal arrivals)
        if (law != null) {
            // the exact GI/M/c wait, scaled for the service's variability by Kingman's factor
            Prediction gim = GIMc.predict(law, servers, mu);
            double factor = (law.scv() + cs2) / (law.scv() + 1);
            double wq = gim.Wq() * factor;
            return waits(name, wq, mean, mu, Double.NaN, describeArrivals(law) + ", " + describe(service) + " service, "
                    + who + ": the exact " + law.kendall() + "/M/" + servers + " wait scaled by (ca² + cs²)/(ca² + 1)")
                    .approximate(String.format(Locale.ROOT, "approximation: GI/M/c is exact for exponential service; "
                            + "the service's variability (cs² = %.2f) enters through Kingman's factor, with no known"
                            + " error direction", cs2), Prediction.Errs.EITHER);
        }
        Prediction mmc = MMc.predict(servers, lambda, mu);
        double wq = mmc.Wq() * (ca2 + cs2) / 2;
        return waits(name, wq, mean, mu, Double.NaN, who + ", " + describe(service) + " service, arrivals that are not a"
                + " renewal process: G/G/" + servers + " by the Allen–Cunneen approximation Wq ≈ Wq(M/M/c)·(ca² + cs²)/2")
                .approximate(String.format(Locale.ROOT, "approximation (Allen–Cunneen with QNA's ca² = %.2f): the arrivals"
                        + " merge or follow other stations, so only their variability is carried; no known error"
                        + " direction", ca2), Prediction.Errs.EITHER);
    }

    private Prediction waits(String name, double wq, double mean, double mu, double pWait, String reason) {
        double w = wq + mean;
        return new Prediction(name, reason, true, List.of(), lambda, mu, servers, lambda * mean / servers, lambda * w,
                lambda * wq, w, wq, pWait, 0, lambda, true, 0);
    }

    private Prediction bounded(double mu, double mean, double cs2, boolean poisson, boolean expService,
                               String arrivalLetter) {
        int k = waiting + servers;
        String name = arrivalLetter + "/" + service.kendall() + "/" + servers + "/" + k;
        String workers = servers + " worker" + (servers == 1 ? "" : "s");
        Prediction p;
        if (full == Full.BLOCK || full == Full.BLOCK_MIXED) {
            p = blocking(k, mu, name.replace("/" + k, "/(" + k + "+1)"), workers);
        } else if (full == Full.DROP_OLDEST) {
            p = dropOldest(k, mu, name, workers);
        } else {
            p = MMcK.predict(servers, k, lambda, mu).named(name, waiting == 0
                    ? workers + " and no waiting room: a loss system; an arrival that finds every worker busy is lost,"
                            + " with the Erlang B probability"
                    : workers + " and room for " + waiting + " waiting: a finite buffer (K = " + k
                            + "), so arrivals that find it full are lost; no overload growth");
        }
        // the chains above are exact for Poisson arrivals and exponential service; say what else is assumed
        if (!expService) {
            String dir = cs2 < 1 ? Prediction.Errs.HIGH : Prediction.Errs.LOW;
            p = p.approximate(String.format(Locale.ROOT, "approximation: service is not exponential (cs² = %.2f) but the"
                    + " chain uses exponential service with its mean; %s variable service makes fewer events wait or"
                    + " get lost, so queue lengths, waits and losses err %s", cs2, cs2 < 1 ? "less" : "more",
                    cs2 < 1 ? "high" : "low"), dir);
        }
        if (!poisson && Math.abs(ca2 - 1) < 0.05) {
            p = p.approximate(String.format(Locale.ROOT, "approximation: arrivals are not known to be Poisson (they merge"
                    + " or follow other stations; ca² = %.2f), the chain assumes Poisson at the same rate; no known error"
                    + " direction", ca2), Prediction.Errs.EITHER);
        } else if (!poisson) {
            String dir = ca2 < 1 ? Prediction.Errs.HIGH : Prediction.Errs.LOW;
            p = p.approximate(String.format(Locale.ROOT, "approximation: arrivals are not Poisson (ca² = %.2f) but the"
                    + " chain assumes Poisson at the same rate; %s arrivals fill the buffer %s often, so queue lengths,"
                    + " waits and losses err %s", ca2, ca2 < 1 ? "more regular" : "burstier", ca2 < 1 ? "less" : "more",
                    ca2 < 1 ? "high" : "low"), dir);
        }
        if (full == Full.BLOCK_MIXED) {
            p = p.approximate("approximation: the queue blocks, but its arrivals are not one producer's own stream"
                    + " (events emitted by consumers are lost when it is full, and a held event stops only its own"
                    + " producer)", Prediction.Errs.EITHER);
        }
        return p;
    }

    /**
     * A full queue makes its producer hold the event and stop (backpressure): with Poisson arrivals the
     * held event is one more place, so the number of events in the system including the held one is
     * the M/M/c/(K + 1) birth–death chain, and nothing is lost. The queue itself holds min(n, K);
     * the producer is stopped a fraction P(K + 1) of the time and delivers λ(1 − P(K + 1)); a produced
     * event has to wait with probability P(K)/(1 − P(K + 1)) (it is produced only while the producer
     * runs, and by PASTA sees the chain's distribution restricted to n ≤ K).
     */
    private Prediction blocking(int k, double mu, String name, String workers) {
        double[] p = MMcK.distribution(servers, k + 1, lambda, mu);
        double lq = 0;
        double lQueue = 0;
        double busy = 0;
        for (int n = 0; n <= k + 1; n++) {
            int held = Math.min(n, k);
            lQueue += held * p[n];
            lq += Math.max(0, held - servers) * p[n];
            busy += Math.min(n, servers) * p[n];
        }
        double thr = lambda * (1 - p[k + 1]);
        double block = p[k] / (1 - p[k + 1]);
        double pWait = 0;
        for (int n = servers; n <= k; n++) {
            pWait += p[n];
        }
        pWait /= 1 - p[k + 1];
        return new Prediction(name, workers + " and room for " + waiting + " waiting, overflow: block: a full queue makes"
                + " its producer hold the event and wait, so the held event is one more place (M/M/c/(K+1) with K = " + k
                + ") and nothing is lost", true, List.of(), lambda, mu, servers, busy / servers, lQueue, lq,
                lQueue / thr, lq / thr, pWait, 0, thr, true, 0)
                .with("blockProbability", block)
                .with("blockedFraction", p[k + 1])
                .with("producerThroughput", thr);
    }

    /**
     * Drop-oldest: an arrival finding the buffer full pushes out the oldest waiting event. The number
     * in system is that of M/M/c/K (so are throughput and the share lost), but the waiting time of
     * the events that are served is shorter. Exact by first-step analysis of a tagged event at
     * position j of q waiting (1 = head): a completion (rate cμ) moves everyone up, the head into
     * service; an arrival to a full buffer (rate λ) drops the head. With s(j, q) the probability to
     * be served and u(j, q) = E[wait·1{served}], s = Σ P·s', u = s/ν + Σ P·u' (ν = λ + cμ), solved
     * for increasing j (each state depends on j − 1 and on q + 1 at the same j).
     */
    private Prediction dropOldest(int k, double mu, String name, String workers) {
        Prediction base = MMcK.predict(servers, k, lambda, mu);
        String reason = workers + " and room for " + waiting + " waiting, overflow: drop-oldest: as many are lost as"
                + " in M/M/c/K (K = " + k + "), but a newcomer pushes out the oldest waiting event, so those served wait less";
        if (waiting == 0) {
            return base.named(name, reason);
        }
        if (waiting > DROP_OLDEST_EXACT) {
            return base.named(name, reason).approximate("approximation: the buffer is too large to solve the drop-oldest"
                    + " waiting time exactly; M/M/c/K's wait is used, which errs high", Prediction.Errs.HIGH);
        }
        int m = waiting;
        double cmu = servers * mu;
        double nu = lambda + cmu;
        double ps = cmu / nu;
        double pa = lambda / nu;
        double[][] s = new double[m + 2][];
        double[][] u = new double[m + 2][];
        for (int j = 1; j <= m; j++) {
            s[j] = new double[m + 2];
            u[j] = new double[m + 2];
            for (int q = m; q >= j; q--) {
                // completion: served (j = 1) or (j − 1, q − 1)
                double sv = j == 1 ? ps : ps * s[j - 1][q - 1];
                double uv = j == 1 ? 0 : ps * u[j - 1][q - 1];
                if (q < m) {
                    sv += pa * s[j][q + 1];
                    uv += pa * u[j][q + 1];
                } else if (j > 1) {
                    // full: the head is dropped, the tagged event moves up
                    sv += pa * s[j - 1][q];
                    uv += pa * u[j - 1][q];
                }
                s[j][q] = sv;
                u[j][q] = sv / nu + uv;
            }
        }
        double[] p = MMcK.distribution(servers, k, lambda, mu);
        double served = 0;
        double waitServed = 0;
        for (int n = 0; n <= k; n++) {
            if (n < servers) {
                served += p[n];
                continue;
            }
            int j = n < k ? n - servers + 1 : m;
            served += p[n] * s[j][j];
            waitServed += p[n] * u[j][j];
        }
        double wq = waitServed / served;
        return new Prediction(name, reason, true, List.of(), lambda, mu, servers, base.utilization(), base.L(), base.Lq(),
                wq + 1 / mu, wq, Double.NaN, base.loss(), base.throughput(), true, 0);
    }

    static String describeArrivals(Interarrival a) {
        return switch (a.kendall()) {
            case "M" -> "Poisson arrivals";
            case "D" -> "constant arrivals (a renewal process)";
            case "H2" -> "on-off arrivals (a renewal process with hyperexponential gaps)";
            default -> a.kendall().startsWith("E") ? "Erlang-" + a.kendall().substring(1) + " gaps (every "
                    + a.kendall().substring(1) + "th Poisson arrival, a renewal process)"
                    : "renewal arrivals (a random split of constant or on-off arrivals)";
        };
    }

    private static String describe(Distribution d) {
        return switch (d.kendall()) {
            case "M" -> "exponential";
            case "D" -> "constant";
            default -> d.kendall().startsWith("E") ? "Erlang-" + d.kendall().substring(1) : "general";
        };
    }

    /** A list of caveats as one, for a reason. */
    static List<String> list(String... s) {
        return new ArrayList<>(List.of(s));
    }
}
