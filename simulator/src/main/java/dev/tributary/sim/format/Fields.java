package dev.tributary.sim.format;

import dev.tributary.sim.value.Calls;
import dev.tributary.sim.value.Durations;
import dev.tributary.sim.value.Parsed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed, located access to the keys of one mapping of a scenario file. Element kinds bind their
 * own keys through it; every problem it finds is recorded with the file, line, column and key path
 * (nothing throws), so one pass reports everything that is wrong.
 */
public final class Fields {

    /** A channel id named somewhere, to be checked once every channel is known. */
    public record Reference(String id, String path, int line, int column) {
    }

    private final Node.MapNode map;
    private final String path;
    private final Problems sink;

    /** Where the problems of one file are collected, with the channel references still to check. */
    public static final class Problems {
        private final String file;
        private final List<ScenarioException.Problem> list = new ArrayList<>();
        private final List<Reference> references = new ArrayList<>();

        /** A sink for problems of {@code file}. */
        public Problems(String file) {
            this.file = file;
        }

        /** The file name used in messages. */
        public String file() {
            return file;
        }

        /** Records a problem at a node (null for "no location"). */
        public void add(Node at, String key, String message) {
            list.add(new ScenarioException.Problem(file, at == null ? 0 : at.line(), at == null ? 0 : at.column(), key,
                    message));
        }

        /** Records a problem at a known line and column. */
        public void add(int line, int column, String key, String message) {
            list.add(new ScenarioException.Problem(file, line, column, key, message));
        }

        /** Every problem so far. */
        public List<ScenarioException.Problem> list() {
            return list;
        }

        /** Channel references recorded by {@link Fields#channelRef}. */
        public List<Reference> references() {
            return references;
        }
    }

    /** Fields of {@code map}, whose key path is {@code path} ("" at the top). */
    public Fields(Node.MapNode map, String path, Problems sink) {
        this.map = map;
        this.path = path;
        this.sink = sink;
    }

    /** Fields of a list entry, or null (and a problem saying {@code expected}) when it is not a mapping. */
    public static Fields of(Node node, String path, Problems sink, String expected) {
        if (node instanceof Node.MapNode m) {
            return new Fields(m, path, sink);
        }
        sink.add(node, path, "expected " + expected + "; got " + node.kindName());
        return null;
    }

    /** This mapping's key path, e.g. {@code channels[2]}. */
    public String path() {
        return path;
    }

    /** The key path of one key of this mapping. */
    public String path(String key) {
        return join(path, key);
    }

    /** The underlying node (for the binder). */
    public Node.MapNode node() {
        return map;
    }

    /** The problem sink (for the binder). */
    public Problems problems() {
        return sink;
    }

    /** Whether the key is present. */
    public boolean has(String key) {
        return map.values().containsKey(key);
    }

    /** The keys present, in file order. */
    public Set<String> keys() {
        return map.values().keySet();
    }

    /**
     * Records a problem at a key's value (or at this mapping when the key is absent); the key may be a
     * path into nested lists and mappings such as {@code routes[2].type}, located as deep as it goes.
     */
    public void problem(String key, String message) {
        Node n = map.values().get(key);
        if (n == null) {
            n = nested(map, key);
        }
        sink.add(n == null ? map : n, join(path, key), message);
    }

    /** The node at a path such as {@code routes[2].type} below {@code from}, as deep as it exists; null if none. */
    private static Node nested(Node from, String dotted) {
        Node at = null;
        Node n = from;
        for (String part : dotted.split("\\.")) {
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            if (!(n instanceof Node.MapNode m) || !m.values().containsKey(name)) {
                return at;
            }
            n = m.values().get(name);
            at = n;
            while (bracket >= 0) {
                int close = part.indexOf(']', bracket);
                int index;
                try {
                    index = Integer.parseInt(part.substring(bracket + 1, close < 0 ? part.length() : close));
                } catch (NumberFormatException e) {
                    return at;
                }
                if (!(n instanceof Node.ListNode l) || index < 0 || index >= l.items().size()) {
                    return at;
                }
                n = l.items().get(index);
                at = n;
                bracket = close < 0 ? -1 : part.indexOf('[', close);
            }
        }
        return at;
    }

    /** Records a problem about this mapping as a whole. */
    public void problem(String message) {
        sink.add(map, path, message);
    }

