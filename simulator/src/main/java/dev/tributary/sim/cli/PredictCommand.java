package dev.tributary.sim.cli;

import dev.tributary.sim.report.ReportWriter;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.model.ScenarioTheory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code predict SCENARIO}: what theory says, per element, without simulating. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Name the queueing model for every channel and consumer group, say why, and predict its figures (no simulation).")
final class PredictCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A scenario file, or example:NAME.")
    String scenario;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the predictions as JSON to FILE (- for standard output).")
    String json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Scenario s = ScenarioArgs.load(scenario);
        Outputs.checkWritable("--json", json);
        Map<String, Map<String, Object>> blocks = ScenarioTheory.reportBlocks(s);
        var out = spec.commandLine().getOut();
        if (json != null) {
            var root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            root.put("scenario", s.name());
            root.set("elements", new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(blocks));
            Outputs.write(json, ReportWriter.json(root), out);
            if (json.equals("-")) {
                return 0;
            }
        }
        out.println(s.name());
        out.println();
        for (Map.Entry<String, Map<String, Object>> e : blocks.entrySet()) {
            Map<String, Object> b = e.getValue();
            if (b.get("model") == null) {
                continue;
            }
            out.printf(Locale.ROOT, "%s: %s%s%n", e.getKey(), b.get("model"),
                    Boolean.FALSE.equals(b.get("exact")) ? " (approximate)" : "");
            out.printf(Locale.ROOT, "  why: %s%n", b.get("reason"));
            StringBuilder figs = new StringBuilder("  ");
            for (String f : List.of("throughput", "utilization", "offeredLoad", "L", "Lq", "W", "Wq", "pWait", "lag",
                    "lossProbability", "blockProbability", "blockedFraction", "growthRate", "lagGrowthRate", "expiredRate")) {
                if (f.equals("offeredLoad") && !Boolean.FALSE.equals(b.get("stable"))) {
                    continue;
                }
                if (b.get(f) instanceof Number n) {
                    figs.append(f).append(" = ").append(String.format(Locale.ROOT, "%.4g", n.doubleValue())).append("   ");
                }
            }
            out.println(figs.toString().stripTrailing());
            StringBuilder fails = new StringBuilder("  failures: ");
            for (String f : List.of("attemptRate", "retryRate", "errorRate", "dlq.throughput", "droppedRate", "inBackoff",
                    "criticalFailureProbability")) {
                double v = dev.tributary.sim.report.ElementReport.numberAt(b, f);
                if (!Double.isNaN(v)) {
                    fails.append(f).append(" = ").append(String.format(Locale.ROOT, "%.4g", v)).append("   ");
                }
            }
            if (fails.length() > "  failures: ".length()) {
                out.println(fails.toString().stripTrailing());
            }
            StringBuilder saga = new StringBuilder("  saga: ");
            for (String f : List.of("completedShare", "compensatedShare", "failedShare", "completionTime.mean",
                    "messagesPerSaga", "coordinator.utilization", "coordinator.W")) {
                double v = dev.tributary.sim.report.ElementReport.numberAt(b, f);
                if (!Double.isNaN(v)) {
                    saga.append(f).append(" = ").append(String.format(Locale.ROOT, "%.4g", v)).append("   ");
                }
            }
            if (saga.length() > "  saga: ".length()) {
                out.println(saga.toString().stripTrailing());
            }
            if (Boolean.FALSE.equals(b.get("stable"))) {
                out.println(b.get("expiredRate") != null ? "  OVERLOADED: retention deletes what is not read in time"
                        : "  UNSTABLE: no steady state; the backlog grows without bound");
            }
            for (String key : List.of("caveats", "notes")) {
                if (b.get(key) instanceof List<?> cv) {
                    for (Object c : cv) {
                        out.println("  note: " + c);
                    }
                }
            }
        }
        out.flush();
        return 0;
    }
}
