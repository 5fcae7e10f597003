package dev.tributary.sim.fault;

import dev.tributary.sim.element.Brokers;
import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.observe.ModelEvent;
import dev.tributary.sim.value.Durations;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code {at: 30m, down: broker-2, for: 5m}}: a broker is down. The partitions it leads lose their
 * leader: producers hold their records (up to their buffer, until their delivery timeout), their
 * consumers stall. A replica on a live broker leads after the cluster's failover; without one the
 * partition waits for the broker to come back.
 *
 * @param broker   the broker's index (0-based)
 * @param failover the cluster's failover, for the drain marks
 * @param streams  the channels whose partitions live on brokers (what it may disturb)
 */
public record DownFault(double at, String target, int broker, double duration, double failover, List<String> streams)
        implements FaultSpec {

    /** The kind: the word {@code down}. */
    public static final FaultKind KIND = new LastingKind("down",
            "a broker is down: its partitions have no leader until a replica takes over or it comes back",
            FaultKind.Target.BROKER, (at, target, d, scope) -> {
                List<String> streams = scope.channels().values().stream().filter(c -> c.onBrokers())
                        .map(c -> c.id()).toList();
                return new DownFault(at, target, scope.brokers().indexOf(target), d, scope.brokers().failover(),
                        streams);
            });

    @Override
    public List<String> disturbs() {
        return streams;
    }

    /** Drains start when replicas take over (if before it ends) and when it comes back. */
    @Override
    public List<Double> drainsFrom() {
        List<Double> out = new ArrayList<>();
        if (failover < duration) {
            out.add(at + failover);
        }
        if (Double.isFinite(duration)) {
            out.add(at + duration);
        }
        return out;
    }

    @Override
    public FaultKind kind() {
        return KIND;
    }

    @Override
    public String describe() {
        return "at " + Durations.format(at) + " " + target + " is down"
                + (Double.isInfinite(duration) ? " until the end" : " for " + Durations.format(duration));
    }

    @Override
    public void schedule(Engine engine, FaultTargets targets) {
        Brokers brokers = targets.context().brokers();
        engine.scheduleAt(at, (kind, arg) -> set(brokers, false, engine, targets), 0, 0);
        if (Double.isFinite(duration)) {
            engine.scheduleAt(at + duration, (kind, arg) -> set(brokers, true, engine, targets), 0, 0);
        }
    }

    private void set(Brokers brokers, boolean up, Engine engine, FaultTargets targets) {
        if (targets.context().observed()) {
            targets.context().tell(new ModelEvent.BrokerChanged(engine.now(), broker, up));
        }
        brokers.set(broker, up);
    }
}
