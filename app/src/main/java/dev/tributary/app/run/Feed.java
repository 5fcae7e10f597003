package dev.tributary.app.run;

import java.util.Map;

/**
 * What the UI takes from one publish of the simulation thread besides the newest snapshot: every
 * sample the model's own sampler took since the previous feed, for every element, the running
 * figures of every element at that moment, and the moves since the previous feed. Feeds are queued,
 * not overwritten: the UI takes all of them, however many publishes happened between two frames, so
 * no sample (and at slow speeds no move) is ever lost.
 *
 * @param generation which load of the runner this belongs to (feeds of an older load are ignored)
 * @param time       simulated time of the publish
 * @param samples    element id → series name → {times, values} (only series that gained samples)
 * @param figures    element id → figure name → value: the measured figures (running means since the
 *                   warm-up, as in a report), the current lag of each partition a group reads
 *                   ({@code partition.P.lag}) and each member's busy share so far ({@code member.M.utilization})
 * @param moves      hops since the previous feed (empty when they were too many to follow, or at max speed)
 */
public record Feed(long generation, double time, Map<String, Map<String, double[][]>> samples,
                   Map<String, Map<String, Double>> figures, java.util.List<Snapshot.Move> moves) {
}
