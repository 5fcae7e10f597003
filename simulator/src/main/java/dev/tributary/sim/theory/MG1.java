package dev.tributary.sim.theory;

import java.util.List;

/**
 * M/G/1 by the Pollaczek–Khinchine formula: Wq = ρ·(1 + cs²)/(2(1 − ρ)) · E[S], with cs² the
 * squared coefficient of variation of service (Kleinrock, "Queueing Systems, Vol. 1", §5.7).
 * Deterministic service (cs² = 0) gives M/D/1 with half the M/M/1 wait; exponential (cs² = 1)
 * gives M/M/1 back.
 */
public final class MG1 {

    private MG1() {
    }

    /** The prediction for mean service {@code meanService} and service SCV {@code scv}. */
    public static Prediction predict(double lambda, double meanService, double scv, String name) {
        double mu = 1 / meanService;
        double rho = lambda * meanService;
        if (rho >= 1) {
            return Backlog.unstable(name, 1, lambda, mu);
        }
        double wq = rho * (1 + scv) / (2 * (1 - rho)) * meanService;
        double w = wq + meanService;
        return new Prediction(name, "", true, List.of(), lambda, mu, 1, rho, lambda * w, lambda * wq, w, wq, rho, 0,
                lambda, true, 0);
    }
}
