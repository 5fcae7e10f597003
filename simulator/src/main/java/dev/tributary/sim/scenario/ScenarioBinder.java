package dev.tributary.sim.scenario;

import dev.tributary.sim.distribution.Deterministic;
import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.distribution.Erlang;
import dev.tributary.sim.distribution.Exponential;
import dev.tributary.sim.distribution.Lognormal;
import dev.tributary.sim.distribution.Uniform;
import dev.tributary.sim.scenario.ChannelSpec.Overflow;
import dev.tributary.sim.scenario.ChannelSpec.Partitioner;
import dev.tributary.sim.scenario.ChannelSpec.QueueSpec;
import dev.tributary.sim.scenario.ChannelSpec.RouteSpec;
import dev.tributary.sim.scenario.ChannelSpec.RouterSpec;
import dev.tributary.sim.scenario.ChannelSpec.StreamSpec;
import dev.tributary.sim.scenario.ChannelSpec.TopicSpec;
import dev.tributary.sim.scenario.ConsumerSpec.Assignment;
import dev.tributary.sim.scenario.ConsumerSpec.EmitSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a located {@link Node} tree into a {@link Scenario}, checking every key, type, reference
 * and value, and collecting every problem (not only the first) with its line, column and key.
 */
final class ScenarioBinder {

    private static final Pattern CALL = Pattern.compile("\\s*([a-zA-Z][a-zA-Z0-9-]*)\\s*\\((.*)\\)\\s*");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern KEY_RANGE = Pattern.compile("\\s*(?:key-)?(\\d+)\\s*(?:\\.\\.|-)\\s*(?:key-)?(\\d+)\\s*");
    /** Most distinct keys a producer may have (each costs a few bytes per group and stream). */
    static final int MAX_KEYS = 10_000_000;

    static final Set<String> TOP = Set.of("name", "description", "seed", "duration", "warmup", "sample",
            "producers", "channels", "consumers");
    static final Set<String> PRODUCER = Set.of("id", "to", "arrivals", "keys", "type", "types");
    static final Set<String> QUEUE = Set.of("id", "type", "capacity", "overflow");
    static final Set<String> TOPIC = Set.of("id", "type");
    static final Set<String> STREAM = Set.of("id", "type", "partitions", "partitioner", "retention",
            "sticky-batch");
    static final Set<String> ROUTER = Set.of("id", "type", "routes", "default");
    static final Set<String> CONSUMER = Set.of("id", "from", "instances", "service", "emits", "assignment",
            "offset", "start");
    static final Set<String> EMIT = Set.of("to", "type", "probability");
    static final Set<String> ROUTE = Set.of("type", "keys", "probability", "to");
    /** Keys of the format that later work will give meaning to: refused clearly, never ignored. */
    private static final Map<String, String> NOT_YET = Map.of(
            "faults", "fault injection (crashes, outages)",
            "narration", "narration",
            "failures", "processing failures, retries and dead-letter queues",
            "delivery", "delivery guarantees",
            "commit", "offset commit intervals");

    private final String file;
    private final List<ScenarioException.Problem> problems = new ArrayList<>();
    private final Map<String, int[]> idLocations = new HashMap<>();

    ScenarioBinder(String file) {
        this.file = file;
    }

