package dev.tributary.sim.fault;

import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.GroupControl;

/** What a fault may act on in a built model. */
public interface FaultTargets {

    /** The controls of consumer group {@code id}. */
    GroupControl group(String id);

    /** What a fault may do to a producer: override its rate. */
    interface RateControl {
        /**
         * Sets the rate in force (events per second) on behalf of {@code owner}; NaN gives the producer
         * back its own process, unless another owner set a rate since.
         */
        void rate(double perSecond, Object owner);
    }

    /** The rate control of producer {@code id}. */
    RateControl producer(String id);

    /** The runtime of channel {@code id}. */
    Channel channel(String id);

    /** The element index of {@code id} (for observers). */
    int indexOf(String id);

    /** The model's context (observer, clock). */
    Context context();
}
