package dev.tributary.sim.fault;

import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.MemberControl;
import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.format.Fields;
import dev.tributary.sim.value.Durations;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code {at: 60s, crash: ledger, instance: 1}} and its siblings {@code stop}, {@code start} and
 * {@code pause}: something happens to one member of a stream consumer group (instances counted
 * from 1). With {@code for}, a crashed or stopped member starts again, and a paused one recovers,
 * after that long.
 */
public record MemberFault(double at, String target, String action, int instance, double duration)
        implements FaultSpec {

    /** Most instances a start may name beyond the group's own count (scale out). */
    static final int MAX_SCALE_OUT = 1000;

    /** {@code crash}: the member dies without a goodbye; the group notices at its session timeout. */
    public static final FaultKind CRASH = kind("crash", "a member dies without a goodbye (detected at the session timeout)");
    /** {@code stop}: the member leaves gracefully; the group rebalances at once. */
    public static final FaultKind STOP = kind("stop", "a member commits what it processed and leaves the group");
    /** {@code start}: a member (re)starts and joins the group; beyond the instance count it scales the group out. */
    public static final FaultKind START = kind("start", "a member starts and joins the group (a restart, or scale out)");
    /** {@code pause}: the member gets stuck and stops polling; beyond max-poll-interval it is removed. */
    public static final FaultKind PAUSE = kind("pause", "a member gets stuck and stops polling (removed after max-poll-interval)");

    private static FaultKind kind(String word, String summary) {
        return new FaultKind() {
            @Override
            public String word() {
                return word;
            }

            @Override
            public String summary() {
                return summary;
            }

            @Override
            public Target target() {
                return Target.GROUP;
            }

            @Override
            public Map<String, String> keys() {
                Map<String, String> k = new LinkedHashMap<>();
                k.put("instance", "which member, counted from 1 (required)");
                k.put("for", word.equals("start") ? "not used by start"
                        : word.equals("pause") ? "how long it is stuck (default: until the end of the run)"
                        : "how long until it starts again (default: it stays down)");
                return k;
            }

            @Override
            public FaultSpec bind(double at, String target, Fields f, Scope scope) {
                ConsumerSpec group = scope.consumers().stream().filter(c -> c.id().equals(target)).findFirst()
                        .orElse(null);
                if (group == null) {
                    return null; // the binder reported the unknown id
                }
                ChannelSpec source = scope.channels().get(group.from());
                boolean stream = source != null && source.type().equals("stream");
                boolean workers = source != null && (source.type().equals("queue") || source.type().equals("topic"));
                if (!stream && !(workers && !word.equals("pause"))) {
                    f.problem(word, "'" + target + "' reads " + (source == null ? "nothing known" : dev.tributary.sim.value.Calls.withArticle(source.type()))
                            + "; expected a group reading a stream (members of stream groups crash, stop, start "
                            + "and pause; workers of queue and topic groups crash, stop and start)");
                    return null;
                }
                if (!f.has("instance")) {
                    f.problem("instance", "is missing; expected which member, counted from 1, e.g. instance: 1");
                    return null;
                }
                int max = word.equals("start") && stream ? group.instances() + MAX_SCALE_OUT : group.instances();
                int n = f.integer("instance", 1, max, 1, word.equals("start") && stream
                        ? "a member from 1 to " + max + " (beyond " + group.instances() + " it scales the group out)"
                        : "a member of " + target + ", from 1 to " + group.instances());
                if (word.equals("start") && f.has("for")) {
                    f.problem("for", "start takes no duration; expected a later stop or crash to end it");
                    return null;
                }
                double d = f.duration("for", Double.POSITIVE_INFINITY, false);
                return n < 1 || n > max ? null : new MemberFault(at, target, word, n, d);
            }
        };
    }

    @Override
    public FaultKind kind() {
        return switch (action) {
            case "crash" -> CRASH;
            case "stop" -> STOP;
            case "start" -> START;
            default -> PAUSE;
        };
    }

    @Override
    public String describe() {
        String what = switch (action) {
            case "crash" -> "crashes";
            case "stop" -> "stops";
            case "start" -> "starts";
            default -> "is stuck";
        };
        return "at " + Durations.format(at) + " member " + instance + " of " + target + " " + what
                + (Double.isInfinite(duration) ? "" : (action.equals("pause") ? " for " : ", back after ")
                + Durations.format(duration));
    }

    @Override
    public void schedule(Engine engine, FaultTargets targets) {
        MemberControl m = targets.context().members(target);
        if (m == null) {
            return;
        }
        FaultPeriod.schedule(engine, targets, at, duration, targets.indexOf(target), action, on -> {
            if (on) {
                switch (action) {
                    case "crash" -> m.crash(instance);
                    case "stop" -> m.stop(instance);
                    case "start" -> m.start(instance);
                    default -> m.pause(instance, true);
                }
            } else if (action.equals("pause")) {
                m.pause(instance, false);
            } else {
                m.start(instance);
            }
        });
    }
}
