package dev.tributary.sim.scenario;

import dev.tributary.sim.distribution.DistributionText;
import dev.tributary.sim.format.Node;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.value.Calls;
import dev.tributary.sim.value.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * One parameter a sweep varies: key {@code key} of the element whose id is {@code element}, set in turn to
 * each of {@code values} (written as in a scenario file). Two shorthands: {@code rate} on a producer sets
 * the rate of its one-argument arrivals ({@code poisson(3.6/s)} becomes {@code poisson(V)}), and a bare
 * duration for {@code service} sets the mean of a one-argument law ({@code exponential(1s)} becomes
 * {@code exponential(V)}). Each value is checked by the scenario binder like any value in a file.
 */
public record Parameter(String element, String key, List<String> values) {

    private static final List<String> SECTIONS = List.of("producers", "channels", "consumers");

    public Parameter {
        values = List.copyOf(values);
    }

    /** The parameter's name as written: {@code element.key}. */
    public String name() {
        return element + "." + key;
    }

    /**
     * The number value {@code i} stands for, for a chart's axis: a count, a rate in events per second,
     * a duration in seconds or a law's mean in seconds; NaN when it is none of these.
     */
    public double x(int i) {
        String v = values.get(i).trim();
        double d = Calls.parseDouble(v);
        if (!Double.isNaN(d)) {
            return d;
        }
        d = Durations.parseRate(v);
        if (!Double.isNaN(d)) {
            return d;
        }
        d = Durations.parseDuration(v);
        if (!Double.isNaN(d)) {
            return d;
        }
        var law = DistributionText.parse(v);
        return law.ok() ? law.value().mean() : Double.NaN;
    }

    /**
     * Reads scenario {@code text} with each parameter set to the value of the same position in
     * {@code settings}, and validates it; a value the binder refuses is a located error naming the parameter.
     */
    public static Scenario bind(String text, String fileName, List<Parameter> parameters, List<String> settings)
            throws ScenarioException {
        try {
            return ScenarioReader.parse(text, fileName, root -> {
                Node out = root;
                for (int i = 0; i < parameters.size(); i++) {
                    out = parameters.get(i).set(out, settings.get(i), fileName);
                }
                return out;
            });
        } catch (Located e) {
            throw e.problem;
        } catch (ScenarioException e) {
            List<ScenarioException.Problem> problems = new ArrayList<>();
            for (ScenarioException.Problem p : e.problems()) {
                problems.add(new ScenarioException.Problem(p.file(), p.line(), p.column(), p.key(),
                        p.message() + " (with " + describe(parameters, settings) + ")"));
            }
            throw new ScenarioException(problems);
        }
    }

    private static String describe(List<Parameter> parameters, List<String> settings) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            parts.add(parameters.get(i).name() + "=" + settings.get(i));
        }
        return String.join(", ", parts);
    }

    /** A copy of the tree {@code root} with this parameter set to {@code value}. */
    private Node set(Node root, String value, String file) {
        if (!(root instanceof Node.MapNode top)) {
            return root; // the binder says what is wrong with a scenario that is not a mapping
        }
        List<String> ids = new ArrayList<>();
        for (String section : SECTIONS) {
            if (!(top.values().get(section) instanceof Node.ListNode list)) {
                continue;
            }
            for (int i = 0; i < list.items().size(); i++) {
                if (!(list.items().get(i) instanceof Node.MapNode m)
                        || !(m.values().get("id") instanceof Node.Scalar id)) {
                    continue;
                }
                ids.add(id.text());
                if (!id.text().equals(element)) {
                    continue;
                }
                Node.MapNode changed = withKey(m, section, value, file);
                List<Node> items = new ArrayList<>(list.items());
                items.set(i, changed);
                LinkedHashMap<String, Node> values = new LinkedHashMap<>(top.values());
                values.put(section, new Node.ListNode(items, list.line(), list.column()));
                return new Node.MapNode(values, top.keys(), top.line(), top.column());
            }
        }
        throw new Located(problem(file, top, "--vary " + name() + ": no producer, channel or consumer has the id '"
                + element + "'" + (ids.isEmpty() ? "" : "; the ids are " + String.join(", ", ids))));
    }

    private Node.MapNode withKey(Node.MapNode m, String section, String value, String file) {
        String k = key;
        String text = value.trim();
        Node old = m.values().get(key);
        if (key.equals("rate") && section.equals("producers")) {
            k = "arrivals";
            text = oneArgument(m.values().get("arrivals"), text, file, "a rate such as 3/s", m);
        } else if (key.equals("service") && !Double.isNaN(Durations.parseDuration(text))) {
            text = oneArgument(old, text, file, "a duration such as 250ms", m);
        }
        Node at = m.values().getOrDefault(k, m);
        Node.Scalar.Type type = !Double.isNaN(Calls.parseDouble(text)) ? Node.Scalar.Type.NUMBER : Node.Scalar.Type.STRING;
        LinkedHashMap<String, Node> values = new LinkedHashMap<>(m.values());
        values.put(k, new Node.Scalar(text, type, at.line(), at.column()));
        LinkedHashMap<String, int[]> keys = new LinkedHashMap<>(m.keys());
        keys.putIfAbsent(k, new int[] {m.line(), m.column()});
        return new Node.MapNode(values, keys, m.line(), m.column());
    }

    /** {@code law(value)} for a one-argument call {@code law(old)}, else a located refusal. */
    private String oneArgument(Node old, String value, String file, String expected, Node.MapNode where) {
        Calls.Call call = old instanceof Node.Scalar s ? Calls.parse(s.text()) : null;
        if (call == null || call.args().size() != 1) {
            throw new Located(problem(file, old != null ? old : where, String.format(Locale.ROOT,
                    "--vary %s=%s: a bare value (%s) replaces the argument of a one-argument law such as"
                            + " poisson(3/s) or exponential(1s), but '%s' is %s; vary it with whole texts instead,"
                            + " e.g. --vary %s.%s=\"...\",\"...\"",
                    name(), value, expected, element, old == null ? "not set" : old instanceof Node.Scalar s
                            ? "'" + s.text() + "'" : old.kindName(),
                    element, key.equals("rate") ? "arrivals" : key)));
        }
        return call.name() + "(" + value + ")";
    }

    private static ScenarioException problem(String file, Node at, String message) {
        return new ScenarioException(new ScenarioException.Problem(file, at.line(), at.column(), null, message));
    }

    /** Carries a located refusal out of the tree edit (which may not throw checked exceptions). */
    private static final class Located extends RuntimeException {
        final transient ScenarioException problem;

        Located(ScenarioException problem) {
            super(null, null, false, false);
            this.problem = problem;
        }
    }
}
