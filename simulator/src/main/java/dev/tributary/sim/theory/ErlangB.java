package dev.tributary.sim.theory;

/**
 * Erlang B: the probability that all c servers are busy in an M/M/c/c loss system with offered
 * load a = λ/μ. Computed by the recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)), which never
 * forms a^c or c! and so stays accurate for c in the thousands (Jagerman, "Some properties of the
 * Erlang loss function", Bell System Technical Journal 53, 1974).
 */
public final class ErlangB {

    private ErlangB() {
    }

    /** Blocking probability for {@code servers} servers at offered load {@code a} Erlangs. */
    public static double blocking(int servers, double a) {
        double b = 1.0;
        for (int k = 1; k <= servers; k++) {
            b = a * b / (k + a * b);
        }
        return b;
    }
}
