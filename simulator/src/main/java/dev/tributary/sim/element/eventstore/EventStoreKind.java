package dev.tributary.sim.element.eventstore;

import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.format.Fields;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code type: event-store}: event sourcing. Events are appended per aggregate (the event's key) by
 * the store's writers; before appending, a writer rebuilds the aggregate from its latest snapshot by
 * replaying the events since, and a snapshot is taken every {@code snapshot-every} events. Each group
 * reading the store is a projection: it gets every committed event in its own queue and keeps a read
 * model, which is stale by the time the event spends there (CQRS).
 */
public final class EventStoreKind implements ChannelKind {

    /** The type word. */
    public static final String WORD = "event-store";

    @Override
    public String word() {
        return WORD;
    }

    @Override
    public String summary() {
        return "event sourcing: appends per aggregate with snapshots and replay; the groups reading it are projections"
                + " whose read models lag the writes (CQRS)";
    }

    @Override
    public Map<String, String> keys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("append", "time a writer takes to append one event, besides the replay (required)");
        k.put("replay", "time to replay one event when rebuilding an aggregate (default 0s)");
        k.put("snapshot-every", "events per aggregate between snapshots (default 100)");
        k.put("writers", "writers appending at once, sharing one FIFO (default 1)");
        return k;
    }

    @Override
    public ChannelSpec bind(String id, Fields f) {
        if (!f.has("append")) {
            f.problem("append", "is missing; expected the time to append one event, e.g. 2ms");
        }
        double append = f.duration("append", 0.001, false);
        double replay = f.duration("replay", 0, true);
        int every = f.integer("snapshot-every", 1, 1_000_000, 100, "a number of events from 1 to 1000000");
        int writers = f.integer("writers", 1, 1000, 1, "a number of writers from 1 to 1000");
        return id == null || !f.has("append") ? null : new EventStoreSpec(id, append, replay, every, writers);
    }
}
