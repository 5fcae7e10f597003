package dev.tributary.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.scenario.Examples;
import org.junit.jupiter.api.Test;

class SimulationRunnerTest {

    @Test
    void loadStepPlayPauseAndPublishSnapshots() throws Exception {
        try (SimulationRunner r = new SimulationRunner()) {
            r.load(Examples.load("basics/mmc-queue"));
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
            long deadline = System.currentTimeMillis() + 5000;
            while (r.latest().events() < 10_000 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            r.pause();
            r.sync();
            long paused = r.latest().events();
            assertThat(paused).isGreaterThanOrEqualTo(10_000);
            assertThat(r.latest().playing()).isFalse();
            Thread.sleep(100);
            r.sync();
            assertThat(r.latest().events()).isEqualTo(paused);
        }
    }

    @Test
    void slowSpeedsCarryTokenMovesAndRunsReachTheEnd() throws Exception {
        try (SimulationRunner r = new SimulationRunner()) {
            r.load(Examples.load("basics/mm1").withDuration(60));
            r.setSpeed(100);
            r.play();
            long deadline = System.currentTimeMillis() + 5000;
            boolean sawMoves = false;
            while (System.currentTimeMillis() < deadline && (r.latest() == null || !r.latest().finished())) {
                Snapshot s = r.latest();
                sawMoves |= s != null && !s.moves().isEmpty();
                Thread.sleep(5);
            }
            assertThat(r.latest().finished()).isTrue();
            assertThat(r.latest().now()).isEqualTo(60.0);
            assertThat(sawMoves).isTrue();
        }
    }
}
