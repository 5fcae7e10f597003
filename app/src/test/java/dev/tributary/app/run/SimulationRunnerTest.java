package dev.tributary.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.scenario.Examples;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runner without a window. No test here measures the machine: each waits for the model's own
 * progress (a snapshot that satisfies a condition), and the JUnit timeouts, far longer than any
 * run needs, only turn a hang into a failure.
 */
class SimulationRunnerTest {

    /** Polls until the newest snapshot satisfies {@code condition}; returns that snapshot. */
    static Snapshot awaitSnapshot(SimulationRunner r, Predicate<Snapshot> condition) throws InterruptedException {
        while (true) {
            Snapshot s = r.latest();
            if (s != null && condition.test(s)) {
                return s;
            }
            Thread.sleep(2); // a poll interval, not a deadline
        }
    }

    @Test
    @Timeout(120)
    void loadStepPlayPauseAndPublishSnapshots() throws Exception {
        try (SimulationRunner r = new SimulationRunner()) {
            // 10^9 simulated seconds (about 7·10^9 events): the run cannot finish before the pause
            r.load(Examples.load("basics/mmc-queue").withDuration(1e9));
            r.sync();
            Snapshot s0 = r.latest();
            assertThat(s0).isNotNull();
            assertThat(s0.events()).isZero();
            assertThat(s0.elements()).extracting(e -> e.id()).contains("orders", "payment", "checkout");
            r.step();
            r.sync();
            assertThat(r.latest().events()).isEqualTo(1);
            r.setSpeed(SimulationRunner.MAX_SPEED);
            r.play();
            awaitSnapshot(r, s -> s.events() >= 10_000);
            r.pause();
            r.sync();
            long paused = r.latest().events();
            assertThat(paused).isGreaterThanOrEqualTo(10_000);
            assertThat(r.latest().playing()).isFalse();
            assertThat(r.latest().finished()).isFalse();
            // nothing runs while paused: a step now executes exactly one event after the paused count
            r.step();
            r.sync();
            assertThat(r.latest().events()).isEqualTo(paused + 1);
            r.sync();
            assertThat(r.latest().events()).isEqualTo(paused + 1);
            assertThat(r.latest().playing()).isFalse();
        }
    }

    @Test
    @Timeout(120)
    void slowSpeedsRunToTheEnd() throws Exception {
        try (SimulationRunner r = new SimulationRunner()) {
            r.load(Examples.load("basics/mm1").withDuration(60));
            r.setSpeed(100); // 60 simulated seconds take at least 0.6 s of wall time, more on a slow machine
            r.play();
            Snapshot end = awaitSnapshot(r, Snapshot::finished);
            assertThat(end.now()).isEqualTo(60.0);
            assertThat(end.playing()).isFalse();
        }
    }

    @Test
    @Timeout(120)
    void slowSpeedsCarryTokenMoves() throws Exception {
        try (SimulationRunner r = new SimulationRunner()) {
            // a run far longer than any test (10^6 s at 100×): it cannot end before the moves are seen
            r.load(Examples.load("basics/mm1").withDuration(1_000_000));
            r.setSpeed(100);
            r.play();
            Snapshot s = awaitSnapshot(r, x -> !x.moves().isEmpty());
            assertThat(s.playing()).isTrue();
            assertThat(s.finished()).isFalse();
            assertThat(s.moves()).hasSizeLessThanOrEqualTo(SimulationRunner.MAX_MOVES_PER_SNAPSHOT);
        }
    }

    /** The narration's pauses stop the run at their exact simulated time, at any speed (max here). */
    @Test
    @Timeout(120)
    void narrationPausesStopTheRunExactlyAtTheirTime() throws Exception {
        try (SimulationRunner r = new SimulationRunner()) {
            // littles-law pauses at 5m (a caption with pause: true), then at its questions, 1h and 2h
            r.load(Examples.load("lessons/littles-law"));
            r.setSpeed(SimulationRunner.MAX_SPEED);
            r.play();
            Snapshot first = awaitSnapshot(r, s -> s.now() > 0 && !s.playing());
            assertThat(first.now()).isEqualTo(300.0);
            r.play();
            Snapshot second = awaitSnapshot(r, s -> s.now() > 300 && !s.playing());
            assertThat(second.now()).isEqualTo(3600.0);
            assertThat(second.finished()).isFalse();
            r.play();
            Snapshot third = awaitSnapshot(r, s -> s.now() > 3600 && !s.playing());
            assertThat(third.now()).isEqualTo(7200.0);
        }
    }

    @Test
    @Timeout(120)
    void aLimitHoldsThePlayingRunAtThatTimeUntilItIsRaised() throws Exception {
        try (SimulationRunner r = new SimulationRunner()) {
            r.load(Examples.load("basics/mmc-queue").withDuration(1e9));
            r.setSpeed(SimulationRunner.MAX_SPEED);
            r.setLimit(500);
            r.play();
            awaitSnapshot(r, s -> s.now() >= 500);
            r.sync();
            r.sync();
            double[] now = new double[1];
            r.withModel(m -> now[0] = m.now());
            r.sync();
            assertThat(now[0]).isEqualTo(500.0);
            assertThat(r.playing()).isTrue();
            r.setLimit(900);
            awaitSnapshot(r, s -> s.now() >= 900);
            r.withModel(m -> now[0] = m.now());
            r.sync();
            assertThat(now[0]).isEqualTo(900.0);
        }
    }
}
