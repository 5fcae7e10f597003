package dev.tributary.sim.fault;

import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.format.Fields;
import dev.tributary.sim.observe.ModelEvent;
import dev.tributary.sim.value.Durations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code {at: 40m, redrive: payments-dlq, to: orders}}: an operator moves every event waiting in a
 * dead-letter queue back to a channel (SQS's "start DLQ redrive"). The cause is taken as fixed:
 * the events start their attempts afresh and are no longer poison; they keep their key, id and
 * origin time, so the order they broke is counted where they are handled.
 *
 * @param to the channel they go to
 */
public record Redrive(double at, String target, String to) implements FaultSpec {

    /** The kind: the word {@code redrive}. */
    public static final FaultKind KIND = new FaultKind() {
        @Override
        public String word() {
            return "redrive";
        }

        @Override
        public String summary() {
            return "moves every event waiting in a queue (a DLQ) back to a channel, with fresh attempts";
        }

        @Override
        public Target target() {
            return Target.CHANNEL;
        }

        @Override
        public Map<String, String> keys() {
            Map<String, String> k = new LinkedHashMap<>();
            k.put("to", "the channel the events go back to (default: the channel read by the only group dead-lettering into it)");
            return k;
        }

        @Override
        public FaultSpec bind(double at, String target, Fields f, Scope scope) {
            ChannelSpec from = scope.channels().get(target);
            if (!from.redrivable()) {
                f.problem("redrive", "'" + target + "' is " + dev.tributary.sim.value.Calls.withArticle(from.type()) + "; expected a channel whose waiting events can"
                        + " be moved (a queue)");
                return null;
            }
            if (f.has("to")) {
                String to = f.channelRef("to", false);
                if (target.equals(to)) {
                    f.problem("to", "expected another channel than the one redriven ('" + to + "')");
                    return null;
                }
                return to == null ? null : new Redrive(at, target, to);
            }
            List<String> sources = scope.consumers().stream()
                    .filter(c -> c.failures() != null && target.equals(c.failures().dlq()))
                    .map(ConsumerSpec::from).distinct().toList();
            if (sources.size() != 1) {
                f.problem("to", "is missing; expected the channel to move the events to ("
                        + (sources.isEmpty() ? "no group dead-letters into '" + target + "'"
                        : "groups of several channels dead-letter into '" + target + "': " + String.join(", ", sources)) + ")");
                return null;
            }
            return new Redrive(at, target, sources.get(0));
        }
    };

    @Override
    public List<String> disturbs() {
        return List.of(target, to);
    }

    @Override
    public List<Double> drainsFrom() {
        return List.of(at);
    }

    @Override
    public FaultKind kind() {
        return KIND;
    }

    @Override
    public String describe() {
        return "at " + Durations.format(at) + " " + target + " is redriven to " + to;
    }

    @Override
    public void schedule(Engine engine, FaultTargets targets) {
        Channel from = targets.channel(target);
        Channel into = targets.channel(to);
        engine.scheduleAt(at, (kind, arg) -> {
            long n = from.redrive(into);
            if (targets.context().observed()) {
                targets.context().tell(new ModelEvent.Redriven(engine.now(), from.index, into.index, n));
            }
        }, 0, 0);
    }
}
