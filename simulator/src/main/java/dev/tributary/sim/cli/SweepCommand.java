package dev.tributary.sim.cli;

import dev.tributary.sim.report.RunSize;
import dev.tributary.sim.report.ReportWriter;
import dev.tributary.sim.sweep.InvalidSweepException;
import dev.tributary.sim.sweep.Sweep;
import dev.tributary.sim.sweep.SweepChart;
import dev.tributary.sim.sweep.SweepFigure;
import dev.tributary.sim.sweep.SweepPlan;
import dev.tributary.sim.sweep.SweepReport;
import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.scenario.Parameter;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.scenario.ScenarioReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
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
        try {
            return sweep();
        } catch (InvalidSweepException e) {
            throw new InvalidInputException(e.option() + ": " + e.getMessage());
        }
    }

    private int sweep() throws Exception {
        if (vary.size() > 2) {
            throw new InvalidInputException("--vary: a sweep varies one or two parameters; got " + vary.size());
        }
        if (replications < 2 || replications > SweepPlan.MAX_REPLICATIONS) {
            throw new InvalidInputException("--replications: expected 2 to 10000 for a 95% band; got " + replications);
        }
        int nThreads = threads == null ? Sweep.defaultThreads() : threads;
        if (nThreads < 1 || nThreads > 1024) {
            throw new InvalidInputException("--threads: expected 1 to 1024; got " + nThreads);
        }
        List<Parameter> params = new ArrayList<>();
        for (String v : vary) {
            params.add(SweepPlan.parameter(v));
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
        SweepPlan plan = SweepPlan.of(text, file, params, overrides::apply);
        List<Scenario> points = plan.points();
        SweepFigure chosen = plan.figure(figure);
        RunSize.check(points, replications, 0, maxEvents.value, String.format(Locale.ROOT,
                "this sweep (%d points × %d replications)", points.size(), replications));

        Sweep.Result result = Sweep.run(Commands.runner(), points, replications, nThreads);
        SweepReport report = new SweepReport(plan, result, chosen);
        var out = spec.commandLine().getOut();
        if (csv != null) {
            Outputs.write(csv, report.csv(), out);
        }
        if (json != null) {
            Outputs.write(json, ReportWriter.json(report.json()), out);
        }
        if (chart != null) {
            chart.writePng(report.chart(), Path.of(png), 1000, 640);
        }
        if ("-".equals(csv) || "-".equals(json)) {
            return 0;
        }
        out.printf(Locale.ROOT, "%s: %s against %s%n%d points × %d replications (common random numbers) on %d"
                        + " thread%s: %.2f s, %s events%n%n", points.get(0).name(), chosen.name(),
                String.join(" and ", params.stream().map(Parameter::name).toList()), points.size(), replications,
                nThreads, nThreads == 1 ? "" : "s", result.wallSeconds(), RunSize.count(result.events()));
        StringBuilder head = new StringBuilder();
        for (Parameter p : params) {
            head.append(String.format(Locale.ROOT, "%-16s ", p.name()));
        }
        out.printf(Locale.ROOT, "%s%14s %12s %14s%n", head, "measured", "± 95%", "predicted");
        for (SweepReport.Row r : report.rows()) {
            StringBuilder row = new StringBuilder();
            for (String v : r.settings()) {
                row.append(String.format(Locale.ROOT, "%-16s ", v));
            }
            out.printf(Locale.ROOT, "%s%14.5g %12.3g %14.5g%n", row, r.mean(), r.halfWidth(), r.predicted());
        }
        out.flush();
        return 0;
    }
}
