package dev.tributary.app.run;

import java.util.Map;

/**
 * What the charts need from one publish of the simulation thread: every sample the model's own
 * sampler took since the previous feed, for every element, and the running figures of every element
 * at that moment. Feeds are queued, not overwritten: the UI takes all of them, however many
 * publishes happened between two frames, so no sample is ever lost.
 *
 * @param generation which load of the runner this belongs to (feeds of an older load are ignored)
 * @param time       simulated time of the publish
 * @param samples    element id → series name → {times, values} (only series that gained samples)
 * @param figures    element id → figure name → value: the measured figures (running means since the
 *                   warm-up, as in a report), the current lag of each partition a group reads
 *                   ({@code partition.P.lag}) and each member's busy share so far ({@code member.M.utilization})
 */
public record ChartFeed(long generation, double time, Map<String, Map<String, double[][]>> samples,
                        Map<String, Map<String, Double>> figures) {
}
