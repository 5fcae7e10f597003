package dev.tributary.sim.theory;

import java.util.LinkedHashMap;
import java.util.Map;

/** The prediction for one element: a station model where one applies, plus element-specific figures. */
public record ElementPrediction(String id, String kind, Prediction prediction, Map<String, Object> extra) {

    /** The report's {@code predicted} block. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (prediction != null) {
            m.putAll(prediction.toMap());
        }
        extra.forEach((k, v) -> {
            // no NaN or infinity in a report: a figure that has no value is left out
            if (!(v instanceof Double d) || Double.isFinite(d)) {
                m.put(k, v);
            }
        });
        return m;
    }
}
