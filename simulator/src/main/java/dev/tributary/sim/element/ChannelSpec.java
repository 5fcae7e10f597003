package dev.tributary.sim.element;

import dev.tributary.sim.theory.Network;
import java.util.List;

/**
 * A channel as a scenario declares it, bound by its {@link ChannelKind}. The spec is the kind's
 * own record: it builds its runtime element and its theory node and describes itself, so nothing
 * outside the kind's folder needs to know which kind it is.
 */
public interface ChannelSpec {

    /** The channel's id. */
    String id();

    /** The kind that bound it. */
    ChannelKind kind();

    /** The type word used in scenario files. */
    default String type() {
        return kind().word();
    }

    /** The figures a narration question may name on this channel, all measured by it; its throughput by default. */
    default List<String> figures() {
        return List.of("throughput");
    }

    /** The figures a narration question may name on {@code reader}, a group reading this channel. */
    default List<String> readerFigures(ConsumerSpec reader) {
        return GroupFigures.of(reader, List.of());
    }

    /** Where this channel forwards events itself (a router's rules and default), in order; empty for most kinds. */
    default List<Forward> forwards() {
        return List.of();
    }

    /**
     * Events a group reading this channel publishes for each event it handles, besides its own emits
     * (a command channel's replies), in order; empty for most kinds. The theory's traffic equations and
     * the run-size estimate add them to the group's emits.
     */
    default List<ReaderPublish> readerPublishes(ConsumerSpec reader) {
        return List.of();
    }

    /**
     * One event to channel {@code to} for each event a reader handles, with probability
     * {@code probability}, but only for a handled event whose time in the channel (its last entry to
     * its handling) is at most {@code within} seconds (+Infinity for no limit): later ones are dropped.
     * {@code key} is the channel's key that makes it, to locate a problem with it (a feedback loop).
     */
    record ReaderPublish(String to, double probability, double within, String key) {
    }

    /** Whether events wait in this channel (consumers can read it); false for a channel that only forwards. */
    default boolean holdsEvents() {
        return true;
    }

    /**
     * A lower bound on the events this channel must hold at once in a run fed {@code rate} events per
     * second for {@code duration} seconds and read by {@code readers} (to refuse runs that cannot fit
     * in memory before they start); 0 by default.
     */
    default double heldAtLeast(double rate, double duration, List<ConsumerSpec> readers) {
        return 0;
    }

    /**
     * An upper bound on the events the channel and its readers schedule per event it receives, beyond
     * one completion per reader (a saga's coordinator decisions, timers, retries and compensations),
     * for the run-size estimate; 0 by default.
     */
    default double eventsPerArrival(List<ConsumerSpec> readers) {
        return 0;
    }

    /**
     * Events this channel schedules itself in a run of {@code duration} seconds fed {@code rate}
     * events per second (an event store's writes, a window's closing times), for run-size estimates;
     * 0 by default.
     */
    default double ownEvents(double rate, double duration) {
        return 0;
    }

    /**
     * Whether a group reading it may put a failed event back at its tail ({@code mode: requeue});
     * false for a log shared by every group (a stream).
     */
    default boolean canRequeue() {
        return true;
    }

    /** Whether its waiting events can be moved elsewhere at once (a DLQ redrive). */
    default boolean redrivable() {
        return false;
    }

    /** How the app draws it. */
    Drawing drawing();

    /** Its parameters in words, for the app's details panel. */
    String describe();

    /** A copy with another number of lanes (a stream's partitions) for what-ifs; itself when it has none. */
    default ChannelSpec withLanes(int lanes) {
        return this;
    }

    /** Builds the runtime channel, element {@code index} of a model. */
    Channel build(int index, Context context);

    /** Builds the runtime of consumer {@code c} reading {@code runtime} (this spec's own channel), element {@code index}. */
    Element subscribe(ConsumerSpec c, Channel runtime, int index, Context context, Emitter emitter);

    /** Called once every element is built (a group that is its queue's only reader shares its times). */
    default void built(Channel runtime) {
    }

    /** The channel's node in the theory network. */
    Network.ChannelNode theory(Topology topology);

    /**
     * What is wrong with the groups reading this channel taken together (a command channel read by two
     * handler groups, a saga step nobody handles); empty by default. Checked once every consumer is bound.
     */
    default List<ReaderProblem> checkReaders(List<ConsumerSpec> readers) {
        return List.of();
    }

    /**
     * The event types this channel matches on, by the key that names each (a window's {@code filter}):
     * the binder refuses a type that no producer, emit or channel makes. Empty by default.
     */
    default java.util.Map<String, String> typesMatched() {
        return java.util.Map.of();
    }

    /** The event types this channel makes itself (a window's aggregates and alerts); empty by default. */
    default java.util.Set<String> typesMade() {
        return java.util.Set.of();
    }

    /**
     * What is wrong with this channel given {@code feeders}, the producers whose events can reach it
     * ({@link Topology#feeders}): a window summing amounts that some of them do not carry. Empty by default.
     */
    default List<ReaderProblem> checkFeeders(List<ProducerSpec> feeders) {
        return List.of();
    }

    /**
     * A wiring problem: at consumer {@code consumer}'s key {@code key}, or at the channel's own key
     * when {@code consumer} is null; {@code message} says what was expected.
     */
    record ReaderProblem(String consumer, String key, String message) {
    }

    /**
     * One forwarding edge: a rule in words, the channel it leads to, and whether it passes the events
     * themselves on (a router) rather than new events of its own (a window's aggregates and alerts).
     */
    record Forward(String label, String to, boolean passesEvents) {
        /** An edge that passes the events themselves on. */
        public Forward(String label, String to) {
            this(label, to, true);
        }
    }

    /** Replicas of each of its partitions on distinct brokers (1 for kinds that have none). */
    default int replication() {
        return 1;
    }

    /** Whether its partitions live on the cluster's brokers (a broker outage may disturb it). */
    default boolean onBrokers() {
        return false;
    }
}
