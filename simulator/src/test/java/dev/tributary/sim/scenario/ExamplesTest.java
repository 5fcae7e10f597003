package dev.tributary.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every bundled example loads, runs, and produces finite figures. */
class ExamplesTest {

    static Path folder() {
        return Path.of("..", "scenarios");
    }

    @Test
    void theIndexListsExactlyTheFilesInTheFolder() throws IOException {
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(folder())) {
            onDisk = files.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$"))
                    .map(p -> folder().relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
        assertThat(Examples.index()).containsExactlyInAnyOrderElementsOf(onDisk);
        assertThat(onDisk).hasSizeGreaterThanOrEqualTo(6);
    }

    static List<String> names() {
        return Examples.index();
    }

    @ParameterizedTest
    @MethodSource("names")
    void loadsAndRuns(String path) throws Exception {
        Scenario fromDisk = ScenarioReader.read(folder().resolve(path));
        Scenario bundled = Examples.load(path);
        assertThat(bundled.producers()).isEqualTo(fromDisk.producers());
        assertThat(fromDisk.description()).as("every example explains itself").isNotBlank();
        Model m = new Model(fromDisk);
        m.runToEnd();
        assertThat(m.events()).isGreaterThan(100);
        for (ElementResult r : m.results()) {
            assertThat(r.get("throughput")).as(path + " " + r.id()).isFinite().isPositive();
        }
    }
}
