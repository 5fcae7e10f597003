package dev.tributary.app.run;

import dev.tributary.sim.element.ElementInfo;
import dev.tributary.sim.element.ElementResult;
import java.util.List;
import java.util.Map;

/**
 * An immutable picture of a running simulation, taken on the simulation thread and handed to the
 * UI, which reads the newest one once per frame. Chart data travels separately, in
 * {@link Feed}s that are never overwritten.
 *
 * @param generation      which load of the runner this belongs to
 * @param moves           hops since the previous snapshot (empty at high speed, when tokens are off)
 * @param movesFollowed   whether {@code moves} holds every hop since the previous snapshot (false when
 *                        there were too many to follow, or at max speed, where none are collected)
 * @param eventsPerSecond simulated events executed per wall second, recently
 * @param sent            events each element (by index) has passed on since t = 0 (raw: the warm-up resets
 *                        no counter here)
 * @param received        events each element (by index) has been handed since t = 0
 * @param narration       what the last step did, in words (kept until the run plays again; empty before any step)
 */
public record Snapshot(
        long serial,
        long generation,
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
        boolean movesFollowed,
        long[] sent,
        long[] received,
        String narration) {

    /** One hop of one event between two elements (see {@link dev.tributary.sim.observe.ModelEvent.Moved}). */
    public record Move(int from, int to, int key, int lane, double time) {
    }

    /** Events element {@code index} has passed on since t = 0. */
    public long sentBy(int index) {
        return index >= 0 && index < sent.length ? sent[index] : 0;
    }

    /** Events element {@code index} has been handed since t = 0. */
    public long receivedBy(int index) {
        return index >= 0 && index < received.length ? received[index] : 0;
    }
}
