package dev.tributary.sim.element.queue;

import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.format.Fields;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code type: queue}: point-to-point, one shared FIFO with competing consumers (M/M/c). */
public final class QueueKind implements ChannelKind {

    /** The type word. */
    public static final String WORD = "queue";

    @Override
    public String word() {
        return WORD;
    }

    @Override
    public String summary() {
        return "point-to-point: one shared FIFO, competing consumers (M/M/c); optional capacity with reject / block / drop-oldest";
    }

    @Override
    public Map<String, String> keys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("capacity", "most events waiting (not counting those in service); unbounded when absent");
        k.put("overflow", "what a full queue does with a newcomer: reject (default), block (the producer waits) or drop-oldest");
        k.put("visibility-timeout", "a crashed worker's unacknowledged message is visible again after this (default 30s)");
        return k;
    }

    @Override
    public ChannelSpec bind(String id, Fields f) {
        int capacity = f.integer("capacity", 0, Integer.MAX_VALUE - 1, QueueSpec.UNBOUNDED,
                "a capacity of 0 or more messages");
        QueueSpec.Overflow overflow = f.enumValue("overflow", QueueSpec.Overflow.class, QueueSpec.Overflow.REJECT,
                "reject, block or drop-oldest");
        if (f.has("overflow") && !f.has("capacity")) {
            f.problem("overflow", "only applies to a queue with a capacity; add 'capacity'");
        }
        double visibility = f.duration("visibility-timeout", QueueSpec.DEFAULT_VISIBILITY, true);
        return id == null || overflow == null ? null : new QueueSpec(id, capacity, overflow, visibility);
    }
}
