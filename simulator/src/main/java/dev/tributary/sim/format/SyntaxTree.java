package dev.tributary.sim.format;


import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns the text of a scenario file into a located {@link Node} tree, before any meaning is given to
 * it. Everything that is wrong with the text itself is found here and located: syntax errors (at the
 * problem's own line and column, in one sentence of our own), nesting deeper than a scenario ever
 * needs, duplicate keys (with their full path and both places), YAML features the format does not
 * support (anchors, aliases, merge keys, tags), numbers no double can hold, and ids that are not ASCII.
 *
 * <p>YAML is read from SnakeYAML's event stream (not through Jackson), which gives every event's
 * own mark, its anchor, and SnakeYAML's problem mark on errors. JSON is read with Jackson, which
 * here also accepts comments and trailing commas.
 */
public final class SyntaxTree {

    /** Deepest nesting of mappings and lists accepted; a scenario needs five or six. */
    public static final int MAX_DEPTH = 32;
    /** Largest scenario file accepted, in bytes: a scenario is a page of text, not a data set. */
    public static final long MAX_FILE_BYTES = 1L << 20;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();
    private static final Resolver RESOLVER = new Resolver();
    private static final String ANCHORS = "anchors and aliases are not supported; write the value out";

    private final String file;
    private final List<ScenarioException.Problem> problems = new ArrayList<>();

    private SyntaxTree(String file) {
        this.file = file;
    }

    // ------------------------------------------------------------------ YAML

    /** Parses YAML text; throws with every problem found in the text. */
    public static Node yaml(String text, String file) throws ScenarioException {
        SyntaxTree t = new SyntaxTree(file);
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, MAX_FILE_BYTES + 1));
        Parser parser = new ParserImpl(new StreamReader(new StringReader(text)), options);
        try {
            Node root = null;
            parser.getEvent(); // stream start
            Event e;
            while (!(e = parser.getEvent()).is(Event.ID.StreamEnd)) {
                if (e.is(Event.ID.DocumentStart)) {
                    if (root != null) {
                        throw t.fatal(line(e.getStartMark()), column(e.getStartMark()), null,
                                "a second document ('---'); expected exactly one scenario per file");
                    }
                    Event first = parser.getEvent();
                    if (first.is(Event.ID.DocumentEnd)) {
                        continue; // an empty document: "---" alone
                    }
                    root = t.yamlNode(parser, first, "", 1);
                    parser.getEvent(); // document end
                }
            }
            if (root == null || root instanceof Node.Scalar r && r.type() == Node.Scalar.Type.NULL) {
                throw t.fatal(0, 0, null, "is empty; expected a scenario with at least 'producers' and 'channels'");
            }
            t.throwIfAny();
            return root;
        } catch (MarkedYAMLException e) {
            boolean atContext = e.getContextMark() != null && SyntaxMessages.locatedAtContext(e.getProblem());
            Mark m = atContext ? e.getContextMark() : e.getProblemMark();
            throw new ScenarioException(new ScenarioException.Problem(file, m == null ? 0 : line(m),
                    m == null ? 0 : column(m), null, "not valid YAML: " + SyntaxMessages.yaml(e.getContext(), e.getProblem())));
        } catch (ReaderException e) {
            int[] lc = lineColumnOfCodePoint(text, e.getPosition());
            throw new ScenarioException(new ScenarioException.Problem(file, lc[0], lc[1], null,
                    "not valid YAML: " + SyntaxMessages.controlCharacter(e.getCodePoint())));
        } catch (YAMLException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage();
            throw new ScenarioException(new ScenarioException.Problem(file, 0, 0, null,
                    "not valid YAML: " + SyntaxMessages.yaml(null, msg)));
        }
    }

    private Node yamlNode(Parser parser, Event e, String path, int depth) throws ScenarioException {
        int line = line(e.getStartMark());
        int col = column(e.getStartMark());
        if (depth > MAX_DEPTH) {
            throw fatal(line, col, null, deepMessage());
        }
        if (e instanceof AliasEvent a) {
            problem(line, col, path, ANCHORS + " (found the alias '*" + a.getAnchor() + "')");
            return new Node.Scalar("null", Node.Scalar.Type.NULL, line, col);
        }
        if (e instanceof NodeEvent ne && ne.getAnchor() != null) {
            problem(line, col, path, ANCHORS + " (found the anchor '&" + ne.getAnchor() + "')");
        }
        if (e instanceof CollectionStartEvent cs && cs.getTag() != null && !cs.getImplicit()
                && !cs.getTag().equals(Tag.MAP.getValue()) && !cs.getTag().equals(Tag.SEQ.getValue())) {
            problem(line, col, path, tagMessage(cs.getTag()));
        }
        if (e.is(Event.ID.MappingStart)) {
            Node.MapNode map = new Node.MapNode(line, col);
            Event k;
            while (!(k = parser.getEvent()).is(Event.ID.MappingEnd)) {
                int kl = line(k.getStartMark());
                int kc = column(k.getStartMark());
                String key;
                if (k instanceof ScalarEvent ks) {
                    key = ks.getValue();
                    if (ks.getAnchor() != null) {
                        problem(kl, kc, path, ANCHORS + " (found the anchor '&" + ks.getAnchor() + "')");
                    } else if (ks.isPlain() && key.equals("<<")) {
                        problem(kl, kc, path, "merge keys ('<<') are not supported; write the keys out");
                    }
                } else if (k instanceof AliasEvent ka) {
                    problem(kl, kc, path, ANCHORS + " (found the alias '*" + ka.getAnchor() + "')");
                    key = "*" + ka.getAnchor();
                } else {
                    // a list or a mapping used as a key: read it to keep going, then refuse it
                    yamlNode(parser, k, path, depth + 1);
                    problem(kl, kc, path, "expected a plain key such as 'id:'; got a list or mapping used as a key");
                    key = "?" + kl + ":" + kc;
                }
                String childPath = join(path, key);
                Node value = yamlNode(parser, parser.getEvent(), childPath, depth + 1);
                put(map, key, kl, kc, value, childPath);
            }
            checkId(map, path);
            return map;
        }
        if (e.is(Event.ID.SequenceStart)) {
            List<Node> items = new ArrayList<>();
            Event item;
            while (!(item = parser.getEvent()).is(Event.ID.SequenceEnd)) {
                items.add(yamlNode(parser, item, path + "[" + items.size() + "]", depth + 1));
            }
            return new Node.ListNode(items, line, col);
        }
        if (e instanceof ScalarEvent s) {
            return yamlScalar(s, path, line, col);
        }
        throw fatal(line, col, path.isEmpty() ? null : path, "unexpected " + e.getEventId() + "; expected a mapping, list or value");
    }

    private Node yamlScalar(ScalarEvent s, String path, int line, int col) {
        String v = s.getValue();
        Tag tag;
        if (s.getTag() != null && !s.getImplicit().canOmitTagInPlainScalar() && !s.getImplicit().canOmitTagInNonPlainScalar()) {
            tag = new Tag(s.getTag());
            if (!tag.equals(Tag.STR) && !tag.equals(Tag.INT) && !tag.equals(Tag.FLOAT) && !tag.equals(Tag.BOOL)
                    && !tag.equals(Tag.NULL)) {
                problem(line, col, path, tagMessage(s.getTag()));
                return new Node.Scalar(v, Node.Scalar.Type.STRING, line, col);
            }
        } else if (s.isPlain()) {
            tag = RESOLVER.resolve(NodeId.scalar, v, true);
        } else {
            tag = Tag.STR;
        }
        if (tag.equals(Tag.NULL)) {
            return new Node.Scalar("null", Node.Scalar.Type.NULL, line, col);
        }
        if (tag.equals(Tag.BOOL)) {
            return new Node.Scalar(v, Node.Scalar.Type.BOOLEAN, line, col);
        }
        if (tag.equals(Tag.INT)) {
            String n = yamlInteger(v);
            return n == null ? new Node.Scalar(v, Node.Scalar.Type.STRING, line, col)
                    : new Node.Scalar(n, Node.Scalar.Type.NUMBER, line, col);
        }
        if (tag.equals(Tag.FLOAT)) {
            return floating(v, path, line, col);
        }
        return new Node.Scalar(v, Node.Scalar.Type.STRING, line, col);
    }

    /**
     * A YAML 1.1 integer (0x, 0b, leading-0 octal, underscores, sign) as plain decimal text, or null to keep
     * it as text: base-60 forms such as {@code 1:30} stay text, as they always have here.
     */
    private static String yamlInteger(String text) {
        if (text.contains(":")) {
            return null;
        }
        String t = text.replace("_", "");
        boolean negative = t.startsWith("-");
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1);
        }
        try {
            BigInteger v;
            if (t.startsWith("0x")) {
                v = new BigInteger(t.substring(2), 16);
            } else if (t.startsWith("0b")) {
                v = new BigInteger(t.substring(2), 2);
            } else if (t.length() > 1 && t.startsWith("0")) {
                v = new BigInteger(t.substring(1), 8);
            } else {
                v = new BigInteger(t);
            }
            return (negative ? v.negate() : v).toString();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ JSON

    /** Parses JSON text (comments and trailing commas allowed); throws with every problem found in the text. */
    public static Node json(String text, String file) throws ScenarioException {
        SyntaxTree t = new SyntaxTree(file);
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw t.fatal(0, 0, null, "is empty; expected a scenario with at least 'producers' and 'channels'");
            }
            Node root = t.jsonNode(p, "", 1);
            if (p.nextToken() != null) {
                JsonLocation loc = p.currentTokenLocation();
                throw t.fatal(loc.getLineNr(), loc.getColumnNr(), null,
                        "more text after the scenario's closing '}'; expected exactly one scenario per file");
            }
            t.throwIfAny();
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new ScenarioException(new ScenarioException.Problem(file, loc == null ? 0 : Math.max(0, loc.getLineNr()),
                    loc == null ? 0 : Math.max(0, loc.getColumnNr()), null, "not valid JSON: " + SyntaxMessages.json(e.getOriginalMessage())));
        } catch (IOException e) {
            throw new ScenarioException(new ScenarioException.Problem(file, 0, 0, null, "cannot be read: " + e.getMessage()));
        }
    }

    private Node jsonNode(JsonParser p, String path, int depth) throws IOException, ScenarioException {
        JsonLocation loc = p.currentTokenLocation();
        int line = loc.getLineNr();
        int col = loc.getColumnNr();
        JsonToken t = p.currentToken();
        if (depth > MAX_DEPTH && (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY)) {
            throw fatal(line, col, null, deepMessage());
        }
        switch (t) {
            case START_OBJECT -> {
                Node.MapNode map = new Node.MapNode(line, col);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonLocation kl = p.currentTokenLocation();
                    p.nextToken();
                    String childPath = join(path, key);
                    put(map, key, kl.getLineNr(), kl.getColumnNr(), jsonNode(p, childPath, depth + 1), childPath);
                }
                checkId(map, path);
                return map;
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(jsonNode(p, path + "[" + items.size() + "]", depth + 1));
                }
                return new Node.ListNode(items, line, col);
            }
            case VALUE_STRING -> {
                return new Node.Scalar(p.getText(), Node.Scalar.Type.STRING, line, col);
            }
            case VALUE_NUMBER_INT -> {
                return new Node.Scalar(p.getText(), Node.Scalar.Type.NUMBER, line, col);
            }
            case VALUE_NUMBER_FLOAT -> {
                return floating(p.getText(), path, line, col);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Node.Scalar(p.getText(), Node.Scalar.Type.BOOLEAN, line, col);
            }
            case VALUE_NULL -> {
                return new Node.Scalar("null", Node.Scalar.Type.NULL, line, col);
            }
            default -> throw fatal(line, col, path.isEmpty() ? null : path,
                    "unexpected " + t + "; expected a mapping, list or value");
        }
    }

    // ------------------------------------------------------------------ shared

    /** A floating-point literal: refused if it is not finite (.nan, .inf, or beyond about 1.8e308). */
    private Node floating(String text, String path, int line, int col) {
        String t = text.replace("_", "");
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("nan")) {
            problem(line, col, path, "'" + text + "' is not a number; expected a finite number");
        } else if (lower.contains("inf")) {
            problem(line, col, path, "'" + text + "' is infinite; expected a finite number");
        } else if (Double.isNaN(v)) {
            return new Node.Scalar(text, Node.Scalar.Type.STRING, line, col); // e.g. YAML 1.1 sexagesimal 1:30.5
        } else if (Double.isInfinite(v)) {
            problem(line, col, path, "'" + text + "' is larger than any number Tributary can hold (about 1.8e308);"
                    + " expected a finite number");
        }
        return new Node.Scalar(t, Node.Scalar.Type.NUMBER, line, col);
    }

    private void put(Node.MapNode map, String key, int line, int col, Node value, String path) {
        int[] seen = map.keys().get(key);
        if (seen != null) {
            problem(line, col, path, "appears twice in the same mapping, at " + seen[0] + ":" + seen[1] + " and " + line
                    + ":" + col + "; expected each key once");
            return;
        }
        map.keys().put(key, new int[] {line, col});
        map.values().put(key, value);
    }

    /** Ids are ASCII: refuse others here, with a message that says so (a letter such as 'é' is not enough). */
    private void checkId(Node.MapNode map, String path) {
        if (map.values().get("id") instanceof Node.Scalar s && s.type() == Node.Scalar.Type.STRING) {
            String id = s.text();
            for (int i = 0; i < id.length(); i = id.offsetByCodePoints(i, 1)) {
                int cp = id.codePointAt(i);
                if (cp > 0x7e || cp < 0x20) {
                    problem(s.line(), s.column(), join(path, "id"), "ids are ASCII letters, digits, '-', '_' and '.'; got '"
                            + printable(id) + "' (" + describeCodePoint(cp) + " is not one of them)");
                    return;
                }
            }
        }
    }

    /** The text with control characters written as Java escapes, so a message never prints a raw NUL or escape. */
    private static String printable(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04X", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    private static String describeCodePoint(int cp) {
        return cp < 0x20 || Character.isWhitespace(cp) || Character.isISOControl(cp)
                ? String.format(java.util.Locale.ROOT, "the character U+%04X", cp)
                : "'" + new String(Character.toChars(cp)) + "'";
    }

    private static String tagMessage(String tag) {
        return "tags such as '" + (tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.substring(18) : tag)
                + "' are not supported; write the value plainly (quote it to make it text)";
    }

    private static String deepMessage() {
        return "nested deeper than " + MAX_DEPTH + " levels of mappings and lists; a scenario needs about six"
                + " (is a bracket or an indentation wrong?)";
    }

    private void problem(int line, int col, String path, String message) {
        problems.add(new ScenarioException.Problem(file, line, col, path.isEmpty() ? null : path, message));
    }

    private ScenarioException fatal(int line, int col, String key, String message) {
        problems.add(new ScenarioException.Problem(file, line, col, key, message));
        return new ScenarioException(problems);
    }

    private void throwIfAny() throws ScenarioException {
        if (!problems.isEmpty()) {
            List<ScenarioException.Problem> sorted = new ArrayList<>(problems);
            sorted.sort(java.util.Comparator.comparingInt(ScenarioException.Problem::line)
                    .thenComparingInt(ScenarioException.Problem::column));
            throw new ScenarioException(sorted);
        }
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static int line(Mark m) {
        return m.getLine() + 1;
    }

    private static int column(Mark m) {
        return m.getColumn() + 1;
    }

    /** 1-based line and column of the code point at {@code index} (SnakeYAML counts code points). */
    static int[] lineColumnOfCodePoint(String text, int index) {
        int line = 1;
        int col = 1;
        int cps = 0;
        for (int i = 0; i < text.length() && cps < index; i = text.offsetByCodePoints(i, 1), cps++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new int[] {line, col};
    }
}
