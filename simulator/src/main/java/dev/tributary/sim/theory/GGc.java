package dev.tributary.sim.theory;

import java.util.List;

/**
 * G/G/c by the Allen–Cunneen approximation: Wq ≈ Wq(M/M/c) · (ca² + cs²)/2, with ca² and cs² the
 * squared coefficients of variation of inter-arrival and service times (Allen, "Probability,
 * Statistics and Queueing Theory", 2nd ed., 1990, §6.2). For c = 1 this is Kingman's heavy-traffic
 * formula (Kingman, "The single server queue in heavy traffic", Proc. Cambridge Phil. Soc. 57, 1961).
 * Exact for M/M/c; an approximation otherwise (and for M/G/c).
 */
public final class GGc {

    private GGc() {
    }

    /** The approximate prediction. */
    public static Prediction predict(int c, double lambda, double meanService, double ca2, double cs2, String name) {
        double mu = 1 / meanService;
        Prediction mmc = MMc.predict(c, lambda, mu);
        if (!mmc.stable()) {
            return Backlog.unstable(name, c, lambda, mu);
        }
        double wq = mmc.Wq() * (ca2 + cs2) / 2;
        double w = wq + meanService;
        return new Prediction(name, "", false, List.of(), lambda, mu, c, mmc.utilization(), lambda * w, lambda * wq, w, wq,
                Double.NaN, 0, lambda, true, 0);
    }
}
