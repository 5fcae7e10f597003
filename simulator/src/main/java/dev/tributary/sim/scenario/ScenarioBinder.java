package dev.tributary.sim.scenario;

import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.distribution.DistributionText;
import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerOptions;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.ConsumerSpec.EmitSpec;
import dev.tributary.sim.element.ProducerSpec;
import dev.tributary.sim.failure.BreakerSpec;
import dev.tributary.sim.failure.FailureSpec;
import dev.tributary.sim.fault.FaultSpec;
import dev.tributary.sim.monitor.AlertSpec;
import dev.tributary.sim.format.Fields;
import dev.tributary.sim.format.Node;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.value.ArrivalSpec;
import dev.tributary.sim.value.ArrivalsText;
import dev.tributary.sim.value.Calls;
import dev.tributary.sim.value.Durations;
import dev.tributary.sim.value.KeySpec;
import dev.tributary.sim.value.KeysText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a located {@link Node} tree into a {@link Scenario}, checking every key, type, reference
 * and value, and collecting every problem (not only the first) with its line, column and key. It
 * binds what every scenario has (top-level keys, producers, consumers, emits); each channel's own
 * keys are bound by its kind, found in the {@link ElementKinds} registry by its {@code type:} word.
 */
final class ScenarioBinder {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    static final Set<String> TOP = Set.of("name", "description", "seed", "duration", "warmup", "sample",
            "producers", "channels", "consumers", "faults", "alerts", "narration", "brokers");
    static final Set<String> PRODUCER = Set.of("id", "to", "arrivals", "keys", "type", "types", "buffer",
            "delivery-timeout", "amount");
    /** The keys of {@code brokers:}. */
    static final Set<String> BROKERS = Set.of("count", "failover");
    /** The keys every channel has; each kind adds its own. */
    static final Set<String> CHANNEL = Set.of("id", "type");
    /** The keys every consumer has; the source channel's kind may add its own. */
    static final Set<String> CONSUMER = Set.of("id", "from", "instances", "service", "emits", "start", "failures",
            "circuit-breaker");
    static final Set<String> EMIT = Set.of("to", "type", "probability");
    /** Most distinct event types in one scenario (8 bits of a message). */
    static final int MAX_TYPES = 255;
    /** Keys of the format that later work will give meaning to: refused clearly, never ignored. */
    private static final Map<String, String> NOT_YET = Map.of();

    private final String file;
    private final ElementKinds kinds;
    private final Fields.Problems problems;
    private final Map<String, int[]> idLocations = new HashMap<>();
    private final FailureBinder failures;
    /** Each bound emit's node, by "consumer#index", to point at a feedback loop's emits. */
    private final Map<String, Node> emitNodes = new HashMap<>();

    ScenarioBinder(String file, ElementKinds kinds) {
        this.file = file;
        this.kinds = kinds;
        this.problems = new Fields.Problems(file);
        this.failures = new FailureBinder(problems);
    }

