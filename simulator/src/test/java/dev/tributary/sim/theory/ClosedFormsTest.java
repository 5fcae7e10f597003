package dev.tributary.sim.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.distribution.Exponential;
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

    @Test
    void dm1ByTheGiM1Root() {
        // D/M/1, λ = 1, μ = 1.25: σ solves σ = e^(−μ(1 − σ)) (A*(s) = e^(−s)), W = 1/(μ(1 − σ));
        // σ = 0.6286297964969467, W = 2.1541846719359179 (mpmath, 30 digits). Kingman's approximation
        // would say W = 0.8 + ½·ρ/(μ − λ) = 2.4: 11% too high
        Interarrival d = new Interarrival.Deterministic(1.0);
        assertThat(GIMc.sigma(d, 1, 1.25)).isCloseTo(0.6286297964969467, within(1e-13));
        Prediction p = GIMc.predict(d, 1, 1.25);
        assertThat(p.model()).isEqualTo("D/M/1");
        assertThat(p.W()).isCloseTo(2.1541846719359179, within(1e-10));
        assertThat(p.pWait()).isCloseTo(0.6286297964969467, within(1e-10));
        // GI/M/1 sojourn is exponential with rate μ(1 − σ): its mean is W
        assertThat(GIMc.sojournTail(d, 1, 1.25, 1.0)).isCloseTo(Math.exp(-1 / p.W()), within(1e-10));
    }

    @Test
    void giMcWithExponentialGapsIsErlangC() {
        for (int c : new int[] {1, 2, 4, 7}) {
            double lambda = 0.85 * c;
            Prediction gi = GIMc.predict(Interarrival.poissonAt(lambda), c, 1);
            Prediction mmc = MMc.predict(c, lambda, 1);
            assertThat(gi.pWait()).as("c = %d", c).isCloseTo(mmc.pWait(), within(1e-10));
            assertThat(gi.Wq()).as("c = %d", c).isCloseTo(mmc.Wq(), within(1e-9));
        }
    }

    @Test
    void onOffArrivalsAreHyperexponentialAndGiMcIsExact() {
        // onoff(12/s, 20 s, 40 s) into 6 exponential workers of 1 s (pipelines/bursty): Takács' formula in
        // 30-digit arithmetic gives σ = 0.99590136507808, P(wait) = 0.98142862978171, W = 40.908760212375;
        // checked against the embedded Markov chain solved directly for smaller cases (c = 5, 6)
        Interarrival h = Interarrival.onOff(12, 20, 40);
        assertThat(h.rate()).isCloseTo(4.0, within(1e-12));
        // the H2 law has the interrupted Poisson process's SCV 1 + 2λr₁/(r₁ + r₂)² (Fischer and Meier-Hellstern 1993)
        double r1 = 1 / 20.0;
        double r2 = 1 / 40.0;
        assertThat(h.scv()).isCloseTo(1 + 2 * 12 * r1 / ((r1 + r2) * (r1 + r2)), within(1e-9));
        assertThat(GIMc.sigma(h, 6, 1)).isCloseTo(0.99590136507808, within(1e-12));
        Prediction p = GIMc.predict(h, 6, 1);
        assertThat(p.pWait()).isCloseTo(0.98142862978171, within(1e-9));
        assertThat(p.W()).isCloseTo(40.908760212375, within(1e-7));
        // smaller cases against the directly solved embedded chain (numpy, 800 states)
        assertThat(GIMc.predict(Interarrival.onOff(12, 2, 4), 6, 1).Wq()).isCloseTo(3.959092843568, within(1e-9));
        assertThat(GIMc.predict(Interarrival.onOff(8, 1, 1), 5, 1).pWait()).isCloseTo(0.779911466725, within(1e-9));
    }

    @Test
    void roundRobinOfPoissonIsErlangAndE3M1IsExact() {
        // three partitions in turn: every third Poisson(30) arrival, Erlang-3 gaps of rate 10; μ = 12.5:
        // σ = (30/(30 + 12.5(1 − σ)))³ = 0.71093444085528, W = 0.27675382787456 (mpmath)
        Interarrival e3 = Interarrival.poissonAt(30).every(3);
        assertThat(e3.kendall()).isEqualTo("E3");
        assertThat(e3.scv()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(GIMc.predict(e3, 1, 12.5).W()).isCloseTo(0.27675382787456, within(1e-11));
        // random thinning keeps Poisson Poisson, and makes constant arrivals a geometric multiple of the period
        assertThat(Interarrival.poissonAt(10).thinned(0.3).poisson()).isTrue();
        Interarrival split = new Interarrival.Deterministic(1).thinned(0.5);
        assertThat(split.rate()).isCloseTo(0.5, within(1e-12));
        assertThat(split.scv()).isCloseTo(0.5, within(1e-12)); // p·0 + 1 − p
        // E[e^(−sG)] of a geometric(½) number of unit gaps: ½e^(−s)/(1 − ½e^(−s))
        assertThat(split.lst(0.7)).isCloseTo(0.5 * Math.exp(-0.7) / (1 - 0.5 * Math.exp(-0.7)), within(1e-15));
        // counts of a Poisson(μ) process during a gap sum to one and have mean μ·E[G]
        double[] counts = split.countsInGap(1.5);
        double total = 0;
        double mean = 0;
        for (int j = 0; j < counts.length; j++) {
            total += counts[j];
            mean += j * counts[j];
        }
        assertThat(total).isCloseTo(1, within(1e-12));
        assertThat(mean).isCloseTo(1.5 * 2, within(1e-9));
    }

    @Test
    void blockingQueueIsMmcKPlusOne() {
        // Poisson(2.5/s) producer, 2 workers of 1 s, capacity 3, overflow: block. The held event is one more
        // place: M/M/2/(5+1). Exact fractions (mpmath): throughput 1.8456100380279095, P(produced event
        // waits) 0.28365253698829, producer blocked 0.26175598478884 of the time, queue L 3.7281590806292,
        // W 2.0200145230099 — where M/M/2/5 would say the producer delivers 2.5/s and loses events
        Prediction p = new Station(2.5, Interarrival.poissonAt(2.5), 1, 2, new Exponential(1), 3, Station.Full.BLOCK)
                .predict();
        assertThat(p.exact()).isTrue();
        assertThat(p.throughput()).isCloseTo(1.8456100380279095, within(1e-12));
        assertThat((Double) p.figures().get("blockProbability")).isCloseTo(0.28365253698829, within(1e-12));
        assertThat((Double) p.figures().get("blockedFraction")).isCloseTo(0.26175598478884, within(1e-12));
        assertThat(p.L()).isCloseTo(3.7281590806292, within(1e-11));
        assertThat(p.W()).isCloseTo(2.0200145230099, within(1e-11));
        assertThat(p.loss()).isZero();
        assertThat(p.toMap()).doesNotContainKey("lossProbability");
    }

    @Test
    void dropOldestServesFewerWaitsButLosesAsMany() {
        // M/M/1, one waiting place, λ = μ = 1: p₀ = p₁ = p₂ = 1/3. A newcomer always ends up alone in the
        // queue (if it was full, the head was pushed out) and is served if the worker finishes before the
        // next arrival: probability ½, after ¼ s on average; so Wq of those served = (⅔·¼)/(⅓ + ⅔·½) = ¼
        Prediction p = new Station(1, Interarrival.poissonAt(1), 1, 1, new Exponential(1), 1, Station.Full.DROP_OLDEST)
                .predict();
        assertThat(p.exact()).isTrue();
        assertThat(p.Wq()).isCloseTo(0.25, within(1e-14));
        assertThat(p.W()).isCloseTo(1.25, within(1e-14));
        assertThat(p.loss()).isCloseTo(1 / 3.0, within(1e-14));
        // larger: as many lost as M/M/c/K, shorter waits for those served
        Prediction drop = new Station(3, Interarrival.poissonAt(3), 1, 2, new Exponential(1), 6, Station.Full.DROP_OLDEST)
                .predict();
        Prediction reject = MMcK.predict(2, 8, 3, 1);
        assertThat(drop.loss()).isCloseTo(reject.loss(), within(1e-14));
        assertThat(drop.throughput()).isCloseTo(reject.throughput(), within(1e-12));
        assertThat(drop.Wq()).isLessThan(reject.Wq());
    }

    @Test
    void workersOfDifferentSpeedsWithTheLastIdleRule() {
        // one worker of rate 2 and one of rate 1, λ = 1, the last worker to become idle takes the next event:
        // solved independently over explicit worker stacks (numpy): L = 27/34, Lq = 3/34, the fast worker
        // serves 10/17 of the events
        HeterogeneousServers.Result r = HeterogeneousServers.solve(new int[] {1, 1}, new double[] {2, 1}, 1,
                Integer.MAX_VALUE);
        assertThat(r.exactRule()).isTrue();
        assertThat(r.L()).isCloseTo(27.0 / 34, within(1e-11));
        assertThat(r.Lq()).isCloseTo(3.0 / 34, within(1e-11));
        assertThat(r.groupThroughput()[0]).isCloseTo(10.0 / 17, within(1e-11));
        // two fast (0.3 s) and three slow (1 s) at λ = 4: L 2.48913890506, fast share 2.2511958/s (numpy, 476 states)
        HeterogeneousServers.Result mixed = HeterogeneousServers.solve(new int[] {2, 3}, new double[] {1 / 0.3, 1}, 4,
                Integer.MAX_VALUE);
        assertThat(mixed.L()).isCloseTo(2.48913890506, within(1e-9));
        assertThat(mixed.groupThroughput()[0]).isCloseTo(2.2511958, within(1e-6));
        // groups of one speed are plain M/M/c
        HeterogeneousServers.Result same = HeterogeneousServers.solve(new int[] {2, 2}, new double[] {1, 1}, 3,
                Integer.MAX_VALUE);
        assertThat(same.L()).isCloseTo(MMc.predict(4, 3, 1).L(), within(1e-10));
        assertThat(same.pWait()).isCloseTo(MMc.predict(4, 3, 1).pWait(), within(1e-10));
    }

    @Test
    void routedServerAgreesWithRenewalCases() {
        // round-robin over two partitions, member owns one: every other Poisson event, E2/M/1
        RoutedServer.Result rr = RoutedServer.roundRobin(Interarrival.poissonAt(3), 2, new boolean[] {true, false});
        assertThat(rr.w()).isCloseTo(GIMc.predict(Interarrival.poissonAt(3).every(2), 1, 2).W(), within(1e-8));
        // sticky batches of one over two partitions alternate strictly: the same E2/M/1
        RoutedServer.Result st = RoutedServer.sticky(Interarrival.poissonAt(3), 2, 1, 2, 1);
        assertThat(st.w()).isCloseTo(rr.w(), within(1e-8));
        // constant arrivals, a fixed pattern {0, 1} of 3: a cycle no renewal formula covers; mean wait
        // between the D/M/1 at the same rate and the wait of the partition that comes right after the other
        RoutedServer.Result cyc = RoutedServer.roundRobin(new Interarrival.Deterministic(0.5), 1.5,
                new boolean[] {true, true, false});
        assertThat(cyc.lambda()).isCloseTo(4 / 3.0, within(1e-12));
        assertThat(cyc.classWq()[1]).isGreaterThan(cyc.classWq()[0]);
    }

    @Test
    void overloadFromEmptyIdlesAFiniteTime() {
        // M/M/1 with λ > μ started empty: the number of visits to 0 is geometric with return
        // probability μ/λ, each lasting 1/λ: total idle 1/(λ − μ) (Karlin and Taylor §4.7)
        assertThat(Backlog.totalIdle(1, 3, 2)).isCloseTo(1.0, within(1e-9));
        assertThat(Backlog.totalIdle(1, 1.5, 1)).isCloseTo(2.0, within(1e-9));
        // the idle time before t grows to the total
        assertThat(Backlog.idleUntil(1, 3, 2, 1e4)).isCloseTo(1.0, within(1e-9));
        assertThat(Backlog.idleUntil(1, 3, 2, 0.5)).isBetween(0.0, 0.5);
        // over a window the utilization stays below 1 and the backlog grows at λ − cμ
        var w = Backlog.window(3, 3.5, 1, 0, 3600);
        assertThat(w.get("utilization")).isLessThan(1).isGreaterThan(0.999);
        assertThat(w.get("backlog")).isCloseTo(0.5 * 3600, within(20.0));
        Prediction over = new Station(3.5, 1, 3, new Exponential(1), Integer.MAX_VALUE).predict();
        assertThat(over.utilization()).isEqualTo(1.0);
        assertThat(over.offeredLoad()).isCloseTo(3.5 / 3, within(1e-12));
        assertThat(over.toMap()).containsEntry("utilization", 1.0).containsEntry("offeredLoad", 3.5 / 3);
    }
}
