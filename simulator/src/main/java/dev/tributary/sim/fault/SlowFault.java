package dev.tributary.sim.fault;

import dev.tributary.sim.element.GroupControl;
import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.format.Fields;
import dev.tributary.sim.value.Durations;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code {at: 10m, slow: payment, factor: 5, for: 2m}}: every attempt the group starts in that time takes factor × longer. */
public record SlowFault(double at, String target, double factor, double duration) implements FaultSpec {

    /** The kind: the word {@code slow}. */
    public static final FaultKind KIND = new FaultKind() {
        @Override
        public String word() {
            return "slow";
        }

        @Override
        public String summary() {
            return "the group's service times are multiplied by a factor for a while";
        }

        @Override
        public Target target() {
            return Target.GROUP;
        }

        @Override
        public Map<String, String> keys() {
            Map<String, String> k = new LinkedHashMap<>();
            k.put("factor", "what service times are multiplied by (above 0; required)");
            k.put("for", FOR);
            return k;
        }

        @Override
        public FaultSpec bind(double at, String target, Fields f, Scope scope) {
            if (!f.has("factor")) {
                f.problem("factor", "is missing; expected what service times are multiplied by, e.g. factor: 5");
                return null;
            }
            double factor = f.number("factor", Double.NaN, "a factor above 0");
            if (!Double.isNaN(factor) && !(factor > 0 && factor <= 1e6)) {
                f.problem("factor", "expected a factor above 0 (and at most a million); got " + factor);
                return null;
            }
            double d = f.duration("for", Double.POSITIVE_INFINITY, false);
            return Double.isNaN(factor) ? null : new SlowFault(at, target, factor, d);
        }
    };

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
        return String.format(Locale.ROOT, "at %s %s is %s× slower%s", Durations.format(at), target,
                factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor),
                Double.isInfinite(duration) ? " until the end" : " for " + Durations.format(duration));
    }

    @Override
    public void schedule(Engine engine, FaultTargets targets) {
        GroupControl g = targets.group(target);
        FaultPeriod.schedule(engine, targets, at, duration, targets.indexOf(target), "slow", on -> g.slow(factor, on));
    }
}
