package dev.tributary.sim.format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML/JSON value that remembers where it stood in the file, so that every validation
 * message can name the line and column. Jackson's own tree drops locations, hence this small one.
 */
public sealed interface Node {

    /** 1-based line of the value. */
    int line();

    /** 1-based column of the value. */
    int column();

    /** A short word for the kind of value, for "expected X, got Y" messages. */
    String kindName();

    /** A mapping; {@code keys} holds each key's own location. */
    record MapNode(Map<String, Node> values, Map<String, int[]> keys, int line, int column) implements Node {
        public MapNode(int line, int column) {
            this(new LinkedHashMap<>(), new LinkedHashMap<>(), line, column);
        }

        @Override
        public String kindName() {
            return "a mapping";
        }
    }

    /** A sequence. */
    record ListNode(List<Node> items, int line, int column) implements Node {
        @Override
        public String kindName() {
            return "a list";
        }
    }

    /**
     * A scalar: its text and whether it was written as a number, a boolean, null or a string.
     */
    record Scalar(String text, Type type, int line, int column) implements Node {
        /** The scalar's written type. */
        public enum Type { STRING, NUMBER, BOOLEAN, NULL }

        @Override
        public String kindName() {
            return switch (type) {
                case STRING -> "the text '" + text + "'";
                case NUMBER -> "the number " + text;
                case BOOLEAN -> "the boolean " + text;
                case NULL -> "nothing (null)";
            };
        }
    }
}