    Scenario bind(Node root) throws ScenarioException {
        if (!(root instanceof Node.MapNode topNode)) {
            problems.add(root, "", "expected a mapping with keys such as name, producers, channels, consumers; got "
                    + root.kindName());
            throw new ScenarioException(problems.list());
        }
        Fields top = new Fields(topNode, "", problems);
        top.checkKeys(TOP, notYet());
        String name = orEmpty(top.text("name", "text", ""));
        String description = orEmpty(top.text("description", "text", ""));
        long seed = seed(top);
        double duration = top.duration("duration", Scenario.DEFAULT_DURATION, false);
        double warmup = top.duration("warmup", 0, true);
        if (duration > 0 && warmup >= duration) {
            top.problem("warmup", "expected less than the duration (" + Durations.format(duration) + "); got "
                    + Durations.format(warmup));
        }
        double sample = top.duration("sample", duration / Scenario.DEFAULT_SAMPLES, false);
        if (duration > 0 && sample > 0 && duration / sample > 1_000_000) {
            top.problem("sample", "expected at most a million samples per run; " + Durations.format(sample) + " over "
                    + Durations.format(duration) + " is more");
        }

        dev.tributary.sim.element.BrokersSpec brokers = brokers(top);
        List<ChannelSpec> channels = new ArrayList<>();
        Map<String, Node> channelNodes = new LinkedHashMap<>();
        Map<String, Fields> channelFields = new HashMap<>();
        for (Fields.Entry e : top.list("channels", true)) {
            Fields f = e.fields(problems, "a channel mapping with id and type");
            ChannelSpec c = f == null ? null : channel(f);
            if (c != null) {
                channels.add(c);
                channelNodes.put(c.id(), e.node());
                channelFields.put(c.id(), f);
            }
        }
        Map<String, ChannelSpec> byId = new LinkedHashMap<>();
        channels.forEach(c -> byId.put(c.id(), c));
        checkReplication(channels, channelNodes, brokers);

        List<ProducerSpec> producers = new ArrayList<>();
        for (Fields.Entry e : top.list("producers", true)) {
            Fields f = e.fields(problems, "a producer mapping with id, to and arrivals");
            ProducerSpec p = f == null ? null : producer(f, byId);
            if (p != null) {
                producers.add(p);
            }
        }
        List<ConsumerSpec> consumers = new ArrayList<>();
        Map<String, Fields> consumerFields = new HashMap<>();
        for (Fields.Entry e : top.list("consumers", false)) {
            Fields f = e.fields(problems, "a consumer mapping with id, from and service");
            ConsumerSpec c = f == null ? null : consumer(f, byId, duration);
            if (c != null) {
                consumers.add(c);
                consumerFields.put(c.id(), f);
            }
        }
        checkReaders(channels, consumers, channelFields, consumerFields);
        checkTypesMatched(channels, producers, consumers, channelFields);
        checkTypeCount(top, producers, consumers);
        failures.check(producers, consumers, byId, idLocations.keySet());
        List<FaultSpec> faults = failures.faults(top, duration, consumers, byId,
                producers.stream().map(ProducerSpec::id).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)),
                brokers);
        List<AlertSpec> alerts = failures.alerts(top, consumers, byId);
        List<NarrationStep> narration = new NarrationBinder(problems).bind(top, duration, warmup, producers, byId,
                consumers);
        checkReferences(byId);
        checkForwardingLoops(channels, channelNodes, byId);
        if (!problems.list().isEmpty()) {
            throw new ScenarioException(problems.list());
        }
        Scenario scenario = new Scenario(name.isEmpty() ? baseName(file) : name, description, seed, duration, warmup,
                sample, producers, channels, consumers, faults, alerts, file, narration, brokers);
        for (ChannelSpec c : channels) {
            Fields at = channelFields.get(c.id());
            for (ChannelSpec.ReaderProblem p : c.checkFeeders(scenario.feeders(c.id()))) {
                if (at != null) {
                    at.problem(p.key(), p.message());
                }
            }
        }
        checkFeedbackGain(scenario, channelFields);
        if (!problems.list().isEmpty()) {
            throw new ScenarioException(problems.list());
        }
        return scenario;
    }

    /** Each kind's check of the groups reading its channels together (one handler per command channel). */
    private static void checkReaders(List<ChannelSpec> channels, List<ConsumerSpec> consumers,
                                     Map<String, Fields> channelFields, Map<String, Fields> consumerFields) {
        for (ChannelSpec c : channels) {
            List<ConsumerSpec> readers = consumers.stream().filter(x -> x.from().equals(c.id())).toList();
            for (ChannelSpec.ReaderProblem p : c.checkReaders(readers)) {
                Fields at = p.consumer() == null ? channelFields.get(c.id()) : consumerFields.get(p.consumer());
                if (at != null) {
                    at.problem(p.key(), p.message());
                }
            }
        }
    }

    /** Each event type a channel matches on (a window's filter) must be one a producer, an emit or a channel makes. */
    private static void checkTypesMatched(List<ChannelSpec> channels, List<ProducerSpec> producers,
                                          List<ConsumerSpec> consumers, Map<String, Fields> channelFields) {
        Set<String> made = new LinkedHashSet<>();
        producers.forEach(p -> made.addAll(p.types().keySet()));
        consumers.forEach(c -> c.emits().stream().filter(e -> e.type() != null).forEach(e -> made.add(e.type())));
        channels.forEach(c -> made.addAll(c.typesMade()));
        for (ChannelSpec c : channels) {
            Fields at = channelFields.get(c.id());
            c.typesMatched().forEach((key, type) -> {
                if (at != null && !made.contains(type)) {
                    at.problem(key, "no producer, emit or channel makes events of type '" + type + "'"
                            + Calls.suggestion(type, made) + "; expected one of: " + String.join(", ", made));
                }
            });
        }
    }

    /**
     * Emits that lead back to their own group form a feedback loop, and so do the events a channel's
     * kind makes its readers publish (a command's replies); one whose gain is 1 or more (the spectral
     * radius of its routing matrix, {@link dev.tributary.sim.theory.Network.Loop}) makes the traffic
     * grow without bound whatever the capacity: refused, pointing at the loop's emits and reply keys.
     */
    private void checkFeedbackGain(Scenario scenario, Map<String, Fields> channelFields) {
        if (scenario.consumers().stream().allMatch(c -> c.emits().isEmpty()
                && scenario.channel(c.from()).map(ch -> ch.readerPublishes(c).isEmpty()).orElse(true))) {
            return;
        }
        List<dev.tributary.sim.theory.Network.Loop> loops;
        try {
            loops = ScenarioNetwork.of(scenario).feedback();
        } catch (RuntimeException e) {
            return; // the theory's trouble is the prediction's to report, not the file's
        }
        for (dev.tributary.sim.theory.Network.Loop loop : loops) {
            if (loop.gain() < 1 - 1e-9) {
                continue;
            }
            String path = String.join(", ", loop.emits().stream().map(e -> e.group() + " → " + e.to()).toList());
            String why = "is on a feedback loop (" + path + ") that " + loop.describe() + "; expected fewer than 1"
                    + " (lower a probability), or the traffic on the loop grows without bound";
            for (dev.tributary.sim.theory.Network.EmitRef e : loop.emits()) {
                ConsumerSpec c = scenario.consumers().stream().filter(x -> x.id().equals(e.group())).findFirst()
                        .orElse(null);
                if (c != null && e.index() >= c.emits().size()) {
                    // published by the channel's kind (after the group's own emits): point at the channel's key
                    int k = e.index() - c.emits().size();
                    List<ChannelSpec.ReaderPublish> rp = scenario.channel(c.from())
                            .map(ch -> ch.readerPublishes(c)).orElse(List.of());
                    Fields at = channelFields.get(c.from());
                    if (k < rp.size() && at != null) {
                        at.problem(rp.get(k).key(), "what group '" + c.id() + "' publishes to '" + e.to() + "' "
                                + why);
                    }
                    continue;
                }
                Node n = emitNodes.get(e.group() + "#" + e.index());
                if (n != null) {
                    problems.add(n, "consumers[" + e.group() + "].emits[" + e.index() + "]", "this emit " + why);
                }
            }
        }
    }

    /** {@code brokers: {count: N, failover: 10s}}, or null when absent. */
    private dev.tributary.sim.element.BrokersSpec brokers(Fields top) {
        if (!top.has("brokers")) {
            return null;
        }
        Fields b = top.mapping("brokers", "a mapping such as {count: 3, failover: 10s}");
        if (b == null) {
            return null;
        }
        b.checkKeys(BROKERS, Map.of());
        double failover = b.duration("failover", dev.tributary.sim.element.BrokersSpec.DEFAULT_FAILOVER, true);
        if (!b.has("count")) {
            b.problem("count", "is missing; expected the number of brokers, e.g. count: 3");
            return null;
        }
        int count = b.integer("count", 1, dev.tributary.sim.element.BrokersSpec.MAX_COUNT, 1,
                "a broker count from 1 to " + dev.tributary.sim.element.BrokersSpec.MAX_COUNT);
        return new dev.tributary.sim.element.BrokersSpec(count, Double.isNaN(failover) ? 0 : failover);
    }

    /** A channel's replicas must fit on distinct brokers, and need brokers at all. */
    private void checkReplication(List<ChannelSpec> channels, Map<String, Node> nodes,
                                  dev.tributary.sim.element.BrokersSpec brokers) {
        for (ChannelSpec c : channels) {
            if (c.replication() <= 1) {
                continue;
            }
            Node entry = nodes.get(c.id());
            Node at = entry instanceof Node.MapNode m && m.values().get("replication") != null
                    ? m.values().get("replication") : entry;
            String path = "channels[" + c.id() + "].replication";
            if (brokers == null) {
                problems.add(at, path, "expected 1 without brokers; got " + c.replication()
                        + ": add a top-level brokers: {count: N} with N ≥ " + c.replication());
            } else if (c.replication() > brokers.count()) {
                problems.add(at, path, "expected at most the broker count (" + brokers.count() + "): each replica"
                        + " lives on its own broker; got " + c.replication());
            }
        }
    }

    private static Map<String, String> notYet() {
        Map<String, String> m = new HashMap<>();
        NOT_YET.forEach((k, v) -> m.put(k, "not supported yet: " + v
                + " will come in a later version of Tributary; remove this key to run the scenario"));
        return m;
    }

    private long seed(Fields top) {
        if (!top.has("seed")) {
            return Scenario.DEFAULT_SEED;
        }
        Node seedNode = top.node().values().get("seed");
        if (seedNode instanceof Node.Scalar s && s.type() == Node.Scalar.Type.NUMBER && s.text().matches("-?\\d+")) {
            try {
                return Long.parseLong(s.text());
            } catch (NumberFormatException e) {
                top.problem("seed", "expected a whole number that fits in 64 bits; got " + s.text());
            }
        } else {
            top.problem("seed", "expected a whole number such as 42; got " + seedNode.kindName());
        }
        return Scenario.DEFAULT_SEED;
    }

    // ---------------------------------------------------------------- elements

    private ProducerSpec producer(Fields m, Map<String, ChannelSpec> channels) {
        m.checkKeys(PRODUCER, notYet());
        String id = id(m);
        String to = reference(m, "to", channels, true);
        ArrivalSpec arrivals = m.value("arrivals", ArrivalsText::parse, "an arrival process such as poisson(3.6/s)", true);
        KeySpec keys = m.has("keys") ? m.value("keys", KeysText::parse, KeysText.EXPECTED, false) : new KeySpec.None();
        Map<String, Double> types = new LinkedHashMap<>();
        if (m.has("type") && m.has("types")) {
            m.problem("types", "expected either 'type' or 'types', not both");
        } else if (m.has("type")) {
            String t = m.text("type", "an event type name such as order-created", null);
            if (t != null) {
                types.put(t, 1.0);
            }
        } else if (m.has("types")) {
            Node typesNode = m.node().values().get("types");
            if (typesNode instanceof Node.MapNode tm && !tm.values().isEmpty()) {
                Fields tf = new Fields(tm, m.path("types"), problems);
                for (String t : tm.values().keySet()) {
                    double w = tf.number(t, Double.NaN, "a positive weight");
                    if (!(w > 0)) {
                        if (!Double.isNaN(w)) {
                            tf.problem(t, "expected a positive weight; got " + w);
                        }
                    } else {
                        types.put(t, w);
                    }
                }
            } else {
                m.problem("types", "expected a mapping of event type to weight, e.g. {order-created: 0.9, order-cancelled: 0.1}; got "
                        + typesNode.kindName());
            }
        }
        if (types.isEmpty()) {
            types.put(ProducerSpec.DEFAULT_TYPE, 1.0);
        }
        int buffer = m.integer("buffer", 0, ProducerSpec.MAX_BUFFER, ProducerSpec.DEFAULT_BUFFER,
                "a record count from 0 to " + ProducerSpec.MAX_BUFFER);
        double deliveryTimeout = m.duration("delivery-timeout", ProducerSpec.DEFAULT_DELIVERY_TIMEOUT, true);
        Distribution amount = m.has("amount") ? m.value("amount", DistributionText::parseAmount,
                DistributionText.AMOUNT_EXPECTED, false) : null;
        if (id == null || to == null || arrivals == null || keys == null || (m.has("amount") && amount == null)) {
            return null;
        }
        return new ProducerSpec(id, to, arrivals, keys, types, buffer, deliveryTimeout, amount);
    }

    private ChannelSpec channel(Fields m) {
        String id = id(m);
        String words = String.join(", ", kinds.words());
        String type = m.requiredText("type", "one of " + words);
        if (type == null) {
            return null;
        }
        ChannelKind kind = kinds.channel(type).orElse(null);
        if (kind == null) {
            m.problem("type", "expected one of " + words + "; got '" + type + "'" + Calls.suggestion(type, kinds.words()));
            return null;
        }
        Set<String> allowed = new LinkedHashSet<>(CHANNEL);
        allowed.addAll(kind.keys().keySet());
        m.checkKeys(allowed, elsewhere(kind));
        return kind.bind(id, m);
    }

    /** Why a key of another kind is not accepted on this one ("only applies to a stream"). */
    private Map<String, String> elsewhere(ChannelKind here) {
        Map<String, String> m = new HashMap<>(notYet());
        for (ChannelKind k : kinds.channels()) {
            for (String key : k.keys().keySet()) {
                if (!here.keys().containsKey(key) && !CHANNEL.contains(key)) {
                    m.putIfAbsent(key, "only applies to " + Calls.withArticle(k.word()) + "; this channel is " + Calls.withArticle(here.word()));
                }
            }
        }
        return m;
    }

    private ConsumerSpec consumer(Fields m, Map<String, ChannelSpec> channels, double duration) {
        String id = id(m);
        String from = reference(m, "from", channels, true);
        ChannelSpec source = from == null ? null : channels.get(from);
        if (source != null && !source.holdsEvents()) {
            m.problem("from", "'" + from + "' is " + Calls.withArticle(source.type())
                    + ", which forwards events and holds none; expected a channel that holds events (one of the "
                    + source.type() + "'s targets)");
            source = null;
        }
        Set<String> allowed = new LinkedHashSet<>(CONSUMER);
        Map<String, String> elsewhere = new HashMap<>(notYet());
        for (ChannelKind k : kinds.channels()) {
            for (String key : k.consumerKeys().keySet()) {
                if (source != null && source.type().equals(k.word())) {
                    allowed.add(key);
                } else if (source != null) {
                    elsewhere.putIfAbsent(key, "only applies to a consumer of " + Calls.withArticle(k.word()) + "; '" + from + "' is "
                            + Calls.withArticle(source.type()));
                } else {
                    allowed.add(key); // source unknown: its own problem is reported already
                }
            }
        }
        m.checkKeys(allowed, elsewhere);
        int instances = m.integer("instances", 1, ConsumerSpec.MAX_INSTANCES, 1,
                "an instance count from 1 to " + ConsumerSpec.MAX_INSTANCES);
        Distribution service = m.value("service", DistributionText::parse,
                "a service-time distribution such as exponential(1s)", true);
        List<EmitSpec> emits = new ArrayList<>();
        for (Fields.Entry e : m.list("emits", false)) {
            Fields f = e.fields(problems, "a mapping such as {to: payment-events}");
            EmitSpec em = f == null ? null : emit(f, channels);
            if (em != null) {
                if (id != null) {
                    emitNodes.put(id + "#" + emits.size(), e.node());
                }
                emits.add(em);
            }
        }
        ConsumerOptions options = source == null ? ConsumerOptions.NONE : source.kind().bindConsumer(m);
        double start = m.duration("start", 0, true);
        if (duration > 0 && start >= duration) {
            m.problem("start", "expected a time before the end of the run (" + Durations.format(duration) + "); got "
                    + Durations.format(start));
        }
        boolean[] ok = {true};
        FailureSpec fails = failures.failures(id, m, source, channels, ok);
        BreakerSpec breaker = failures.breaker(id, m, ok);
        if (id == null || from == null || service == null || options == null || !ok[0]) {
            return null;
        }
        return new ConsumerSpec(id, from, instances, service, emits, start, options, fails, breaker);
    }

    private EmitSpec emit(Fields m, Map<String, ChannelSpec> channels) {
        m.checkKeys(EMIT, notYet());
        String to = reference(m, "to", channels, true);
        String type = m.text("type", "an event type", null);
        double p = m.probability("probability", 1);
        return to == null ? null : new EmitSpec(to, type, Double.isNaN(p) ? 1 : p);
    }

    /** Event types travel in 8 bits of a message: at most {@value #MAX_TYPES} names in one scenario. */
    private void checkTypeCount(Fields top, List<ProducerSpec> producers, List<ConsumerSpec> consumers) {
        Set<String> types = new LinkedHashSet<>();
        producers.forEach(p -> types.addAll(p.types().keySet()));
        consumers.forEach(c -> c.emits().stream().filter(e -> e.type() != null).forEach(e -> types.add(e.type())));
        if (types.size() > MAX_TYPES) {
            top.problem("producers", "expected at most " + MAX_TYPES + " distinct event types in one scenario (types"
                    + " and emits together); got " + types.size());
        }
    }

    /** Channel ids a kind recorded while binding (a router's targets), checked now that all are known. */
    private void checkReferences(Map<String, ChannelSpec> byId) {
        for (Fields.Reference r : problems.references()) {
            if (!byId.containsKey(r.id())) {
                problems.add(r.line(), r.column(), r.path(), "no channel with id '" + r.id() + "'"
                        + Calls.suggestion(r.id(), byId.keySet()));
            }
        }
    }

    /** A channel that (through other forwarding channels) forwards to itself would pass an event on forever. */
    private void checkForwardingLoops(List<ChannelSpec> channels, Map<String, Node> nodes, Map<String, ChannelSpec> byId) {
        for (ChannelSpec c : channels) {
            if (!c.forwards().isEmpty() && reaches(c.id(), c.id(), byId, new HashSet<>())) {
                problems.add(nodes.get(c.id()), "channels[" + c.id() + "]",
                        "routes back to itself through " + c.type() + "s only; expected every route to end at a channel that holds events");
            }
        }
    }

    private static boolean reaches(String target, String from, Map<String, ChannelSpec> byId, Set<String> seen) {
        ChannelSpec c = byId.get(from);
        if (c == null || c.holdsEvents() || !seen.add(from)) {
            return false;
        }
        for (ChannelSpec.Forward f : c.forwards()) {
            if (f.to().equals(target) || reaches(target, f.to(), byId, seen)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- helpers

    private String id(Fields m) {
        String id = m.requiredText("id", "an id such as orders");
        if (id == null) {
            return null;
        }
        if (!ID.matcher(id).matches()) {
            m.problem("id", "expected an id of letters, digits, '-', '_' or '.'; got '" + id + "'");
            return null;
        }
        Node n = m.node().values().get("id");
        int[] seen = idLocations.putIfAbsent(id, new int[] {n.line(), n.column()});
        if (seen != null) {
            m.problem("id", "'" + id + "' is already used at line " + seen[0]
                    + "; expected ids unique across producers, channels and consumers");
            return null;
        }
        return id;
    }

    static String reference(Fields m, String key, Map<String, ChannelSpec> targets, boolean required) {
        String ref = required ? m.requiredText(key, "the id of a channel") : m.text(key, "the id of a channel", null);
        if (ref == null) {
            return null;
        }
        if (!targets.containsKey(ref)) {
            m.problem(key, "no channel with id '" + ref + "'" + Calls.suggestion(ref, targets.keySet())
                    + (targets.isEmpty() ? "" : "; the channels are: " + String.join(", ", targets.keySet())));
            return null;
        }
        return ref;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String baseName(String file) {
        String n = file.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
