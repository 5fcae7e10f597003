package dev.tributary.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped JSON Schema names exactly the keys the reader accepts. */
class SchemaTest {

    private static Set<String> keys(JsonNode props) {
        Set<String> out = new HashSet<>();
        props.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void schemaKeysMatchTheReader() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(Path.of("..", "docs", "scenario.schema.json").toFile());
        assertThat(keys(schema.get("properties"))).isEqualTo(ScenarioBinder.TOP);
        JsonNode defs = schema.get("$defs");
        assertThat(keys(defs.at("/producer/properties"))).isEqualTo(ScenarioBinder.PRODUCER);
        assertThat(keys(defs.at("/consumer/properties"))).isEqualTo(ScenarioBinder.CONSUMER);
        assertThat(keys(defs.at("/emit/properties"))).isEqualTo(ScenarioBinder.EMIT);
        assertThat(keys(defs.at("/route/properties"))).isEqualTo(ScenarioBinder.ROUTE);
        JsonNode kinds = defs.at("/channel/oneOf");
        assertThat(keys(kinds.get(0).get("properties"))).isEqualTo(ScenarioBinder.QUEUE);
        assertThat(keys(kinds.get(1).get("properties"))).isEqualTo(ScenarioBinder.TOPIC);
        assertThat(keys(kinds.get(2).get("properties"))).isEqualTo(ScenarioBinder.STREAM);
        assertThat(keys(kinds.get(3).get("properties"))).isEqualTo(ScenarioBinder.ROUTER);
    }
}
