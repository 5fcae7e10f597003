package dev.tributary.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineTest {

    @Test
    void eventsRunInTimeOrderAndTiesInInsertionOrder() {
        Engine e = new Engine();
        List<String> log = new ArrayList<>();
        EventHandler h = (kind, arg) -> log.add(kind + "@" + e.now() + "#" + arg);
        e.scheduleAt(2.0, h, 1, 0);
        e.scheduleAt(1.0, h, 2, 0);
        e.scheduleAt(2.0, h, 3, 0);
        e.scheduleAt(1.0, h, 4, 0);
        e.scheduleAt(0.5, h, 5, 7);
        e.runUntil(10);
        assertThat(log).containsExactly("5@0.5#7", "2@1.0#0", "4@1.0#0", "1@2.0#0", "3@2.0#0");
        assertThat(e.executed()).isEqualTo(5);
        assertThat(e.now()).isEqualTo(10.0);
    }

    @Test
    void heapKeepsTotalOrderUnderRandomLoad() {
        Engine e = new Engine();
        RandomStream r = new RandomStream(1);
        double[] last = {-1};
        long[] count = {0};
        EventHandler h = new EventHandler() {
            @Override
            public void handle(int kind, long arg) {
                assertThat(e.now()).isGreaterThanOrEqualTo(last[0]);
                last[0] = e.now();
                if (count[0]++ < 200_000) {
                    e.schedule(r.nextInt(4) == 0 ? 0 : r.exponential(1), this, 0, 0);
                }
            }
        };
        for (int i = 0; i < 1000; i++) {
            e.schedule(r.exponential(1), h, 0, 0);
        }
        e.runUntil(Double.POSITIVE_INFINITY);
        assertThat(e.executed()).isEqualTo(200_000 + 1000);
        assertThat(e.pending()).isZero();
    }

    @Test
    void stepRunsExactlyOneEvent() {
        Engine e = new Engine();
        int[] n = {0};
        EventHandler h = (k, a) -> n[0]++;
        e.schedule(1, h, 0, 0);
        e.schedule(2, h, 0, 0);
        assertThat(e.step()).isTrue();
        assertThat(n[0]).isEqualTo(1);
        assertThat(e.now()).isEqualTo(1.0);
        assertThat(e.step()).isTrue();
        assertThat(e.step()).isFalse();
    }

    @Test
    void runUntilStopsBeforeLaterEventsAndResumes() {
        Engine e = new Engine();
        List<Double> times = new ArrayList<>();
        EventHandler h = (k, a) -> times.add(e.now());
        e.scheduleAt(1, h, 0, 0);
        e.scheduleAt(5, h, 0, 0);
        e.runUntil(3);
        assertThat(times).containsExactly(1.0);
        assertThat(e.now()).isEqualTo(3.0);
        e.runUntil(6);
        assertThat(times).containsExactly(1.0, 5.0);
    }

    @Test
    void pauseRequestedFromAnotherThreadStopsTheRun() throws Exception {
        Engine e = new Engine();
        EventHandler h = new EventHandler() {
            @Override
            public void handle(int kind, long arg) {
                e.schedule(1e-6, this, 0, 0);
            }
        };
        e.schedule(0, h, 0, 0);
        Thread pauser = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            e.requestPause();
        });
        pauser.start();
        boolean reached = e.runUntil(Double.POSITIVE_INFINITY);
        pauser.join();
        assertThat(reached).isFalse();
        assertThat(e.executed()).isGreaterThan(0);
        long before = e.executed();
        e.runUntil(e.now() + 1e-3);
        assertThat(e.executed()).isGreaterThan(before);
    }

    @Test
    void progressListenerHearsTheEnd() {
        Engine e = new Engine();
        double[] seen = {-1};
        e.setProgressListener((now, events) -> seen[0] = now);
        e.schedule(1, (k, a) -> { }, 0, 0);
        e.runUntil(4);
        assertThat(seen[0]).isEqualTo(4.0);
    }

    @Test
    void schedulingInThePastIsRefused() {
        Engine e = new Engine();
        e.scheduleAt(2, (k, a) -> { }, 0, 0);
        e.runUntil(3);
        assertThatThrownBy(() -> e.scheduleAt(1, (k, a) -> { }, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.schedule(Double.NaN, (k, a) -> { }, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
