package dev.tributary.sim.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.report.ElementReport;
import dev.tributary.sim.report.Figure;
import dev.tributary.sim.report.Report;
import dev.tributary.sim.report.ReportWriter;
import dev.tributary.sim.report.Sweep;
import dev.tributary.sim.report.SweepChart;
import dev.tributary.sim.scenario.Examples;
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
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sweep SCENARIO --vary ID.KEY=VALUES}: runs the scenario at every value of one or two parameters
 * (a grid for two), replications of every point in parallel with common random numbers, and tabulates a
 * figure against the parameter with its 95% half-width and theory's prediction.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Vary one or two parameters over a list or range and report a figure against them, with 95%%"
                + " half-widths and theory's prediction (common random numbers across points, every core).")
final class SweepCommand implements Callable<Integer> {

    /** Most points (value combinations) one sweep may have. */
    static final int MAX_POINTS = 1000;
    private static final Pattern RANGE = Pattern.compile(
            "\\s*(-?\\d+(?:\\.\\d+)?)\\s*\\.\\.\\s*(-?\\d+(?:\\.\\d+)?)\\s*(?::\\s*(\\d+(?:\\.\\d+)?)\\s*)?");
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9_-]+)\\.([A-Za-z][A-Za-z0-9_.-]*)");

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A scenario file, or example:NAME for a bundled one.")
    String scenario;

    @Option(names = "--vary", paramLabel = "ID.KEY=VALUES", required = true,
            description = "A parameter and its values, once or twice (a grid): ID.KEY=1..8, ID.KEY=2..10:2 or a list"
                    + " ID.KEY=2/s,3/s,4/s. KEY is any key of that element (instances, partitions, capacity, service,"
                    + " arrivals …); 'rate' sets a producer's poisson rate, a bare duration sets a one-argument"
                    + " service law's mean.")
    List<String> vary;

    @Option(names = "--figure", paramLabel = "ID.FIGURE",
            description = "The figure to tabulate and chart, e.g. payment.latency.p99 or ledger.lag (default: the"
                    + " first consumer group's W).")
    String figure;

    @Option(names = {"-r", "--replications"}, defaultValue = "5",
            description = "Replications of every point (2 or more for the 95%% band; default ${DEFAULT-VALUE}).")
    int replications;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads to run replications on (default: every core); results do not depend on it.")
    Integer threads;

    @Option(names = "--seed", description = "Override the scenario's seed.")
    Long seed;

    @Option(names = "--duration", description = "Override the simulated duration, e.g. 2h.")
    String duration;

    @Option(names = "--warmup", description = "Override the warm-up, e.g. 10m.")
    String warmup;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Write every figure of every point as CSV to FILE (- for standard output).")
    String csv;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the sweep as JSON to FILE (- for standard output).")
    String json;

    @Option(names = "--png", paramLabel = "FILE",
            description = "Draw the figure against the first parameter, its 95%% band and the prediction, as PNG"
                    + " (needs tributary-charts.jar).")
    String png;

    @Mixin
    MaxEvents maxEvents;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (vary.size() > 2) {
            throw new InvalidInputException("--vary: a sweep varies one or two parameters; got " + vary.size());
        }
        if (replications < 2 || replications > 10_000) {
            throw new InvalidInputException("--replications: expected 2 to 10000 for a 95% band; got " + replications);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int nThreads = threads == null ? cores : threads;
        if (nThreads < 1 || nThreads > 1024) {
            throw new InvalidInputException("--threads: expected 1 to 1024; got " + nThreads);
        }
        List<Parameter> params = new ArrayList<>();
        for (String v : vary) {
            params.add(parameter(v));
        }
        if (params.size() == 2 && params.get(0).name().equals(params.get(1).name())) {
            throw new InvalidInputException("--vary: " + params.get(0).name() + " is varied twice");
        }
        long size = 1;
        for (Parameter p : params) {
            size *= p.values().size();
        }
        if (size > MAX_POINTS) {
            throw new InvalidInputException(String.format(Locale.ROOT, "--vary: %d points (%s) are more than a sweep"
                    + " may have (%d); use fewer values or a coarser step", size, String.join(" × ",
                    params.stream().map(p -> p.values().size() + " values of " + p.name()).toList()), MAX_POINTS));
        }
        Outputs.checkWritable("--csv", csv);
        Outputs.checkWritable("--json", json);
        Outputs.checkWritable("--png", png);
        SweepChart chart = null;
        if (png != null) {
            chart = SweepChart.installed().orElseThrow(() -> new InvalidInputException("--png: this jar has no chart"
                    + " writer; charts are drawn by tributary-charts.jar (mvn -q -pl charts -am package -DskipTests,"
                    + " then java -jar charts/target/tributary-charts.jar sweep ...); --csv and --json work here"));
        }

        String file = scenario.startsWith("example:") ? Examples.resource(scenario.substring("example:".length()))
                : scenario;
        String text = scenario.startsWith("example:") ? ScenarioReader.resourceText(file)
                : ScenarioReader.text(Path.of(scenario));
        ScenarioArgs overrides = new ScenarioArgs();
        overrides.seed = seed;
        overrides.duration = duration;
        overrides.warmup = warmup;
        overrides.replications = replications;
        List<List<String>> settings = grid(params);
        List<Scenario> points = new ArrayList<>();
        for (List<String> set : settings) {
            points.add(overrides.apply(Parameter.bind(text, file, params, set)));
        }
        String[] chosen = chosenFigure(points.get(0));
        RunSize.check(points, replications, 0, maxEvents.value, String.format(Locale.ROOT,
                "this sweep (%d points × %d replications)", points.size(), replications));

        Sweep.Result result = Sweep.run(Commands.runner(), points, replications, nThreads);
        var out = spec.commandLine().getOut();
        if (csv != null) {
            Outputs.write(csv, csv(params, settings, result.reports()), out);
        }
        if (json != null) {
            Outputs.write(json, ReportWriter.json(json(params, settings, result, chosen)), out);
        }
        if (chart != null) {
            chart.writePng(chart(params, settings, result.reports(), chosen, String.format(Locale.ROOT,
                    "%s.%s against %s — %s (%d replications a point)", chosen[0], chosen[1], params.get(0).name(),
                    points.get(0).name(), replications)), Path.of(png),
                    1000, 640);
        }
        if ("-".equals(csv) || "-".equals(json)) {
            return 0;
        }
        out.printf(Locale.ROOT, "%s: %s against %s%n%d points × %d replications (common random numbers) on %d"
                        + " thread%s: %.2f s, %s events%n%n", points.get(0).name(), chosen[0] + "." + chosen[1],
                String.join(" and ", params.stream().map(Parameter::name).toList()), points.size(), replications,
                nThreads, nThreads == 1 ? "" : "s", result.wallSeconds(), RunSize.count(result.events()));
        StringBuilder head = new StringBuilder();
        for (Parameter p : params) {
            head.append(String.format(Locale.ROOT, "%-16s ", p.name()));
        }
        out.printf(Locale.ROOT, "%s%14s %12s %14s%n", head, "measured", "± 95%", "predicted");
        for (int i = 0; i < settings.size(); i++) {
            StringBuilder row = new StringBuilder();
            for (String v : settings.get(i)) {
                row.append(String.format(Locale.ROOT, "%-16s ", v));
            }
            ElementReport e = result.reports().get(i).element(chosen[0]).orElseThrow();
            out.printf(Locale.ROOT, "%s%14.5g %12.3g %14.5g%n", row, e.value(chosen[1]), e.halfWidth(chosen[1]),
                    e.predictedValue(chosen[1]));
        }
        out.flush();
        return 0;
    }

    /** Reads {@code ID.KEY=VALUES}: a comma list (commas inside parentheses belong to the value) or a range. */
    static Parameter parameter(String spec) {
        int eq = spec.indexOf('=');
        String name = eq < 0 ? spec : spec.substring(0, eq).trim();
        Matcher m = NAME.matcher(name);
        if (eq < 0 || !m.matches()) {
            throw new InvalidInputException("--vary: expected ID.KEY=VALUES such as payment.instances=1..8 or"
                    + " checkout.rate=2/s,3/s,4/s; got '" + spec + "'");
        }
        String text = spec.substring(eq + 1);
        List<String> values = new ArrayList<>();
        Matcher r = RANGE.matcher(text);
        if (r.matches()) {
            BigDecimal from = new BigDecimal(r.group(1));
            BigDecimal to = new BigDecimal(r.group(2));
            BigDecimal step = r.group(3) == null ? BigDecimal.ONE : new BigDecimal(r.group(3));
            if (step.signum() <= 0 || to.compareTo(from) < 0) {
                throw new InvalidInputException("--vary " + name + ": a range FROM..TO[:STEP] needs FROM ≤ TO and a step"
                        + " above zero; got '" + text + "'");
            }
            BigDecimal count = to.subtract(from).divide(step, MathContext.DECIMAL64);
            if (count.compareTo(BigDecimal.valueOf(MAX_POINTS)) >= 0) {
                throw new InvalidInputException("--vary " + name + ": '" + text + "' has more than " + MAX_POINTS
                        + " values, more than a sweep may have; use a coarser step");
            }
            for (BigDecimal v = from; v.compareTo(to) <= 0; v = v.add(step)) {
                values.add(v.stripTrailingZeros().toPlainString());
            }
        } else {
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
                throw new InvalidInputException("--vary " + name + ": expected values such as 1..8, 2..10:2 or"
                        + " 2/s,3/s,4/s, with none empty; got '" + text + "'");
            }
            if (values.size() > MAX_POINTS) {
                throw new InvalidInputException("--vary " + name + ": " + values.size() + " values, more than a sweep"
                        + " may have (" + MAX_POINTS + ")");
            }
        }
        return new Parameter(m.group(1), m.group(2), values);
    }

    /** Every combination of the parameters' values, the first parameter varying slowest. */
    static List<List<String>> grid(List<Parameter> params) {
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
     * The element and figure to chart, checked against what a short run of the first point measures
     * (so a misspelt figure is refused before the sweep runs, with the names there are).
     */
    private String[] chosenFigure(Scenario first) throws ScenarioException {
        Model probe = new Model(first.withDuration(Math.min(first.duration(), 1e-3)));
        probe.runToEnd();
        List<ElementResult> results = probe.results();
        if (figure == null) {
            if (first.consumers().isEmpty()) {
                throw new InvalidInputException("--figure: the scenario has no consumer group; name a figure as"
                        + " ID.FIGURE, such as " + results.get(0).id() + ".throughput");
            }
            return new String[] {first.consumers().get(0).id(), "W"};
        }
        List<String> ids = results.stream().map(ElementResult::id).toList();
        for (ElementResult e : results) {
            if (figure.startsWith(e.id() + ".")) {
                String f = figure.substring(e.id().length() + 1);
                if (!e.measured().containsKey(f)) {
                    throw new InvalidInputException("--figure " + figure + ": " + e.id() + " (" + e.kind()
                            + ") measures " + String.join(", ", e.measured().keySet()));
                }
                return new String[] {e.id(), f};
            }
        }
        throw new InvalidInputException("--figure " + figure + ": expected ID.FIGURE with one of the ids "
                + String.join(", ", ids) + ", such as " + ids.get(ids.size() - 1) + ".throughput");
    }

    /** One row per point, element and figure: the settings, the mean, its 95% half-width and the prediction. */
    static String csv(List<Parameter> params, List<List<String>> settings, List<Report> reports) {
        StringBuilder sb = new StringBuilder();
        for (Parameter p : params) {
            sb.append(p.name()).append(',');
        }
        sb.append("element,figure,mean,halfWidth,predicted\n");
        for (int i = 0; i < reports.size(); i++) {
            String prefix = String.join(",", settings.get(i).stream().map(SweepCommand::csvCell).toList()) + ",";
            for (ElementReport e : reports.get(i).elements()) {
                for (Map.Entry<String, Figure> f : e.measured().entrySet()) {
                    sb.append(prefix).append(csvCell(e.id())).append(',').append(f.getKey()).append(',')
                            .append(number(f.getValue().value())).append(',')
                            .append(number(f.getValue().halfWidth())).append(',')
                            .append(number(e.predictedValue(f.getKey()))).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static ObjectNode json(List<Parameter> params, List<List<String>> settings, Sweep.Result result,
                                   String[] chosen) {
        Report first = result.reports().get(0);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("scenario", first.scenarioName());
        root.put("seed", first.seed());
        root.put("replications", first.replications());
        root.put("figure", chosen[0] + "." + chosen[1]);
        ArrayNode ps = root.putArray("parameters");
        for (Parameter p : params) {
            ObjectNode o = ps.addObject();
            o.put("name", p.name());
            ArrayNode vs = o.putArray("values");
            p.values().forEach(vs::add);
        }
        ArrayNode points = root.putArray("points");
        for (int i = 0; i < settings.size(); i++) {
            ObjectNode pt = points.addObject();
            ObjectNode set = pt.putObject("settings");
            for (int k = 0; k < params.size(); k++) {
                set.put(params.get(k).name(), settings.get(i).get(k));
            }
            ObjectNode els = pt.putObject("elements");
            for (ElementReport e : result.reports().get(i).elements()) {
                ObjectNode eo = els.putObject(e.id());
                eo.put("kind", e.kind());
                for (Map.Entry<String, Figure> f : e.measured().entrySet()) {
                    ObjectNode fo = eo.putObject(f.getKey());
                    put(fo, "mean", f.getValue().value());
                    put(fo, "halfWidth", f.getValue().halfWidth());
                    put(fo, "predicted", e.predictedValue(f.getKey()));
                }
            }
        }
        return root;
    }

    /** The chart of the chosen figure against the first parameter, one curve per value of the second. */
    static SweepChart.Chart chart(List<Parameter> params, List<List<String>> settings, List<Report> reports,
                                  String[] chosen, String title) {
        Parameter p0 = params.get(0);
        int n0 = p0.values().size();
        int curves = settings.size() / n0;
        Map<String, SweepChart.Curve> out = new LinkedHashMap<>();
        for (int c = 0; c < curves; c++) {
            double[] x = new double[n0];
            double[] mean = new double[n0];
            double[] hw = new double[n0];
            double[] pred = new double[n0];
            String label = chosen[0] + "." + chosen[1];
            for (int i = 0; i < n0; i++) {
                int point = i * curves + c; // the first parameter varies slowest
                double xi = p0.x(i);
                x[i] = Double.isNaN(xi) ? i + 1 : xi;
                ElementReport e = reports.get(point).element(chosen[0]).orElseThrow();
                mean[i] = e.value(chosen[1]);
                hw[i] = e.halfWidth(chosen[1]);
                pred[i] = e.predictedValue(chosen[1]);
                if (params.size() == 2) {
                    label = params.get(1).name() + "=" + settings.get(point).get(1);
                }
            }
            out.put(label, new SweepChart.Curve(label, x, mean, hw, pred));
        }
        boolean positions = Double.isNaN(p0.x(0));
        return new SweepChart.Chart(title, p0.name() + (positions ? " (value number: "
                + String.join(", ", p0.values()) + ")" : ""), chosen[0] + "." + chosen[1],
                List.copyOf(out.values()));
    }

    private static String number(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "" : Double.toString(v);
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static void put(ObjectNode o, String k, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(k);
        } else {
            o.put(k, v);
        }
    }
}
