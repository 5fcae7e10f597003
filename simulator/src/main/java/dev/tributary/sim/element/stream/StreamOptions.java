package dev.tributary.sim.element.stream;

import dev.tributary.sim.element.ConsumerOptions;
import dev.tributary.sim.element.ConsumerSpec;

/**
 * What a consumer group of a stream adds to the common consumer keys.
 *
 * @param assignment how the partitions are spread over the members
 * @param offset     where the group starts reading: {@code earliest}, {@code latest} or an offset number
 * @param commit     when offsets are committed ({@link CommitPolicy#PROCESSED} when the file names no rule)
 * @param delivery   the delivery guarantee, or null when the file names none (then at-least-once)
 * @param membership session, heartbeat, poll interval, rebalance protocol and static membership
 */
public record StreamOptions(Assignment assignment, String offset, CommitPolicy commit, Delivery delivery,
                            Membership membership) implements ConsumerOptions {

    /** Default offset for a stream group. */
    public static final String DEFAULT_OFFSET = "earliest";
    /** The defaults: range assignor, earliest offset, committed as processed. */
    public static final StreamOptions DEFAULT = new StreamOptions(Assignment.RANGE, DEFAULT_OFFSET);

    /** Options with only an assignor and an offset (the steady-state model of commits and membership). */
    public StreamOptions(Assignment assignment, String offset) {
        this(assignment, offset, CommitPolicy.PROCESSED, null, Membership.DEFAULT);
    }

    @Override
    public boolean startsElsewhere() {
        return !offset.equals(DEFAULT_OFFSET);
    }

    /** The guarantee in force (at-least-once when none was named). */
    public Delivery guarantee() {
        return delivery == null ? Delivery.AT_LEAST_ONCE : delivery;
    }

    /** Whether the group's commits or guarantee are modelled (then it reports its delivery ledger). */
    public boolean commitsModelled() {
        return commit.modelled() || delivery != null;
    }

    /** The options of a group reading a stream (the defaults if it has none of its own). */
    static StreamOptions of(ConsumerSpec c) {
        return c.options() instanceof StreamOptions o ? o : DEFAULT;
    }
}
