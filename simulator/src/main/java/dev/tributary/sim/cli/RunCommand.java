package dev.tributary.sim.cli;

import dev.tributary.sim.report.RunSize;
import dev.tributary.sim.metrics.TimeSeries;
import dev.tributary.sim.element.ElementInfo;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.report.EventTrace;
import dev.tributary.sim.report.Report;
import dev.tributary.sim.report.ReportWriter;
import dev.tributary.sim.report.Runner;
import dev.tributary.sim.scenario.Scenario;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code run SCENARIO}: simulate and report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario and report what was measured next to what theory predicts.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A scenario file, or example:NAME for a bundled one.")
    String scenario;

    @Mixin
    ScenarioArgs args;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the JSON report to FILE (- for standard output).")
    String json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the figures as CSV to FILE (- for standard output).")
    String csv;

    @Option(names = "--series", paramLabel = "FILE",
            description = "Write the sampled time series (replication 0) as CSV to FILE: time,element,series,value.")
    String series;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Write every model event of replication 0 (moves, rejections, drops, expiries) as CSV to FILE.")
    String trace;

    @Option(names = "--trace-limit", paramLabel = "N", defaultValue = "1000000",
            description = "Stop the trace after N events (default: ${DEFAULT-VALUE}).")
    long traceLimit;

    @Option(names = "--auto-warmup", description = "Detect the warm-up with MSER-5 on a first run and use it.")
    boolean autoWarmup;

    @Mixin
    MaxEvents maxEvents;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads to run replications on (default: every core); the report does not depend on it.")
    Integer threads;

    @Option(names = "--per-replication", description = "Also write every replication's value of each figure (JSON: perReplication).")
    boolean perReplication;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Scenario s = args.apply(ScenarioArgs.load(scenario));
        // everything that can be refused is refused before the simulation starts
        Outputs.checkWritable("--json", json);
        Outputs.checkWritable("--csv", csv);
        Outputs.checkWritable("--series", series);
        Outputs.checkWritable("--trace", trace);
        if (traceLimit < 0) {
            throw new InvalidInputException("--trace-limit: expected 0 or more events; got " + traceLimit);
        }
        RunSize.check(List.of(s), args.replications, autoWarmup ? RunSize.events(s) : 0, maxEvents.value, "this run");
        if (autoWarmup) {
            Model probe = new Model(s);
            probe.runToEnd();
            double w = Runner.suggestedWarmup(probe);
            if (w < s.duration()) {
                s = s.withWarmup(w);
            }
        }
        if (threads != null && (threads < 1 || threads > 1024)) {
            throw new InvalidInputException("--threads: expected 1 to 1024; got " + threads);
        }
        Runner runner = Commands.runner().withPerReplication(perReplication).withThreads(threads == null ? 0 : threads);
        java.io.Writer traceOut = trace == null ? null
                : java.nio.file.Files.newBufferedWriter(java.nio.file.Path.of(trace), java.nio.charset.StandardCharsets.UTF_8);
        if (traceOut != null) {
            runner.withTrace(elements -> new EventTrace(traceOut, elements, traceLimit));
        }
        List<Runner.Replication> reps;
        try {
            reps = runner.replicate(s, args.replications);
        } finally {
            if (traceOut != null) {
                traceOut.close();
            }
        }
        Report r = runner.report(s, reps);
        var out = spec.commandLine().getOut();
        boolean wroteStdout = false;
        if (json != null) {
            Outputs.write(json, ReportWriter.toJson(r), out);
            wroteStdout |= json.equals("-");
        }
        if (csv != null) {
            Outputs.write(csv, ReportWriter.toCsv(r), out);
            wroteStdout |= csv.equals("-");
        }
        if (series != null) {
            Model m = reps.get(0).model(); // the series of replication 0, already run
            StringBuilder sb = new StringBuilder("time,element,series,value\n");
            for (ElementInfo e : m.elements()) {
                for (Map.Entry<String, TimeSeries> ts : m.series(e.id()).entrySet()) {
                    TimeSeries t = ts.getValue();
                    for (int i = 0; i < t.size(); i++) {
                        sb.append(t.time(i)).append(',').append(e.id()).append(',').append(ts.getKey()).append(',')
                                .append(t.value(i)).append('\n');
                    }
                }
            }
            Outputs.write(series, sb.toString(), out);
            wroteStdout |= series.equals("-");
        }
        if (!wroteStdout) {
            out.print(ReportWriter.toTable(r));
            out.flush();
        }
        return 0;
    }
}
