package dev.tributary.sim.scenario;

import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.ProducerSpec;
import dev.tributary.sim.failure.Backoff;
import dev.tributary.sim.failure.BackoffText;
import dev.tributary.sim.failure.BreakerSpec;
import dev.tributary.sim.failure.FailureSpec;
import dev.tributary.sim.failure.RetryMode;
import dev.tributary.sim.fault.FaultKind;
import dev.tributary.sim.fault.FaultKinds;
import dev.tributary.sim.fault.FaultSpec;
import dev.tributary.sim.format.Fields;
import dev.tributary.sim.format.Node;
import dev.tributary.sim.monitor.AlertSpec;
import dev.tributary.sim.value.Calls;
import dev.tributary.sim.value.Durations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds what the format says about failures: a consumer's {@code failures} and
 * {@code circuit-breaker}, and the top-level {@code faults} and {@code alerts}; then the checks
 * that need the whole scenario (a DLQ that feeds itself, event types, ids of retry stages, the
 * targets of faults and alerts). Every problem is located, like the rest of the binder's.
 */
final class FailureBinder {

    static final Set<String> FAILURES = Set.of("probability", "poison", "failed-cost", "retries", "backoff", "mode",
            "retry-topics", "dlq");
    static final Set<String> BREAKER = Set.of("failure-rate", "window", "open-for", "half-open-calls", "when-open");
    static final Set<String> ALERT = Set.of("figure", "element", "warning", "critical");
    /** The key every fault entry has besides its action word and the kind's own keys. */
    static final String AT = "at";

    /** A place that names an event type, checked once every producer and emit is known. */
    private record TypeRef(String type, Node at, String path) {
    }

    /** What a consumer's failures said, kept to check it against the whole scenario. */
    private record Bound(String consumer, Fields fields, FailureSpec spec) {
    }

    private final Fields.Problems problems;
    private final List<TypeRef> typeRefs = new ArrayList<>();
    private final Map<String, Bound> bound = new LinkedHashMap<>();
    private final Map<String, Fields> breakerFields = new HashMap<>();

    FailureBinder(Fields.Problems problems) {
        this.problems = problems;
    }

    // ------------------------------------------------------------------ failures

