package dev.tributary.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.MINUTES) // waits on worker threads: fails instead of hanging (a limit, not a speed check)
class CliTest {

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void runWritesTheJsonContract() throws Exception {
        Result r = run("run", "example:basics/mmc-queue", "--duration", "30m", "--json", "-");
        assertThat(r.code()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode orders = root.at("/elements/orders");
        assertThat(orders.get("kind").asText()).isEqualTo("queue");
        for (String f : new String[] {"throughput", "L", "Lq", "W", "Wq", "utilization"}) {
            assertThat(orders.at("/measured/" + f).isNumber()).as(f).isTrue();
        }
        assertThat(orders.at("/measured/latency/p99").isNumber()).isTrue();
        assertThat(root.at("/elements/payment/kind").asText()).isEqualTo("consumer-group");
        assertThat(root.at("/run/events").asLong()).isPositive();
        assertThat(root.at("/run/wallSeconds").isNumber()).isTrue();
    }

    @Test
    void replicationsAddHalfWidths() throws Exception {
        Result r = run("run", "example:basics/mm1", "--duration", "1h", "-r", "4", "--json", "-");
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.at("/elements/requests/halfWidth/L").asDouble()).isPositive();
        assertThat(root.at("/elements/requests/halfWidth/latency/p50").isNumber()).isTrue();
        assertThat(root.at("/run/replications").asInt()).isEqualTo(4);
    }

    @Test
    void sameScenarioAndSeedGiveByteIdenticalReports() throws Exception {
        String a = run("run", "example:streams/hot-keys", "--duration", "20m", "--json", "-").out();
        String b = run("run", "example:streams/hot-keys", "--duration", "20m", "--json", "-").out();
        ObjectMapper m = new ObjectMapper();
        ObjectNode ja = (ObjectNode) m.readTree(a);
        ObjectNode jb = (ObjectNode) m.readTree(b);
        // wall and engine times are the fields that measure the machine, not the model
        ((ObjectNode) ja.get("run")).remove(java.util.List.of("wallSeconds", "engineSeconds", "eventsPerSecond"));
        ((ObjectNode) jb.get("run")).remove(java.util.List.of("wallSeconds", "engineSeconds", "eventsPerSecond"));
        assertThat(m.writeValueAsString(ja)).isEqualTo(m.writeValueAsString(jb));
        // replications run in parallel threads: still the same numbers every time
        ObjectNode ra = (ObjectNode) m.readTree(run("run", "example:basics/mmc-queue", "-r", "4", "--json", "-").out());
        ObjectNode rb = (ObjectNode) m.readTree(run("run", "example:basics/mmc-queue", "-r", "4", "--json", "-").out());
        ((ObjectNode) ra.get("run")).remove(java.util.List.of("wallSeconds", "engineSeconds", "eventsPerSecond"));
        ((ObjectNode) rb.get("run")).remove(java.util.List.of("wallSeconds", "engineSeconds", "eventsPerSecond"));
        assertThat(m.writeValueAsString(ra)).isEqualTo(m.writeValueAsString(rb));
        String c = run("run", "example:streams/hot-keys", "--duration", "20m", "--seed", "5", "--json", "-").out();
        assertThat(m.readTree(c).at("/elements/sessionizer/measured/W"))
                .isNotEqualTo(ja.at("/elements/sessionizer/measured/W"));
    }

    @Test
    void tableCsvAndSeriesOutputs(@TempDir Path dir) throws Exception {
        Result table = run("run", "example:pubsub/fan-out", "--duration", "10m");
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("billing").contains("consumer-group").contains("thru/s");
        Path csv = dir.resolve("out.csv");
        Path series = dir.resolve("series.csv");
        Result r = run("run", "example:pubsub/fan-out", "--duration", "10m", "--csv", csv.toString(), "--series",
                series.toString());
        assertThat(r.code()).isZero();
        assertThat(Files.readAllLines(csv).get(0)).isEqualTo("element,kind,figure,value,halfWidth,predicted");
        assertThat(Files.readString(csv)).contains("billing,consumer-group,W,");
        assertThat(Files.readAllLines(series).get(0)).isEqualTo("time,element,series,value");
        assertThat(Files.readAllLines(series).size()).isGreaterThan(500);
    }

