package dev.tributary.sim.element.queue;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.model.Model;
import org.junit.jupiter.api.Test;

/**
 * A crashed queue worker's message comes back after the visibility timeout (SQS-style), by hand: one
 * worker, a message every 10 s from t = 10 s, 4 s of work each, visibility timeout 30 s.
 */
class QueueCrashTest {

    private static Model run(String faults) {
        Model m = new Model(yaml("""
                duration: 100s
                producers: [{id: p, to: q, arrivals: constant(0.1/s)}]
                channels: [{id: q, type: queue, visibility-timeout: 30s}]
                consumers: [{id: w, from: q, service: deterministic(4s)}]
                faults: [%s]
                """.formatted(faults)));
        m.runToEnd();
        return m;
    }

    private static ElementResult q(Model m) {
        return m.results().stream().filter(r -> r.id().equals("q")).findFirst().orElseThrow();
    }

    @Test
    void theCrashedWorkersMessageIsVisibleAgainAfterTheTimeoutAndHandledOnce() {
        // crash at 12 s while handling the 10 s message; restart at 15 s; the message is back at 42 s, the
        // worker (busy with the 40 s message until 44 s) takes it then: done at 48 s
        Model m = run("{at: 12s, crash: w, instance: 1}, {at: 15s, start: w, instance: 1}");
        ElementResult r = q(m);
        assertThat(r.get("crashes")).isEqualTo(1.0);
        assertThat(r.get("redelivered")).isEqualTo(1.0);
        // every message from 10 s to 90 s was handled once (9), the one arriving at 100 s is in service
        assertThat(m.snapshot().get("w").get("completions")).isEqualTo(9.0);
        assertThat(r.get("backlog")).isEqualTo(1.0);
    }

    @Test
    void withoutARestartTheMessageWaitsInTheQueue() {
        Model m = run("{at: 12s, crash: w, instance: 1}");
        ElementResult r = q(m);
        assertThat(r.get("redelivered")).isEqualTo(1.0);
        assertThat(m.snapshot().get("w").get("completions")).isEqualTo(0.0);
        assertThat(r.get("backlog")).isEqualTo(10.0); // 20 s … 100 s (9), and the 10 s one, back at 42 s
        assertThat(m.snapshot().get("w").get("worker.0.down")).isEqualTo(1.0);
    }

    @Test
    void aStoppedWorkerFinishesItsMessageFirst() {
        Model m = run("{at: 12s, stop: w, instance: 1}, {at: 35s, start: w, instance: 1}");
        ElementResult r = q(m);
        assertThat(r.measured()).doesNotContainKey("redelivered");
        // done at 14 s; 20 s and 30 s wait; from 35 s: 20 s (39), 30 s (43), 40 s (47), 50 … 90 s: 9 in all
        assertThat(m.snapshot().get("w").get("completions")).isEqualTo(9.0);
    }
}
