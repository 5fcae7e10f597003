package dev.tributary.sim.sweep;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.scenario.Parameter;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.scenario.ScenarioReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a sweep runs: one or two {@link Parameter}s, every combination of their values (a grid, the first
 * parameter varying slowest) and the scenario bound at each combination. Shared by the command line's
 * {@code sweep} and the app's sweep panel, so both read values, refuse mistakes and build points alike.
 */
public final class SweepPlan {

    /** Most points (value combinations) one sweep may have. */
    public static final int MAX_POINTS = 1000;
    /** Most replications of a point. */
    public static final int MAX_REPLICATIONS = 10_000;

    private static final Pattern RANGE = Pattern.compile(
            "\\s*(-?\\d+(?:\\.\\d+)?)\\s*\\.\\.\\s*(-?\\d+(?:\\.\\d+)?)\\s*(?::\\s*(\\d+(?:\\.\\d+)?)\\s*)?");
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9_-]+)\\.([A-Za-z][A-Za-z0-9_.-]*)");

    private final List<Parameter> parameters;
    private final List<List<String>> settings;
    private final List<Scenario> points;

    private SweepPlan(List<Parameter> parameters, List<List<String>> settings, List<Scenario> points) {
        this.parameters = List.copyOf(parameters);
        this.settings = List.copyOf(settings);
        this.points = List.copyOf(points);
    }

    /**
     * The plan varying {@code parameters} in scenario {@code text} (read from {@code file}), each point then
     * passed through {@code overrides} (seed, duration, warm-up); a value the scenario refuses is a located
     * {@link ScenarioException} naming the setting.
     */
    public static SweepPlan of(String text, String file, List<Parameter> parameters, UnaryOperator<Scenario> overrides)
            throws ScenarioException {
        if (parameters.isEmpty() || parameters.size() > 2) {
            throw new InvalidSweepException("--vary", "a sweep varies one or two parameters; got " + parameters.size());
        }
        if (parameters.size() == 2 && parameters.get(0).name().equals(parameters.get(1).name())) {
            throw new InvalidSweepException("--vary", parameters.get(0).name() + " is varied twice");
        }
        long size = 1;
        for (Parameter p : parameters) {
            size *= p.values().size();
        }
        if (size > MAX_POINTS) {
            throw new InvalidSweepException("--vary", String.format(Locale.ROOT, "%d points (%s) are more than a sweep"
                    + " may have (%d); use fewer values or a coarser step", size, String.join(" × ",
                    parameters.stream().map(p -> p.values().size() + " values of " + p.name()).toList()), MAX_POINTS));
        }
        List<List<String>> settings = grid(parameters);
        List<Scenario> points = new ArrayList<>();
        for (List<String> set : settings) {
            points.add(overrides.apply(Parameter.bind(text, file, parameters, set)));
        }
        return new SweepPlan(parameters, settings, points);
    }

    /**
     * The text {@code scenario} was read from (a bundled example's resource or a file), so that a sweep
     * can vary any key of it; its what-if changes made in memory are not in the text.
     */
    public static String text(Scenario scenario) throws ScenarioException {
        String source = scenario.source();
        if (source == null || source.isBlank()) {
            throw new InvalidSweepException("SCENARIO", "the scenario was not read from a file, so there is no text to"
                    + " vary; save it to a file and open that");
        }
        if (source.startsWith("/scenarios/") && ScenarioReader.class.getResource(source) != null) {
            return ScenarioReader.resourceText(source);
        }
        return ScenarioReader.text(Path.of(source));
    }

    /** Reads {@code ID.KEY=VALUES}: a comma list (commas inside parentheses belong to the value) or a range. */
    public static Parameter parameter(String spec) {
        int eq = spec.indexOf('=');
        String name = eq < 0 ? spec : spec.substring(0, eq).trim();
        if (eq < 0 || !NAME.matcher(name).matches()) {
            throw new InvalidSweepException("--vary", "expected ID.KEY=VALUES such as payment.instances=1..8 or"
                    + " checkout.rate=2/s,3/s,4/s; got '" + spec + "'");
        }
        return parameter(name, spec.substring(eq + 1));
    }

    /** Parameter {@code name} ({@code ID.KEY}) over {@code values}, a range {@code 1..8}, {@code 2..10:2} or a list. */
    public static Parameter parameter(String name, String values) {
        Matcher m = NAME.matcher(name.trim());
        if (!m.matches()) {
            throw new InvalidSweepException("--vary", "expected a parameter ID.KEY such as payment.instances or"
                    + " checkout.rate; got '" + name + "'");
        }
        return new Parameter(m.group(1), m.group(2), values(m.group(), values));
    }

    /** The values {@code text} lists for parameter {@code name}: a range FROM..TO[:STEP] or a comma list. */
    static List<String> values(String name, String text) {
        List<String> values = new ArrayList<>();
        Matcher r = RANGE.matcher(text);
        if (r.matches()) {
            BigDecimal from = new BigDecimal(r.group(1));
            BigDecimal to = new BigDecimal(r.group(2));
            BigDecimal step = r.group(3) == null ? BigDecimal.ONE : new BigDecimal(r.group(3));
            if (step.signum() <= 0 || to.compareTo(from) < 0) {
                throw new InvalidSweepException("--vary", name + ": a range FROM..TO[:STEP] needs FROM ≤ TO and a"
                        + " step above zero; got '" + text + "'");
            }
            BigDecimal count = to.subtract(from).divide(step, MathContext.DECIMAL64);
            if (count.compareTo(BigDecimal.valueOf(MAX_POINTS)) >= 0) {
                throw new InvalidSweepException("--vary", name + ": '" + text + "' has more than " + MAX_POINTS
                        + " values, more than a sweep may have; use a coarser step");
            }
            for (BigDecimal v = from; v.compareTo(to) <= 0; v = v.add(step)) {
                values.add(v.stripTrailingZeros().toPlainString());
            }
            return values;
        }
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                values.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        values.add(cur.toString().trim());
        if (values.stream().anyMatch(String::isEmpty)) {
            throw new InvalidSweepException("--vary", name + ": expected values such as 1..8, 2..10:2 or"
                    + " 2/s,3/s,4/s, with none empty; got '" + text + "'");
        }
        if (values.size() > MAX_POINTS) {
            throw new InvalidSweepException("--vary", name + ": " + values.size() + " values, more than a sweep may"
                    + " have (" + MAX_POINTS + ")");
        }
        return values;
    }

    /** Every combination of the parameters' values, the first parameter varying slowest. */
    public static List<List<String>> grid(List<Parameter> params) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (Parameter p : params) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : out) {
                for (String v : p.values()) {
                    List<String> row = new ArrayList<>(prefix);
                    row.add(v);
                    next.add(row);
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * What every element of {@code scenario} measures (id → figure names, in report order), from a run of a
     * simulated millisecond: the figures a sweep can chart.
     */
    public static Map<String, List<String>> figures(Scenario scenario) {
        Model probe = new Model(scenario.withDuration(Math.min(scenario.duration(), 1e-3)));
        probe.runToEnd();
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (ElementResult e : probe.results()) {
            out.put(e.id(), List.copyOf(e.measured().keySet()));
        }
        return out;
    }

    /**
     * The figure {@code name} ({@code ID.FIGURE}) checked against what the first point measures, so a
     * misspelt figure is refused before the sweep runs, with the names there are; null names the first
     * consumer group's W.
     */
    public SweepFigure figure(String name) {
        Scenario first = points.get(0);
        Map<String, List<String>> figures = figures(first);
        List<String> ids = List.copyOf(figures.keySet());
        if (name == null) {
            if (first.consumers().isEmpty()) {
                throw new InvalidSweepException("--figure", "the scenario has no consumer group; name a figure as"
                        + " ID.FIGURE, such as " + ids.get(0) + ".throughput");
            }
            return new SweepFigure(first.consumers().get(0).id(), "W");
        }
        for (Map.Entry<String, List<String>> e : figures.entrySet()) {
            if (name.startsWith(e.getKey() + ".")) {
                String f = name.substring(e.getKey().length() + 1);
                if (!e.getValue().contains(f)) {
                    throw new InvalidSweepException("--figure", name + ": " + e.getKey() + " measures "
                            + String.join(", ", e.getValue()));
                }
                return new SweepFigure(e.getKey(), f);
            }
        }
        throw new InvalidSweepException("--figure", name + ": expected ID.FIGURE with one of the ids "
                + String.join(", ", ids) + ", such as " + ids.get(ids.size() - 1) + ".throughput");
    }

    /** The parameters varied, the first on a chart's x axis. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Each point's values, in point order (one value per parameter). */
    public List<List<String>> settings() {
        return settings;
    }

    /** The scenario bound at each point, in point order. */
    public List<Scenario> points() {
        return points;
    }
}
