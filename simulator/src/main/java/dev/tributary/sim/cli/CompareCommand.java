package dev.tributary.sim.cli;

import dev.tributary.sim.report.RunSize;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.sim.metrics.Estimate;
import dev.tributary.sim.report.Comparison;
import dev.tributary.sim.report.ReportWriter;
import dev.tributary.sim.scenario.Scenario;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code compare A B}: paired comparison of two architectures with common random numbers. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run two scenarios with the same seeds (common random numbers) and report B − A with 95%% intervals.")
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "A", description = "The first scenario (file or example:NAME).")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "The second scenario.")
    String b;

    @Option(names = {"-r", "--replications"}, defaultValue = "5",
            description = "Paired replications (at least 2; default ${DEFAULT-VALUE}).")
    int replications;

    @Option(names = "--seed", description = "Seed for both (default: A's seed).")
    Long seed;

    @Option(names = "--duration", description = "Override both durations, e.g. 2h.")
    String duration;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the comparison as JSON to FILE (- for standard output).")
    String json;

    @Mixin
    MaxEvents maxEvents;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (replications < 2 || replications > 10_000) {
            throw new InvalidInputException("--replications: expected 2 to 10000 for an interval; got " + replications);
        }
        ScenarioArgs overrides = new ScenarioArgs();
        overrides.duration = duration;
        overrides.replications = replications;
        Scenario sa = overrides.apply(ScenarioArgs.load(a));
        Scenario sb = overrides.apply(ScenarioArgs.load(b));
        long s = seed != null ? seed : sa.seed();
        sa = sa.withSeed(s);
        sb = sb.withSeed(s);
        Outputs.checkWritable("--json", json);
        Set<String> common = elementIds(sa);
        common.retainAll(elementIds(sb));
        if (common.isEmpty()) {
            throw new InvalidInputException("A and B have no element ids in common (A: "
                    + String.join(", ", elementIds(sa)) + "; B: " + String.join(", ", elementIds(sb))
                    + "); compare pairs the figures of elements with the same id in both, so give them the same ids");
        }
        RunSize.check(List.of(sa, sb), replications, 0, maxEvents.value,
                "this comparison (A and B, " + replications + " replications each)");
        List<Comparison.Row> rows = Comparison.compare(sa, sb, replications);
        if (rows.isEmpty()) {
            throw new InvalidInputException("A and B share the ids " + String.join(", ", common)
                    + ", but as different kinds of element (a queue in one, a stream in the other, say), so no figure"
                    + " can be compared; compare elements of the same kind under the same id");
        }
        var out = spec.commandLine().getOut();
        if (json != null) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("a", sa.name());
            root.put("b", sb.name());
            root.put("seed", s);
            root.put("replications", replications);
            ArrayNode arr = root.putArray("rows");
            for (Comparison.Row r : rows) {
                ObjectNode o = arr.addObject();
                o.put("element", r.element());
                o.put("figure", r.figure());
                put(o, "a", r.a().mean());
                put(o, "b", r.b().mean());
                put(o, "difference", r.difference().mean());
                put(o, "halfWidth", r.difference().halfWidth());
                o.put("significant", !Double.isNaN(r.difference().halfWidth())
                        && Math.abs(r.difference().mean()) > r.difference().halfWidth());
            }
            Outputs.write(json, ReportWriter.json(root), out);
            if (json.equals("-")) {
                return 0;
            }
        }
        out.printf(Locale.ROOT, "A: %s%nB: %s%nseed %d, %d paired replications (common random numbers)%n%n",
                sa.name(), sb.name(), s, replications);
        out.printf(Locale.ROOT, "%-20s %-12s %14s %14s %24s%n", "element", "figure", "A", "B", "B − A (95% CI)");
        for (Comparison.Row r : rows) {
            Estimate d = r.difference();
            String mark = !Double.isNaN(d.halfWidth()) && Math.abs(d.mean()) > d.halfWidth() ? " *" : "";
            out.printf(Locale.ROOT, "%-20s %-12s %14.4g %14.4g %14.4g ± %-8.3g%s%n", r.element(), r.figure(),
                    r.a().mean(), r.b().mean(), d.mean(), d.halfWidth(), mark);
        }
        out.println();
        out.println("* the interval excludes zero: the difference is significant at 95%");
        out.flush();
        return 0;
    }

    private static Set<String> elementIds(Scenario s) {
        return Comparison.elementIds(s);
    }

    private static void put(ObjectNode o, String k, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(k);
        } else {
            o.put(k, v);
        }
    }
}