    Scenario bind(Node root) throws ScenarioException {
        if (!(root instanceof Node.MapNode top)) {
            problem(root, "", "expected a mapping with keys such as name, producers, channels, consumers; got "
                    + root.kindName());
            throw new ScenarioException(problems);
        }
        checkKeys(top, "", TOP);
        String name = string(top, "name", "", false);
        String description = string(top, "description", "", false);
        long seed = Scenario.DEFAULT_SEED;
        Node seedNode = top.values().get("seed");
        if (seedNode != null) {
            if (seedNode instanceof Node.Scalar s && s.type() == Node.Scalar.Type.NUMBER && s.text().matches("-?\\d+")) {
                try {
                    seed = Long.parseLong(s.text());
                } catch (NumberFormatException e) {
                    problem(seedNode, "seed", "expected a whole number that fits in 64 bits; got " + s.text());
                }
            } else {
                problem(seedNode, "seed", "expected a whole number such as 42; got " + seedNode.kindName());
            }
        }
        double duration = duration(top, "duration", "", Scenario.DEFAULT_DURATION, false);
        double warmup = duration(top, "warmup", "", 0, true);
        if (duration > 0 && warmup >= duration) {
            problem(top.values().get("warmup"), "warmup", "expected less than the duration ("
                    + Durations.format(duration) + "); got " + Durations.format(warmup));
        }
        double sample = duration(top, "sample", "", duration / Scenario.DEFAULT_SAMPLES, false);
        if (duration > 0 && sample > 0 && duration / sample > 1_000_000) {
            problem(top.values().get("sample"), "sample", "expected at most a million samples per run; "
                    + Durations.format(sample) + " over " + Durations.format(duration) + " is more");
        }

        List<ChannelSpec> channels = new ArrayList<>();
        Map<String, Node> channelNodes = new LinkedHashMap<>();
        for (ListEntry e : list(top, "channels", true)) {
            ChannelSpec c = channel(e.node, e.path);
            if (c != null) {
                channels.add(c);
                channelNodes.put(c.id(), e.node);
            }
        }
        Map<String, ChannelSpec> byId = new LinkedHashMap<>();
        channels.forEach(c -> byId.put(c.id(), c));

        List<ProducerSpec> producers = new ArrayList<>();
        for (ListEntry e : list(top, "producers", true)) {
            ProducerSpec p = producer(e.node, e.path, byId);
            if (p != null) {
                producers.add(p);
            }
        }
        List<ConsumerSpec> consumers = new ArrayList<>();
        for (ListEntry e : list(top, "consumers", false)) {
            ConsumerSpec c = consumer(e.node, e.path, byId, duration);
            if (c != null) {
                consumers.add(c);
            }
        }
        checkRouterReferences(channels, channelNodes, byId);
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return new Scenario(name.isEmpty() ? baseName(file) : name, description, seed, duration, warmup, sample,
                producers, channels, consumers, file);
    }

    // ---------------------------------------------------------------- elements

    private ProducerSpec producer(Node node, String path, Map<String, ChannelSpec> channels) {
        if (!(node instanceof Node.MapNode m)) {
            problem(node, path, "expected a producer mapping with id, to and arrivals; got " + node.kindName());
            return null;
        }
        checkKeys(m, path, PRODUCER);
        String id = id(m, path);
        String to = reference(m, "to", path, channels, "channel", true);
        ArrivalSpec arrivals = null;
        Node a = required(m, "arrivals", path, "an arrival process such as poisson(3.6/s)");
        if (a != null) {
            arrivals = arrivals(a, join(path, "arrivals"));
        }
        KeySpec keys = new KeySpec.None();
        Node k = m.values().get("keys");
        if (k != null) {
            keys = keys(k, join(path, "keys"));
        }
        Map<String, Double> types = new LinkedHashMap<>();
        Node type = m.values().get("type");
        Node typesNode = m.values().get("types");
        if (type != null && typesNode != null) {
            problem(typesNode, join(path, "types"), "expected either 'type' or 'types', not both");
        } else if (type != null) {
            String t = scalarText(type, join(path, "type"), "an event type name such as order-created");
            if (t != null) {
                types.put(t, 1.0);
            }
        } else if (typesNode != null) {
            if (typesNode instanceof Node.MapNode tm && !tm.values().isEmpty()) {
                for (var e : tm.values().entrySet()) {
                    double w = number(e.getValue(), join(join(path, "types"), e.getKey()), "a positive weight");
                    if (!(w > 0)) {
                        if (!Double.isNaN(w)) {
                            problem(e.getValue(), join(join(path, "types"), e.getKey()),
                                    "expected a positive weight; got " + w);
                        }
                    } else {
                        types.put(e.getKey(), w);
                    }
                }
            } else {
                problem(typesNode, join(path, "types"),
                        "expected a mapping of event type to weight, e.g. {order-created: 0.9, order-cancelled: 0.1}; got "
                                + typesNode.kindName());
            }
        }
        if (types.isEmpty()) {
            types.put(ProducerSpec.DEFAULT_TYPE, 1.0);
        }
        if (id == null || to == null || arrivals == null || keys == null) {
            return null;
        }
        return new ProducerSpec(id, to, arrivals, keys, types);
    }

