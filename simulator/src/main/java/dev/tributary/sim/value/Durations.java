package dev.tributary.sim.value;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the duration and rate literals of scenario files: {@code 250ms}, {@code 1.5s},
 * {@code 10m}, {@code 2h}, {@code 7d}; rates {@code 3.6/s}, {@code 200/m}, {@code 5/h}, {@code 10/ms}.
 * A bare number is seconds (or events per second).
 */
public final class Durations {

    private static final Pattern DURATION =
            Pattern.compile("\\s*([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(ms|s|m|h|d)?\\s*");
    private static final Pattern RATE =
            Pattern.compile("\\s*([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(?:/\\s*(ms|s|m|h|d))?\\s*");

    private Durations() {
    }

    /** Seconds in one unit: ms, s, m, h or d ({@code null} means seconds). */
    public static double unitSeconds(String unit) {
        if (unit == null) {
            return 1;
        }
        return switch (unit) {
            case "ms" -> 0.001;
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86400;
            default -> throw new IllegalArgumentException("unknown time unit " + unit);
        };
    }

    /** Parses a duration in seconds, or returns NaN if {@code text} is not one. */
    public static double parseDuration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return Double.NaN;
        }
        return Double.parseDouble(m.group(1)) * unitSeconds(m.group(2));
    }

    /** Parses a rate in events per second, or returns NaN if {@code text} is not one. */
    public static double parseRate(String text) {
        Matcher m = RATE.matcher(text);
        if (!m.matches()) {
            return Double.NaN;
        }
        return Double.parseDouble(m.group(1)) / unitSeconds(m.group(2));
    }

    /** Formats seconds in the largest unit that keeps the value readable, e.g. {@code 250ms}, {@code 2h}. */
    public static String format(double seconds) {
        if (seconds == 0) {
            return "0s";
        }
        if (seconds < 1) {
            return number(seconds * 1000) + "ms";
        }
        if (seconds >= 86400 && seconds % 86400 == 0) {
            return number(seconds / 86400) + "d";
        }
        if (seconds >= 3600 && seconds % 3600 == 0) {
            return number(seconds / 3600) + "h";
        }
        if (seconds >= 60 && seconds % 60 == 0) {
            return number(seconds / 60) + "m";
        }
        return number(seconds) + "s";
    }

    /** Formats a rate in events per second, e.g. {@code 3.6/s}. */
    public static String formatRate(double perSecond) {
        return number(perSecond) + "/s";
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
