package dev.tributary.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input never knocks the command line over: every hostile input below ends in exit 0 or 2
 * (never 1, the code for a bug), with no stack trace and no exception text, and each refusal says why.
 * Inputs that could exhaust memory or run for ever also run in a separate JVM limited to 256 MiB of
 * heap and a time limit, so that a regression fails this test instead of the build machine.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HostileInputTest {

    @TempDir
    static Path dir;

    private static final String PRODUCER = "producers: [{id: p, to: q, arrivals: poisson(1/s)}]\n";
    private static final String QUEUE = "channels: [{id: q, type: queue}]\n";
    private static final String CONSUMER = "consumers: [{id: c, from: q, service: exponential(500ms)}]\n";
    private static final String OK = PRODUCER + QUEUE + CONSUMER;

    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** One hostile input: a command line (file names resolved in {@link #dir}), the exit it must give, what it must say. */
    record Case(String name, List<String> args, int expected, List<String> says) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void writeFiles() throws IOException {
        write("ok.yaml", OK);
        write("empty.yaml", "");
        write("dashes.yaml", "---\n");
        write("comments.yaml", "# nothing but a comment\n");
        Files.write(dir.resolve("junk.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28, 0, 1, 2, (byte) 0x80});
        write("nul.yaml", "producers:\u0000\u0001\n");
        write("huge-file.yaml", "# " + "x".repeat(5_000_000) + "\n" + OK);
        Files.createDirectories(dir.resolve("a-directory.yaml"));
        write("instances-1e400.yaml", PRODUCER + QUEUE + "consumers: [{id: c, from: q, instances: 1e400, service: exponential(1s)}]\n");
        write("duration-1e30h.yaml", "duration: 1e30h\n" + OK);
        write("seed-huge.yaml", "seed: 99999999999999999999\n" + OK);
        write("negative.yaml", "producers: [{id: p, to: q, arrivals: poisson(-1/s), keys: 'zipf(10, -1)'}]\n"
                + "channels: [{id: q, type: queue, capacity: -1}]\n"
                + "consumers: [{id: c, from: q, instances: -3, service: 'uniform(-1s, -2s)'}]\n");
        write("zero.yaml", "producers: [{id: p, to: q, arrivals: poisson(0/s)}]\n" + QUEUE
                + "consumers: [{id: c, from: q, instances: 0, service: exponential(0s)}]\n");
        write("duration-0s.yaml", "duration: 0s\n" + OK);
        write("huge-key-range.yaml", "producers: [{id: p, to: r, arrivals: poisson(1/s), keys: uniform(10)}]\n"
                + "channels: [{id: r, type: router, routes: [{keys: '99999999999..999999999999', to: q}], default: q},"
                + " {id: q, type: queue}]\n");
        write("huge-offset.yaml", "producers: [{id: p, to: s, arrivals: poisson(1/s)}]\nchannels: [{id: s, type: stream}]\n"
                + "consumers: [{id: c, from: s, service: exponential(1s), offset: 99999999999999999999}]\n");
        write("lognormal-spread.yaml", PRODUCER + QUEUE + "consumers: [{id: c, from: q, service: 'lognormal(1s, 1e300s)'}]\n");
        StringBuilder types = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            types.append(i == 0 ? "" : ", ").append("t").append(i).append(": 1");
        }
        write("300-types.yaml", "producers: [{id: p, to: q, arrivals: poisson(1/s), types: {" + types + "}}]\n" + QUEUE);
        write("duration-inf.yaml", "duration: .inf\n" + OK);
        write("weight-nan.yaml", "producers: [{id: p, to: q, arrivals: poisson(1/s), types: {a: .nan, b: 1}}]\n" + QUEUE);
        write("weight-1e400.yaml", "producers: [{id: p, to: q, arrivals: poisson(1/s), types: {a: 1e400}}]\n" + QUEUE);
        write("probability-inf.yaml", PRODUCER + QUEUE
                + "consumers: [{id: c, from: q, service: exponential(1s), emits: [{to: q, probability: -.inf}]}]\n");
        write("rate-nan.yaml", "producers: [{id: p, to: q, arrivals: poisson(NaN/s)}]\n" + QUEUE);
        write("sample-1ns.yaml", "sample: 1ns\n" + OK);
        write("crlf.yaml", OK.replace("\n", "\r\n"));
        write("bom.yaml", "\uFEFF" + OK);
        write("bom.json", "\uFEFF{\"producers\": [{\"id\": \"p\", \"to\": \"q\", \"arrivals\": \"poisson(1/s)\"}],"
                + " \"channels\": [{\"id\": \"q\", \"type\": \"queue\"}]}");
        write("trailing-comma.json", "{\"producers\": [{\"id\": \"p\", \"to\": \"q\", \"arrivals\": \"poisson(1/s)\"},],"
                + " \"channels\": [{\"id\": \"q\", \"type\": \"queue\",},],}");
        write("comments.json", "// a scenario\n{\"producers\": [{\"id\": \"p\", \"to\": \"q\", \"arrivals\": \"poisson(1/s)\"}],"
                + " /* the queue */ \"channels\": [{\"id\": \"q\", \"type\": \"queue\"}]}");
        write("garbage-after.json", "{\"producers\": []} {\"channels\": []}");
        write("unclosed.json", "{\"producers\": [{\"id\": \"p\"");
        write("top-list.yaml", "- producers\n- channels\n");
        write("missing-id.yaml", PRODUCER + "channels: [{type: queue}]\n");
        write("tab.yaml", "producers:\n  - id: p\n\tto: q\n");
        write("anchors.yaml", "producers:\n  - &p {id: p, to: q, arrivals: poisson(1/s)}\n  - *p\n" + QUEUE);
        write("merge.yaml", "producers:\n  - <<: {to: q, arrivals: poisson(1/s)}\n    id: p\n" + QUEUE);
        write("tag.yaml", "producers: !!binary aGVsbG8=\n" + QUEUE);
        write("deep.yaml", "producers: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
        write("deep.json", "{\"producers\": " + "[".repeat(5000) + "]".repeat(5000) + "}");
        write("duplicate.yaml", PRODUCER + "channels:\n  - {id: q, type: queue}\n  - id: r\n    type: queue\n"
                + "    capacity: 5\n    capacity: 6\n");
        write("non-ascii-id.yaml", "producers: [{id: café, to: q, arrivals: poisson(1/s)}]\n" + QUEUE);
        write("two-documents.yaml", OK + "---\n" + OK);
        write("unclosed-quote.yaml", "name: \"orders\nproducers: []\n");
        write("flood.yaml", "producers: [{id: p, to: q, arrivals: poisson(1e308/s)}]\n" + QUEUE + CONSUMER);
        write("flood300.yaml", "producers: [{id: p, to: q, arrivals: poisson(1e300/s)}]\n" + QUEUE + CONSUMER);
        write("flicker.yaml", "producers: [{id: p, to: q, arrivals: 'onoff(1/s, 1e-300s, 1e-300s)'}]\n" + QUEUE + CONSUMER);
        write("other-ids.yaml", "producers: [{id: p2, to: q2, arrivals: poisson(1/s)}]\nchannels: [{id: q2, type: queue}]\n");
        write("hex.yaml", PRODUCER + QUEUE + "consumers: [{id: c, from: q, instances: 0x10, service: exponential(1s)}]\n");
        write("not-a-directory", "a file");
        // a group that joins after 59 minutes and replays from the earliest offset pins 350 million records
        write("stream-flood.yaml", "producers: [{id: p, to: s, arrivals: poisson(100000/s)}]\n"
                + "channels: [{id: s, type: stream}]\nconsumers: [{id: c, from: s, service: exponential(0.001ms),"
                + " start: 59m}]\n");
        write("backlog.yaml", "producers: [{id: p, to: q, arrivals: poisson(20000/s)}]\n" + QUEUE
                + "consumers: [{id: c, from: q, service: exponential(1h)}]\n");
        write("long-line.yaml", "name: " + "x".repeat(1_000_000) + "\n" + OK);
    }

    static Stream<Case> inProcess() {
        List<Case> c = new ArrayList<>();
        // files that are not scenarios
        c.add(new Case("empty file", List.of("validate", "empty.yaml"), 2, List.of("is empty")));
        c.add(new Case("a file of only ---", List.of("validate", "dashes.yaml"), 2, List.of("is empty")));
        c.add(new Case("only a comment", List.of("validate", "comments.yaml"), 2, List.of("is empty")));
        c.add(new Case("binary junk", List.of("run", "junk.yaml"), 2, List.of("is not UTF-8 text")));
        c.add(new Case("control characters", List.of("validate", "nul.yaml"), 2, List.of("nul.yaml:1:11:", "control character")));
        c.add(new Case("a 5 MB file", List.of("run", "huge-file.yaml"), 2, List.of("larger than 1 MiB")));
        c.add(new Case("a directory", List.of("run", "a-directory.yaml"), 2, List.of("is a directory")));
        c.add(new Case("a missing file", List.of("predict", "no-such-file.yaml"), 2, List.of("no such file")));
        c.add(new Case("/dev/zero", List.of("validate", "/dev/zero"), 2, List.of("larger than 1 MiB")));
        // numbers
        c.add(new Case("instances: 1e400", List.of("validate", "instances-1e400.yaml"), 2, List.of("instances-1e400.yaml:3:",
                "consumers[0].instances", "finite number")));
        c.add(new Case("duration: 1e30h", List.of("run", "duration-1e30h.yaml"), 2, List.of("--max-events")));
        c.add(new Case("seed beyond 64 bits", List.of("run", "seed-huge.yaml"), 2, List.of("seed", "64 bits")));
        c.add(new Case("negative everything", List.of("validate", "negative.yaml"), 2,
                List.of("producers[0].arrivals", "channels[0].capacity", "consumers[0].instances", "consumers[0].service")));
        c.add(new Case("zero everything", List.of("validate", "zero.yaml"), 2,
                List.of("rate above zero", "consumers[0].instances", "above zero")));
        c.add(new Case("duration: 0s", List.of("run", "duration-0s.yaml"), 2, List.of("duration", "above zero")));
        c.add(new Case("duration: .inf", List.of("run", "duration-inf.yaml"), 2, List.of("duration", "infinite")));
        c.add(new Case("weight .nan", List.of("validate", "weight-nan.yaml"), 2, List.of("producers[0].types.a", "not a number")));
        c.add(new Case("weight 1e400", List.of("validate", "weight-1e400.yaml"), 2, List.of("producers[0].types.a", "finite")));
        c.add(new Case("probability -.inf", List.of("validate", "probability-inf.yaml"), 2,
                List.of("consumers[0].emits[0].probability", "infinite")));
        c.add(new Case("rate NaN/s", List.of("validate", "rate-nan.yaml"), 2, List.of("producers[0].arrivals")));
        c.add(new Case("sample: 1ns", List.of("run", "sample-1ns.yaml"), 2, List.of("sample")));
        c.add(new Case("instances: 0x10", List.of("validate", "hex.yaml"), 0, List.of("ok")));
        // options
        c.add(new Case("unknown flag", List.of("run", "ok.yaml", "--frobnicate"), 2, List.of("Unknown option")));
        c.add(new Case("--replications 0", List.of("run", "ok.yaml", "--replications", "0"), 2, List.of("--replications")));
        c.add(new Case("--replications 1000000", List.of("run", "ok.yaml", "--replications", "1000000"), 2, List.of("--replications")));
        c.add(new Case("a key range beyond int", List.of("run", "huge-key-range.yaml"), 2,
                List.of("huge-key-range.yaml:2:", "routes[0].keys: expected key indices")));
        c.add(new Case("an offset beyond long", List.of("run", "huge-offset.yaml"), 2, List.of("consumers[0].offset")));
        c.add(new Case("a lognormal whose variance overflows", List.of("run", "lognormal-spread.yaml"), 2,
                List.of("consumers[0].service", "standard deviation")));
        c.add(new Case("300 event types", List.of("run", "300-types.yaml"), 2, List.of("at most 255 distinct event types")));
        c.add(new Case("--seed abc", List.of("run", "ok.yaml", "--seed", "abc"), 2, List.of("--seed")));
        c.add(new Case("--duration -5s", List.of("run", "ok.yaml", "--duration", "-5s"), 2, List.of("--duration")));
        c.add(new Case("--duration 1e400s", List.of("run", "ok.yaml", "--duration", "1e400s"), 2, List.of("--duration")));
        c.add(new Case("--warmup equal to the duration", List.of("run", "ok.yaml", "--warmup", "1h"), 2, List.of("--warmup")));
        c.add(new Case("--warmup beyond the duration", List.of("run", "ok.yaml", "--duration", "10m", "--warmup", "2h"), 2,
                List.of("--warmup")));
        c.add(new Case("--max-events abc", List.of("run", "ok.yaml", "--max-events", "abc"), 2, List.of("--max-events")));
        c.add(new Case("--max-events too low for the run", List.of("run", "ok.yaml", "--max-events", "100"), 2,
                List.of("would simulate about", "--max-events N")));
        c.add(new Case("example:nope", List.of("run", "example:nope"), 2, List.of("no bundled example")));
        c.add(new Case("example:../../etc/passwd", List.of("run", "example:../../etc/passwd"), 2, List.of("no bundled example")));
        c.add(new Case("no command", List.of(), 2, List.of("expected a command", "Usage")));
        c.add(new Case("help for no such command", List.of("help", "frobnicate"), 2, List.of("frobnicate")));
        // text forms
        c.add(new Case("Windows line endings", List.of("validate", "crlf.yaml"), 0, List.of("ok")));
        c.add(new Case("UTF-8 BOM", List.of("validate", "bom.yaml"), 0, List.of("ok")));
        c.add(new Case("UTF-8 BOM in JSON", List.of("validate", "bom.json"), 0, List.of("ok")));
        c.add(new Case("JSON with trailing commas", List.of("validate", "trailing-comma.json"), 0, List.of("ok")));
        c.add(new Case("JSON with comments", List.of("validate", "comments.json"), 0, List.of("ok")));
        c.add(new Case("JSON with a second object", List.of("validate", "garbage-after.json"), 2, List.of("exactly one scenario")));
        c.add(new Case("JSON cut short", List.of("validate", "unclosed.json"), 2, List.of("unclosed.json:1:", "not valid JSON")));
        c.add(new Case("a list at the top", List.of("validate", "top-list.yaml"), 2, List.of("top-list.yaml:1:1:", "expected a mapping")));
        c.add(new Case("type: queue without id", List.of("validate", "missing-id.yaml"), 2, List.of("channels[0].id: is missing")));
        c.add(new Case("a tab", List.of("validate", "tab.yaml"), 2, List.of("tab.yaml:3:1:", "tab character")));
        c.add(new Case("anchors and aliases", List.of("validate", "anchors.yaml"), 2,
                List.of("anchors.yaml:2:5: producers[0]: anchors and aliases are not supported; write the value out",
                        "anchors.yaml:3:5: producers[1]: anchors")));
        c.add(new Case("a merge key", List.of("validate", "merge.yaml"), 2, List.of("merge.yaml:2:5:", "merge keys")));
        c.add(new Case("a tag", List.of("validate", "tag.yaml"), 2, List.of("tag.yaml:1:12:", "not supported")));
        c.add(new Case("5000 nested lists", List.of("validate", "deep.yaml"), 2, List.of("deep.yaml:1:", "nested deeper")));
        c.add(new Case("5000 nested JSON lists", List.of("validate", "deep.json"), 2, List.of("deep.json:1:", "nested deeper")));
        c.add(new Case("a duplicate key", List.of("validate", "duplicate.yaml"), 2,
                List.of("duplicate.yaml:7:5: channels[1].capacity: appears twice", "6:5 and 7:5")));
        c.add(new Case("a non-ASCII id", List.of("validate", "non-ascii-id.yaml"), 2,
                List.of("producers[0].id: ids are ASCII letters, digits, '-', '_' and '.'")));
        c.add(new Case("two YAML documents", List.of("validate", "two-documents.yaml"), 2, List.of("two-documents.yaml:4:1:")));
        c.add(new Case("an unclosed quote", List.of("validate", "unclosed-quote.yaml"), 2,
                List.of("unclosed-quote.yaml:1:7:", "never closed")));
        // sizes
        c.add(new Case("poisson(1e308/s)", List.of("run", "flood.yaml"), 2, List.of("would simulate about", "--max-events")));
        c.add(new Case("onoff switching every 1e-300 s", List.of("run", "flicker.yaml"), 2, List.of("--max-events")));
        c.add(new Case("compare of poisson(1e308/s)", List.of("compare", "ok.yaml", "flood.yaml"), 2, List.of("--max-events")));
        c.add(new Case("bench of poisson(1e308/s)", List.of("bench", "flood.yaml", "--events", "5000", "--runs", "1"), 2,
                List.of("bench")));
        c.add(new Case("bench --events 1e18", List.of("bench", "ok.yaml", "--events", "1e18"), 2, List.of("--events")));
        c.add(new Case("run --auto-warmup of poisson(1e308/s)", List.of("run", "flood.yaml", "--auto-warmup"), 2,
                List.of("--max-events")));
        // outputs
        c.add(new Case("--json into a missing directory", List.of("run", "ok.yaml", "--json", "no-such-dir/out.json"), 2,
                List.of("--json", "does not exist")));
        c.add(new Case("--csv under a file", List.of("run", "ok.yaml", "--csv", "not-a-directory/out.csv"), 2, List.of("--csv")));
        c.add(new Case("--series into a directory", List.of("run", "ok.yaml", "--series", "a-directory.yaml"), 2,
                List.of("--series", "is a directory")));
        c.add(new Case("--json ''", List.of("run", "ok.yaml", "--json", ""), 2, List.of("--json")));
        c.add(new Case("predict --json into a missing directory", List.of("predict", "ok.yaml", "--json", "no-such-dir/p.json"), 2,
                List.of("--json")));
        c.add(new Case("compare --json into a missing directory",
                List.of("compare", "ok.yaml", "ok.yaml", "--json", "no-such-dir/c.json"), 2, List.of("--json")));
        // compare
        c.add(new Case("compare with no ids in common", List.of("compare", "ok.yaml", "other-ids.yaml"), 2,
                List.of("no element ids in common")));
        c.add(new Case("compare -r 1", List.of("compare", "ok.yaml", "ok.yaml", "-r", "1"), 2, List.of("--replications")));
        // plan
        c.add(new Case("plan 1e12/s", List.of("plan", "--rate", "1e12/s", "--service", "1s"), 2, List.of("at most 10,000")));
        c.add(new Case("plan --max-wait 1e-300s", List.of("plan", "--rate", "1000/s", "--service", "10ms", "--max-wait", "1e-300s"),
                2, List.of("probability of waiting below")));
        c.add(new Case("plan --max-wait 0s", List.of("plan", "--rate", "1000/s", "--service", "10ms", "--max-wait", "0s"), 2,
                List.of("--max-wait")));
        c.add(new Case("plan --max-wait-probability 1e-300",
                List.of("plan", "--rate", "1000/s", "--service", "10ms", "--max-wait-probability", "1e-300"), 2,
                List.of("--max-wait-probability")));
        c.add(new Case("plan --max-utilization 1e-9", List.of("plan", "--rate", "1/s", "--service", "1s", "--max-utilization", "1e-9"),
                2, List.of("more than the 10,000")));
        c.add(new Case("plan --lose 100", List.of("plan", "--rate", "1000/s", "--service", "10ms", "--lose", "100"), 2,
                List.of("--lose")));
        c.add(new Case("plan --service 1e-320s", List.of("plan", "--rate", "5/s", "--service", "1e-320s"), 2, List.of("--service")));
        c.add(new Case("plan --rate NaN/s", List.of("plan", "--rate", "NaN/s", "--service", "1s"), 2, List.of("--rate")));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inProcess")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void refusedOrRunWithoutAStackTrace(Case c) {
        Result r = run(c.args().stream().map(HostileInputTest::resolve).toArray(String[]::new));
        assertClean(c.name(), r);
        assertThat(r.code()).as(c.name() + "\n" + r.all()).isEqualTo(c.expected());
        for (String s : c.says()) {
            assertThat(r.all()).as(c.name()).contains(s);
        }
    }

    @Test
    void aRefusedOutputIsRefusedBeforeTheSimulation() {
        // the limit check comes after the output check: a run that could never start proves nothing ran
        Result r = run("run", resolve("flood.yaml"), "--json", resolve("no-such-dir/out.json"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--json").doesNotContain("--max-events");
        assertThat(dir.resolve("no-such-dir")).doesNotExist();
    }

    @Test
    void helpOfEveryCommandPrintsNoWarning() {
        for (String cmd : new String[] {"run", "validate", "predict", "plan", "compare", "bench", "examples"}) {
            Result r = run(cmd, "--help");
            assertThat(r.code()).as(cmd).isZero();
            assertThat(r.all()).as(cmd).doesNotContain("WARN").doesNotContain("%n").contains("Usage: tributary " + cmd);
        }
        Result top = run("--help");
        assertThat(top.code()).isZero();
        assertThat(top.all()).doesNotContain("WARN");
    }

    @Test
    void theProgressLineEstimatesTheTimeLeft() {
        assertThat(Commands.progressLine(0.25, 30)).contains(" 25%").contains("about 1m 30s left");
        assertThat(Commands.progressLine(0.5, 7200)).contains("about 2h 00m left");
        assertThat(Commands.progressLine(0.001, 5)).contains("0%").doesNotContain("left");
        assertThat(Commands.progressLine(1, 5)).contains("100%").doesNotContain("left");
    }

    // ------------------------------------------------------------------ in a separate, small JVM

    static Stream<Case> forked() {
        return Stream.of(
                new Case("run poisson(1e308/s)", List.of("run", "flood.yaml"), 2, List.of("--max-events")),
                new Case("run duration: 1e30h", List.of("run", "duration-1e30h.yaml"), 2, List.of("--max-events")),
                new Case("run -r 10000", List.of("run", "ok.yaml", "-r", "10000"), 2, List.of("memory")),
                new Case("a backlog that outgrows the heap", List.of("run", "backlog.yaml"), 2, List.of("memory")),
                new Case("a stream that retains 300 million events", List.of("run", "stream-flood.yaml"), 2, List.of("memory")),
                new Case("bench at 1e300 events per second", List.of("bench", "flood300.yaml", "--events", "5000", "--runs", "1"),
                        0, List.of("events/s")),
                new Case("a 1 MB line", List.of("validate", "long-line.yaml"), 0, List.of("ok")),
                new Case("a 5 MB file", List.of("validate", "huge-file.yaml"), 2, List.of("larger than 1 MiB")),
                new Case("5000 nested lists", List.of("validate", "deep.yaml"), 2, List.of("nested deeper")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forked")
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void refusedInASmallJvmWithoutExhaustingIt(Case c) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        c.args().forEach(a -> cmd.add(resolve(a)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        // read while it runs, so a full pipe never blocks it
        StringBuilder sb = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                sb.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process was killed
            }
        });
        reader.start();
        boolean done = p.waitFor(90, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        reader.join(10_000);
        String out = sb.toString();
        assertThat(done).as(c.name() + " did not finish in 90 s:\n" + out).isTrue();
        assertClean(c.name(), new Result(p.exitValue(), out, ""));
        assertThat(p.exitValue()).as(c.name() + "\n" + out).isEqualTo(c.expected());
        for (String s : c.says()) {
            assertThat(out).as(c.name()).contains(s);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void assertClean(String name, Result r) {
        assertThat(r.code()).as(name + ": exit 1 means a bug\n" + r.all()).isIn(0, 2);
        assertThat(r.all()).as(name).doesNotContain("Exception").doesNotContain("at dev.").doesNotContain("\tat ")
                .doesNotContain("internal error").doesNotContain("[Source").doesNotContain("snakeyaml")
                .doesNotContain("jackson");
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** Names of files written above live in the temporary directory; everything else is passed as it is. */
    private static String resolve(String arg) {
        boolean file = arg.endsWith(".yaml") || arg.endsWith(".json") || arg.endsWith(".csv") || arg.equals("not-a-directory");
        return file && !arg.startsWith("/") && !arg.startsWith("example:") ? dir.resolve(arg).toString() : arg;
    }

    private static void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
