package dev.tributary.app.topology;

import java.util.HashMap;
import java.util.Map;

/**
 * Counters that flash on screen when they go up (an alert fired, a window closed): remembers, per
 * name, the last value seen and the wall time it last rose. A counter that goes down (the warm-up
 * restarts the statistics) is taken as its new value without a flash.
 */
final class Flashes {

    private final Map<String, double[]> seen = new HashMap<>();

    /** Takes the current {@code value} of counter {@code name} at wall time {@code wall}. */
    void take(String name, double value, double wall) {
        double[] s = seen.get(name);
        if (s == null) {
            seen.put(name, new double[] {value, Double.NEGATIVE_INFINITY});
            return;
        }
        if (value > s[0]) {
            s[1] = wall;
        }
        s[0] = value;
    }

    /** Wall seconds since counter {@code name} last rose, infinity if it never did. */
    double since(String name, double wall) {
        double[] s = seen.get(name);
        return s == null ? Double.POSITIVE_INFINITY : wall - s[1];
    }

    /** Forgets every counter (another scenario). */
    void clear() {
        seen.clear();
    }
}
