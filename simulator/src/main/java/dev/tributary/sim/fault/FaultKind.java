package dev.tributary.sim.fault;

import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.format.Fields;
import java.util.List;
import java.util.Map;

/**
 * One kind of fault, named by the action word a {@code faults:} entry uses ({@code fail: payment}).
 * A kind says what its word names (a consumer group or a channel), which keys it adds beyond
 * {@code at}, and binds them; a new kind (crash, stop, pause, broker-down, …) is one small class
 * plus one line in {@link FaultKinds}.
 */
public interface FaultKind {

    /** What the action word names. */
    enum Target {
        /** A consumer group's id. */
        GROUP,
        /** A channel's id. */
        CHANNEL,
        /** A producer's id. */
        PRODUCER,
        /** A broker's id, {@code broker-1} … {@code broker-N}. */
        BROKER
    }

    /** The action word, e.g. {@code fail}. */
    String word();

    /** One sentence on what it does, for docs and help. */
    String summary();

    /** What the word's value names. */
    Target target();

    /** The keys this kind accepts beyond {@code at} and its word, each with what it takes. */
    Map<String, String> keys();

    /** What the {@code for} key means for every fault that lasts, written once. */
    String FOR = "how long it lasts (default: until the end of the run)";

    /** What a kind may look up in the scenario while it binds an entry. */
    interface Scope {
        /** The channels by id. */
        Map<String, ChannelSpec> channels();

        /** The consumer groups, in file order. */
        List<ConsumerSpec> consumers();

        /** The cluster ({@code brokers:}); a kind targeting brokers is bound only when there is one. */
        default dev.tributary.sim.element.BrokersSpec brokers() {
            return null;
        }
    }

    /**
     * Reads one entry (its keys were checked against {@link #keys()}, {@code target} against the
     * scenario's ids); null when wrong (the problems are in {@code f}'s sink).
     */
    FaultSpec bind(double at, String target, Fields f, Scope scope);
}
