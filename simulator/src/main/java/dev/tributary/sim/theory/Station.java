package dev.tributary.sim.theory;

import dev.tributary.sim.distribution.Distribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Picks the closed form that applies to one queue with c workers, and says why in plain words.
 *
 * @param lambda   arrival rate per second
 * @param ca2      squared coefficient of variation of the inter-arrival times (1 for Poisson)
 * @param servers  workers
 * @param service  service-time law
 * @param waiting  room for waiting messages, or {@link Integer#MAX_VALUE} for unbounded
 */
public record Station(double lambda, double ca2, int servers, Distribution service, int waiting) {

    /** The prediction for this station. */
    public Prediction predict() {
        double mean = service.mean();
        double cs2 = service.scv();
        double mu = 1 / mean;
        boolean poisson = Math.abs(ca2 - 1) < 1e-9;
        boolean expService = service.kendall().equals("M");
        String arrivalLetter = poisson ? "M" : (ca2 < 1e-9 ? "D" : "G");
        String serviceLetter = service.kendall();
        List<String> caveats = new ArrayList<>();
        if (!poisson) {
            caveats.add(String.format(Locale.ROOT, ca2 > 1
                    ? "arrivals are burstier than Poisson (ca² = %.2f): waiting is longer than M/M/c predicts"
                    : "arrivals are more regular than Poisson (ca² = %.2f)", ca2));
        }
        if (waiting != Integer.MAX_VALUE) {
            int k = waiting + servers;
            Prediction p = MMcK.predict(servers, k, lambda, mu);
            String name = arrivalLetter + "/" + serviceLetter + "/" + servers + "/" + k;
            if (!expService) {
                caveats.add("service is not exponential (cs² = " + fmt(cs2) + "): M/M/c/K is an approximation");
            }
            String reason = waiting == 0
                    ? servers + " worker" + (servers == 1 ? "" : "s") + " and no waiting room: a loss system; an arrival"
                            + " that finds every worker busy is lost, with the Erlang B probability"
                    : servers + " worker" + (servers == 1 ? "" : "s") + " and room for " + waiting
                            + " waiting: a finite buffer (K = " + k + "), so arrivals that find it full are lost; no overload growth";
            return p.relabel(name, reason, caveats);
        }
        String name = arrivalLetter + "/" + serviceLetter + "/" + servers;
        double rho = lambda / (servers * mu);
        if (rho >= 1) {
            Prediction p = Backlog.unstable(name, servers, lambda, mu);
            return p.relabel(name, String.format(Locale.ROOT,
                    "ρ = λ/(cμ) = %.3f ≥ 1: no steady state; the backlog grows by λ − cμ = %.3f events per second",
                    rho, lambda - servers * mu), caveats);
        }
        String who = servers == 1 ? "one worker" : servers + " competing workers";
        if (poisson && expService) {
            return MMc.predict(servers, lambda, mu).relabel(name, "Poisson arrivals, exponential service, " + who
                    + " on one FIFO queue: " + name + (servers > 1 ? " (Erlang C)" : ""), caveats);
        }
        if (poisson && servers == 1) {
            return MG1.predict(lambda, mean, cs2, name).relabel(name, "Poisson arrivals, " + describe(service)
                    + " service, one worker: M/G/1 by Pollaczek–Khinchine (exact)", caveats);
        }
        if (!expService) {
            caveats.add("service is not exponential (cs² = " + fmt(cs2) + ") with several workers: Allen–Cunneen approximation");
        }
        Prediction g = GGc.predict(servers, lambda, mean, ca2, cs2, name);
        return g.relabel(name, who + ", " + describe(service) + " service: G/G/" + servers
                + " by the Allen–Cunneen approximation", caveats.isEmpty()
                ? List.of("approximation") : caveats);
    }

    private static String describe(Distribution d) {
        return switch (d.kendall()) {
            case "M" -> "exponential";
            case "D" -> "constant";
            default -> d.kendall().startsWith("E") ? "Erlang-" + d.kendall().substring(1) : "general";
        };
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
