package dev.tributary.sim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backlog of ten million waiting messages must fit in a 1 GiB heap (checked in a separate JVM). */
class BacklogMemoryTest {

    @Test
    void tenMillionWaitingMessagesFitInOneGibibyte(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("backlog.yaml");
        Files.writeString(scenario, """
                name: ten million waiting
                duration: 1001s
                producers: [{id: p, to: q, arrivals: constant(10000/s), keys: uniform(1000)}]
                channels: [{id: q, type: queue}]
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "dev.tributary.sim.cli.Main", "run", scenario.toString(), "--json", "-"))
                .redirectErrorStream(true).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        // 10,010,000 arrivals, none served: the whole backlog was held at the end
        assertThat(out).contains("\"maxQueue\" : 1.001E7");
    }
}
