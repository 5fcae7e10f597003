package dev.tributary.app.run;

import dev.tributary.sim.element.ElementInfo;
import dev.tributary.sim.element.ElementResult;
import java.util.List;
import java.util.Map;

/**
 * An immutable picture of a running simulation, taken on the simulation thread and handed to the
 * UI, which reads the newest one once per frame.
 *
 * @param moves       hops since the previous snapshot (empty at high speed, when tokens are off)
 * @param eventsPerSecond simulated events executed per wall second, recently
 * @param samples     time-series samples taken since the previous snapshot: element id → series name →
 *                    {times, values}
 * @param samplesFromStart true when {@code samples} holds every series from its first sample (after a
 *                    load or a resend): a viewer should drop what it had and take these
 */
public record Snapshot(
        long serial,
        double now,
        double duration,
        long events,
        double eventsPerSecond,
        boolean playing,
        boolean finished,
        List<ElementInfo> elements,
        Map<String, Map<String, Double>> state,
        Map<String, ElementResult> results,
        List<Move> moves,
        Map<String, Map<String, double[][]>> samples,
        boolean samplesFromStart) {

    /** One hop of one event between two elements (see {@link dev.tributary.sim.model.FlowListener}). */
    public record Move(int from, int to, int key, int lane, double time) {
    }
}
