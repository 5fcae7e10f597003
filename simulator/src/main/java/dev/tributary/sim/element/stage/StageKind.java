package dev.tributary.sim.element.stage;

import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.format.Fields;
import java.util.LinkedHashMap;
import java.util.List;
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
    /** Most threads a stage's pool may grow to. */
    static final int MAX_THREADS = 10_000;
    private static final List<String> POOL_KEYS = List.of("min", "max", "grow-above", "every", "idle");

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
        k.put("admit-below", "admission control: a newcomer is turned away (counted as admissionRejected) while this"
                + " many or more events wait, 0 to capacity; the stage then sheds early and never blocks its senders;"
                + " default none");
        k.put("pool", "SEDA's thread pool controller {min, max, grow-above, every, idle}: every 'every' it starts one"
                + " more thread when more than grow-above events wait (up to max: the reading group's instances); a"
                + " thread idle for 'idle' stops (down to min); default none (all instances run)");
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
        int admitBelow = StageSpec.ADMIT_ALL;
        if (f.has("admit-below")) {
            admitBelow = f.integer("admit-below", 0, capacity, capacity, "a threshold of 0 to the capacity ("
                    + capacity + ") waiting events");
        }
        StageSpec.Pool pool = null;
        boolean poolOk = true;
        if (f.has("pool")) {
            Fields p = f.mapping("pool", "a mapping such as {min: 1, max: 8, grow-above: 4, every: 1s, idle: 10s}");
            pool = p == null ? null : pool(p);
            poolOk = pool != null;
        }
        return id == null || whenFull == null || !f.has("capacity") || !poolOk ? null
                : new StageSpec(id, capacity, whenFull, admitBelow, pool);
    }

    /** Reads a {@code pool} mapping; null (with a problem) when wrong. */
    private static StageSpec.Pool pool(Fields p) {
        p.checkKeys(POOL_KEYS, Map.of());
        if (!p.has("max")) {
            p.problem("max", "is required for a pool; expected the most threads (the reading group's instances)");
            return null;
        }
        int max = p.integer("max", 1, MAX_THREADS, 1, "a number of threads from 1 to " + MAX_THREADS);
        int min = p.integer("min", 1, max, 1, "a number of threads from 1 to max (" + max + ")");
        int growAbove = p.integer("grow-above", 0, StageSpec.MAX_CAPACITY, 0, "a queue length of 0 or more");
        double every = p.duration("every", 1, false);
        double idle = p.duration("idle", 10, false);
        return Double.isNaN(every) || Double.isNaN(idle) ? null : new StageSpec.Pool(min, max, growAbove, every, idle);
    }
}
