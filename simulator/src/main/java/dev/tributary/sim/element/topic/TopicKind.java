package dev.tributary.sim.element.topic;

import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.format.Fields;
import java.util.Map;

/** {@code type: topic}: publish/subscribe fan-out, every subscribed group gets its own copy. */
public final class TopicKind implements ChannelKind {

    /** The type word. */
    public static final String WORD = "topic";

    @Override
    public String word() {
        return WORD;
    }

    @Override
    public String summary() {
        return "publish/subscribe fan-out: every subscribed group gets its own copy";
    }

    @Override
    public Map<String, String> keys() {
        return Map.of();
    }

    @Override
    public ChannelSpec bind(String id, Fields f) {
        return id == null ? null : new TopicSpec(id);
    }
}
