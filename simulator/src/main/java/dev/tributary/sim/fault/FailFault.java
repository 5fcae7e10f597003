package dev.tributary.sim.fault;

import dev.tributary.sim.element.GroupControl;
import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.value.Durations;

/**
 * {@code {at: 20m, fail: payment, for: 1m}}: a dependency of the group is down, so every attempt it
 * starts in that time fails (after its failed-attempt cost); retries, breaker and DLQ act as usual.
 */
public record FailFault(double at, String target, double duration) implements FaultSpec {

    /** The kind: the word {@code fail}. */
    public static final FaultKind KIND = new LastingKind("fail",
            "every attempt of the group fails for a while (a dependency is down)",
            FaultKind.Target.GROUP, (at, target, d, scope) -> new FailFault(at, target, d));

    @Override
    public java.util.List<Double> drainsFrom() {
        return Double.isFinite(duration) ? java.util.List.of(at + duration) : java.util.List.of();
    }

    @Override
    public FaultKind kind() {
        return KIND;
    }

    @Override
    public String describe() {
        return "at " + Durations.format(at) + " every attempt of " + target + " fails"
                + (Double.isInfinite(duration) ? " until the end" : " for " + Durations.format(duration));
    }

    @Override
    public void schedule(Engine engine, FaultTargets targets) {
        GroupControl g = targets.group(target);
        FaultPeriod.schedule(engine, targets, at, duration, targets.indexOf(target), "fail", g::failing);
    }
}