    /** A required text value, or null (and a problem). */
    public String requiredText(String key, String expected) {
        Node n = map.values().get(key);
        if (n == null) {
            sink.add(map, join(path, key), "is missing; expected " + expected);
            return null;
        }
        return scalarText(n, join(path, key), expected);
    }

    /** An optional text value, or {@code dflt} when absent (null and a problem when not text). */
    public String text(String key, String expected, String dflt) {
        Node n = map.values().get(key);
        return n == null ? dflt : scalarText(n, join(path, key), expected);
    }

    /**
     * A channel id: read now, checked against the channels once all are known (a problem then names
     * this key's line and column). Null when absent or not text.
     */
    public String channelRef(String key, boolean required) {
        Node n = map.values().get(key);
        String id = required ? requiredText(key, "a channel id") : text(key, "a channel id", null);
        if (id != null) {
            sink.references.add(new Reference(id, join(path, key), n.line(), n.column()));
        }
        return id;
    }

    /** A duration in seconds, or {@code dflt} when absent or wrong (with a problem). */
    public double duration(String key, double dflt, boolean zeroAllowed) {
        Node n = map.values().get(key);
        if (n == null) {
            return dflt;
        }
        String p = join(path, key);
        String text = scalarText(n, p, "a duration such as 30s, 10m or 2h");
        if (text == null) {
            return dflt;
        }
        double d = Durations.parseDuration(text);
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            sink.add(n, p, "expected a duration such as 250ms, 30s, 10m, 2h or 7d; got '" + text + "'");
            return dflt;
        }
        if (d < 0 || (!zeroAllowed && d == 0)) {
            sink.add(n, p, "expected a duration " + (zeroAllowed ? "of zero or more" : "above zero") + "; got '" + text + "'");
            return dflt;
        }
        return d;
    }

    /** A whole number in [min, max], or {@code dflt} when absent; {@code min} and a problem when wrong. */
    public int integer(String key, int min, int max, int dflt, String expected) {
        Node n = map.values().get(key);
        return n == null ? dflt : integer(n, join(path, key), min, max, expected);
    }

    /** A number, or {@code dflt} when absent; NaN and a problem when not a number. */
    public double number(String key, double dflt, String expected) {
        Node n = map.values().get(key);
        if (n == null) {
            return dflt;
        }
        if (n instanceof Node.Scalar s && s.type() == Node.Scalar.Type.NUMBER) {
            return Double.parseDouble(s.text());
        }
        sink.add(n, join(path, key), "expected " + expected + " (a number); got " + n.kindName());
        return Double.NaN;
    }

    /** A probability in [0, 1], or {@code dflt} when absent; NaN and a problem when wrong. */
    public double probability(String key, double dflt) {
        double p = number(key, dflt, "a probability between 0 and 1");
        if (!Double.isNaN(p) && (p < 0 || p > 1)) {
            problem(key, "expected a probability between 0 and 1; got " + p);
            return Double.NaN;
        }
        return p;
    }

    /**
     * A share written as a percentage ({@code 50%}) or a plain number ({@code 0.5}), between
     * {@code min} and {@code max}; {@code dflt} when absent, NaN and a problem when wrong.
     */
    public double fraction(String key, double dflt, double min, double max, String expected) {
        Node n = map.values().get(key);
        if (n == null) {
            return dflt;
        }
        double v = Double.NaN;
        if (n instanceof Node.Scalar s && s.type() == Node.Scalar.Type.NUMBER) {
            v = Double.parseDouble(s.text());
        } else if (n instanceof Node.Scalar s && s.type() == Node.Scalar.Type.STRING && s.text().trim().endsWith("%")) {
            String t = s.text().trim();
            try {
                v = Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100;
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
        }
        if (Double.isNaN(v) || v < min || v > max) {
            sink.add(n, join(path, key), "expected " + expected + "; got " + n.kindName());
            return Double.NaN;
        }
        return v;
    }

    /** An enum constant written in lower case with dashes ({@code drop-oldest}), or {@code dflt} when absent. */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type, E dflt, String expected) {
        Node n = map.values().get(key);
        if (n == null) {
            return dflt;
        }
        String p = join(path, key);
        String text = scalarText(n, p, expected);
        if (text == null) {
            return null;
        }
        String norm = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(norm)) {
                return e;
            }
        }
        List<String> words = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            words.add(word(e));
        }
        sink.add(n, p, "expected " + expected + "; got '" + text + "'" + Calls.suggestion(text, words));
        return null;
    }

    /** A value read by a parser such as {@code ArrivalsText::parse}; null (and a located problem) when wrong. */
    public <T> T value(String key, Function<String, Parsed<T>> parser, String expected, boolean required) {
        Node n = map.values().get(key);
        if (n == null) {
            if (required) {
                sink.add(map, join(path, key), "is missing; expected " + expected);
            }
            return null;
        }
        String text = scalarText(n, join(path, key), expected);
        if (text == null) {
            return null;
        }
        Parsed<T> r = parser.apply(text);
        if (!r.ok()) {
            sink.add(n, join(path, key), r.problem());
            return null;
        }
        return r.value();
    }

    /** The entries of a list (each with its path); empty, with a problem, when it is not a list. */
    public List<Entry> list(String key, boolean required) {
        Node n = map.values().get(key);
        String p = join(path, key);
        if (n == null) {
            if (required) {
                sink.add(map, p, "is missing; expected a list with at least one entry");
            }
            return List.of();
        }
        if (!(n instanceof Node.ListNode l)) {
            sink.add(n, p, "expected a list (entries starting with '- '); got " + n.kindName());
            return List.of();
        }
        if (required && l.items().isEmpty()) {
            sink.add(n, p, "is empty; expected at least one entry");
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < l.items().size(); i++) {
            out.add(new Entry(l.items().get(i), p + "[" + i + "]"));
        }
        return out;
    }

    /** One entry of a list. */
    public record Entry(Node node, String path) {
        /** The entry as fields, or null (with a problem) when it is not a mapping. */
        public Fields fields(Problems sink, String expected) {
            return Fields.of(node, path, sink, expected);
        }
    }

    /** The sub-mapping at {@code key} as fields, or null (with a problem saying {@code expected}) when it is not one. */
    public Fields mapping(String key, String expected) {
        Node n = map.values().get(key);
        return n == null ? null : of(n, join(path, key), sink, expected);
    }

    /**
     * Reports every key not in {@code allowed}: a "did you mean", the list of keys allowed, or a
     * word on why a key is not accepted here ({@code elsewhere} maps a key to that sentence).
     */
    public void checkKeys(Collection<String> allowed, Map<String, String> elsewhere) {
        boolean cutValue = map.values().values().stream().anyMatch(v -> v instanceof Node.Scalar s
                && s.text().contains("(") && !s.text().contains(")"));
        for (String key : map.values().keySet()) {
            if (allowed.contains(key)) {
                continue;
            }
            int[] at = map.keys().get(key);
            String p = join(path, key);
            if (key.contains(")") || key.contains("(") || cutValue) {
                sink.add(at[0], at[1], path, "'" + key
                        + "' looks like the rest of a value cut at a comma: inside { } or [ ] put values that contain"
                        + " commas in quotes, e.g. keys: \"zipf(1000, 1.1)\"");
            } else if (elsewhere.containsKey(key)) {
                sink.add(at[0], at[1], p, elsewhere.get(key));
            } else {
                List<String> sorted = new ArrayList<>(allowed);
                java.util.Collections.sort(sorted);
                sink.add(at[0], at[1], p, "unknown key" + Calls.suggestion(key, allowed) + "; expected one of: "
                        + String.join(", ", sorted));
            }
        }
    }

    /** The scenario-file word of an enum constant: lower case, dashes ({@code DROP_OLDEST} → {@code drop-oldest}). */
    public static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private String scalarText(Node n, String p, String expected) {
        if (n instanceof Node.Scalar s && s.type() != Node.Scalar.Type.NULL) {
            return s.text();
        }
        sink.add(n, p, "expected " + expected + "; got " + n.kindName());
        return null;
    }

    private int integer(Node n, String p, int min, int max, String expected) {
        if (n instanceof Node.Scalar s && s.type() == Node.Scalar.Type.NUMBER && s.text().matches("-?\\d+")) {
            long v;
            try {
                v = Long.parseLong(s.text());
            } catch (NumberFormatException e) {
                v = Long.MAX_VALUE;
            }
            if (v < min || v > max) {
                sink.add(n, p, "expected " + expected + "; got " + s.text());
                return min;
            }
            return (int) v;
        }
        sink.add(n, p, "expected " + expected + " (a whole number); got " + n.kindName());
        return min;
    }

    /** {@code path.key}, or {@code key} at the top. */
    public static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
