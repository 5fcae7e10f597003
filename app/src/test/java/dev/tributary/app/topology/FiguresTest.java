package dev.tributary.app.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the drawings read from an element's state, without a window. */
class FiguresTest {

    private static void put(Map<String, Double> st, String p, double start, double end, double close, double events,
                            double top) {
        st.put(p + "start", start);
        st.put(p + "end", end);
        st.put(p + "close", close);
        st.put(p + "events", events);
        st.put(p + "top", top);
    }

    @Test
    void windowsAreReadOldestFirstUntilTheFirstMissingOne() {
        Map<String, Double> st = new HashMap<>();
        put(st, "window.0.", 5, 15, 17, 15, 10);
        put(st, "window.1.", 10, 20, 22, 8, 5);
        st.put("window.3.start", 99.0);
        List<Figures.Window> ws = Figures.windows(st);
        assertThat(ws).containsExactly(new Figures.Window(5, 15, 17, 15, 10), new Figures.Window(10, 20, 22, 8, 5));
        assertThat(ws.get(0).due(14.9)).isFalse();
        assertThat(ws.get(0).due(15)).isTrue();
        // the axis runs from the first start to the last close, and holds now
        assertThat(Figures.span(ws, 14.9)).containsExactly(5, 22);
        assertThat(Figures.span(ws, 30)).containsExactly(5, 30);
        assertThat(Figures.span(List.of(), 3)).isNull();
    }

    @Test
    void stalenessNowIsTheAgeOfTheOldestCommitNotYetVisible() {
        Map<String, Double> st = Map.of("staleness.view.since", 1.1, "staleness.view.mean", 0.2);
        assertThat(Figures.stalenessNow(st, "view", 1.35)).isEqualTo(0.25, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(Figures.stalenessNow(st, "other", 1.35)).isZero();   // caught up
        assertThat(Figures.stalenessMean(st, "view")).isEqualTo(0.2);
        assertThat(Figures.stalenessMean(st, "other")).isNaN();
    }

    @Test
    void aBoundedLineIsFullAtItsCapacityAndOneWithoutRoomWhileEveryWorkerIsBusy() {
        assertThat(Figures.full(Map.of("queued", 10.0), 10)).isTrue();
        assertThat(Figures.full(Map.of("queued", 9.0), 10)).isFalse();
        assertThat(Figures.full(Map.of("queued", 1e9), Integer.MAX_VALUE)).isFalse();
        assertThat(Figures.full(Map.of("queued", 0.0, "busy", 2.0, "workers", 2.0), 0)).isTrue();
        assertThat(Figures.full(Map.of("queued", 0.0, "busy", 1.0, "workers", 2.0), 0)).isFalse();
    }

    @Test
    void aBlockedProducerOrAGroupHoldingEventsWaitsForRoom() {
        assertThat(Figures.waiting(Map.of("blocked", 1.0))).isTrue();
        assertThat(Figures.waiting(Map.of("blocked", 0.0))).isFalse();
        assertThat(Figures.waiting(Map.of("held", 2.0, "busy", 2.0))).isTrue();
        assertThat(Figures.waiting(Map.of("held", 0.0))).isFalse();
        assertThat(Figures.waiting(Map.of())).isFalse();
    }

    @Test
    void aCounterFlashesWhenItRisesNotWhenItIsFirstSeenOrReset() {
        Flashes f = new Flashes();
        f.take("w.alerts", 3, 10.0);
        assertThat(f.since("w.alerts", 10.0)).isInfinite();     // first sight: nothing fired just now
        f.take("w.alerts", 4, 11.0);
        assertThat(f.since("w.alerts", 11.5)).isEqualTo(0.5);
        f.take("w.alerts", 4, 12.0);                             // unchanged: still since 11
        assertThat(f.since("w.alerts", 12.0)).isEqualTo(1.0);
        f.take("w.alerts", 0, 13.0);                             // the warm-up restarts the count: no flash
        assertThat(f.since("w.alerts", 13.0)).isEqualTo(2.0);
        f.clear();
        assertThat(f.since("w.alerts", 13.0)).isInfinite();
    }
}
