package dev.tributary.sim.value;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code name(arg, arg)} notation of scenario values ({@code poisson(3.6/s)},
 * {@code zipf(1000, 1.1)}) and the "did you mean" suggestions shared by every parser.
 */
public final class Calls {

    private static final Pattern CALL = Pattern.compile("\\s*([a-zA-Z][a-zA-Z0-9-]*)\\s*\\((.*)\\)\\s*");

    /** A parsed call: its lower-cased function name and its trimmed arguments. */
    public record Call(String name, List<String> args) {
    }

    private Calls() {
    }

    /** The call written in {@code text}, or null when the text is not of the form {@code name(...)}. */
    public static Call parse(String text) {
        Matcher m = CALL.matcher(text);
        if (!m.matches()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (!m.group(2).isBlank()) {
            for (String s : m.group(2).split(",")) {
                out.add(s.trim());
            }
        }
        return new Call(m.group(1).toLowerCase(Locale.ROOT), out);
    }

    /** An int, or -1 when the text is not one. */
    public static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A double, or NaN when the text is not one. */
    public static double parseDouble(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A rate above zero, or the message saying what was expected. */
    public static Parsed<Double> rate(String text) {
        double r = Durations.parseRate(text);
        if (Double.isNaN(r)) {
            return Parsed.error("expected a rate such as 3.6/s, 200/m or 5/h; got '" + text.trim() + "'");
        }
        if (!(r > 0) || Double.isInfinite(r)) {
            return Parsed.error("expected a rate above zero; got '" + text.trim() + "'");
        }
        return Parsed.of(r);
    }

    /** A duration above zero, or the message saying what was expected ({@code what} names it). */
    public static Parsed<Double> positiveDuration(String text, String what) {
        double d = Durations.parseDuration(text);
        if (Double.isNaN(d)) {
            return Parsed.error("expected " + what + " as a duration such as 250ms, 1s or 2m; got '" + text.trim() + "'");
        }
        if (!(d > 0) || Double.isInfinite(d)) {
            return Parsed.error("expected " + what + " above zero; got '" + text.trim() + "'");
        }
        return Parsed.of(d);
    }

    /** {@code word} after its indefinite article: "a queue", "an event-store". */
    public static String withArticle(String word) {
        return (!word.isEmpty() && "aeiou".indexOf(Character.toLowerCase(word.charAt(0))) >= 0 ? "an " : "a ") + word;
    }

    /** ", did you mean 'x'?" when a known word is within two edits of {@code word}. */
    public static String suggestion(String word, Collection<String> known) {
        String best = null;
        int bestD = 3;
        for (String k : known) {
            int d = distance(word.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
