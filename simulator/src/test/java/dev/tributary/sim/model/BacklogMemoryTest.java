package dev.tributary.sim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A backlog of ten million waiting messages must fit in a 1 GiB heap (checked in a separate JVM). */
class BacklogMemoryTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void tenMillionWaitingMessagesFitInOneGibibyte(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("backlog.yaml");
        Files.writeString(scenario, """
                name: ten million waiting
                duration: 1001s
                producers: [{id: p, to: q, arrivals: constant(10000/s), keys: uniform(1000)}]
                channels: [{id: q, type: queue}]
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // output to a file (a full pipe cannot block the child); no deadline of our own: the JUnit
        // timeout interrupts waitFor, and the child is killed either way
        Path log = dir.resolve("out.txt");
        Process p = new ProcessBuilder(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "dev.tributary.sim.cli.Main", "run", scenario.toString(), "--json", "-"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int code;
        try {
            code = p.waitFor();
        } finally {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(code).as(out).isZero();
        // 10,010,000 arrivals, none served: the whole backlog was held at the end
        assertThat(out).contains("\"maxQueue\" : 1.001E7");
    }
}
