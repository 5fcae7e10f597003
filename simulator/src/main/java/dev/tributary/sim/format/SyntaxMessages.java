package dev.tributary.sim.format;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The YAML and JSON parsers' error texts rewritten as one sentence of our own: what is wrong and what
 * to write instead, with no parser internals (no token names, no "at [Source: ...]").
 */
final class SyntaxMessages {

    private static final Pattern FOUND = Pattern.compile("(?:found|got) '?(<[a-z ]+>|[^' ]+)'?\\s*$");
    private static final Pattern CHARACTER = Pattern.compile("found character '(.+?)' that cannot start any token");
    private static final Pattern JSON_CHAR = Pattern.compile("Unexpected character \\('(.+?)' \\(code (\\d+)\\)\\)");
    private static final Pattern JSON_TOKEN = Pattern.compile("Unrecognized token '(.*?)'");
    private static final Pattern JSON_AT = Pattern.compile("line: (\\d+), column: (\\d+)");
    private static final Pattern JSON_CLOSE = Pattern.compile("Unexpected close marker '(.)': expected '(.)'");
    private static final Pattern JSON_ESCAPE = Pattern.compile("Unrecognized character escape '(.+?)'");

    /** SnakeYAML's names of tokens, in words. */
    private static final Map<String, String> TOKENS = Map.ofEntries(
            Map.entry("<block mapping start>", "a new 'key: value' mapping"),
            Map.entry("<block sequence start>", "a new '- ' list"),
            Map.entry("<block end>", "the end of an indented block"),
            Map.entry("<scalar>", "a value"),
            Map.entry("<stream end>", "the end of the file"),
            Map.entry("<document start>", "'---'"),
            Map.entry("<document end>", "'...'"),
            Map.entry("<alias>", "an alias ('*')"),
            Map.entry("<anchor>", "an anchor ('&')"),
            Map.entry("<tag>", "a tag ('!')"),
            Map.entry("<directive>", "a directive ('%')"),
            Map.entry("-", "a '- ' list entry"),
            Map.entry("?", "a new key"));

    private SyntaxMessages() {
    }

    /** Whether SnakeYAML's context mark, not its problem mark, is where the fault lies (an unclosed quote, a key without ':'). */
    static boolean locatedAtContext(String problem) {
        return problem != null && (problem.contains("could not find expected ':'")
                || problem.contains("found unexpected end of stream") || problem.contains("found unexpected document separator"));
    }

    /** One sentence for a YAML syntax error, from SnakeYAML's context ("while ...") and problem texts. */
    static String yaml(String context, String problem) {
        String p = problem == null ? "" : problem.trim();
        String c = context == null ? "" : context;
        if (p.contains("(TAB)")) {
            return "a tab character; YAML indents with spaces only, never tabs";
        }
        Matcher ch = CHARACTER.matcher(p);
        if (ch.find()) {
            return "'" + ch.group(1) + "' cannot start a value; put the value in quotes";
        }
        if (p.contains("exceeds the limit")) {
            return "larger than " + (SyntaxTree.MAX_FILE_BYTES >> 20) + " MiB; expected a scenario file";
        }
        if (c.contains("anchor") || c.contains("alias")) {
            return "anchors and aliases are not supported; write the value out";
        }
        if (c.contains("tag") || p.contains("tag handle")) {
            return "tags ('!') are not supported; write the value plainly (quote it to make it text)";
        }
        if (c.contains("directive") || p.contains("YAML directive") || p.contains("YAML document")) {
            return "'%' directives are not supported; remove the line, or quote a value that starts with '%'";
        }
        if (c.contains("block scalar")) {
            return "a block value ('|' or '>') has a malformed header; expected '|' or '>', optionally followed by"
                    + " '-', '+' or an indentation digit from 1 to 9";
        }
        if (p.contains("mapping values are not allowed here")) {
            return "a ':' where no key can start; check this line's indentation, or put a value that contains ': ' in quotes";
        }
        if (p.contains("could not find expected ':'")) {
            return "expected ':' after this key; write 'key: value', or put a value that runs over several lines in quotes";
        }
        if (p.contains("found unexpected end of stream") || p.contains("found unexpected document separator")) {
            return "a quoted value is never closed; add the closing quote";
        }
        if (p.contains("found unknown escape character")) {
            return "an unknown escape ('\\' and a letter) in a double-quoted value; write '\\\\' for a backslash, or use"
                    + " single quotes";
        }
        if (p.contains("expected escape sequence")) {
            return "a broken '\\x', '\\u' or '\\U' escape in a double-quoted value; expected hexadecimal digits";
        }
        if (p.contains("special characters are not allowed") || p.contains("unacceptable code point")) {
            return "a control character that YAML does not allow; expected plain text";
        }
        if (p.contains("sequence entries are not allowed here")) {
            return "a '- ' list entry where none can start; check this line's indentation, or quote a value that starts"
                    + " with '-'";
        }
        if (p.contains("mapping keys are not allowed here")) {
            return "a '?' where no key can start; put a value that starts with '?' in quotes";
        }
        if (p.contains("expected a comment or a line break")) {
            return "unexpected text after a value; put the whole value in quotes";
        }
        String found = found(p);
        if (p.startsWith("expected <block end>") && (found.equals("']'") || found.equals("'}'"))) {
            return "a " + found + " that closes nothing; remove it, or add the opening " + (found.equals("']'") ? "'['" : "'{'");
        }
        if (p.startsWith("expected <block end>")) {
            return "this line is indented differently from the lines above it (found " + found + " where the indented"
                    + " block should end); keys of one mapping, and '- ' entries of one list, start in the same column";
        }
        if (p.startsWith("expected ',' or ']'")) {
            return "a list in [ ] is not closed or misses a ','; found " + found;
        }
        if (p.startsWith("expected ',' or '}'")) {
            return "a mapping in { } is not closed or misses a ','; found " + found;
        }
        if (p.startsWith("expected the node content")) {
            return "expected a value here; found " + found;
        }
        if (p.startsWith("expected '<document start>'")) {
            return "unexpected " + found + " after the end of the scenario's top-level mapping; is this line indented"
                    + " wrongly?";
        }
        if (p.startsWith("did not find expected")) {
            return "expected " + words(p.substring("did not find expected".length()).trim()) + " here; check the indentation";
        }
        return "cannot read this as YAML (" + clean(p) + ")";
    }