    private ChannelSpec channel(Node node, String path) {
        if (!(node instanceof Node.MapNode m)) {
            problem(node, path, "expected a channel mapping with id and type; got " + node.kindName());
            return null;
        }
        String id = id(m, path);
        Node typeNode = required(m, "type", path, "one of queue, topic, stream, router");
        if (typeNode == null) {
            return null;
        }
        String type = scalarText(typeNode, join(path, "type"), "one of queue, topic, stream, router");
        if (type == null) {
            return null;
        }
        switch (type) {
            case "queue" -> {
                checkKeys(m, path, QUEUE);
                int capacity = QueueSpec.UNBOUNDED;
                Node cap = m.values().get("capacity");
                if (cap != null) {
                    capacity = integer(cap, join(path, "capacity"), 0, Integer.MAX_VALUE - 1, "a capacity of 0 or more messages");
                }
                Overflow overflow = Overflow.REJECT;
                Node of = m.values().get("overflow");
                if (of != null) {
                    overflow = enumValue(of, join(path, "overflow"), Overflow.class, "reject, block or drop-oldest");
                    if (cap == null) {
                        problem(of, join(path, "overflow"), "only applies to a queue with a capacity; add 'capacity'");
                    }
                }
                return id == null || overflow == null ? null : new QueueSpec(id, capacity, overflow);
            }
            case "topic" -> {
                checkKeys(m, path, TOPIC);
                return id == null ? null : new TopicSpec(id);
            }
            case "stream" -> {
                checkKeys(m, path, STREAM);
                int partitions = 1;
                Node pn = m.values().get("partitions");
                if (pn != null) {
                    partitions = integer(pn, join(path, "partitions"), 1, StreamSpec.MAX_PARTITIONS,
                            "a partition count from 1 to " + StreamSpec.MAX_PARTITIONS);
                }
                Partitioner partitioner = Partitioner.KEY_HASH;
                Node pr = m.values().get("partitioner");
                if (pr != null) {
                    partitioner = enumValue(pr, join(path, "partitioner"), Partitioner.class,
                            "key-hash, round-robin or sticky");
                }
                double retention = duration(m, "retention", path, StreamSpec.DEFAULT_RETENTION, false);
                int batch = StreamSpec.DEFAULT_STICKY_BATCH;
                Node sb = m.values().get("sticky-batch");
                if (sb != null) {
                    batch = integer(sb, join(path, "sticky-batch"), 1, 1_000_000, "events per sticky batch, 1 or more");
                }
                return id == null || partitioner == null || partitions < 1 ? null
                        : new StreamSpec(id, partitions, partitioner, retention, batch);
            }
            case "router" -> {
                checkKeys(m, path, ROUTER);
                List<RouteSpec> routes = new ArrayList<>();
                for (ListEntry e : list(m, "routes", path, false)) {
                    RouteSpec r = route(e.node, e.path);
                    if (r != null) {
                        routes.add(r);
                    }
                }
                String def = m.values().containsKey("default")
                        ? scalarText(m.values().get("default"), join(path, "default"), "a channel id") : null;
                if (routes.isEmpty() && def == null) {
                    problem(m, path, "a router needs 'routes' or a 'default' target; it has neither");
                }
                return id == null ? null : new RouterSpec(id, routes, def);
            }
            default -> {
                problem(typeNode, join(path, "type"), "expected one of queue, topic, stream, router; got '" + type + "'"
                        + suggestion(type, List.of("queue", "topic", "stream", "router")));
                return null;
            }
        }
    }

    private RouteSpec route(Node node, String path) {
        if (!(node instanceof Node.MapNode m)) {
            problem(node, path, "expected a rule mapping such as {type: refund, to: refunds}; got " + node.kindName());
            return null;
        }
        checkKeys(m, path, ROUTE);
        String to = m.values().containsKey("to") ? scalarText(m.values().get("to"), join(path, "to"), "a channel id") : null;
        if (to == null && !m.values().containsKey("to")) {
            problem(m, join(path, "to"), "is missing; expected the channel id this rule sends events to");
        }
        int kinds = 0;
        RouteSpec r = null;
        if (m.values().containsKey("type")) {
            kinds++;
            String t = scalarText(m.values().get("type"), join(path, "type"), "an event type");
            if (t != null) {
                r = RouteSpec.ofType(t, to);
            }
        }
        if (m.values().containsKey("keys")) {
            kinds++;
            Node kn = m.values().get("keys");
            String t = scalarText(kn, join(path, "keys"), "a key range such as 0..99");
            Matcher km = t == null ? null : KEY_RANGE.matcher(t);
            if (km != null && km.matches()) {
                int from = Integer.parseInt(km.group(1));
                int last = Integer.parseInt(km.group(2));
                if (last < from) {
                    problem(kn, join(path, "keys"), "expected a range whose end is not below its start; got " + t);
                } else {
                    r = RouteSpec.ofKeys(from, last, to);
                }
            } else if (t != null) {
                problem(kn, join(path, "keys"), "expected a key range such as 0..99 or key-0..key-99; got '" + t + "'");
            }
        }
        if (m.values().containsKey("probability")) {
            kinds++;
            Node pn = m.values().get("probability");
            double p = number(pn, join(path, "probability"), "a probability between 0 and 1");
            if (!Double.isNaN(p)) {
                if (p < 0 || p > 1) {
                    problem(pn, join(path, "probability"), "expected a probability between 0 and 1; got " + p);
                } else {
                    r = RouteSpec.ofProbability(p, to);
                }
            }
        }
        if (kinds == 0) {
            problem(m, path, "expected a rule with one of 'type', 'keys' or 'probability'");
        } else if (kinds > 1) {
            problem(m, path, "expected exactly one of 'type', 'keys' or 'probability' in a rule; got " + kinds);
            return null;
        }
        return to == null ? null : r;
    }

