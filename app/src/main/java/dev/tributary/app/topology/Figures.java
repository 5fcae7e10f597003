package dev.tributary.app.topology;

import dev.tributary.sim.element.Drawing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the drawings read from an element's state, as plain values (no JavaFX), by the names
 * {@link Drawing.Shape} documents: the windows a window shape holds, a reader's staleness, whether a
 * sender waits for room. Knows no element kind.
 */
final class Figures {

    private Figures() {
    }

    /** One window held: its event-time span, when it is freed, its events and the most of one key. */
    record Window(double start, double end, double close, int events, int top) {

        /** Whether the watermark {@code now} has passed its end: what arrives for it now is late. */
        boolean due(double now) {
            return now >= end;
        }
    }

    /** The windows in a {@link Drawing.Shape#WINDOW}'s state, oldest first. */
    static List<Window> windows(Map<String, Double> st) {
        List<Window> out = new ArrayList<>();
        for (int i = 0; i < Drawing.MAX_WINDOWS; i++) {
            String p = "window." + i + ".";
            Double start = st.get(p + "start");
            if (start == null) {
                break;
            }
            out.add(new Window(start, st.getOrDefault(p + "end", start), st.getOrDefault(p + "close", start),
                    (int) (double) st.getOrDefault(p + "events", 0.0), (int) (double) st.getOrDefault(p + "top", 0.0)));
        }
        return out;
    }

    /** The event-time span [first start, last close] the windows cover, widened to hold {@code now}; null if none. */
    static double[] span(List<Window> windows, double now) {
        if (windows.isEmpty()) {
            return null;
        }
        double from = Math.min(now, windows.get(0).start());
        double to = now;
        for (Window w : windows) {
            from = Math.min(from, w.start());
            to = Math.max(to, w.close());
        }
        return new double[] {from, Math.max(to, from + 1e-9)};
    }

    /**
     * A reader's staleness now: the time since the commit of the oldest event its read model does not
     * show yet ({@code staleness.G.since} in its store's state), 0 when it is caught up.
     */
    static double stalenessNow(Map<String, Double> storeState, String reader, double now) {
        Double since = storeState.get("staleness." + reader + ".since");
        return since == null ? 0 : Math.max(0, now - since);
    }

    /** A reader's mean staleness so far, NaN before its first event is visible. */
    static double stalenessMean(Map<String, Double> storeState, String reader) {
        return storeState.getOrDefault("staleness." + reader + ".mean", Double.NaN);
    }

    /** Whether a channel of {@code capacity} waiting places is full in state {@code st} (never when unbounded). */
    static boolean full(Map<String, Double> st, int capacity) {
        if (capacity == Integer.MAX_VALUE) {
            return false;
        }
        if (capacity == 0) { // no waiting room: full while every worker is busy
            double workers = st.getOrDefault("workers", 0.0);
            return workers > 0 && st.getOrDefault("busy", 0.0) >= workers;
        }
        return st.getOrDefault("queued", 0.0) >= capacity;
    }

    /** Whether an element waits for room downstream: a producer blocked, or a group with workers holding events. */
    static boolean waiting(Map<String, Double> st) {
        return st.getOrDefault("blocked", 0.0) > 0 || st.getOrDefault("held", 0.0) > 0;
    }
}