    /** One sentence for a control character the YAML reader refused. */
    static String controlCharacter(int codePoint) {
        return String.format(Locale.ROOT, "a control character (U+%04X) that YAML does not allow; expected plain text",
                codePoint);
    }

    /** One sentence for a JSON syntax error, from Jackson's original message (without its location). */
    static String json(String message) {
        String m = message == null ? "" : message;
        Matcher cm = JSON_CHAR.matcher(m);
        String ch = cm.find() ? describe(cm.group(1), Integer.parseInt(cm.group(2))) : null;
        if (ch != null && m.contains("double-quote to start field name")) {
            return "expected a key in double quotes; found " + ch;
        }
        if (ch != null && m.contains("separate Object entries")) {
            return "expected ',' between entries or '}' to close the object; found " + ch;
        }
        if (ch != null && m.contains("separate Array entries")) {
            return "expected ',' between entries or ']' to close the list; found " + ch;
        }
        if (ch != null && m.contains("colon to separate field name and value")) {
            return "expected ':' after the key; found " + ch;
        }
        if (ch != null && m.contains("in numeric value")) {
            return "a malformed number (found " + ch + "); expected digits such as 42 or 0.5";
        }
        if (ch != null) {
            return "expected a value (text in double quotes, a number, true, false, null, { } or [ ]); found " + ch;
        }
        Matcher tm = JSON_TOKEN.matcher(m);
        if (tm.find()) {
            return "'" + tm.group(1) + "' is not a JSON value; put text in double quotes";
        }
        Matcher close = JSON_CLOSE.matcher(m);
        if (close.find()) {
            return "'" + close.group(1) + "' does not close the " + (close.group(2).equals("}") ? "'{'" : "'['") + opened(m)
                    + "; expected '" + close.group(2) + "'";
        }
        if (m.startsWith("Unexpected end-of-input: expected close marker for Object")) {
            return "the file ends before the '{'" + opened(m) + " is closed; expected '}'";
        }
        if (m.startsWith("Unexpected end-of-input: expected close marker for Array")) {
            return "the file ends before the '['" + opened(m) + " is closed; expected ']'";
        }
        if (m.contains("end-of-input") && (m.toLowerCase(Locale.ROOT).contains("string") || m.contains("field name")
                || m.contains("closing quote"))) {
            return "the file ends inside a quoted text; expected the closing '\"'";
        }
        if (m.contains("end-of-input")) {
            return "the file ends in the middle of the scenario; expected the rest and the closing '}'";
        }
        if (m.contains("Illegal unquoted character")) {
            return "a line break or other control character inside quoted text; write it as an escape such as \\n,"
                    + " or close the text with '\"'";
        }
        Matcher em = JSON_ESCAPE.matcher(m);
        if (em.find()) {
            return "an unknown escape '\\" + em.group(1) + "' in quoted text; write '\\\\' for a backslash";
        }
        if (m.contains("Leading zeroes")) {
            return "a number with leading zeroes; write it without them";
        }
        if (m.contains("Non-standard token") || m.contains("NaN") || m.contains("Infinity")) {
            return "NaN and Infinity are not numbers in JSON; expected a finite number";
        }
        if (m.contains("numeric value")) {
            return "a malformed number; expected digits such as 42 or 0.5";
        }
        if (m.contains("nesting depth")) {
            return "nested too deeply; a scenario needs about six levels";
        }
        return "cannot read this as JSON (" + clean(m) + ")";
    }

    private static String opened(String m) {
        Matcher at = JSON_AT.matcher(m);
        return at.find() ? " opened at " + at.group(1) + ":" + at.group(2) : "";
    }

    private static String describe(String ch, int code) {
        if (code < 0x20 || code == 0x7f) {
            return String.format(Locale.ROOT, "the control character U+%04X", code);
        }
        return "'" + ch + "'";
    }

    private static String found(String problem) {
        Matcher f = FOUND.matcher(problem);
        return f.find() ? words(f.group(1)) : "something else";
    }

    private static String words(String token) {
        String t = token.replace("'", "").trim();
        String w = TOKENS.get(t);
        if (w != null) {
            return w;
        }
        return t.startsWith("<") ? t.substring(1, t.length() - 1) : "'" + t + "'";
    }

    /** Parser text with its internals cut: locations, source descriptions, snippets, code numbers. */
    static String clean(String text) {
        String s = text;
        int cut = s.indexOf(" at [Source");
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        cut = s.indexOf(" in 'reader'");
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        s = s.replaceAll("\\(for \\w+ starting at \\[Source.*?\\]\\)", "")
                .replaceAll("\\(code \\d+\\)", "")
                .replaceAll(", from `[^`]*`", "")
                .replaceAll("`[A-Za-z.]*\\(\\)`", "")
                .replace('\n', ' ').replaceAll("\\s+", " ").trim();
        return s;
    }
}
