package dev.tributary.sim.element;

import dev.tributary.sim.format.Fields;
import java.util.Map;

/**
 * One kind of channel, named by the word scenario files write after {@code type:}. A kind owns
 * its keys and their binding; the {@link ChannelSpec} it binds owns the runtime element, the
 * theory node and the words that describe it. Kinds are found in the scenario package's registry,
 * one line per kind.
 */
public interface ChannelKind {

    /** The {@code type:} word, e.g. {@code queue}. */
    String word();

    /** One sentence on what the kind models, for docs, help and the app. */
    String summary();

    /** The keys this kind accepts beyond {@code id} and {@code type}, each with what it takes (for docs and the schema). */
    Map<String, String> keys();

    /** Keys a consumer of this kind of channel may use beyond the common ones (e.g. a stream group's {@code offset}). */
    default Map<String, String> consumerKeys() {
        return Map.of();
    }

    /** Reads a channel of this kind (its keys were already checked against {@link #keys()}); null when wrong. */
    ChannelSpec bind(String id, Fields fields);

    /** Reads the kind-specific keys of a consumer of such a channel (checked against {@link #consumerKeys()}). */
    default ConsumerOptions bindConsumer(Fields fields) {
        return ConsumerOptions.NONE;
    }
}
