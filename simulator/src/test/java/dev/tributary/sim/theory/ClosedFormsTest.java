package dev.tributary.sim.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Closed forms pinned against values computed independently: the design notes' list, textbook
 * values, and exact rational arithmetic (Python fractions) for the large-c cases.
 */
class ClosedFormsTest {

    @Test
    void mm1() {
        Prediction half = MM1.predict(0.5, 1);
        assertThat(half.L()).isCloseTo(1.0, within(1e-12));
        assertThat(half.W()).isCloseTo(2.0, within(1e-12));
        Prediction busy = MM1.predict(0.9, 1);
        assertThat(busy.Lq()).isCloseTo(8.1, within(1e-9));
        assertThat(busy.Wq()).isCloseTo(9.0, within(1e-9));
        // sojourn is exponential(μ − λ): median ln 2 / 0.5
        assertThat(MM1.sojournQuantile(0.5, 1, 0.5)).isCloseTo(Math.log(2) / 0.5, within(1e-12));
    }

    @Test
    void mm4FromTheDesignNotes() {
        Prediction p = MMc.predict(4, 3.6, 1);
        assertThat(p.pWait()).isCloseTo(0.7878, within(5e-5));
        assertThat(p.Wq()).isCloseTo(1.9694, within(5e-5));
        assertThat(p.Lq()).isCloseTo(7.0898, within(5e-5));
        assertThat(p.L()).isCloseTo(10.6898, within(5e-5));
        assertThat(p.utilization()).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void mm15TheCapacityPlanningExample() {
        Prediction p = MMc.predict(15, 1000, 100);
        assertThat(p.utilization()).isCloseTo(0.667, within(5e-4));
        assertThat(p.pWait()).isCloseTo(0.1020, within(5e-5));
        assertThat(p.Lq()).isCloseTo(0.204, within(5e-4));
        assertThat(MMc.predict(11, 1000, 100).pWait()).isCloseTo(0.68, within(0.005));
        assertThat(MMc.predict(10, 1000, 100).stable()).isFalse();
    }

    @Test
    void sojournPercentilesOfMmc() {
        // c = 1: exponential with rate μ − λ, so the median is ln 2 / (μ − λ)
        assertThat(MMc.sojournQuantile(1, 0.5, 1, 0.5)).isCloseTo(Math.log(2) / 0.5, within(1e-8));
        assertThat(MMc.sojournTail(1, 0.5, 1, 3)).isCloseTo(Math.exp(-1.5), within(1e-14));
        // the special case c − 1 = λ/μ joins the general formula continuously
        double at = MMc.sojournTail(3, 2.0, 1, 1.7);
        double near = MMc.sojournTail(3, 2.0 + 1e-7, 1, 1.7);
        assertThat(near).isCloseTo(at, within(1e-6));
        // tail at 0 is 1, and the mean of T equals W: ∫ P(T > t) dt = W (trapezoid on a fine grid)
        assertThat(MMc.sojournTail(4, 3.6, 1, 0)).isCloseTo(1.0, within(1e-14));
        double integral = 0;
        double dt = 1e-3;
        for (double t = 0; t < 200; t += dt) {
            integral += dt * (MMc.sojournTail(4, 3.6, 1, t) + MMc.sojournTail(4, 3.6, 1, t + dt)) / 2;
        }
        assertThat(integral).isCloseTo(MMc.predict(4, 3.6, 1).W(), within(1e-4));
        assertThat(MMc.sojournQuantile(4, 4.5, 1, 0.99)).isNaN();
    }

    @Test
    void textbookSmallCases() {
        // M/M/2 with λ = μ = 1 (a = 1, ρ = 1/2): P0 = 1/3, C = 1/3, Lq = 1/3, L = 4/3 (Gross et al., §2.3)
        Prediction p = MMc.predict(2, 1, 1);
        assertThat(p.pWait()).isCloseTo(1.0 / 3, within(1e-14));
        assertThat(p.Lq()).isCloseTo(1.0 / 3, within(1e-14));
        assertThat(p.L()).isCloseTo(4.0 / 3, within(1e-14));
        // Erlang B table: 5 lines offered 4 Erlangs block 19.9% of calls
        assertThat(ErlangB.blocking(5, 4)).isCloseTo(0.19906687402799378, within(1e-15));
        // a loss system is M/M/c/c: the M/M/c/K code agrees with Erlang B
        assertThat(MMcK.predict(5, 5, 4, 1).loss()).isCloseTo(ErlangB.blocking(5, 4), within(1e-14));
    }

    @Test
    void erlangBAndCForLargePoolsWithoutOverflow() {
        assertThat(ErlangB.blocking(10, 5)).isCloseTo(0.018384570336648132, within(1e-15));
        assertThat(MMc.erlangC(100, 90, 1)).isCloseTo(0.2169404809063664, within(1e-13));
        assertThat(MMc.predict(100, 90, 1).Lq()).isCloseTo(1.9524643281572973, within(1e-11));
        assertThat(MMc.erlangC(500, 480, 1)).isCloseTo(0.26651251996236414, within(1e-12));
        // far beyond where a^c / c! overflows a double (170! > 1.8e308)
        double c = MMc.erlangC(5000, 4950, 1);
        assertThat(c).isBetween(0.0, 1.0);
        assertThat(Double.isFinite(MMc.predict(5000, 4950, 1).W())).isTrue();
    }

    @Test
    void md1AndMg1ByPollaczekKhinchine() {
        Prediction md1 = MG1.predict(0.8, 1, 0, "M/D/1");
        assertThat(md1.Wq()).isCloseTo(2.0, within(1e-12));
        // cs² = 1 gives M/M/1 back
        Prediction mm1 = MG1.predict(0.8, 1, 1, "M/M/1");
        assertThat(mm1.Wq()).isCloseTo(MM1.predict(0.8, 1).Wq(), within(1e-12));
        // Erlang-2 service at ρ = 0.5: Wq = ρ(1 + 1/2)/(2(1 − ρ)) · 1 = 0.75
        assertThat(MG1.predict(0.5, 1, 0.5, "M/E2/1").Wq()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void mmcKBlockingAndThroughput() {
        // exact fractions: M/M/2/7 at λ = 2.4, μ = 1
        Prediction p = MMcK.predict(2, 7, 2.4, 1);
        assertThat(p.L()).isCloseTo(4.56264658338457, within(1e-12));
        assertThat(p.loss()).isCloseTo(0.22396161060412656, within(1e-12));
        assertThat(p.W()).isCloseTo(2.4497534774753413, within(1e-12));
        assertThat(p.throughput()).isCloseTo(2.4 * (1 - 0.22396161060412656), within(1e-12));
        // M/M/1/3 at ρ = 0.5: p_n ∝ 0.5^n, P(full) = 0.125 / 1.875
        assertThat(MMcK.predict(1, 3, 0.5, 1).loss()).isCloseTo(0.125 / 1.875, within(1e-14));
        // a huge buffer and ρ > 1 neither overflow nor underflow
        Prediction big = MMcK.predict(4, 20_000, 8, 1);
        assertThat(big.loss()).isCloseTo(0.5, within(1e-9));
        assertThat(big.throughput()).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void allenCunneenReducesToMmcAndScalesWithVariability() {
        Prediction exact = MMc.predict(3, 2.4, 1);
        Prediction ac = GGc.predict(3, 2.4, 1, 1, 1, "G/G/3");
        assertThat(ac.Wq()).isCloseTo(exact.Wq(), within(1e-12));
        Prediction bursty = GGc.predict(3, 2.4, 1, 3, 1, "G/G/3");
        assertThat(bursty.Wq()).isCloseTo(2 * exact.Wq(), within(1e-12));
        assertThat(bursty.exact()).isFalse();
    }

    @Test
    void overloadGrowthDrainAndAmdahl() {
        assertThat(Backlog.growthRate(3, 3.5, 1)).isCloseTo(0.5, within(1e-12));
        assertThat(Backlog.drainTime(600, 4, 3.5, 1)).isCloseTo(1200, within(1e-9));
        assertThat(Backlog.drainTime(600, 3, 3.5, 1)).isInfinite();
        Prediction over = MMc.predict(3, 3.5, 1);
        assertThat(over.stable()).isFalse();
        assertThat(over.growthRate()).isCloseTo(0.5, within(1e-12));
        assertThat(Amdahl.speedup(0.1, 10)).isCloseTo(1 / 0.19, within(1e-12));
        assertThat(Amdahl.limit(0.05)).isCloseTo(20, within(1e-12));
        assertThat(Little.l(3.6, 2.969)).isCloseTo(10.6884, within(1e-9));
        assertThat(Little.relativeGap(10, 2, 5)).isZero();
    }

    @Test
    void capacityPlanAnswersTheSizingQuestion() {
        CapacityPlan plan = CapacityPlan.plan(1000, 100, new CapacityPlan.Target(Double.NaN, Double.NaN, 0.11));
        assertThat(plan.recommended()).isEqualTo(15);
        assertThat(plan.describe()).contains("unstable").contains("1.333"); // the naive ρ²/(1−ρ) at c = 15
        assertThat(CapacityPlan.plan(1000, 100, new CapacityPlan.Target(0.7, Double.NaN, Double.NaN)).recommended())
                .isEqualTo(15);
        assertThat(CapacityPlan.plan(1000, 100, new CapacityPlan.Target(Double.NaN, 0.001, Double.NaN)).recommended())
                .isEqualTo(13);
        assertThat(plan.afterLosing(6)).contains("unstable");
    }
}