    private ConsumerSpec consumer(Node node, String path, Map<String, ChannelSpec> channels, double duration) {
        if (!(node instanceof Node.MapNode m)) {
            problem(node, path, "expected a consumer mapping with id, from and service; got " + node.kindName());
            return null;
        }
        checkKeys(m, path, CONSUMER);
        String id = id(m, path);
        String from = reference(m, "from", path, channels, "channel", true);
        ChannelSpec source = from == null ? null : channels.get(from);
        if (source instanceof RouterSpec) {
            problem(m.values().get("from"), join(path, "from"), "'" + from
                    + "' is a router, which forwards events and holds none; expected a queue, topic or stream (one of the router's targets)");
            source = null;
        }
        int instances = 1;
        Node in = m.values().get("instances");
        if (in != null) {
            instances = integer(in, join(path, "instances"), 1, ConsumerSpec.MAX_INSTANCES,
                    "an instance count from 1 to " + ConsumerSpec.MAX_INSTANCES);
        }
        Distribution service = null;
        Node sn = required(m, "service", path, "a service-time distribution such as exponential(1s)");
        if (sn != null) {
            service = distribution(sn, join(path, "service"));
        }
        List<EmitSpec> emits = new ArrayList<>();
        for (ListEntry e : list(m, "emits", path, false)) {
            EmitSpec em = emit(e.node, e.path, channels);
            if (em != null) {
                emits.add(em);
            }
        }
        boolean stream = source instanceof StreamSpec;
        Assignment assignment = Assignment.RANGE;
        Node an = m.values().get("assignment");
        if (an != null) {
            assignment = enumValue(an, join(path, "assignment"), Assignment.class, "range or round-robin");
            if (source != null && !stream) {
                problem(an, join(path, "assignment"), "only applies to a consumer of a stream; '" + from + "' is a "
                        + source.type());
            }
        }
        String offset = ConsumerSpec.DEFAULT_OFFSET;
        Node on = m.values().get("offset");
        if (on != null) {
            offset = scalarText(on, join(path, "offset"), "earliest, latest or an offset number");
            if (offset != null && !offset.equals("earliest") && !offset.equals("latest") && !offset.matches("\\d+")) {
                problem(on, join(path, "offset"), "expected earliest, latest or a non-negative offset number; got '"
                        + offset + "'");
                offset = null;
            }
            if (source != null && !stream) {
                problem(on, join(path, "offset"), "only applies to a consumer of a stream; '" + from + "' is a "
                        + source.type());
            }
        }
        double start = duration(m, "start", path, 0, true);
        if (duration > 0 && start >= duration) {
            problem(m.values().get("start"), join(path, "start"), "expected a time before the end of the run ("
                    + Durations.format(duration) + "); got " + Durations.format(start));
        }
        if (id == null || from == null || service == null || assignment == null || offset == null) {
            return null;
        }
        return new ConsumerSpec(id, from, instances, service, emits, assignment, offset, start);
    }

    private EmitSpec emit(Node node, String path, Map<String, ChannelSpec> channels) {
        if (!(node instanceof Node.MapNode m)) {
            problem(node, path, "expected a mapping such as {to: payment-events}; got " + node.kindName());
            return null;
        }
        checkKeys(m, path, EMIT);
        String to = reference(m, "to", path, channels, "channel", true);
        String type = m.values().containsKey("type") ? scalarText(m.values().get("type"), join(path, "type"), "an event type") : null;
        double p = 1;
        Node pn = m.values().get("probability");
        if (pn != null) {
            p = number(pn, join(path, "probability"), "a probability between 0 and 1");
            if (!Double.isNaN(p) && (p < 0 || p > 1)) {
                problem(pn, join(path, "probability"), "expected a probability between 0 and 1; got " + p);
            }
        }
        return to == null ? null : new EmitSpec(to, type, p);
    }