    @Test
    void validateAcceptsGoodFilesAndRejectsBadOnesWithExit2(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, "producers: [{id: p, to: q, arrivals: poisson(1/s)}]\nchannels: [{id: q, type: queue}]\n");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "producers: [{id: p, to: q, arrivals: poisson(1/s)}]\nchannels: [{id: q, type: qeue}]\n");
        Result ok = run("validate", good.toString());
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("ok");
        Result ko = run("validate", good.toString(), bad.toString());
        assertThat(ko.code()).isEqualTo(2);
        assertThat(ko.err()).contains("bad.yaml:2:26: channels[0].type: expected one of queue, topic, stream, router")
                .contains("got 'qeue'")
                .contains("did you mean 'queue'");
        assertThat(ko.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void predictNamesTheSagaFigures() throws Exception {
        Result r = run("predict", "example:sagas/orchestration");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("order-saga: saga (orchestration) (approximate)")
                .contains("saga: completedShare = 0.9895").contains("messagesPerSaga = 7.259")
                .contains("coordinator.utilization = 0.04129");
    }

    @Test
    void badInputExitsWith2AndNoStackTrace(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "producers:\n  - id: p\n    to: q\n    arrivals: poisson(fast)\nchannels: [{id: q, type: queue}]\n");
        String[][] cases = {
            {"run", broken.toString()},
            {"run", dir.resolve("missing.yaml").toString()},
            {"run", "example:no-such-example"},
            {"run", "example:basics/mm1", "--duration", "-5m"},
            {"run", "example:basics/mm1", "--duration", "soon"},
            {"run", "example:basics/mm1", "--warmup", "99h"},
            {"run", "example:basics/mm1", "-r", "0"},
            {"run", "example:basics/mm1", "--seed", "abc"},
            {"run"},
            {"frobnicate"},
            {"compare", "example:basics/mm1", "example:basics/mm1", "-r", "1"},
            {"run", "example:basics/mm1", "--json", dir.toString()},
        };
        for (String[] args : cases) {
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).isNotBlank().doesNotContain("\tat ");
        }
        assertThat(run("run", broken.toString()).err())
                .contains("broken.yaml:4:15: producers[0].arrivals: expected a rate such as 3.6/s, 200/m or 5/h; got 'fast'");
    }

    @Test
    void compareReportsPairedDifferences() throws Exception {
        Result r = run("compare", "example:basics/mm1", "example:basics/mm1-busy", "--duration", "2h", "-r", "4", "--json", "-");
        assertThat(r.code()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        boolean found = false;
        for (JsonNode row : root.get("rows")) {
            if (row.get("element").asText().equals("requests") && row.get("figure").asText().equals("W")) {
                found = true;
                assertThat(row.get("difference").asDouble()).isGreaterThan(3);
                assertThat(row.get("significant").asBoolean()).isTrue();
            }
        }
        assertThat(found).isTrue();
        assertThat(run("compare", "example:basics/mm1", "example:basics/mm1-busy", "--duration", "1h").out())
                .contains("B − A");
    }

    @Test
    void predictNamesTheModelAndWhy() throws Exception {
        Result r = run("predict", "example:basics/mmc-queue");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("orders: M/M/4").contains("why: Poisson arrivals").contains("L = 10.69");
        JsonNode j = new ObjectMapper().readTree(run("predict", "example:basics/overload", "--json", "-").out());
        assertThat(j.at("/elements/inbox/stable").asBoolean()).isFalse();
        assertThat(j.at("/elements/inbox/growthRate").asDouble()).isEqualTo(0.5);
    }

    @Test
    void runJsonCarriesPredictionsChecksAndLittle() throws Exception {
        JsonNode j = new ObjectMapper().readTree(run("run", "example:basics/mm1", "-r", "5", "--json", "-").out());
        JsonNode q = j.at("/elements/requests");
        assertThat(q.at("/predicted/model").asText()).isEqualTo("M/M/1");
        assertThat(q.at("/predicted/L").asDouble()).isEqualTo(1.0);
        assertThat(q.at("/check/L").isBoolean()).isTrue();
        assertThat(q.at("/little/lambdaW").asDouble()).isCloseTo(q.at("/little/L").asDouble(),
                org.assertj.core.api.Assertions.within(0.02));
        assertThat(j.at("/scenario/suggestedWarmup").isNumber()).isTrue();
    }

    @Test
    void planSizesAPoolAndAmdahlCapsAPipeline() {
        Result r = run("plan", "--rate", "1000/s", "--service", "10ms", "--max-wait-probability", "0.11", "--lose", "1");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Recommended: 15 consumers").contains("0.1020").contains("Losing 1 of 15");
        Result a = run("plan", "--serial-fraction", "0.1", "--workers", "8");
        assertThat(a.out()).contains("4.706").contains("10.0×");
        for (String[] bad : new String[][] {{"plan"}, {"plan", "--rate", "0/s", "--service", "1s"},
            {"plan", "--rate", "5/s", "--service", "soon"}, {"plan", "--rate", "5/s", "--service", "1s", "--max-utilization", "2"},
            {"plan", "--serial-fraction", "1.5"}}) {
            Result b = run(bad);
            assertThat(b.code()).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(b.err()).doesNotContain("\tat ");
        }
    }

    @Test
    void autoWarmupUsesTheDetector() {
        Result r = run("run", "example:basics/mm1-busy", "--warmup", "0s", "--auto-warmup");
        assertThat(r.code()).isZero();
        assertThat(r.out()).doesNotContain("warm-up 0s");
    }

    @Test
    void examplesAndBenchRun() {
        Result ex = run("examples");
        assertThat(ex.code()).isZero();
        assertThat(ex.out()).contains("example:basics/mmc-queue");
        Result b = run("bench", "--events", "20000", "--runs", "1");
        assertThat(b.code()).isZero();
        assertThat(b.out()).contains("events/s");
    }

    @Test
    void kindsListsEveryRegisteredKindWithItsKeys() {
        Result k = run("kinds");
        assertThat(k.code()).isZero();
        for (var kind : dev.tributary.sim.scenario.ElementKinds.standard().channels()) {
            assertThat(k.out()).contains("type: " + kind.word());
            kind.keys().keySet().forEach(key -> assertThat(k.out()).contains(key));
        }
        assertThat(k.out()).contains("a consumer of a stream may also have:", "offset");
    }
}
