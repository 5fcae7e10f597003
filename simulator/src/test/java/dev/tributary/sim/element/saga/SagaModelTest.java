package dev.tributary.sim.element.saga;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.model.Model;
import org.junit.jupiter.api.Test;

/**
 * Sagas on small deterministic cases (constant arrivals, deterministic service and decisions,
 * failures of probability 0 or 1) whose counts and times are worked out by hand.
 */
class SagaModelTest {

    static ElementResult result(Model m, String id) {
        return m.results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    /** started = completed + compensated + failed + timed out + in flight, on every saga of a run. */
    static void assertReconciles(ElementResult saga) {
        assertThat(saga.get("started")).as("started of " + saga.id()).isEqualTo(saga.get("completed")
                + saga.get("compensated") + saga.get("failed") + saga.get("timedOut") + saga.get("inFlight"));
    }

    static String orchestration(String payment, String inventoryExtra) {
        return """
                duration: 10s
                producers: [{id: checkout, to: order-saga, arrivals: constant(1/s)}]
                channels:
                  - id: order-saga
                    type: saga
                    style: orchestration
                    coordinator: {instances: 1, decision: deterministic(10ms)}
                    steps:
                      - {name: reserve, compensation: release, timeout: 1s, retries: 1}
                      - {name: pay, compensation: refund, timeout: 1s, retries: 1}
                      - {name: confirm}
                consumers:
                  - {id: inventory, from: order-saga, step: reserve, service: deterministic(100ms)%s}
                  - {id: payment, from: order-saga, step: pay, service: deterministic(200ms)%s}
                  - {id: orders, from: order-saga, step: confirm, service: deterministic(50ms)}
                """.formatted(inventoryExtra, payment);
    }

    /**
     * Sagas start at t = 1 … 10 s (the last one at the very end). Each takes 4 decisions of 10 ms
     * and 100 + 200 + 50 ms of steps: 390 ms, 7 messages (the start, 3 commands, 3 replies).
     */
    @Test
    void orchestrationWithoutFailuresCompletesEverySaga() {
        Model m = new Model(yaml(orchestration("", "")));
        m.runToEnd();
        ElementResult s = result(m, "order-saga");
        assertThat(s.kind()).isEqualTo("saga");
        assertThat(s.get("started")).isEqualTo(10);
        assertThat(s.get("completed")).isEqualTo(9);
        assertThat(s.get("inFlight")).isEqualTo(1);
        assertThat(s.get("compensated") + s.get("failed") + s.get("timedOut")).isZero();
        assertThat(s.get("completionTime.mean")).isCloseTo(0.39, within(1e-9));
        assertThat(s.get("completionTime.p99")).isCloseTo(0.39, within(1e-3));
        assertThat(s.get("messagesPerSaga")).isEqualTo(7);
        assertThat(s.get("coordinator.utilization")).isCloseTo(9 * 0.04 / 10, within(1e-9));
        assertThat(result(m, "payment").get("W")).isCloseTo(0.2, within(1e-9));
        assertReconciles(s);
    }

    /**
     * Payment always fails; with 1 retry the coordinator tries it twice, then releases the inventory:
     * 10 + 100 + 10 + 200 + 10 + 200 + 10 + 100 + 10 = 650 ms, 9 messages, compensated.
     */
    @Test
    void aFailingStepIsRetriedThenTheCompletedStepsAreCompensatedInReverse() {
        Model m = new Model(yaml(orchestration(", failures: {probability: 1}", "")));
        m.runToEnd();
        ElementResult s = result(m, "order-saga");
        assertThat(s.get("compensated")).isEqualTo(9);
        assertThat(s.get("completed") + s.get("failed") + s.get("timedOut")).isZero();
        assertThat(s.get("W")).isCloseTo(0.65, within(1e-9));
        assertThat(s.get("messagesPerSaga")).isEqualTo(9);
        assertThat(result(m, "payment").get("errors")).isEqualTo(18);
        assertThat(result(m, "inventory").get("compensations")).isEqualTo(9);
        assertThat(result(m, "orders").get("attempts")).isZero();
        assertReconciles(s);
    }

    /** The release fails too (twice: 1 retry): the saga ends failed after 760 ms. */
    @Test
    void aCompensationThatFailsOutOfAttemptsFailsTheSaga() {
        Model m = new Model(yaml(orchestration(", failures: {probability: 1}", ", compensation-failures: 1")));
        m.runToEnd();
        ElementResult s = result(m, "order-saga");
        assertThat(s.get("failed")).isEqualTo(9);
        assertThat(s.get("compensated")).isZero();
        assertThat(s.get("W")).isCloseTo(0.76, within(1e-9));
        assertThat(s.get("messagesPerSaga")).isEqualTo(11);
        assertReconciles(s);
    }

    /**
     * Payment takes 2 s, its timeout is 1 s, 1 retry; sagas at 10 s and 20 s (and one at the end).
     * Pay sent at 10.12, times out at 11.12, is resent at 11.13, times out at 12.13; the release
     * runs 12.14–12.24 and the saga ends at 12.25, timed out after 2.25 s. Both payment attempts still
     * run (ending at 12.12 and 14.12): their replies arrive late and change nothing.
     */
    @Test
    void stepsThatNeverReplyInTimeTimeOutAndLateRepliesAreIgnored() {
        Model m = new Model(yaml("""
                duration: 30s
                producers: [{id: checkout, to: order-saga, arrivals: constant(0.1/s)}]
                channels:
                  - id: order-saga
                    type: saga
                    style: orchestration
                    coordinator: {decision: deterministic(10ms)}
                    steps:
                      - {name: reserve, compensation: release, timeout: 1s, retries: 1}
                      - {name: pay, compensation: refund, timeout: 1s, retries: 1}
                consumers:
                  - {id: inventory, from: order-saga, step: reserve, service: deterministic(100ms)}
                  - {id: payment, from: order-saga, step: pay, service: deterministic(2s)}
                """));
        m.runToEnd();
        ElementResult s = result(m, "order-saga");
        assertThat(s.get("started")).isEqualTo(3);
        assertThat(s.get("timedOut")).isEqualTo(2);
        assertThat(s.get("inFlight")).isEqualTo(1);
        assertThat(s.get("W")).isCloseTo(2.25, within(1e-9));
        assertThat(s.get("lateReplies")).isEqualTo(4);
        assertThat(s.get("messagesPerSaga")).isEqualTo(7);
        assertReconciles(s);
    }

    static String choreography(String payment) {
        return """
                duration: 10s
                producers: [{id: checkout, to: order-saga, arrivals: constant(1/s)}]
                channels:
                  - id: order-saga
                    type: saga
                    style: choreography
                    steps:
                      - {name: reserve, compensation: release, retries: 1}
                      - {name: pay, compensation: refund, retries: 1}
                      - {name: confirm}
                consumers:
                  - {id: inventory, from: order-saga, step: reserve, service: deterministic(100ms)}
                  - {id: payment, from: order-saga, step: pay, service: deterministic(200ms)%s}
                  - {id: orders, from: order-saga, step: confirm, service: deterministic(50ms)}
                """.formatted(payment);
    }

    /** No coordinator: 100 + 200 + 50 ms, and one event per step (3 messages). */
    @Test
    void choreographyChainsTheStepsByEvents() {
        Model m = new Model(yaml(choreography("")));
        m.runToEnd();
        ElementResult s = result(m, "order-saga");
        assertThat(s.get("completed")).isEqualTo(9);
        assertThat(s.get("completionTime.mean")).isCloseTo(0.35, within(1e-9));
        assertThat(s.get("messagesPerSaga")).isEqualTo(3);
        assertThat(s.get("coordinator.utilization")).isNaN();
        assertReconciles(s);
    }

    /** Payment fails twice (redelivered once), then the failure event makes inventory release: 600 ms, 4 events. */
    @Test
    void choreographyCompensatesByEvents() {
        Model m = new Model(yaml(choreography(", failures: {probability: 1}")));
        m.runToEnd();
        ElementResult s = result(m, "order-saga");
        assertThat(s.get("compensated")).isEqualTo(9);
        assertThat(s.get("W")).isCloseTo(0.6, within(1e-9));
        assertThat(s.get("messagesPerSaga")).isEqualTo(4);
        assertReconciles(s);
    }

    /**
     * A fail fault on payment from 3.5 s to 5.5 s: the saga started at 4 s fails both payment attempts
     * (ending 4.32 and 4.53) and is compensated; the one at 5 s fails at 5.32, its retry ends at 5.53
     * after the fault and completes. A slow fault doubling payment adds 200 ms to every saga.
     */
    @Test
    void faultsOnAStepGroupFailOrSlowItsAttempts() {
        Model failing = new Model(yaml(orchestration("", "") + "faults: [{at: 3.5s, fail: payment, for: 2s}]\n"));
        failing.runToEnd();
        ElementResult s = result(failing, "order-saga");
        assertThat(s.get("compensated")).isEqualTo(1);
        assertThat(s.get("completed")).isEqualTo(8);
        assertThat(result(failing, "payment").get("errors")).isEqualTo(3);
        assertReconciles(s);
        Model slow = new Model(yaml(orchestration("", "") + "faults: [{at: 0s, slow: payment, factor: 2, for: 100s}]\n"));
        slow.runToEnd();
        assertThat(result(slow, "order-saga").get("completionTime.mean")).isCloseTo(0.59, within(1e-9));
    }

    /** The moves the app draws, as "from>to" with a trailing "!" for those on the undo lane. */
    static java.util.List<String> moves(Model m) {
        java.util.List<String> out = new java.util.ArrayList<>();
        m.setObserver(e -> {
            if (e instanceof dev.tributary.sim.observe.ModelEvent.Moved mv && mv.time() < 2) {
                out.add(m.elements().get(mv.from()).id() + ">" + m.elements().get(mv.to()).id()
                        + (mv.lane() == dev.tributary.sim.element.Drawing.UNDO_LANE ? "!" : ""));
            }
        });
        m.runToEnd();
        return out;
    }

    /** Orchestration: commands out and replies back through the saga; the release and its reply travel on the undo lane. */
    @Test
    void orchestrationMovesGoThroughTheCoordinatorAndCompensationsAreMarked() {
        Model m = new Model(yaml(orchestration(", failures: {probability: 1}", "")));
        assertThat(moves(m)).containsExactly("checkout>order-saga", "order-saga>inventory", "inventory>order-saga",
                "order-saga>payment", "payment>order-saga", "order-saga>payment", "payment>order-saga",
                "order-saga>inventory!", "inventory>order-saga!");
    }

    /** Choreography: each event goes from one service to the next; the compensation goes backwards, payment to inventory. */
    @Test
    void choreographyMovesGoFromServiceToServiceAndCompensationsGoBackwards() {
        Model m = new Model(yaml(choreography(", failures: {probability: 1}")));
        assertThat(moves(m)).containsExactly("checkout>order-saga", "order-saga>inventory", "inventory>payment",
                "payment>inventory!");
    }
}
