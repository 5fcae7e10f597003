package dev.tributary.sim.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The retry closed forms against values worked out by hand. */
class RetriesTest {

    private static Retries one(double p, double poison, int r, double cost, double backoff) {
        double[] b = new double[r];
        java.util.Arrays.fill(b, backoff);
        return new Retries(new double[] {1}, new double[] {p}, poison, r, cost, b, new double[r]);
    }

    @Test
    void attemptsAndDeadShareAreGeometric() {
        Retries r = one(0.2, 0, 3, 1, 0);
        // A = 1 + 0.2 + 0.04 + 0.008, d = 0.2^4
        assertThat(r.attemptsPerEvent()).isCloseTo(1.248, within(1e-12));
        assertThat(r.deadFraction()).isCloseTo(0.0016, within(1e-15));
        // failed attempts per attempt: (A − (1 − d)) / A = 0.2496 / 1.248 = 0.2 (each attempt fails with p)
        assertThat(r.failedShare()).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void poisonCountsAsProbabilityOne() {
        Retries r = one(0.3, 0.01, 2, 1, 0);
        // reach(k) = 0.99·0.3^k + 0.01: A = 1 + 0.307 + 0.0991, d = 0.99·0.027 + 0.01
        assertThat(r.attemptsPerEvent()).isCloseTo(1.4061, within(1e-12));
        assertThat(r.deadFraction()).isCloseTo(0.03673, within(1e-12));
    }

    @Test
    void typesMixTheirOwnGeometricLaws() {
        // 90% of events never fail, 10% fail each attempt with 0.5, one retry
        Retries r = new Retries(new double[] {0.9, 0.1}, new double[] {0, 0.5}, 0, 1, 1, new double[] {0}, new double[] {0});
        assertThat(r.attemptsPerEvent()).isCloseTo(1.05, within(1e-12));
        assertThat(r.deadFraction()).isCloseTo(0.025, within(1e-12));
    }

    @Test
    void blockingServiceTimeSumsAttemptsAndBackoffs() {
        // S = 1 (constant), p = 0.5, one retry after 1 s: T = 1 (½), 1 + 1 + 1 = 3 (¼: fail, wait, succeed),
        // 1 + 1 + 1 = 3 (¼: both fail). E[T] = 2, E[T²] = ½ + ¼·9 + ¼·9 = 5, Var = 1, SCV = ¼
        double[] t = one(0.5, 0, 1, 1, 1).blocking(1, 0);
        assertThat(t[0]).isCloseTo(2, within(1e-12));
        assertThat(t[1]).isCloseTo(0.25, within(1e-12));
        assertThat(t[2]).isCloseTo(5.0 / 3, within(1e-12)); // given success: (½·1 + ¼·3) / ¾
        assertThat(t[3]).isCloseTo(3, within(1e-12));       // given exhaustion
        // a failed attempt at half cost, exponential S (mean 1, SCV 1), no retry, p = 0.5: T is S or S/2,
        // E[T] = 0.75, E[T²] = ½·2 + ½·½ = 1.25, SCV = 1.25/0.5625 − 1
        double[] h = one(0.5, 0, 0, 0.5, 0).blocking(1, 1);
        assertThat(h[0]).isCloseTo(0.75, within(1e-12));
        assertThat(h[1]).isCloseTo(1.25 / 0.5625 - 1, within(1e-12));
    }

    @Test
    void anAttemptsMixtureHasTheMomentsOfItsParts() {
        // exponential S mean 2 (E[S²] = 8); fails with q = 0.25 at cost 0.5: mean 2·(0.75 + 0.125) = 1.75,
        // E[X²] = 8·(0.75 + 0.25·0.25) = 6.5, SCV = 6.5/3.0625 − 1
        double[] a = one(0, 0, 0, 0.5, 0).attempt(2, 1, 0.25);
        assertThat(a[0]).isCloseTo(1.75, within(1e-12));
        assertThat(a[1]).isCloseTo(6.5 / 3.0625 - 1, within(1e-12));
    }

    @Test
    void requeueTimeToSuccessCountsPassesAndBackoffs() {
        // p = 0.5, one retry after 2 s, a pass takes W = 1: success first (½) takes 1, second (¼) 1 + 2 + 1 = 4
        assertThat(one(0.5, 0, 1, 1, 2).requeueTimeToSuccess(1)).isCloseTo((0.5 * 1 + 0.25 * 4) / 0.75, within(1e-12));
    }

    @Test
    void theCriticalFailureProbabilityMakesTheLoadOne() {
        // requeue without a retry limit in practice (r = 50): ρ(p) = λ·m·(1 − p^51)/(1 − p) with λm = 0.5 → p ≈ ½
        Retries r = one(0, 0, 50, 1, 0);
        double p = Retries.criticalProbability(x -> 0.5 * r.withProbability(x).attemptsPerEvent());
        assertThat(0.5 * r.withProbability(p).attemptsPerEvent()).isCloseTo(1, within(1e-9));
        assertThat(p).isCloseTo(0.5, within(1e-9));
        // a load that stays below 1 even if every attempt fails: none
        assertThat(Retries.criticalProbability(x -> 0.1 * one(x, 0, 2, 1, 0).attemptsPerEvent())).isNaN();
        // already unstable without failures: 0
        assertThat(Retries.criticalProbability(x -> 1.2)).isZero();
    }
}
