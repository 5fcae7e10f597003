package dev.tributary.sim.scenario;
import dev.tributary.sim.format.Node;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.format.SyntaxTree;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads scenario files (YAML, or JSON by extension or content) into validated {@link Scenario}s.
 *
 * <p>Files larger than {@link #MAX_FILE_BYTES} are refused before they are parsed; anything else that
 * is wrong with the text (syntax, duplicate keys, unsupported YAML features, nesting) is reported by
 * {@link SyntaxTree} with its line and column, and everything wrong with its meaning by the binder.
 */
public final class ScenarioReader {

    /**
     * Largest scenario file accepted, in bytes: a scenario is a page of text, not a data set (the largest
     * example is a few KiB; 1 MiB holds some 20,000 producers). The YAML parser's time grows faster than
     * the size (about 0.6 s for 1 MiB, 6 s for 3 MiB in one line), so the limit also bounds the time.
     */
    public static final long MAX_FILE_BYTES = SyntaxTree.MAX_FILE_BYTES;

    private ScenarioReader() {
    }

    /** Reads and validates the file at {@code path}. */
    public static Scenario read(Path path) throws ScenarioException {
        return parse(text(path), path.toString());
    }

    /** The text of the scenario file at {@code path}, refused (located) when it is missing, too large or not UTF-8. */
    public static String text(Path path) throws ScenarioException {
        String name = path.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw problem(name, "is a directory, expected a scenario file (.yaml, .yml or .json)");
            }
            // read at most one byte more than the limit: devices and pipes have no size to ask first
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            }
        } catch (NoSuchFileException e) {
            throw problem(name, "no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw problem(name, "cannot be read: permission denied");
        } catch (IOException e) {
            throw problem(name, "cannot be read: " + e.getMessage());
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw tooLarge(name);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw problem(name, "is not UTF-8 text; expected a YAML or JSON scenario file");
        }
        return text;
    }

    /** Reads a scenario from a class-path resource (the bundled examples). */
    public static Scenario readResource(String resource) throws ScenarioException {
        return parse(resourceText(resource), resource);
    }

    /** The text of a class-path resource (a bundled example). */
    public static String resourceText(String resource) throws ScenarioException {
        try (InputStream in = ScenarioReader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw problem(resource, "no such bundled scenario");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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

    /** Parses scenario text, changes its tree with {@code edit} (a sweep's parameters, say), then validates it. */
    public static Scenario parse(String text, String fileName, java.util.function.UnaryOperator<Node> edit)
            throws ScenarioException {
        return new ScenarioBinder(fileName, ElementKinds.standard()).bind(edit.apply(tree(text, fileName)));
    }

    private static Node tree(String text, String fileName) throws ScenarioException {
        if (text.length() > MAX_FILE_BYTES) {
            throw tooLarge(fileName);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark: invisible in editors, so columns are counted without it
        }
        String trimmed = text.stripLeading();
        if (trimmed.isEmpty()) {
            throw problem(fileName, "is empty; expected a scenario with at least 'producers' and 'channels'");
        }
        if (fileName.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return SyntaxTree.json(text, fileName);
        }
        if (trimmed.startsWith("{")) {
            // JSON, or YAML written in flow style: JSON first, and YAML (with its own messages) if JSON cannot read it
            try {
                return SyntaxTree.json(text, fileName);
            } catch (ScenarioException asJson) {
                if (asJson.problems().stream().noneMatch(p -> p.message().startsWith("not valid JSON"))) {
                    throw asJson;
                }
            }
        }
        return SyntaxTree.yaml(text, fileName);
    }

    private static ScenarioException tooLarge(String file) {
        return problem(file, "is larger than " + (MAX_FILE_BYTES >> 20) + " MiB; expected a scenario file (a page of"
                + " text describing producers, channels and consumers)");
    }

    private static ScenarioException problem(String file, String message) {
        return new ScenarioException(new ScenarioException.Problem(file, 0, 0, null, message));
    }
}
