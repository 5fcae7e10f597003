package dev.tributary.sim.scenario;

import dev.tributary.sim.element.queue.QueueSpec;
import dev.tributary.sim.element.stream.StreamSpec;
import dev.tributary.sim.failure.Backoff;
import dev.tributary.sim.failure.BreakerSpec;
import dev.tributary.sim.failure.FailureSpec;
import dev.tributary.sim.failure.RetryMode;
import dev.tributary.sim.fault.FailFault;
import dev.tributary.sim.fault.Redrive;
import dev.tributary.sim.fault.SlowFault;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.monitor.AlertSpec;
import java.util.Map;

import dev.tributary.sim.value.ArrivalSpec;
import dev.tributary.sim.value.KeySpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.distribution.Erlang;
import dev.tributary.sim.distribution.Exponential;
import dev.tributary.sim.distribution.Lognormal;
import dev.tributary.sim.distribution.Uniform;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioReaderTest {

    static final String SKETCH = """
            name: Orders through a shared queue
            description: Four payment workers compete for one queue.
            seed: 42
            duration: 2h            # simulated time: ms, s, m, h, d
            warmup: 10m             # statistics ignore this much of the start

            producers:
              - id: checkout
                to: orders
                arrivals: poisson(3.6/s)        # also constant(...), bursty/on-off, a rate schedule
                keys: uniform(1000)             # or zipf(1000, 1.1): hot keys

            channels:
              - id: orders
                type: queue                     # queue | topic | stream | router
                capacity: 10000
              - id: order-events
                type: stream
                partitions: 4
                partitioner: key-hash           # key-hash | round-robin | sticky
                retention: 7d

            consumers:
              - id: payment
                from: orders
                instances: 4
                service: exponential(1s)
                emits: [{to: order-events}]
            """;

    @Test
    void theDesignSketchLoads() throws Exception {
        Scenario s = ScenarioReader.parse(SKETCH, "sketch.yaml");
        assertThat(s.name()).isEqualTo("Orders through a shared queue");
        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.duration()).isEqualTo(7200.0);
        assertThat(s.warmup()).isEqualTo(600.0);
        assertThat(s.producers().get(0).arrivals()).isEqualTo(new ArrivalSpec.Poisson(3.6));
        assertThat(s.producers().get(0).keys()).isEqualTo(new KeySpec.UniformKeys(1000));
        assertThat(s.channels().get(0)).isEqualTo(new QueueSpec("orders", 10000, QueueSpec.Overflow.REJECT));
        assertThat(s.channels().get(1)).isEqualTo(new StreamSpec("order-events", 4,
                StreamSpec.Partitioner.KEY_HASH, 7 * 86400, StreamSpec.DEFAULT_STICKY_BATCH));
        assertThat(s.consumers().get(0).service()).isEqualTo(new Exponential(1));
        assertThat(s.consumers().get(0).emits()).hasSize(1);
    }

    @Test
    void theSketchesKeysForLaterWorkAreRefusedClearly() {
        String withLater = SKETCH + """
                    failures: {probability: 0.01, retries: 3, backoff: 100ms}
                    delivery: at-least-once
                    commit: every 5s
                faults:
                  - {at: 30m, crash: payment, instance: 2, for: 2m}
                  - {at: 40m, fail: payment, for: 1m}
                narration:
                  - {at: 0s, text: Four workers share one queue.}
                """;
        ScenarioException e = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioReader.parse(withLater, "later.yaml"));
        assertThat(e.problems()).extracting(ScenarioException.Problem::key)
                .containsExactlyInAnyOrder("consumers[0].delivery", "consumers[0].commit");
        // commits and delivery guarantees are a stream group's keys now; payment reads a queue
        assertThat(e.problems()).filteredOn(p -> p.key().startsWith("consumers"))
                .allSatisfy(p -> assertThat(p.message()).startsWith("only applies to a consumer of a stream"));
        // a crash of one of payment's queue workers is a fault of today's format (visibility timeout)
        assertThat(e.getMessage()).contains("later.yaml:30:5: consumers[0].delivery: only applies to a consumer of a stream");
    }

    @Test
    void theDesignSketchsFailuresFaultsAndAlertsLoad() throws Exception {
        Scenario s = ScenarioReader.parse("""
                duration: 2h
                producers: [{id: checkout, to: orders, arrivals: poisson(3.6/s), types: {order-created: 0.9, refund: 0.1}}]
                channels: [{id: orders, type: queue}, {id: payments-dlq, type: queue}]
                consumers:
                  - id: payment
                    from: orders
                    instances: 4
                    service: exponential(1s)
                    failures:
                      probability: {order-created: 0.01, refund: 0.2}
                      poison: 0.001
                      retries: 3
                      backoff: exponential(100ms, 2, 5s)
                      mode: requeue
                      dlq: payments-dlq
                      failed-cost: 50%
                    circuit-breaker: {failure-rate: 50%, window: 20, open-for: 30s, half-open-calls: 3}
                alerts:
                  - {figure: lag, warning: 10000, critical: 100000}
                  - {figure: error-rate}
                faults:
                  - {at: 10m, slow: payment, factor: 5, for: 2m}
                  - {at: 20m, fail: payment, for: 1m}
                  - {at: 30m, redrive: payments-dlq}
                """, "sketch.yaml");
        FailureSpec f = s.consumers().get(0).failures();
        assertThat(f.byType()).containsExactly(Map.entry("order-created", 0.01), Map.entry("refund", 0.2));
        assertThat(f.poison()).isEqualTo(0.001);
        assertThat(f.retries()).isEqualTo(3);
        assertThat(f.backoff()).isEqualTo(new Backoff(0.1, 2, 5, 0));
        assertThat(f.backoff().nominal(3)).isCloseTo(0.4, within(1e-12));
        assertThat(f.mode()).isEqualTo(RetryMode.REQUEUE);
        assertThat(f.dlq()).isEqualTo("payments-dlq");
        assertThat(f.failedCost()).isEqualTo(0.5);
        assertThat(s.consumers().get(0).breaker())
                .isEqualTo(new BreakerSpec(0.5, 20, 30, 3, BreakerSpec.WhenOpen.WAIT));
        assertThat(s.alerts()).containsExactly(new AlertSpec(AlertSpec.Figure.LAG, null, 10000, 100000),
                new AlertSpec(AlertSpec.Figure.ERROR_RATE, null, 0.001, 0.01));
        assertThat(s.faults()).containsExactly(new SlowFault(600, "payment", 5, 120), new FailFault(1200, "payment", 60),
                new Redrive(1800, "payments-dlq", "orders"));
        assertThat(s.faulted("payment")).isTrue();
        assertThat(ScenarioReader.parse(BASE_PRODUCER + BASE_CHANNEL, "none.yaml").alerts()).isNull();
    }

    @Test
    void retryTopicsTakeTheirDelaysFromTheListOrTheBackoff() throws Exception {
        String base = "producers: [{id: p, to: q, arrivals: poisson(1/s)}]\nchannels: [{id: q, type: stream}, {id: d, type: queue}]\n";
        Scenario listed = ScenarioReader.parse(base
                + "consumers: [{id: c, from: q, service: exponential(1s), failures: {mode: retry-topics, retry-topics: [5s, 1m], dlq: d}}]\n",
                "a.yaml");
        assertThat(listed.consumers().get(0).failures().stageDelays()).containsExactly(5.0, 60.0);
        assertThat(listed.consumers().get(0).failures().retries()).isEqualTo(2);
        Scenario fromBackoff = ScenarioReader.parse(base
                + "consumers: [{id: c, from: q, service: exponential(1s), failures: {mode: retry-topics, retries: 3, backoff: 'exponential(5s, 4, 1m)'}}]\n",
                "b.yaml");
        assertThat(fromBackoff.consumers().get(0).failures().stageDelays()).containsExactly(5.0, 20.0, 60.0);
        assertThat(fromBackoff.consumers().get(0).failures().stageIds("c")).containsExactly("c-retry-1", "c-retry-2", "c-retry-3");
        ScenarioException clash = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse(
                "producers: [{id: p, to: q, arrivals: poisson(1/s)}]\nchannels: [{id: q, type: stream}, {id: c-retry-1, type: queue}]\n"
                + "consumers: [{id: c, from: q, service: exponential(1s), failures: {mode: retry-topics, retry-topics: [5s]}}]\n",
                "clash.yaml"));
        assertThat(clash.getMessage()).contains("consumers[0].failures.mode").contains("'c-retry-1' is already an id");
    }

    @Test
    void jsonIsAcceptedToo() throws Exception {
        Scenario s = ScenarioReader.parse("""
                {"name": "j", "producers": [{"id": "p", "to": "q", "arrivals": "poisson(2/s)"}],
                 "channels": [{"id": "q", "type": "queue"}],
                 "consumers": [{"id": "c", "from": "q", "service": "erlang(3, 250ms)"}]}
                """, "x.json");
        assertThat(s.consumers().get(0).service()).isEqualTo(new Erlang(3, 0.25));
        assertThat(s.duration()).isEqualTo(Scenario.DEFAULT_DURATION);
    }

    @Test
    void everyArrivalAndServiceFormParses() throws Exception {
        Scenario s = ScenarioReader.parse("""
                producers:
                  - {id: a, to: q, arrivals: constant(200/m)}
                  - id: b
                    to: q
                    arrivals: onoff(20/s, 5s, 15s)
                    keys: zipf(100, 1.2)
                  - {id: c, to: q, arrivals: "schedule(0s=2/s, 10m=5/s, 20m=0/s)"}
                channels: [{id: q, type: queue}]
                consumers:
                  - id: x
                    from: q
                    service: lognormal(1s, 500ms)
                  - {id: y, from: q, service: "uniform(0.5s, 1.5s)"}
                  - {id: z, from: q, service: deterministic(2ms)}
                """, "forms.yaml");
        assertThat(s.producers().get(0).arrivals().meanRate(1)).isEqualTo(200 / 60.0);
        assertThat(s.producers().get(1).arrivals().meanRate(1)).isEqualTo(5.0);
        assertThat(((ArrivalSpec.Schedule) s.producers().get(2).arrivals()).rateAt(900)).isEqualTo(5.0);
        assertThat(s.consumers().get(0).service()).isEqualTo(new Lognormal(1, 0.5));
        assertThat(s.consumers().get(1).service()).isEqualTo(new Uniform(0.5, 1.5));
        assertThat(s.consumers().get(2).service().mean()).isEqualTo(0.002);
    }

    private static final String BASE_PRODUCER = "producers: [{id: p, to: q, arrivals: poisson(1/s)}]\n";
    private static final String BASE_CHANNEL = "channels: [{id: q, type: queue}]\n";

    /** Bad inputs: each must name the line, column and key, and say what was expected. */
    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(delimiter = '|', textBlock = """
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}]\\nconsumers: [{id: c, from: q, service: expo(1s)}]        | 3:39 | consumers[0].service      | unknown distribution 'expo'
            producers: [{id: p, to: nowhere, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}]                                                   | 1:25 | producers[0].to           | no channel with id 'nowhere'
            producers: [{id: p, to: q, arrivals: poisson(-1/s)}]\\nchannels: [{id: q, type: queue}]                                                        | 1:38 | producers[0].arrivals     | expected a rate such as
            producers: [{id: p, to: q, arrivals: poisson(0/s)}]\\nchannels: [{id: q, type: queue}]                                                         | 1:38 | producers[0].arrivals     | expected a rate above zero
            producers: [{id: p, to: q, arrivals: poisson(1/s), colour: red}]\\nchannels: [{id: q, type: queue}]                                            | 1:52 | producers[0].colour       | unknown key
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue, capacty: 5}]                                            | 2:33 | channels[0].capacty       | did you mean 'capacity'
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: stream, partitions: 0}]                                        | 2:46 | channels[0].partitions    | expected a partition count from 1 to 10000
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: stream, partitions: 100000}]                                   | 2:46 | channels[0].partitions    | expected a partition count from 1 to 10000
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}]\\nconsumers: [{id: c, from: missing, service: exponential(1s)}] | 3:27 | consumers[0].from | no channel with id 'missing'
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}]\\nconsumers: [{id: c, from: q, instances: four, service: exponential(1s)}] | 3:41 | consumers[0].instances | expected an instance count
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: pipe}]                                                         | 2:26 | channels[0].type          | expected one of queue, topic, stream, router
            producers: [{id: q, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}]                                                        | 1:18 | producers[0].id           | is already used
            duration: soon\\nproducers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}]                                        | 1:11 | duration                  | expected a duration such as
            duration: 1h\\nwarmup: 2h\\nproducers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}]                            | 2:9  | warmup                    | expected less than the duration
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue, overflow: block}]                                      | 2:43 | channels[0].overflow      | only applies to a queue with a capacity
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}]\\nconsumers: [{id: c, from: q, offset: earliest, service: exponential(1s)}] | 3:30 | consumers[0].offset | only applies to a consumer of a stream
            producers: [{id: p, to: r, arrivals: poisson(1/s)}]\\nchannels: [{id: r, type: router, routes: [{type: x, to: r2}]}, {id: r2, type: router, default: r}] | 2:12 | channels[r] | routes back to itself
            producers: [{id: p, to: r, arrivals: poisson(1/s)}]\\nchannels: [{id: r, type: router, routes: [{probability: 1.5, to: r}]}]                 | 2:57 | channels[0].routes[0].probability | expected a probability between 0 and 1
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}]\\nconsumers: [{id: c, from: q, service: exponential(1s), emits: [{to: nope}]}] | 3:69 | consumers[0].emits[0].to | no channel with id 'nope'
            producers: [{id: p, to: q, arrivals: poisson(1/s), keys: 'zipf(0, 1.1)'}]\\nchannels: [{id: q, type: queue}]                                  | 1:58 | producers[0].keys         | expected a key count from 1 to
            seed: forty-two\\nproducers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}]                                      | 1:7  | seed                      | expected a whole number
            producers: []\\nchannels: [{id: q, type: queue}]                                                                                                | 1:12 | producers                 | is empty
            channels: [{id: q, type: queue}]                                                                                                                 | 1:1  | producers                 | is missing
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: stream}]\\nconsumers: [{id: c, from: q, service: 'uniform(2s, 1s)'}] | 3:39 | consumers[0].service | expected uniform(MIN, MAX)
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}, {id: d, type: queue}, {id: s, type: stream}]\\nconsumers: [{id: c, from: q, service: exponential(1s), failures: {dlq: q}}] | 3:72 | consumers[0].failures.dlq | a DLQ that feeds itself
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}, {id: d, type: queue}, {id: s, type: stream}]\\nconsumers: [{id: c, from: q, service: exponential(1s), failures: {probability: 1.5}}] | 3:80 | consumers[0].failures.probability | expected a probability between 0 and 1; got 1.5
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}, {id: d, type: queue}, {id: s, type: stream}]\\nconsumers: [{id: c, from: q, service: exponential(1s), failures: {probability: {event: -0.1}}}] | 3:88 | consumers[0].failures.probability.event | expected a probability between 0 and 1
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}, {id: d, type: queue}, {id: s, type: stream}]\\nconsumers: [{id: c, from: q, service: exponential(1s), failures: {poison: 0.01}}] | 3:75 | consumers[0].failures.poison | would all be dropped: add dlq
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}, {id: d, type: queue}, {id: s, type: stream}]\\nconsumers: [{id: c, from: q, service: exponential(1s), failures: {retries: 2, backoff: 'exponential(1s, 2, -5s)'}}] | 3:88 | consumers[0].failures.backoff | expected a cap of zero or more; got '-5s'
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}, {id: d, type: queue}, {id: s, type: stream}]\\nconsumers: [{id: c, from: q, service: exponential(1s), failures: {retries: 2, backoff: 'exponential(1s, 2, 500ms)'}}] | 3:88 | consumers[0].failures.backoff | expected a cap of at least the initial delay
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}, {id: d, type: queue}, {id: s, type: stream}]\\nconsumers: [{id: c, from: s, service: exponential(1s), failures: {retries: 2, mode: requeue}}] | 3:85 | consumers[0].failures.mode | a stream cannot requeue
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}, {id: d, type: queue}, {id: s, type: stream}]\\nconsumers: [{id: c, from: q, service: exponential(1s), failures: {retries: 3, mode: retry-topics, retry-topics: [5s, 1m]}}] | 3:76 | consumers[0].failures.retries | expected as many retries as retry topics (2); got 3
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}, {id: d, type: queue}, {id: s, type: stream}]\\nconsumers: [{id: c, from: q, service: exponential(1s), failures: {probability: {refund: 0.2}}}] | 3:81 | consumers[0].failures.probability.refund | no producer or emit sends events of type 'refund'
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}, {id: d, type: queue}, {id: s, type: stream}]\\nconsumers: [{id: c, from: q, service: exponential(1s), circuit-breaker: {window: 0}}] | 3:82 | consumers[0].circuit-breaker.window | expected a window of 1 to 100000 attempts
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}, {id: d, type: queue}, {id: s, type: stream}]\\nconsumers: [{id: c, from: q, service: exponential(1s), circuit-breaker: {when-open: dlq}}] | 3:85 | consumers[0].circuit-breaker.when-open | the group has none
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}, {id: d, type: queue}, {id: s, type: stream}]\\nconsumers: [{id: c, from: q, service: exponential(1s)}]\\nfaults: [{at: 20m, fail: payment, for: 1m}] | 4:26 | faults[0].fail | no consumer group with id 'payment'
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}, {id: d, type: queue}, {id: s, type: stream}]\\nconsumers: [{id: c, from: q, service: exponential(1s)}]\\nfaults: [{at: 2h, slow: c, factor: 2}] | 4:15 | faults[0].at | expected a time before the end of the run
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}, {id: d, type: queue}, {id: s, type: stream}]\\nconsumers: [{id: c, from: q, service: exponential(1s)}]\\nfaults: [{at: 1m, redrive: s, to: q}] | 4:28 | faults[0].redrive | expected a channel whose waiting events can be moved
            producers: [{id: p, to: q, arrivals: poisson(1/s)}]\\nchannels: [{id: q, type: queue}, {id: d, type: queue}, {id: s, type: stream}]\\nconsumers: [{id: c, from: q, service: exponential(1s)}]\\nalerts: [{figure: lagg}] | 4:19 | alerts[0].figure | did you mean 'lag'
            """)
    void badInputNamesLineColumnKeyAndExpectation(String yaml, String lineCol, String key, String message) {
        String text = yaml.replace("\\n", "\n");
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse(text, "bad.yaml"));
        assertThat(e).as("no error for:\n" + text).isNotNull();
        assertThat(e.getMessage()).contains("bad.yaml:" + lineCol + ": " + key + ": ").contains(message);
    }

    @Test
    void anUnquotedCommaInsideBracesGetsAHint() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse(
                "producers: [{id: p, to: q, arrivals: poisson(1/s), keys: zipf(10, 1.1)}]\nchannels: [{id: q, type: queue}]\n",
                "comma.yaml"));
        assertThat(e.getMessage()).contains("comma.yaml:1:").contains("quote");
    }

    @Test
    void yamlSyntaxErrorsNameTheLine() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioReader.parse("producers:\n  - id: p\n    to: [unclosed\nchannels: []\n", "syntax.yaml"));
        assertThat(e.problems().get(0).line()).isGreaterThan(0);
        assertThat(e.getMessage()).startsWith("syntax.yaml:").contains("not valid YAML");
    }

    @Test
    void wrongTopLevelShapeAndEmptyFilesAreErrors() {
        assertThatThrownBy(() -> ScenarioReader.parse("- a\n- b\n", "list.yaml"))
                .hasMessageContaining("list.yaml:1:1: expected a mapping");
        assertThatThrownBy(() -> ScenarioReader.parse("   \n", "empty.yaml")).hasMessageContaining("empty.yaml: is empty");
        assertThatThrownBy(() -> ScenarioReader.parse("a: 1\na: 2\n", "dup.yaml")).hasMessageContaining("appears twice");
    }

    @Test
    void missingFilesAndDirectoriesAreReported(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ScenarioReader.read(dir.resolve("nope.yaml"))).hasMessageContaining("nope.yaml: no such file");
        assertThatThrownBy(() -> ScenarioReader.read(dir)).hasMessageContaining("is a directory");
        Path bin = dir.resolve("bin.yaml");
        Files.write(bin, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThatThrownBy(() -> ScenarioReader.read(bin)).isInstanceOf(ScenarioException.class);
    }

    @Test
    void allProblemsAreReportedNotJustTheFirst() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse("""
                producers: [{id: p, to: x, arrivals: poisson(1/s)}]
                channels: [{id: q, type: queue}]
                consumers: [{id: c, from: y, service: exponential(0s)}]
                """, "many.yaml"));
        assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void syntaxErrorsAreReportedWhereTheyAreInOneSentenceOfOurOwn() {
        ScenarioException tab = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioReader.parse("producers:\n  - id: p\n\tto: q\n", "tab.yaml"));
        assertThat(tab.getMessage()).isEqualTo("tab.yaml:3:1: not valid YAML: a tab character; YAML indents with spaces only, never tabs");
        ScenarioException quote = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioReader.parse("name: \"orders\nproducers: []\n", "quote.yaml"));
        assertThat(quote.getMessage()).startsWith("quote.yaml:1:7: not valid YAML: a quoted value is never closed");
        ScenarioException json = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioReader.parse("{\"a\": [1, 2}", "x.json"));
        assertThat(json.getMessage()).isEqualTo("x.json:1:12: not valid JSON: '}' does not close the '[' opened at 1:7; expected ']'");
        for (ScenarioException e : new ScenarioException[] {tab, quote, json}) {
            assertThat(e.getMessage()).doesNotContain("Source").doesNotContain("<").doesNotContain("snakeyaml")
                    .doesNotContain("code ").doesNotContain("\n");
        }
    }

    @Test
    void everyDuplicateKeyIsNamedWithItsPathAndBothPlaces() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse("""
                producers: [{id: p, to: q, arrivals: poisson(1/s), to: r}]
                channels:
                  - {id: q, type: queue}
                  - id: r
                    type: queue
                    capacity: 5
                    capacity: 6
                """, "dup.yaml"));
        assertThat(e.getMessage()).contains("dup.yaml:1:52: producers[0].to: appears twice in the same mapping, at 1:21 and 1:52")
                .contains("dup.yaml:7:5: channels[1].capacity: appears twice in the same mapping, at 6:5 and 7:5");
    }

    @Test
    void unsupportedYamlFeaturesAreRefusedWhereTheyStand() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse("""
                defaults: &d {to: q, arrivals: poisson(1/s)}
                producers:
                  - <<: *d
                    id: p
                channels: [{id: q, type: !!str queue, capacity: !!binary AAAA}]
                """, "features.yaml"));
        assertThat(e.getMessage()).contains("features.yaml:1:11: defaults: anchors and aliases are not supported; write the value out")
                .contains("features.yaml:3:5: producers[0]: merge keys ('<<') are not supported; write the keys out")
                .contains("features.yaml:3:9: producers[0].<<: anchors and aliases are not supported")
                .contains("features.yaml:5:49: channels[0].capacity: tags such as '!!binary' are not supported")
                .doesNotContain("channels[0].type");
        ScenarioException deep = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioReader.parse("producers: " + "[".repeat(100_000) + "]".repeat(100_000), "deep.yaml"));
        assertThat(deep.getMessage()).startsWith("deep.yaml:1:").contains("nested deeper than 32 levels");
    }

    @Test
    void numbersAreReadAsYamlWritesThemAndNonFiniteOnesAreRefused() throws Exception {
        Scenario s = ScenarioReader.parse("seed: 0x2A\nproducers: [{id: p, to: q, arrivals: poisson(1/s)}]\n"
                + "channels: [{id: q, type: queue, capacity: 1_000}]\n"
                + "consumers: [{id: c, from: q, instances: +4, service: exponential(1s)}]\n", "numbers.yaml");
        assertThat(s.seed()).isEqualTo(42);
        assertThat(((QueueSpec) s.channels().get(0)).capacity()).isEqualTo(1000);
        assertThat(s.consumers().get(0).instances()).isEqualTo(4);
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse(
                "producers: [{id: p, to: q, arrivals: poisson(1/s), types: {a: .nan, b: .inf, c: 1e400}}]\n"
                        + "channels: [{id: é, type: queue}]\n", "bad.yaml"));
        assertThat(e.getMessage()).contains("producers[0].types.a: '.nan' is not a number")
                .contains("producers[0].types.b: '.inf' is infinite")
                .contains("producers[0].types.c: '1e400' is larger than any number")
                .contains("bad.yaml:2:17: channels[0].id: ids are ASCII letters, digits, '-', '_' and '.'; got 'é'");
    }

    @Test
    void anIdWithAControlCharacterIsQuotedWithAnEscapeNotTheRawCharacter() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse(
                "producers: [{id: \"c\\0x\", to: q, arrivals: poisson(1/s)}]\nchannels: [{id: q, type: queue}]\n",
                "nul.yaml"));
        assertThat(e.getMessage()).contains("got 'c\\u0000x' (the character U+0000 is not one of them)")
                .doesNotContain("\u0000");
    }

    @Test
    void jsonMayHaveCommentsTrailingCommasAndAByteOrderMark() throws Exception {
        Scenario s = ScenarioReader.parse("""
                \uFEFF// generated
                {"producers": [{"id": "p", "to": "q", "arrivals": "poisson(2/s)"},],
                 /* one queue */ "channels": [{"id": "q", "type": "queue"}],}
                """, "x.json");
        assertThat(s.producers()).hasSize(1);
    }
}