    /**
     * The {@code failures} of consumer {@code id} reading {@code source}; null when absent.
     * {@code ok[0]} turns false when it is present but wrong.
     */
    FailureSpec failures(String id, Fields consumer, ChannelSpec source, Map<String, ChannelSpec> channels, boolean[] ok) {
        if (!consumer.has("failures")) {
            return null;
        }
        Fields f = consumer.mapping("failures", "a mapping such as {probability: 0.01, retries: 3, backoff: 1s, dlq: payments-dlq}");
        if (f == null) {
            ok[0] = false;
            return null;
        }
        int before = problems.list().size();
        Map<String, String> elsewhere = new HashMap<>();
        BREAKER.forEach(k -> elsewhere.put(k, "belongs to the consumer's circuit-breaker, e.g. circuit-breaker: {" + k + ": …}"));
        f.checkKeys(FAILURES, elsewhere);

        double probability = 0;
        Map<String, Double> byType = new LinkedHashMap<>();
        Node pNode = f.node().values().get("probability");
        if (pNode instanceof Node.MapNode pm) {
            Fields pf = new Fields(pm, f.path("probability"), problems);
            if (pm.values().isEmpty()) {
                f.problem("probability", "expected a probability, or a mapping of event type to probability such as"
                        + " {order-created: 0.01, refund: 0.2}; got an empty mapping");
            }
            for (String type : pm.values().keySet()) {
                double p = pf.probability(type, Double.NaN);
                if (!Double.isNaN(p)) {
                    byType.put(type, p);
                }
                int[] at = pm.keys().get(type);
                typeRefs.add(new TypeRef(type, new Node.Scalar(type, Node.Scalar.Type.STRING, at[0], at[1]), pf.path(type)));
            }
        } else if (pNode != null) {
            probability = f.probability("probability", 0);
        }
        double poison = f.fraction("poison", 0, 0, 1, "a share of events between 0 and 1 (or 0% to 100%)");
        double cost = f.fraction("failed-cost", 1, 0, 100,
                "the share of a service time a failed attempt takes, such as 50% (0% to 10000%)");
        int retries = f.integer("retries", 0, FailureSpec.MAX_RETRIES, 0,
                "a retry count from 0 to " + FailureSpec.MAX_RETRIES);
        Backoff backoff = f.has("backoff") ? f.value("backoff", BackoffText::parse, BackoffText.EXPECTED, false) : Backoff.NONE;
        RetryMode mode = f.enumValue("mode", RetryMode.class, RetryMode.BLOCKING, "blocking, requeue or retry-topics");
        String dlq = f.has("dlq") ? ScenarioBinder.reference(f, "dlq", channels, false) : null;

        List<Double> delays = new ArrayList<>();
        if (f.has("retry-topics") && mode != RetryMode.RETRY_TOPICS) {
            f.problem("retry-topics", "only applies with mode: retry-topics");
        } else if (mode == RetryMode.RETRY_TOPICS && f.has("retry-topics")) {
            for (Fields.Entry e : f.list("retry-topics", true)) {
                double d = delay(e);
                if (!Double.isNaN(d)) {
                    delays.add(d);
                }
            }
            if (f.has("backoff")) {
                f.problem("backoff", "with retry-topics the stages' delays are the backoff; remove backoff or retry-topics");
            }
            if (f.has("retries") && retries != delays.size() && problems.list().size() == before) {
                f.problem("retries", "expected as many retries as retry topics (" + delays.size() + "); got " + retries);
            }
            retries = delays.size();
        } else if (mode == RetryMode.RETRY_TOPICS && backoff != null) {
            if (retries == 0) {
                f.problem("mode", "retry-topics needs at least one retry: add retries (with a backoff for the stages' delays)"
                        + " or retry-topics: [5s, 1m]");
            }
            if (backoff.jittered()) {
                f.problem("backoff", "a retry topic has one fixed delay: jitter does not apply; remove it or list the delays"
                        + " with retry-topics: [5s, 1m]");
            }
            for (int k = 1; k <= retries; k++) {
                delays.add(backoff.nominal(k));
            }
        }
        if (mode == RetryMode.REQUEUE && source != null && !source.canRequeue()) {
            f.problem("mode", Calls.withArticle(source.type()) + " cannot requeue: its log is append-only and shared by every group;"
                    + " expected blocking (the member's partitions wait, order kept) or retry-topics");
        }
        if (poison > 0 && dlq == null && !f.has("dlq")) {
            f.problem("poison", "poison events fail every attempt and would all be dropped: add dlq: CHANNEL to keep them"
                    + " (or set poison: 0)");
        }
        if (problems.list().size() > before || backoff == null || mode == null || Double.isNaN(probability)
                || Double.isNaN(poison) || Double.isNaN(cost) || (f.has("dlq") && dlq == null)) {
            ok[0] = false;
            return null;
        }
        FailureSpec spec = new FailureSpec(probability, byType, poison, cost, retries, backoff, mode, delays, dlq);
        bound.put(id, new Bound(id, f, spec));
        return spec;
    }

