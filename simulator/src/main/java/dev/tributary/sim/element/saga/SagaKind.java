package dev.tributary.sim.element.saga;

import dev.tributary.sim.distribution.Deterministic;
import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.distribution.DistributionText;
import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerOptions;
import dev.tributary.sim.failure.FailureSpec;
import dev.tributary.sim.format.Fields;
import dev.tributary.sim.format.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code type: saga}: one business flow of ordered steps, each handled by one consumer group, each
 * completed step undone by its compensation when a later step fails. Run by a coordinator that sends
 * commands and waits for replies ({@code style: orchestration}), or by the services reacting to each
 * other's events ({@code style: choreography}). Every event a producer sends to it starts one saga.
 */
public final class SagaKind implements ChannelKind {

    /** The type word. */
    public static final String WORD = "saga";
    /** The keys of one step. */
    static final Set<String> STEP_KEYS = Set.of("name", "compensation", "timeout", "retries");
    /** The keys of the coordinator. */
    static final Set<String> COORDINATOR_KEYS = Set.of("instances", "decision");
    /** The failures keys a step's group may use: its retries are the saga's. */
    private static final Set<String> STEP_FAILURE_KEYS = Set.of("probability");

    @Override
    public String word() {
        return WORD;
    }

    @Override
    public String summary() {
        return "a saga: ordered steps, each handled by one group, compensated in reverse order when a later step fails;"
                + " run by a coordinator (orchestration) or by events (choreography)";
    }

    @Override
    public Map<String, String> keys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("style", "orchestration (a coordinator sends commands and waits for replies) or choreography (each"
                + " service reacts to the previous one's event)");
        k.put("coordinator", "orchestration only: {instances: N, decision: DISTRIBUTION}, the coordinator's workers"
                + " and the time one decision takes (default 1 instance, deterministic(0s))");
        k.put("steps", "the ordered steps: [{name, compensation, timeout, retries}]; compensation names the step's undo"
                + " (none: nothing to undo), timeout (orchestration) how long the coordinator waits for a reply,"
                + " retries the attempts after the first");
        return k;
    }

    @Override
    public Map<String, String> consumerKeys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("step", "saga only: the name of the step this group handles (exactly one group per step)");
        k.put("compensation-failures", "saga only: the probability that one attempt of the step's compensation fails"
                + " (default 0)");
        return k;
    }

    @Override
    public ChannelSpec bind(String id, Fields f) {
        SagaSpec.Style style = f.enumValue("style", SagaSpec.Style.class, null, "orchestration or choreography");
        if (!f.has("style")) {
            f.problem("style", "expected style: orchestration or style: choreography");
        }
        int instances = 1;
        Distribution decision = new Deterministic(0);
        if (f.has("coordinator")) {
            if (style == SagaSpec.Style.CHOREOGRAPHY) {
                f.problem("coordinator", "a choreography has no coordinator: the services react to each other's events;"
                        + " remove 'coordinator' or use style: orchestration");
            }
            Fields c = f.mapping("coordinator", "a mapping such as {instances: 2, decision: exponential(5ms)}");
            if (c != null) {
                c.checkKeys(COORDINATOR_KEYS, Map.of());
                instances = c.integer("instances", 1, 10_000, 1, "an instance count from 1 to 10000");
                Distribution d = c.value("decision", DistributionText::parse,
                        "a decision-time distribution such as exponential(5ms)", false);
                decision = d == null ? decision : d;
            }
        }
        List<SagaSpec.Step> steps = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Fields.Entry e : f.list("steps", true)) {
            Fields s = e.fields(f.problems(), "a step mapping such as {name: reserve, compensation: release}");
            if (s == null) {
                continue;
            }
            s.checkKeys(STEP_KEYS, Map.of());
            String name = s.requiredText("name", "the step's name, e.g. reserve");
            String compensation = s.text("compensation", "the name of the step's compensation, e.g. release", null);
            double timeout = s.duration("timeout", 0, false);
            int retries = s.integer("retries", 0, FailureSpec.MAX_RETRIES, 0,
                    "a retry count from 0 to " + FailureSpec.MAX_RETRIES);
            if (s.has("timeout") && style == SagaSpec.Style.CHOREOGRAPHY) {
                s.problem("timeout", "in a choreography nobody waits for a reply, so a step has no timeout; remove it"
                        + " or use style: orchestration");
            }
            if (name != null && !names.add(name)) {
                s.problem("name", "step '" + name + "' is already named; expected a distinct name per step");
            }
            if (name != null) {
                steps.add(new SagaSpec.Step(name, compensation, timeout, retries));
            }
        }
        if (steps.size() > SagaSpec.MAX_STEPS) {
            f.problem("steps", "has " + steps.size() + " steps; expected at most " + SagaSpec.MAX_STEPS + " (a saga is a"
                    + " handful of business steps; split a longer flow into several sagas)");
        }
        if (id == null || style == null || steps.isEmpty()) {
            return null;
        }
        return new SagaSpec(id, style, instances, decision, steps);
    }

    @Override
    public ConsumerOptions bindConsumer(Fields f) {
        String step = f.requiredText("step", "the name of the saga step this group handles");
        double compFail = f.probability("compensation-failures", 0);
        for (String key : List.of("emits", "circuit-breaker", "start")) {
            if (f.has(key)) {
                f.problem(key, "a saga step's group replies to its saga (or emits its outcome event); '" + key
                        + "' does not apply to it");
            }
        }
        Fields failures = f.has("failures") ? f.mapping("failures", "a failures mapping") : null;
        if (failures != null) {
            if (failures.node().values().get("probability") instanceof Node.MapNode) {
                failures.problem("probability", "a saga step's failures take one probability for its command (the"
                        + " compensation's is 'compensation-failures'); expected a number between 0 and 1");
            }
            for (String key : failures.keys()) {
                if (!STEP_FAILURE_KEYS.contains(key)) {
                    failures.problem(key, "a saga step's failures take only 'probability' (one number): its retries and"
                            + " what follows its last attempt are the saga's (set 'retries' on the step)");
                }
            }
        }
        return step == null || Double.isNaN(compFail) ? null : new StepOptions(step, compFail);
    }
}
