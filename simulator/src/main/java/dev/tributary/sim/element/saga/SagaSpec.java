package dev.tributary.sim.element.saga;

import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Drawing;
import dev.tributary.sim.element.Element;
import dev.tributary.sim.element.Emitter;
import dev.tributary.sim.element.Topology;
import dev.tributary.sim.theory.Network;
import dev.tributary.sim.value.Durations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A saga definition: its style, its coordinator (orchestration) and its ordered steps.
 *
 * @param instances the coordinator's workers (orchestration)
 * @param decision  the time one coordinator decision takes (orchestration)
 */
public record SagaSpec(String id, Style style, int instances, Distribution decision, List<Step> steps)
        implements ChannelSpec {

    /** Most steps a saga may have (a saga is a handful of business steps; its prediction costs more than linear time in them). */
    public static final int MAX_STEPS = 100;

    private static final SagaKind KIND = new SagaKind();

    public SagaSpec {
        steps = List.copyOf(steps);
    }

    /** Who runs the flow. */
    public enum Style {
        /** A coordinator sends a command per step and decides on each reply. */
        ORCHESTRATION,
        /** Each service reacts to the previous service's success or failure event. */
        CHOREOGRAPHY
    }

    /**
     * One step.
     *
     * @param compensation the name of its undo, or null when there is nothing to undo
     * @param timeout      how long the coordinator waits for a reply (seconds), 0 for ever
     * @param retries      attempts after the first (of the step, and of its compensation)
     */
    public record Step(String name, String compensation, double timeout, int retries) {
    }

    @Override
    public ChannelKind kind() {
        return KIND;
    }

    @Override
    public java.util.List<String> figures() {
        return java.util.List.of("throughput", "L", "W", "completionTime.mean", "messagesPerSaga", "completed",
                "compensated");
    }

    /** A step's group measures a queue's figures with its attempts, errors and compensations (no end-to-end). */
    @Override
    public java.util.List<String> readerFigures(dev.tributary.sim.element.ConsumerSpec reader) {
        return java.util.List.of("throughput", "L", "Lq", "W", "Wq", "utilization", "latency.p50", "latency.p95",
                "latency.p99", "attempts", "errors", "compensations");
    }

    /** Whether a coordinator runs the flow. */
    public boolean orchestrated() {
        return style == Style.ORCHESTRATION;
    }

    /** The index of the step named {@code name}, or −1. */
    int stepIndex(String name) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public List<ReaderProblem> checkReaders(List<ConsumerSpec> readers) {
        List<ReaderProblem> out = new ArrayList<>();
        Map<String, String> handler = new HashMap<>();
        List<String> names = steps.stream().map(Step::name).toList();
        for (ConsumerSpec c : readers) {
            if (!(c.options() instanceof StepOptions o)) {
                continue;
            }
            if (stepIndex(o.step()) < 0) {
                out.add(new ReaderProblem(c.id(), "step", "saga '" + id + "' has no step '" + o.step()
                        + "'; expected one of " + String.join(", ", names)));
            } else if (handler.putIfAbsent(o.step(), c.id()) != null) {
                out.add(new ReaderProblem(c.id(), "step", "step '" + o.step() + "' of saga '" + id
                        + "' is already handled by group '" + handler.get(o.step()) + "': a step's commands go to exactly"
                        + " one group; expected another step, or more instances of '" + handler.get(o.step()) + "'"));
            }
        }
        for (String n : names) {
            if (!handler.containsKey(n) && out.isEmpty()) {
                out.add(new ReaderProblem(null, "steps", "step '" + n + "' of saga '" + id + "' has no group handling it;"
                        + " expected a consumer with from: " + id + " and step: " + n));
            }
        }
        return out;
    }

    /**
     * Sagas pile up in flight when the rate exceeds the slowest station: each step's group serves at
     * most instances/E[S] sagas a second and the coordinator instances/((1 + n)·E[decision]) (one
     * decision per start and per reply, with no failures: failures only add visits, so this is a lower bound).
     */
    @Override
    public double heldAtLeast(double rate, double duration, List<ConsumerSpec> readers) {
        double capacity = Double.POSITIVE_INFINITY;
        for (ConsumerSpec c : readers) {
            capacity = Math.min(capacity, c.instances() / c.service().mean());
        }
        if (orchestrated() && decision.mean() > 0) {
            capacity = Math.min(capacity, instances / ((1 + steps.size()) * decision.mean()));
        }
        return rate > capacity ? 0.9 * (rate - capacity) * duration : 0;
    }

    /**
     * At most retries + 1 attempts of each step and as many of its compensation, each a completion;
     * in orchestration each also a reply decision and a timer, plus the start's decision.
     */
    @Override
    public double eventsPerArrival(List<ConsumerSpec> readers) {
        double attempts = 0;
        for (Step s : steps) {
            attempts += 2.0 * (s.retries() + 1);
        }
        return orchestrated() ? 3 * attempts + 1 : attempts;
    }

    @Override
    public Drawing drawing() {
        return new Drawing(Drawing.Shape.FLOW, steps.size(), Integer.MAX_VALUE);
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder(orchestrated()
                ? "orchestration: coordinator ×" + instances + ", decision " + decision.describe()
                : "choreography");
        sb.append("; steps ");
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            sb.append(i == 0 ? "" : " → ").append(s.name());
            if (s.compensation() != null) {
                sb.append(" (undo ").append(s.compensation()).append(')');
            }
            if (s.timeout() > 0) {
                sb.append(" timeout ").append(Durations.format(s.timeout()));
            }
        }
        return sb.toString();
    }

    @Override
    public Channel build(int index, Context context) {
        return new SagaChannel(this, index, context);
    }

    @Override
    public Element subscribe(ConsumerSpec c, Channel runtime, int index, Context context, Emitter emitter) {
        SagaChannel saga = (SagaChannel) runtime;
        StepOptions o = (StepOptions) c.options();
        StepGroup g = new StepGroup(c, index, context, saga, stepIndex(o.step()), o.compensationFailures());
        saga.handledBy(g.step, g);
        return g;
    }

    @Override
    public Network.ChannelNode theory(Topology topology) {
        return new SagaTheory(this, topology);
    }
}
