package dev.tributary.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.MINUTES) // waits on the sweep's threads: fails instead of hanging
class SweepCommandTest {

    private static CliTest.Result run(String... args) {
        return CliTest.run(args);
    }

    @Test
    void csvHasARowPerPointElementAndFigureAndJsonAPointPerCombination(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("s.csv");
        Path json = dir.resolve("s.json");
        CliTest.Result r = run("sweep", "example:basics/mmc-queue", "--vary", "payment.instances=4..6",
                "--vary", "checkout.rate=3/s,3.5/s", "-r", "2", "--duration", "10m", "--warmup", "1m",
                "--csv", csv.toString(), "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("payment.instances,checkout.rate,element,figure,mean,halfWidth,predicted");
        // 3 × 2 points, each with the same elements and figures
        List<String> first = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            if (l.startsWith("4,3/s,")) {
                first.add(l);
            }
        }
        assertThat(first).isNotEmpty();
        assertThat(lines).hasSize(1 + 6 * first.size());
        assertThat(lines).anyMatch(l -> l.startsWith("6,3.5/s,payment,W,"));
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("points")).hasSize(6);
        assertThat(root.at("/points/5/settings/payment.instances").asText()).isEqualTo("6");
        assertThat(root.at("/points/5/settings/checkout.rate").asText()).isEqualTo("3.5/s");
        assertThat(root.at("/points/0/elements/payment/W/halfWidth").asDouble()).isPositive();
        // the prediction follows the point: M/M/4 at 3/s
        assertThat(root.at("/points/0/elements/payment/W/predicted").asDouble())
                .isCloseTo(dev.tributary.sim.theory.MMc.predict(4, 3, 1).W(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(root.get("figure").asText()).isEqualTo("payment.W");
        assertThat(r.out()).contains("6 points × 2 replications");
    }

    @Test
    void waitFallsAsInstancesGrowOnMmc(@TempDir Path dir) throws Exception {
        // common random numbers: every point sees the same arrivals and service times, so more servers
        // shorten the wait on each run, not just on average
        Path json = dir.resolve("w.json");
        CliTest.Result r = run("sweep", "example:basics/mmc-queue", "--vary", "payment.instances=4..8", "-r", "3",
                "--duration", "1h", "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode points = new ObjectMapper().readTree(json.toFile()).get("points");
        double last = Double.POSITIVE_INFINITY;
        double lastPredicted = Double.POSITIVE_INFINITY;
        for (JsonNode p : points) {
            double w = p.at("/elements/payment/W/mean").asDouble();
            double predicted = p.at("/elements/payment/W/predicted").asDouble();
            assertThat(w).isLessThan(last).isGreaterThanOrEqualTo(0.9); // never below the 1 s mean service, much
            assertThat(predicted).isLessThan(lastPredicted);
            last = w;
            lastPredicted = predicted;
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount(@TempDir Path dir) throws Exception {
        Path one = dir.resolve("one.csv");
        Path three = dir.resolve("three.csv");
        String[] base = {"sweep", "example:streams/kafka-uniform-keys", "--vary", "payments.partitions=4..6",
            "-r", "3", "--duration", "10m", "--warmup", "1m", "--figure", "ledger.lag"};
        assertThat(run(concat(base, "--threads", "1", "--csv", one.toString())).code()).isZero();
        assertThat(run(concat(base, "--threads", "3", "--csv", three.toString())).code()).isZero();
        assertThat(Files.readString(three)).isEqualTo(Files.readString(one));
    }

    @Test
    void badSweepsAreInvalidInputWithWhatWasExpected() {
        assertRefused(run("sweep", "example:basics/mmc-queue", "--vary", "payment.instances"), "ID.KEY=VALUES");
        assertRefused(run("sweep", "example:basics/mmc-queue", "--vary", "pay.instances=1..3"), "'pay'");
        assertRefused(run("sweep", "example:basics/mmc-queue", "--vary", "payment.instances=0..2"),
                "mmc-queue.yaml:20:16");
        assertRefused(run("sweep", "example:basics/mmc-queue", "--vary", "payment.instances=5..2"), "FROM ≤ TO");
        assertRefused(run("sweep", "example:basics/mmc-queue", "--vary", "payment.instances=1..1e9"), "got the text '1..1e9'");
        assertRefused(run("sweep", "example:basics/mmc-queue", "--vary", "payment.instances=1..5000"), "1000");
        assertRefused(run("sweep", "example:basics/mmc-queue", "--vary", "payment.instances=1..40",
                "--vary", "checkout.rate=1/s,2/s,3/s,4/s,5/s,6/s,7/s,8/s,9/s,10/s,11/s,12/s,13/s,14/s,15/s,16/s,17/s,"
                        + "18/s,19/s,20/s,21/s,22/s,23/s,24/s,25/s,26/s"), "1040 points");
        assertRefused(run("sweep", "example:basics/mmc-queue", "--vary", "payment.instances=4..5", "--figure",
                "payment.nope"), "measures throughput");
        assertRefused(run("sweep", "example:basics/mmc-queue", "--vary", "payment.instances=4..5", "-r", "1"),
                "--replications");
        assertRefused(run("sweep", "example:basics/mmc-queue", "--vary", "payment.instances=4..5", "--threads", "0"),
                "--threads");
        assertRefused(run("sweep", "example:basics/mmc-queue", "--vary", "payment.instances=4..5",
                "--duration", "100000000h"), "--max-events");
        // the simulator's own jar has no chart writer: a PNG asked of it is refused before anything runs
        assertRefused(run("sweep", "example:basics/mmc-queue", "--vary", "payment.instances=4..5", "--png", "x.png"),
                "tributary-charts.jar");
        assertRefused(run("sweep", "example:basics/mmc-queue", "--vary", "payment.instances=4..5",
                "--vary", "payment.instances=6..7"), "varied twice");
        assertRefused(run("sweep", "example:basics/mmc-queue", "--vary", "payment.rate=1/s"), "unknown key");
    }

    private static void assertRefused(CliTest.Result r, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("Exception");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
