package dev.tributary.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.sim.metrics.TimeSeries;
import dev.tributary.sim.element.ElementInfo;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.scenario.ScenarioReader;
import dev.tributary.sim.model.ScenarioTheory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden reports: the JSON report of every bundled example (and a few runs with replications),
 * with the wall-clock figures removed, plus a digest of replication 0's time series, must stay
 * bit-identical. A change that is meant to preserve behaviour proves it here.
 *
 * <p>To regenerate on purpose (a change that is meant to alter numbers), run
 * {@code mvn -pl simulator test -Dtest=GoldenReportTest -Dgolden.update=true} and commit the
 * changed files under {@code src/test/resources/golden/} with a message that says why.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // waits on worker threads: fails instead of hanging (a limit, not a speed check)
class GoldenReportTest {

    /** One golden case: an example and a replication count. */
    record Case(String example, int replications) {
        String file() {
            return example.replace('/', '_').replace(".yaml", "") + (replications > 1 ? "-r" + replications : "")
                    + ".golden";
        }

        @Override
        public String toString() {
            return file();
        }
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (String e : Examples.index()) {
            out.add(new Case(e, 1));
        }
        out.add(new Case("basics/mmc-queue.yaml", 4));
        out.add(new Case("streams/hot-keys.yaml", 3));
        out.add(new Case("pipelines/two-stage.yaml", 3));
        out.add(new Case("routing/content-router.yaml", 2));
        out.add(new Case("streams/replay.yaml", 2));
        // test-only scenarios for the mechanisms the examples do not use
        out.add(new Case("extra/queues.yaml", 1));
        out.add(new Case("extra/streams.yaml", 1));
        out.add(new Case("extra/fanout.yaml", 1));
        out.add(new Case("extra/fanout.yaml", 3));
        return out;
    }

    static Path folder() {
        return Path.of("src", "test", "resources", "golden");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportIsBitIdentical(Case c) throws Exception {
        String actual = render(c);
        Path file = folder().resolve(c.file());
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(folder());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(file)).as("golden file " + file + " (regenerate with -Dgolden.update=true)").isTrue();
        String expected = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(actual).as("report of " + c + " against " + file).isEqualTo(expected);
    }

    static String render(Case c) throws Exception {
        Scenario s = c.example().startsWith("extra/")
                ? ScenarioReader.read(folder().resolve(c.example())) : Examples.load(c.example());
        Runner runner = new Runner().withPredictor(ScenarioTheory::reportBlocks);
        List<Runner.Replication> reps = runner.replicate(s, c.replications());
        for (Runner.Replication rep : reps) {
            // every stream group's delivery ledger reconciles with the partition logs, on every run
            rep.model().snapshot().forEach((id, snap) -> {
                if (snap.containsKey("ledgerBalanced")) {
                    assertThat(snap.get("ledgerBalanced")).as("ledger of " + id + " in " + c).isEqualTo(1.0);
                }
            });
        }
        Report r = runner.report(s, reps);
        ObjectNode tree = ReportWriter.toJsonTree(r);
        ObjectNode run = (ObjectNode) tree.get("run");
        run.remove("wallSeconds");
        run.remove("eventsPerSecond");
        run.remove("engineSeconds");
        StringBuilder sb = new StringBuilder(ReportWriter.json(tree).replace(System.lineSeparator(), "\n"));
        sb.append("series sha-256: ").append(seriesDigest(reps.get(0).model())).append('\n');
        return sb.toString();
    }

    /** A digest of every sampled series of a model (time and value, bit for bit). */
    static String seriesDigest(Model m) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (ElementInfo e : m.elements()) {
            for (Map.Entry<String, TimeSeries> ts : m.series(e.id()).entrySet()) {
                md.update((e.id() + "/" + ts.getKey()).getBytes(StandardCharsets.UTF_8));
                TimeSeries t = ts.getValue();
                for (int i = 0; i < t.size(); i++) {
                    long a = Double.doubleToLongBits(t.time(i));
                    long b = Double.doubleToLongBits(t.value(i));
                    for (int k = 0; k < 8; k++) {
                        md.update((byte) (a >>> (8 * k)));
                        md.update((byte) (b >>> (8 * k)));
                    }
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
