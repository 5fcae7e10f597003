package dev.tributary.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.router.RouterKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped JSON Schema and the reference's key tables name exactly the keys the registry's kinds accept. */
class SchemaTest {

    private static Set<String> keys(JsonNode props) {
        Set<String> out = new HashSet<>();
        props.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void schemaKeysMatchTheRegistry() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(Path.of("..", "docs", "scenario.schema.json").toFile());
        assertThat(keys(schema.get("properties"))).isEqualTo(ScenarioBinder.TOP);
        JsonNode defs = schema.get("$defs");
        assertThat(keys(defs.at("/producer/properties"))).isEqualTo(ScenarioBinder.PRODUCER);
        Set<String> consumer = new LinkedHashSet<>(ScenarioBinder.CONSUMER);
        ElementKinds.standard().channels().forEach(k -> consumer.addAll(k.consumerKeys().keySet()));
        assertThat(keys(defs.at("/consumer/properties"))).isEqualTo(consumer);
        assertThat(keys(defs.at("/emit/properties"))).isEqualTo(ScenarioBinder.EMIT);
        assertThat(keys(defs.at("/route/properties"))).isEqualTo(RouterKind.RULE_KEYS);
        JsonNode kinds = defs.at("/channel/oneOf");
        Set<String> words = new HashSet<>();
        for (JsonNode k : kinds) {
            words.add(k.at("/properties/type/const").asText());
        }
        assertThat(words).as("one schema entry per registered kind").isEqualTo(ElementKinds.standard().words());
        for (JsonNode k : kinds) {
            ChannelKind kind = ElementKinds.standard().channel(k.at("/properties/type/const").asText()).orElseThrow();
            Set<String> expected = new LinkedHashSet<>(ScenarioBinder.CHANNEL);
            expected.addAll(kind.keys().keySet());
            assertThat(keys(k.get("properties"))).as(kind.word()).isEqualTo(expected);
        }
    }

    @Test
    void theReferenceDocumentsEveryKeyOfEveryKind() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "scenario-format.md"));
        for (ChannelKind k : ElementKinds.standard().channels()) {
            assertThat(doc).as("docs/scenario-format.md names kind " + k.word()).contains("`" + k.word() + "`");
            for (String key : k.keys().keySet()) {
                assertThat(doc).as("docs/scenario-format.md documents " + k.word() + "." + key).contains("`" + key + "`");
            }
            for (String key : k.consumerKeys().keySet()) {
                assertThat(doc).as("docs/scenario-format.md documents consumer key " + key).contains("`" + key + "`");
            }
        }
    }
}