    private void checkRouterReferences(List<ChannelSpec> channels, Map<String, Node> nodes, Map<String, ChannelSpec> byId) {
        for (ChannelSpec c : channels) {
            if (!(c instanceof RouterSpec r)) {
                continue;
            }
            Node.MapNode m = (Node.MapNode) nodes.get(c.id());
            String path = "channels[" + c.id() + "]";
            List<Node> routeNodes = m.values().get("routes") instanceof Node.ListNode l ? l.items() : List.of();
            int i = 0;
            for (RouteSpec rule : r.routes()) {
                Node rn = i < routeNodes.size() ? routeNodes.get(i) : m;
                if (!byId.containsKey(rule.to())) {
                    Node at = rn instanceof Node.MapNode rm && rm.values().containsKey("to") ? rm.values().get("to") : rn;
                    problem(at, path + ".routes[" + i + "].to", "no channel with id '" + rule.to() + "'"
                            + suggestion(rule.to(), byId.keySet()));
                }
                i++;
            }
            if (r.defaultTo() != null && !byId.containsKey(r.defaultTo())) {
                problem(m.values().get("default"), path + ".default", "no channel with id '" + r.defaultTo() + "'"
                        + suggestion(r.defaultTo(), byId.keySet()));
            }
        }
        // a router that (through other routers) routes to itself would forward an event forever
        for (ChannelSpec c : channels) {
            if (c instanceof RouterSpec && reachesRouter(c.id(), c.id(), byId, new HashSet<>())) {
                problem(nodes.get(c.id()), "channels[" + c.id() + "]",
                        "routes back to itself through routers only; expected every route to end at a queue, topic or stream");
            }
        }
    }

