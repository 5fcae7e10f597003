package dev.tributary.sim.element;

import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.failure.BreakerSpec;
import dev.tributary.sim.failure.FailureSpec;
import java.util.List;

/**
 * A consumer group: {@code instances} workers reading from one channel.
 *
 * @param start   simulated time at which the group starts consuming (a late start replays at a stream's earliest offset)
 * @param options what the source channel's kind adds (a stream group's assignor and offset)
 * @param failures how its processing fails and what happens next, or null when it never fails
 * @param breaker  its circuit breaker, or null for none
 */
public record ConsumerSpec(
        String id,
        String from,
        int instances,
        Distribution service,
        List<EmitSpec> emits,
        double start,
        ConsumerOptions options,
        FailureSpec failures,
        BreakerSpec breaker) {

    /** Most instances one group may have. */
    public static final int MAX_INSTANCES = dev.tributary.sim.theory.CapacityPlan.MAX_CONSUMERS;

    public ConsumerSpec {
        emits = List.copyOf(emits);
    }

    /** A group that never fails and has no breaker. */
    public ConsumerSpec(String id, String from, int instances, Distribution service, List<EmitSpec> emits, double start,
                        ConsumerOptions options) {
        this(id, from, instances, service, emits, start, options, null, null);
    }

    /** Whether the group has failures or a breaker of its own. */
    public boolean failsOrBreaks() {
        return failures != null || breaker != null;
    }

    /** What a consumer publishes after handling each event. */
    public record EmitSpec(String to, String type, double probability) {
    }

    /** Whether the group starts late or elsewhere than the steady state (its start is a transient). */
    public boolean startsLate() {
        return start > 0 || options.startsElsewhere();
    }

    /** A copy with another instance count. */
    public ConsumerSpec withInstances(int n) {
        return new ConsumerSpec(id, from, n, service, emits, start, options, failures, breaker);
    }

    /** A copy with another service-time distribution. */
    public ConsumerSpec withService(Distribution d) {
        return new ConsumerSpec(id, from, instances, d, emits, start, options, failures, breaker);
    }
}
