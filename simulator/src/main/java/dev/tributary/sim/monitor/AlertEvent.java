package dev.tributary.sim.monitor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An alert raised or cleared: at a sample, {@code figure} of {@code element} crossed the
 * threshold of {@code level} (warning or critical) upwards ({@code raised}) or went back below it.
 */
public record AlertEvent(double time, String element, String figure, String level, boolean raised, double value,
                         double threshold) {

    /** As a report entry. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", time);
        m.put("element", element);
        m.put("figure", figure);
        m.put("level", level);
        m.put("state", raised ? "raised" : "cleared");
        m.put("value", value);
        m.put("threshold", threshold);
        return m;
    }
}
