package dev.tributary.sim.scenario;

import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.command.CommandKind;
import dev.tributary.sim.element.queue.QueueKind;
import dev.tributary.sim.element.router.RouterKind;
import dev.tributary.sim.element.saga.SagaKind;
import dev.tributary.sim.element.stage.StageKind;
import dev.tributary.sim.element.window.WindowKind;
import dev.tributary.sim.element.eventstore.EventStoreKind;
import dev.tributary.sim.element.stream.StreamKind;
import dev.tributary.sim.element.topic.TopicKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of element kinds, keyed by the words scenario files use after {@code type:}. A new
 * kind is a folder under {@code element/} plus one line in {@link #STANDARD}. A registry is
 * immutable: {@link #with} gives a new one (tests add kinds of their own that way).
 */
public final class ElementKinds {

    private static final ElementKinds STANDARD = new ElementKinds(List.of(
            new QueueKind(),
            new TopicKind(),
            new StreamKind(),
            new RouterKind(),
            new CommandKind(),
            new SagaKind(),
            new StageKind(),
            new WindowKind(),
            new EventStoreKind()));

    private final Map<String, ChannelKind> channels;

    private ElementKinds(List<ChannelKind> kinds) {
        Map<String, ChannelKind> m = new LinkedHashMap<>();
        for (ChannelKind k : kinds) {
            if (m.putIfAbsent(k.word(), k) != null) {
                throw new IllegalArgumentException("two channel kinds use the word '" + k.word() + "'");
            }
        }
        this.channels = Collections.unmodifiableMap(m);
    }

    /** The kinds Tributary ships. */
    public static ElementKinds standard() {
        return STANDARD;
    }

    /** A registry with one more channel kind (its word must be new). */
    public ElementKinds with(ChannelKind kind) {
        List<ChannelKind> all = new ArrayList<>(channels.values());
        all.add(kind);
        return new ElementKinds(all);
    }

    /** The channel kind a {@code type:} word names, if any. */
    public Optional<ChannelKind> channel(String word) {
        return Optional.ofNullable(channels.get(word));
    }

    /** Every channel kind, in registration order. */
    public List<ChannelKind> channels() {
        return List.copyOf(channels.values());
    }

    /** Every {@code type:} word, in registration order. */
    public Set<String> words() {
        return channels.keySet();
    }
}
