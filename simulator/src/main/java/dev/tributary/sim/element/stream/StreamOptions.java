package dev.tributary.sim.element.stream;

import dev.tributary.sim.element.ConsumerOptions;
import dev.tributary.sim.element.ConsumerSpec;

/**
 * What a consumer group of a stream adds to the common consumer keys.
 *
 * @param assignment how the partitions are spread over the members
 * @param offset     where the group starts reading: {@code earliest}, {@code latest} or an offset number
 */
public record StreamOptions(Assignment assignment, String offset) implements ConsumerOptions {

    /** Default offset for a stream group. */
    public static final String DEFAULT_OFFSET = "earliest";
    /** The defaults: range assignor, earliest offset. */
    public static final StreamOptions DEFAULT = new StreamOptions(Assignment.RANGE, DEFAULT_OFFSET);

    @Override
    public boolean startsElsewhere() {
        return !offset.equals(DEFAULT_OFFSET);
    }

    /** The options of a group reading a stream (the defaults if it has none of its own). */
    static StreamOptions of(ConsumerSpec c) {
        return c.options() instanceof StreamOptions o ? o : DEFAULT;
    }
}
