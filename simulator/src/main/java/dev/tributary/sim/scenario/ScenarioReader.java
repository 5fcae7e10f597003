package dev.tributary.sim.scenario;
import dev.tributary.sim.format.Node;
import dev.tributary.sim.format.ScenarioException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads scenario files (YAML, or JSON by extension or content) into validated {@link Scenario}s. */
public final class ScenarioReader {

    /** Largest scenario file accepted, in bytes: a scenario is a page of text, not a data set. */
    public static final long MAX_FILE_BYTES = 4L << 20;

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonFactory JSON = new JsonFactory();

    private ScenarioReader() {
    }

    /** Reads and validates the file at {@code path}. */
    public static Scenario read(Path path) throws ScenarioException {
        String name = path.toString();
        String text;
        try {
            if (Files.isDirectory(path)) {
                throw problem(name, "is a directory, expected a scenario file (.yaml, .yml or .json)");
            }
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw problem(name, "is larger than " + (MAX_FILE_BYTES >> 20) + " MiB; expected a scenario file");
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw problem(name, "no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw problem(name, "is not UTF-8 text; expected a YAML or JSON scenario file");
        } catch (IOException e) {
            throw problem(name, "cannot be read: " + e.getMessage());
        }
        return parse(text, name);
    }

    /** Reads a scenario from a class-path resource (the bundled examples). */
    public static Scenario readResource(String resource) throws ScenarioException {
        try (InputStream in = ScenarioReader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw problem(resource, "no such bundled scenario");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw problem(resource, "cannot be read: " + e.getMessage());
        }
    }

    /** Parses and validates scenario {@code text}; {@code fileName} is used in messages and picks JSON for .json. */
    public static Scenario parse(String text, String fileName) throws ScenarioException {
        return parse(text, fileName, ElementKinds.standard());
    }

    /** Parses and validates scenario text with the element kinds of {@code kinds}. */
    public static Scenario parse(String text, String fileName, ElementKinds kinds) throws ScenarioException {
        Node root = tree(text, fileName);
        return new ScenarioBinder(fileName, kinds).bind(root);
    }

    private static Node tree(String text, String fileName) throws ScenarioException {
        String trimmed = text.stripLeading();
        boolean json = fileName.toLowerCase().endsWith(".json") || trimmed.startsWith("{");
        if (trimmed.isEmpty()) {
            throw problem(fileName, "is empty; expected a scenario with at least 'producers', 'channels' and 'consumers'");
        }
        try (JsonParser p = (json ? JSON : YAML).createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw problem(fileName, "is empty; expected a scenario mapping");
            }
            Node root = read(p, fileName);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                JsonLocation loc = p.currentTokenLocation();
                throw new ScenarioException(new ScenarioException.Problem(fileName, loc.getLineNr(),
                        loc.getColumnNr(), null, "more than one document; expected exactly one scenario per file"));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String msg = e.getOriginalMessage();
            int cut = msg.indexOf(" at [Source");
            if (cut > 0) {
                msg = msg.substring(0, cut);
            }
            throw new ScenarioException(new ScenarioException.Problem(fileName, loc == null ? 0 : loc.getLineNr(),
                    loc == null ? 0 : loc.getColumnNr(), null,
                    "not valid " + (json ? "JSON" : "YAML") + ": " + msg.replace('\n', ' ').trim()));
        } catch (IOException e) {
            throw problem(fileName, "cannot be read: " + e.getMessage());
        }
    }

    private static Node read(JsonParser p, String fileName) throws IOException, ScenarioException {
        JsonLocation loc = p.currentTokenLocation();
        int line = loc.getLineNr();
        int col = loc.getColumnNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Node.MapNode map = new Node.MapNode(line, col);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonLocation kl = p.currentTokenLocation();
                    if (map.values().containsKey(key)) {
                        throw new ScenarioException(new ScenarioException.Problem(fileName, kl.getLineNr(),
                                kl.getColumnNr(), key, "appears twice in the same mapping; expected each key once"));
                    }
                    p.nextToken();
                    map.keys().put(key, new int[] {kl.getLineNr(), kl.getColumnNr()});
                    map.values().put(key, read(p, fileName));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, fileName));
                }
                return new Node.ListNode(items, line, col);
            }
            case VALUE_STRING -> {
                return new Node.Scalar(p.getText(), Node.Scalar.Type.STRING, line, col);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new Node.Scalar(p.getText(), Node.Scalar.Type.NUMBER, line, col);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Node.Scalar(p.getText(), Node.Scalar.Type.BOOLEAN, line, col);
            }
            case VALUE_NULL -> {
                return new Node.Scalar("null", Node.Scalar.Type.NULL, line, col);
            }
            default -> throw new ScenarioException(new ScenarioException.Problem(fileName, line, col, null,
                    "unexpected " + t + "; expected a mapping, list or value"));
        }
    }

    private static ScenarioException problem(String file, String message) {
        return new ScenarioException(new ScenarioException.Problem(file, 0, 0, null, message));
    }
}
