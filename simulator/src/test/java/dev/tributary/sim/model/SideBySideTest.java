package dev.tributary.sim.model;

import dev.tributary.sim.element.ElementResult;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.scenario.Scenario;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** No global state: models running at the same time on different threads give the same numbers as alone. */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // waits on worker threads: fails instead of hanging (a limit, not a speed check)
class SideBySideTest {

    @Test
    void concurrentRunsMatchSequentialOnes() throws Exception {
        List<String> names = List.of("streams/hot-keys", "routing/content-router", "pipelines/two-stage", "basics/mmc-queue");
        List<List<ElementResult>> alone = new java.util.ArrayList<>();
        for (String n : names) {
            Model m = new Model(Examples.load(n).withDuration(1800));
            m.runToEnd();
            alone.add(m.results());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ElementResult>>> together = new java.util.ArrayList<>();
            for (String n : names) {
                Scenario s = Examples.load(n).withDuration(1800);
                together.add(pool.submit(() -> {
                    Model m = new Model(s);
                    m.runToEnd();
                    return m.results();
                }));
            }
            for (int i = 0; i < names.size(); i++) {
                assertThat(together.get(i).get()).as(names.get(i)).isEqualTo(alone.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
