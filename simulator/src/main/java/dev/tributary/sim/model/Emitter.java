package dev.tributary.sim.model;

import dev.tributary.sim.engine.RandomStream;

/** What a consumer group publishes after each handled event (pipelines, choreographies). */
final class Emitter {

    private final Destination[] targets;
    private final int[] typeOverride;
    private final double[] probability;
    private final RandomStream random;
    private final Model model;
    private final int from;

    Emitter(Model model, int from, Destination[] targets, int[] typeOverride, double[] probability, RandomStream random) {
        this.model = model;
        this.from = from;
        this.targets = targets;
        this.typeOverride = typeOverride;
        this.probability = probability;
        this.random = random;
    }

    /** Publishes the follow-up events of one handled event, keeping its key, origin time and id. */
    void emit(int key, int type, double origin, long id) {
        for (int i = 0; i < targets.length; i++) {
            if (probability[i] < 1 && random.nextDouble() >= probability[i]) {
                continue;
            }
            int t = typeOverride[i] >= 0 ? typeOverride[i] : type;
            model.flow(from, targets[i].index(), key, -1);
            targets[i].offer(key, t, origin, id, null);
        }
    }

    boolean isEmpty() {
        return targets.length == 0;
    }
}