    private double delay(Fields.Entry e) {
        String path = e.path();
        if (!(e.node() instanceof Node.Scalar s) || s.type() == Node.Scalar.Type.NULL) {
            problems.add(e.node(), path, "expected a delay such as 5s or 1m; got " + e.node().kindName());
            return Double.NaN;
        }
        double d = s.text().trim().startsWith("-") ? Double.NaN : Durations.parseDuration(s.text());
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            problems.add(e.node(), path, "expected a delay of zero or more such as 5s or 1m; got '" + s.text() + "'");
            return Double.NaN;
        }
        return d;
    }

    /** The {@code circuit-breaker} of a consumer; null when absent. {@code ok[0]} turns false when wrong. */
    BreakerSpec breaker(String id, Fields consumer, boolean[] ok) {
        if (!consumer.has("circuit-breaker")) {
            return null;
        }
        Fields f = consumer.mapping("circuit-breaker",
                "a mapping such as {failure-rate: 50%, window: 20, open-for: 30s, half-open-calls: 3}");
        if (f == null) {
            ok[0] = false;
            return null;
        }
        int before = problems.list().size();
        Map<String, String> elsewhere = new HashMap<>();
        FAILURES.forEach(k -> elsewhere.put(k, "belongs to the consumer's failures, e.g. failures: {" + k + ": …}"));
        f.checkKeys(BREAKER, elsewhere);
        double rate = f.fraction("failure-rate", BreakerSpec.DEFAULT_RATE, 1e-9, 1,
                "a failure share above 0% and at most 100%, such as 50%");
        int window = f.integer("window", 1, 100_000, BreakerSpec.DEFAULT_WINDOW, "a window of 1 to 100000 attempts");
        double openFor = f.duration("open-for", BreakerSpec.DEFAULT_OPEN_FOR, false);
        int calls = f.integer("half-open-calls", 1, 100_000, BreakerSpec.DEFAULT_HALF_OPEN_CALLS,
                "a number of trial calls from 1 to 100000");
        BreakerSpec.WhenOpen when = f.enumValue("when-open", BreakerSpec.WhenOpen.class, BreakerSpec.WhenOpen.WAIT,
                "wait, dlq or fallback");
        if (problems.list().size() > before || Double.isNaN(rate) || when == null) {
            ok[0] = false;
            return null;
        }
        breakerFields.put(id, f);
        return new BreakerSpec(rate, window, openFor, calls, when);
    }

    // ------------------------------------------------------------------ whole-scenario checks

    /** Checks failures and breakers against the whole scenario. */
    void check(List<ProducerSpec> producers, List<ConsumerSpec> consumers, Map<String, ChannelSpec> channels,
               Set<String> ids) {
        Set<String> types = new LinkedHashSet<>();
        producers.forEach(p -> types.addAll(p.types().keySet()));
        consumers.forEach(c -> c.emits().forEach(e -> {
            if (e.type() != null) {
                types.add(e.type());
            }
        }));
        for (TypeRef t : typeRefs) {
            if (!types.contains(t.type())) {
                problems.add(t.at(), t.path(), "no producer or emit sends events of type '" + t.type() + "'"
                        + Calls.suggestion(t.type(), types) + "; the types are: " + String.join(", ", types));
            }
        }
        for (ConsumerSpec c : consumers) {
            Bound b = bound.get(c.id());
            if (b != null && b.spec().dlq() != null) {
                String dlq = b.spec().dlq();
                if (dlq.equals(c.from()) || forwardsTo(dlq, c.from(), channels, new HashSet<>())) {
                    b.fields().problem("dlq", "'" + dlq + "' leads back to '" + c.from() + "', the channel this group reads: a DLQ"
                            + " that feeds itself would retry its events forever; expected another channel (a consumer of the"
                            + " DLQ may resubmit them: the repair pattern)");
                }
            }
            if (b != null) {
                for (String stage : b.spec().stageIds(c.id())) {
                    if (ids.contains(stage)) {
                        b.fields().problem("mode", "its retry stages are named " + c.id() + "-retry-1 …, but '" + stage
                                + "' is already an id; rename that element or this group");
                    }
                }
            }
            Fields bf = breakerFields.get(c.id());
            if (bf != null && c.breaker().whenOpen() == BreakerSpec.WhenOpen.DLQ && (b == null || b.spec().dlq() == null)) {
                bf.problem("when-open", "sends events to the DLQ while open, but the group has none: add failures: {dlq: CHANNEL}"
                        + " or use wait or fallback");
            }
        }
    }

    /** Whether channel {@code from} passes events on (through routers only) to {@code target}. */
    private static boolean forwardsTo(String from, String target, Map<String, ChannelSpec> channels, Set<String> seen) {
        ChannelSpec c = channels.get(from);
        if (c == null || !seen.add(from)) {
            return false;
        }
        for (ChannelSpec.Forward f : c.forwards()) {
            if (f.to().equals(target) || forwardsTo(f.to(), target, channels, seen)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ faults

    /** The {@code faults} list. */
    List<FaultSpec> faults(Fields top, double duration, List<ConsumerSpec> consumers, Map<String, ChannelSpec> channels,
                           Set<String> producers, dev.tributary.sim.element.BrokersSpec brokers) {
        List<FaultSpec> out = new ArrayList<>();
        Set<String> groups = new LinkedHashSet<>();
        consumers.forEach(c -> groups.add(c.id()));
        Map<String, String> later = FaultKinds.later();
        List<String> words = FaultKinds.standard().stream().map(FaultKind::word).toList();
        FaultKind.Scope scope = new FaultKind.Scope() {
            @Override
            public Map<String, ChannelSpec> channels() {
                return channels;
            }

            @Override
            public List<ConsumerSpec> consumers() {
                return consumers;
            }

            @Override
            public dev.tributary.sim.element.BrokersSpec brokers() {
                return brokers;
            }
        };
        Set<String> brokerIds = new LinkedHashSet<>();
        for (int b = 0; brokers != null && b < brokers.count(); b++) {
            brokerIds.add(dev.tributary.sim.element.BrokersSpec.id(b));
        }
        for (Fields.Entry e : top.list("faults", false)) {
            Fields f = e.fields(problems, "a mapping such as {at: 20m, fail: payment, for: 1m}");
            if (f == null) {
                continue;
            }
            List<String> actions = f.keys().stream().filter(k -> words.contains(k) || later.containsKey(k)).toList();
            if (actions.isEmpty()) {
                f.problem("expected one action: " + String.join(", ", words) + " (e.g. {at: 20m, fail: payment, for: 1m});"
                        + " found none among the keys " + String.join(", ", f.keys()));
                continue;
            }
            if (actions.size() > 1) {
                f.problem(actions.get(1), "expected one action per entry; this one has both '" + actions.get(0) + "' and '"
                        + actions.get(1) + "': make two entries");
                continue;
            }
            String word = actions.get(0);
            if (later.containsKey(word)) {
                f.problem(word, "not supported yet: " + later.get(word)
                        + " will come in a later version of Tributary; remove this entry to run the scenario");
                continue;
            }
            FaultKind kind = FaultKinds.of(word).orElseThrow();
            Set<String> allowed = new LinkedHashSet<>(List.of(AT, word));
            allowed.addAll(kind.keys().keySet());
            Map<String, String> elsewhere = new HashMap<>();
            for (FaultKind k : FaultKinds.standard()) {
                k.keys().keySet().forEach(x -> {
                    if (!allowed.contains(x)) {
                        elsewhere.putIfAbsent(x, "only applies to " + Calls.withArticle(k.word()) + " fault; this one is " + word);
                    }
                });
            }
            int before = problems.list().size();
            f.checkKeys(allowed, elsewhere);
            double at = Double.NaN;
            if (!f.has(AT)) {
                f.problem(AT, "is missing; expected when the fault strikes, e.g. at: 20m");
            } else {
                at = f.duration(AT, Double.NaN, true);
                if (!Double.isNaN(at) && duration > 0 && at >= duration) {
                    f.problem(AT, "expected a time before the end of the run (" + Durations.format(duration) + "); got "
                            + Durations.format(at));
                }
            }
            String what = switch (kind.target()) {
                case GROUP -> "consumer group";
                case CHANNEL -> "channel";
                case PRODUCER -> "producer";
                case BROKER -> "broker";
            };
            String target = f.requiredText(word, "the id of a " + what);
            if (target != null) {
                Set<String> known = switch (kind.target()) {
                    case GROUP -> groups;
                    case CHANNEL -> channels.keySet();
                    case PRODUCER -> producers;
                    case BROKER -> brokerIds;
                };
                if (kind.target() == FaultKind.Target.BROKER && brokers == null) {
                    f.problem(word, "the scenario has no brokers; expected a top-level brokers: {count: N} to take '"
                            + target + "' down");
                    target = null;
                } else if (!known.contains(target)) {
                    f.problem(word, "no " + what + " with id '" + target + "'" + Calls.suggestion(target, known)
                            + (known.isEmpty() ? "" : "; the " + what + "s are: " + String.join(", ", known)));
                    target = null;
                }
            }
            FaultSpec spec = target == null ? null : kind.bind(at, target, f, scope);
            if (spec != null && problems.list().size() == before && !Double.isNaN(at)) {
                out.add(spec);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ alerts

    /** The {@code alerts}: null when absent, every default figure for {@code alerts: defaults}. */
    List<AlertSpec> alerts(Fields top, List<ConsumerSpec> consumers, Map<String, ChannelSpec> channels) {
        Node n = top.node().values().get("alerts");
        if (n == null) {
            return null;
        }
        if (n instanceof Node.Scalar s && s.text().trim().equals("defaults")) {
            List<AlertSpec> out = new ArrayList<>();
            for (AlertSpec.Figure fig : AlertSpec.Figure.values()) {
                out.add(AlertSpec.defaults(fig));
            }
            return out;
        }
        if (!(n instanceof Node.ListNode)) {
            top.problem("alerts", "expected a list such as [{figure: lag, warning: 10000, critical: 100000}], or defaults;"
                    + " got " + n.kindName());
            return null;
        }
        Set<String> groups = new LinkedHashSet<>();
        consumers.forEach(c -> groups.add(c.id()));
        List<AlertSpec> out = new ArrayList<>();
        List<String> figureWords = java.util.Arrays.stream(AlertSpec.Figure.values()).map(AlertSpec.Figure::word).toList();
        for (Fields.Entry e : top.list("alerts", false)) {
            Fields f = e.fields(problems, "a mapping such as {figure: lag, warning: 10000, critical: 100000}");
            if (f == null) {
                continue;
            }
            int before = problems.list().size();
            f.checkKeys(ALERT, Map.of());
            String word = f.requiredText("figure", "one of " + String.join(", ", figureWords));
            AlertSpec.Figure fig = word == null ? null : AlertSpec.Figure.of(word);
            if (word != null && fig == null) {
                f.problem("figure", "expected one of " + String.join(", ", figureWords) + "; got '" + word + "'"
                        + Calls.suggestion(word, figureWords));
            }
            if (fig == null) {
                continue;
            }
            String element = f.text("element", fig.ofGroups() ? "the id of a consumer group" : "the id of a channel", null);
            if (element != null) {
                Set<String> known = fig.ofGroups() ? groups : channels.keySet();
                if (!known.contains(element)) {
                    String what = fig.ofGroups() ? "consumer group" : "channel";
                    f.problem("element", "no " + what + " with id '" + element + "'" + Calls.suggestion(element, known)
                            + "; " + fig.word() + " is watched on a " + what + (known.isEmpty() ? ""
                            : "; the " + what + "s are: " + String.join(", ", known)));
                }
            }
            double warning = threshold(f, "warning", fig, fig.defaultWarning());
            double critical = threshold(f, "critical", fig, fig.defaultCritical());
            if (!Double.isNaN(warning) && !Double.isNaN(critical) && critical < warning) {
                f.problem(f.has("critical") ? "critical" : "warning", "expected a critical threshold at least the warning one ("
                        + warning + "); got " + critical);
            }
            if (problems.list().size() == before) {
                out.add(new AlertSpec(fig, element, warning, critical));
            }
        }
        return out;
    }

    private static double threshold(Fields f, String key, AlertSpec.Figure fig, double dflt) {
        return switch (fig) {
            case PROCESSING_TIME -> f.duration(key, dflt, true);
            case ERROR_RATE -> f.fraction(key, dflt, 0, 1, "an error rate between 0 and 1 (or 0% to 100%), such as 1%");
            default -> {
                double v = f.number(key, dflt, "a number of events");
                if (!Double.isNaN(v) && v < 0) {
                    f.problem(key, "expected a number of events of zero or more; got " + v);
                    yield Double.NaN;
                }
                yield v;
            }
        };
    }
}