    private static boolean reachesRouter(String target, String from, Map<String, ChannelSpec> byId, Set<String> seen) {
        if (!(byId.get(from) instanceof RouterSpec r) || !seen.add(from)) {
            return false;
        }
        List<String> next = new ArrayList<>();
        r.routes().forEach(x -> next.add(x.to()));
        if (r.defaultTo() != null) {
            next.add(r.defaultTo());
        }
        for (String n : next) {
            if (n.equals(target) || reachesRouter(target, n, byId, seen)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- values

    private ArrivalSpec arrivals(Node node, String path) {
        String expected = "an arrival process: poisson(3.6/s), constant(2/s), onoff(20/s, 5s, 15s) or schedule(0s=2/s, 10m=5/s)";
        String text = scalarText(node, path, expected);
        if (text == null) {
            return null;
        }
        Matcher m = CALL.matcher(text);
        if (!m.matches()) {
            problem(node, path, "expected " + expected + "; got '" + text + "'");
            return null;
        }
        String fn = m.group(1).toLowerCase(Locale.ROOT);
        List<String> args = args(m.group(2));
        switch (fn) {
            case "poisson", "constant" -> {
                if (args.size() != 1) {
                    problem(node, path, "expected " + fn + "(RATE) with one rate such as 3.6/s; got '" + text + "'");
                    return null;
                }
                double rate = rate(node, path, args.get(0));
                if (Double.isNaN(rate)) {
                    return null;
                }
                return fn.equals("poisson") ? new ArrivalSpec.Poisson(rate) : new ArrivalSpec.Constant(rate);
            }
            case "onoff", "bursty" -> {
                if (args.size() != 3) {
                    problem(node, path, "expected " + fn + "(RATE, MEAN_ON, MEAN_OFF) such as onoff(20/s, 5s, 15s); got '"
                            + text + "'");
                    return null;
                }
                double rate = rate(node, path, args.get(0));
                double on = positiveDuration(node, path, args.get(1), "the mean ON period");
                double off = positiveDuration(node, path, args.get(2), "the mean OFF period");
                if (Double.isNaN(rate) || Double.isNaN(on) || Double.isNaN(off)) {
                    return null;
                }
                return new ArrivalSpec.OnOff(rate, on, off);
            }
            case "schedule" -> {
                List<ArrivalSpec.Schedule.Step> steps = new ArrayList<>();
                double last = -1;
                for (String arg : args) {
                    String[] parts = arg.split("=");
                    if (parts.length != 2) {
                        problem(node, path, "expected schedule steps written TIME=RATE such as 10m=5/s; got '" + arg + "'");
                        return null;
                    }
                    double at = Durations.parseDuration(parts[0]);
                    double rate = Durations.parseRate(parts[1]);
                    if (Double.isNaN(at) || Double.isNaN(rate) || rate < 0) {
                        problem(node, path, "expected a step TIME=RATE with a duration and a rate of 0 or more, such as 10m=5/s; got '"
                                + arg + "'");
                        return null;
                    }
                    if (at <= last) {
                        problem(node, path, "expected schedule steps in increasing time order; '" + arg
                                + "' does not come after the step before it");
                        return null;
                    }
                    last = at;
                    steps.add(new ArrivalSpec.Schedule.Step(at, rate));
                }
                if (steps.isEmpty() || steps.get(0).at() != 0) {
                    problem(node, path, "expected the schedule to start with a step at 0s, e.g. schedule(0s=2/s, 10m=5/s)");
                    return null;
                }
                if (steps.stream().allMatch(s -> s.rate() == 0)) {
                    problem(node, path, "expected at least one step with a rate above zero");
                    return null;
                }
                return new ArrivalSpec.Schedule(steps);
            }
            default -> {
                problem(node, path, "unknown arrival process '" + fn + "'"
                        + suggestion(fn, List.of("poisson", "constant", "onoff", "bursty", "schedule")) + "; expected " + expected);
                return null;
            }
        }
    }

    private KeySpec keys(Node node, String path) {
        String expected = "none, uniform(N) or zipf(N, EXPONENT)";
        String text = scalarText(node, path, expected);
        if (text == null) {
            return null;
        }
        if (text.trim().equals("none")) {
            return new KeySpec.None();
        }
        Matcher m = CALL.matcher(text);
        if (!m.matches()) {
            problem(node, path, "expected " + expected + "; got '" + text + "'");
            return null;
        }
        String fn = m.group(1).toLowerCase(Locale.ROOT);
        List<String> args = args(m.group(2));
        int n = args.isEmpty() ? -1 : parseInt(args.get(0));
        if (!fn.equals("uniform") && !fn.equals("zipf")) {
            problem(node, path, "unknown key distribution '" + fn + "'" + suggestion(fn, List.of("uniform", "zipf"))
                    + "; expected " + expected);
            return null;
        }
        if (n < 1 || n > MAX_KEYS) {
            problem(node, path, "expected a key count from 1 to " + MAX_KEYS + "; got '" + text + "'");
            return null;
        }
        if (fn.equals("uniform")) {
            if (args.size() != 1) {
                problem(node, path, "expected uniform(N) with one key count; got '" + text + "'");
                return null;
            }
            return new KeySpec.UniformKeys(n);
        }
        if (args.size() != 2) {
            problem(node, path, "expected zipf(N, EXPONENT) such as zipf(1000, 1.1); got '" + text + "'");
            return null;
        }
        double s = parseDouble(args.get(1));
        if (!(s > 0) || s > 10) {
            problem(node, path, "expected a Zipf exponent above 0 and at most 10; got '" + args.get(1) + "'");
            return null;
        }
        return new KeySpec.ZipfKeys(n, s);
    }

    private Distribution distribution(Node node, String path) {
        String expected = "exponential(MEAN), deterministic(VALUE), erlang(K, MEAN), lognormal(MEAN, SD) or uniform(MIN, MAX)";
        String text = scalarText(node, path, expected);
        if (text == null) {
            return null;
        }
        Matcher m = CALL.matcher(text);
        if (!m.matches()) {
            problem(node, path, "expected a service-time distribution: " + expected + ", e.g. exponential(1s); got '"
                    + text + "'");
            return null;
        }
        String fn = m.group(1).toLowerCase(Locale.ROOT);
        List<String> a = args(m.group(2));
        switch (fn) {
            case "exponential", "exp" -> {
                if (a.size() != 1) {
                    break;
                }
                double mean = positiveDuration(node, path, a.get(0), "the mean service time");
                return Double.isNaN(mean) ? null : new Exponential(mean);
            }
            case "deterministic", "constant" -> {
                if (a.size() != 1) {
                    break;
                }
                double v = positiveDuration(node, path, a.get(0), "the service time");
                return Double.isNaN(v) ? null : new Deterministic(v);
            }
            case "erlang" -> {
                if (a.size() != 2) {
                    break;
                }
                int k = parseInt(a.get(0));
                if (k < 1 || k > 1000) {
                    problem(node, path, "expected an Erlang shape k from 1 to 1000; got '" + a.get(0) + "'");
                    return null;
                }
                double mean = positiveDuration(node, path, a.get(1), "the mean service time");
                return Double.isNaN(mean) ? null : new Erlang(k, mean);
            }
            case "lognormal" -> {
                if (a.size() != 2) {
                    break;
                }
                double mean = positiveDuration(node, path, a.get(0), "the mean service time");
                double sd = positiveDuration(node, path, a.get(1), "the standard deviation");
                return Double.isNaN(mean) || Double.isNaN(sd) ? null : new Lognormal(mean, sd);
            }
            case "uniform" -> {
                if (a.size() != 2) {
                    break;
                }
                double lo = Durations.parseDuration(a.get(0));
                double hi = Durations.parseDuration(a.get(1));
                if (Double.isNaN(lo) || Double.isNaN(hi) || lo < 0 || hi <= lo) {
                    problem(node, path, "expected uniform(MIN, MAX) with 0 ≤ MIN < MAX, such as uniform(0.5s, 1.5s); got '"
                            + text + "'");
                    return null;
                }
                return new Uniform(lo, hi);
            }
            default -> {
                problem(node, path, "unknown distribution '" + fn + "'" + suggestion(fn,
                        List.of("exponential", "deterministic", "erlang", "lognormal", "uniform")) + "; expected " + expected);
                return null;
            }
        }
        problem(node, path, "wrong number of arguments in '" + text + "'; expected " + expected);
        return null;
    }

    private double rate(Node node, String path, String text) {
        double r = Durations.parseRate(text);
        if (Double.isNaN(r)) {
            problem(node, path, "expected a rate such as 3.6/s, 200/m or 5/h; got '" + text.trim() + "'");
            return Double.NaN;
        }
        if (!(r > 0) || Double.isInfinite(r)) {
            problem(node, path, "expected a rate above zero; got '" + text.trim() + "'");
            return Double.NaN;
        }
        return r;
    }

    private double positiveDuration(Node node, String path, String text, String what) {
        double d = Durations.parseDuration(text);
        if (Double.isNaN(d)) {
            problem(node, path, "expected " + what + " as a duration such as 250ms, 1s or 2m; got '" + text.trim() + "'");
            return Double.NaN;
        }
        if (!(d > 0) || Double.isInfinite(d)) {
            problem(node, path, "expected " + what + " above zero; got '" + text.trim() + "'");
            return Double.NaN;
        }
        return d;
    }

    // ---------------------------------------------------------------- helpers

    private record ListEntry(Node node, String path) {
    }

    private List<ListEntry> list(Node.MapNode m, String key, boolean required) {
        return list(m, key, "", required);
    }

    private List<ListEntry> list(Node.MapNode m, String key, String path, boolean required) {
        Node n = m.values().get(key);
        String p = join(path, key);
        if (n == null) {
            if (required) {
                problem(m, p, "is missing; expected a list with at least one entry");
            }
            return List.of();
        }
        if (!(n instanceof Node.ListNode l)) {
            problem(n, p, "expected a list (entries starting with '- '); got " + n.kindName());
            return List.of();
        }
        if (required && l.items().isEmpty()) {
            problem(n, p, "is empty; expected at least one entry");
        }
        List<ListEntry> out = new ArrayList<>();
        for (int i = 0; i < l.items().size(); i++) {
            out.add(new ListEntry(l.items().get(i), p + "[" + i + "]"));
        }
        return out;
    }

    private String id(Node.MapNode m, String path) {
        Node n = required(m, "id", path, "an id such as orders");
        if (n == null) {
            return null;
        }
        String id = scalarText(n, join(path, "id"), "an id such as orders");
        if (id == null) {
            return null;
        }
        if (!ID.matcher(id).matches()) {
            problem(n, join(path, "id"), "expected an id of letters, digits, '-', '_' or '.'; got '" + id + "'");
            return null;
        }
        int[] seen = idLocations.putIfAbsent(id, new int[] {n.line(), n.column()});
        if (seen != null) {
            problem(n, join(path, "id"), "'" + id + "' is already used at line " + seen[0]
                    + "; expected ids unique across producers, channels and consumers");
            return null;
        }
        return id;
    }

    private String reference(Node.MapNode m, String key, String path, Map<String, ChannelSpec> targets, String what,
                             boolean required) {
        Node n = required ? required(m, key, path, "the id of a " + what) : m.values().get(key);
        if (n == null) {
            return null;
        }
        String ref = scalarText(n, join(path, key), "the id of a " + what);
        if (ref == null) {
            return null;
        }
        if (!targets.containsKey(ref)) {
            problem(n, join(path, key), "no " + what + " with id '" + ref + "'" + suggestion(ref, targets.keySet())
                    + (targets.isEmpty() ? "" : "; the " + what + "s are: " + String.join(", ", targets.keySet())));
            return null;
        }
        return ref;
    }

    private Node required(Node.MapNode m, String key, String path, String expected) {
        Node n = m.values().get(key);
        if (n == null) {
            problem(m, join(path, key), "is missing; expected " + expected);
        }
        return n;
    }

    private String string(Node.MapNode m, String key, String path, boolean required) {
        Node n = m.values().get(key);
        if (n == null) {
            if (required) {
                problem(m, join(path, key), "is missing; expected text");
            }
            return "";
        }
        String s = scalarText(n, join(path, key), "text");
        return s == null ? "" : s;
    }

    private String scalarText(Node n, String path, String expected) {
        if (n instanceof Node.Scalar s && s.type() != Node.Scalar.Type.NULL) {
            return s.text();
        }
        problem(n, path, "expected " + expected + "; got " + n.kindName());
        return null;
    }

    private double duration(Node.MapNode m, String key, String path, double dflt, boolean zeroAllowed) {
        Node n = m.values().get(key);
        if (n == null) {
            return dflt;
        }
        String p = join(path, key);
        String text = scalarText(n, p, "a duration such as 30s, 10m or 2h");
        if (text == null) {
            return dflt;
        }
        double d = Durations.parseDuration(text);
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            problem(n, p, "expected a duration such as 250ms, 30s, 10m, 2h or 7d; got '" + text + "'");
            return dflt;
        }
        if (d < 0 || (!zeroAllowed && d == 0)) {
            problem(n, p, "expected a duration " + (zeroAllowed ? "of zero or more" : "above zero") + "; got '" + text + "'");
            return dflt;
        }
        return d;
    }

    private int integer(Node n, String path, int min, int max, String expected) {
        if (n instanceof Node.Scalar s && s.type() == Node.Scalar.Type.NUMBER && s.text().matches("-?\\d+")) {
            long v;
            try {
                v = Long.parseLong(s.text());
            } catch (NumberFormatException e) {
                v = Long.MAX_VALUE;
            }
            if (v < min || v > max) {
                problem(n, path, "expected " + expected + "; got " + s.text());
                return min;
            }
            return (int) v;
        }
        problem(n, path, "expected " + expected + " (a whole number); got " + n.kindName());
        return min;
    }

    private double number(Node n, String path, String expected) {
        if (n instanceof Node.Scalar s && s.type() == Node.Scalar.Type.NUMBER) {
            return Double.parseDouble(s.text());
        }
        problem(n, path, "expected " + expected + " (a number); got " + n.kindName());
        return Double.NaN;
    }

    private <E extends Enum<E>> E enumValue(Node n, String path, Class<E> type, String expected) {
        String text = scalarText(n, path, expected);
        if (text == null) {
            return null;
        }
        String norm = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(norm)) {
                return e;
            }
        }
        List<String> words = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            words.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        problem(n, path, "expected " + expected + "; got '" + text + "'" + suggestion(text, words));
        return null;
    }

