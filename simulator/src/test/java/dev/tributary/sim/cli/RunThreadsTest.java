package dev.tributary.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code run --threads N}: replications on 1 or 2 threads give the same report; a silly count is exit 2. */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // waits on the replications' threads: fails instead of hanging
class RunThreadsTest {

    @Test
    void oneAndTwoThreadsWriteTheSameReport() throws Exception {
        ObjectMapper m = new ObjectMapper();
        CliTest.Result one = CliTest.run("run", "example:basics/mmc-queue", "--duration", "1h", "-r", "4",
                "--threads", "1", "--json", "-");
        CliTest.Result two = CliTest.run("run", "example:basics/mmc-queue", "--duration", "1h", "-r", "4",
                "--threads", "2", "--json", "-");
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(two.code()).as(two.err()).isZero();
        ObjectNode a = (ObjectNode) m.readTree(one.out());
        ObjectNode b = (ObjectNode) m.readTree(two.out());
        // wall and engine times measure the machine, not the model
        ((ObjectNode) a.get("run")).remove(java.util.List.of("wallSeconds", "engineSeconds", "eventsPerSecond"));
        ((ObjectNode) b.get("run")).remove(java.util.List.of("wallSeconds", "engineSeconds", "eventsPerSecond"));
        assertThat(m.writeValueAsString(b)).isEqualTo(m.writeValueAsString(a));
        assertThat(a.at("/elements/payment/halfWidth/W").asDouble()).isPositive();
    }

    @Test
    void aThreadCountOutOfRangeIsInvalidInput() {
        CliTest.Result r = CliTest.run("run", "example:basics/mmc-queue", "-r", "2", "--threads", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--threads").doesNotContain("Exception");
    }
}
