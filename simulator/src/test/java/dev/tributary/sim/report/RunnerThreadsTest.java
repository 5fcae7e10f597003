package dev.tributary.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.scenario.Scenario;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Replications run on a pool of threads; the report is the same on one thread as on two. */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // waits on the replications' threads: fails instead of hanging
class RunnerThreadsTest {

    @Test
    void oneAndTwoThreadsGiveIdenticalReports() throws Exception {
        Scenario s = Examples.load("streams/kafka-uniform-keys").withDuration(600).withWarmup(60);
        Report one = new Runner().withThreads(1).run(s, 4);
        Report two = new Runner().withThreads(2).run(s, 4);
        assertThat(two.events()).isEqualTo(one.events()).isPositive();
        assertThat(two.elements()).hasSameSizeAs(one.elements());
        for (int e = 0; e < one.elements().size(); e++) {
            ElementReport a = one.elements().get(e);
            ElementReport b = two.elements().get(e);
            assertThat(b.id()).isEqualTo(a.id());
            for (String f : a.measured().keySet()) {
                // bit for bit, not merely close: the replications are gathered by index whatever thread ran them
                assertThat(Double.doubleToRawLongBits(b.value(f))).as(a.id() + "." + f)
                        .isEqualTo(Double.doubleToRawLongBits(a.value(f)));
                assertThat(Double.doubleToRawLongBits(b.halfWidth(f))).as(a.id() + "." + f + " half-width")
                        .isEqualTo(Double.doubleToRawLongBits(a.halfWidth(f)));
            }
        }
    }

    @Test
    void replicationsRunOnAsManyThreadsAsAskedAndOnEveryCoreByDefault() throws Exception {
        Scenario s = Examples.load("basics/mmc-queue").withDuration(60).withWarmup(0);
        // a fixed pool starts one thread per task until it is full, and every replication reports its
        // progress at least once (when it ends) from the thread that ran it
        java.util.Set<Thread> two = java.util.concurrent.ConcurrentHashMap.newKeySet();
        new Runner().withThreads(2).withProgress(f -> two.add(Thread.currentThread())).run(s, 4);
        assertThat(two).hasSize(2).noneMatch(t -> t == Thread.currentThread());
        int cores = Runtime.getRuntime().availableProcessors();
        java.util.Set<Thread> all = java.util.concurrent.ConcurrentHashMap.newKeySet();
        new Runner().withProgress(f -> all.add(Thread.currentThread())).run(s, cores + 2);
        assertThat(all).hasSize(cores);
    }

    @Test
    void aNegativeThreadCountIsRefused() {
        assertThatThrownBy(() -> new Runner().withThreads(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
