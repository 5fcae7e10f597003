package dev.tributary.sim.element.stage;

import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.format.Fields;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code type: stage}: one stage of a SEDA pipeline (pipes and filters): a bounded queue served by
 * the workers of the group reading it. When it is full it either holds back whoever sends to it
 * (the producer, or the upstream stage's worker, which keeps its finished event and takes no new
 * work: backpressure travels up the line) or sheds the newcomer.
 */
public final class StageKind implements ChannelKind {

    /** The type word. */
    public static final String WORD = "stage";

    @Override
    public String word() {
        return WORD;
    }

    @Override
    public String summary() {
        return "a pipeline stage: a bounded queue whose fullness blocks the upstream stage's workers and, through"
                + " them, the producer (backpressure), or sheds the newcomer";
    }

    @Override
    public Map<String, String> keys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("capacity", "most events waiting (not counting those in service), 0 or more; required");
        k.put("when-full", "block (default: the sender holds its event and waits: backpressure) or shed (the newcomer is"
                + " rejected and counted)");
        return k;
    }

    @Override
    public ChannelSpec bind(String id, Fields f) {
        if (!f.has("capacity")) {
            f.problem("capacity", "is required for a stage; expected the most events waiting, 0 or more");
        }
        int capacity = f.integer("capacity", 0, StageSpec.MAX_CAPACITY, 0, "a capacity of 0 to "
                + StageSpec.MAX_CAPACITY + " events");
        StageSpec.WhenFull whenFull = f.enumValue("when-full", StageSpec.WhenFull.class, StageSpec.WhenFull.BLOCK,
                "block or shed");
        return id == null || whenFull == null || !f.has("capacity") ? null : new StageSpec(id, capacity, whenFull);
    }
}