    private void checkKeys(Node.MapNode m, String path, Set<String> allowed) {
        boolean cutValue = m.values().values().stream().anyMatch(v -> v instanceof Node.Scalar s
                && s.text().contains("(") && !s.text().contains(")"));
        for (String key : m.values().keySet()) {
            if (allowed.contains(key)) {
                continue;
            }
            int[] at = m.keys().get(key);
            String p = join(path, key);
            if (key.contains(")") || key.contains("(") || cutValue) {
                problems.add(new ScenarioException.Problem(file, at[0], at[1], path, "'" + key
                        + "' looks like the rest of a value cut at a comma: inside { } or [ ] put values that contain"
                        + " commas in quotes, e.g. keys: \"zipf(1000, 1.1)\""));
            } else if (NOT_YET.containsKey(key)) {
                problems.add(new ScenarioException.Problem(file, at[0], at[1], p, "not supported yet: "
                        + NOT_YET.get(key) + " will come in a later version of Tributary; remove this key to run the scenario"));
            } else {
                List<String> sorted = new ArrayList<>(allowed);
                java.util.Collections.sort(sorted);
                problems.add(new ScenarioException.Problem(file, at[0], at[1], p, "unknown key"
                        + suggestion(key, allowed) + "; expected one of: " + String.join(", ", sorted)));
            }
        }
    }

    private void problem(Node at, String key, String message) {
        problems.add(new ScenarioException.Problem(file, at == null ? 0 : at.line(), at == null ? 0 : at.column(), key,
                message));
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static List<String> args(String inner) {
        List<String> out = new ArrayList<>();
        if (inner.isBlank()) {
            return out;
        }
        for (String s : inner.split(",")) {
            out.add(s.trim());
        }
        return out;
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static double parseDouble(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String baseName(String file) {
        String n = file.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** ", did you mean 'x'?" when a known word is within two edits of {@code word}. */
    static String suggestion(String word, java.util.Collection<String> known) {
        String best = null;
        int bestD = 3;
        for (String k : known) {
            int d = distance(word.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
