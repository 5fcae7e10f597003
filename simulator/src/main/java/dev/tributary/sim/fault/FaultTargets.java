package dev.tributary.sim.fault;

import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.GroupControl;

/** What a fault may act on in a built model. */
public interface FaultTargets {

    /** The controls of consumer group {@code id}. */
    GroupControl group(String id);

    /** The runtime of channel {@code id}. */
    Channel channel(String id);

    /** The element index of {@code id} (for observers). */
    int indexOf(String id);

    /** The model's context (observer, clock). */
    Context context();
}
