package dev.tributary.sim.failure;

import dev.tributary.sim.value.Calls;
import dev.tributary.sim.value.Durations;
import dev.tributary.sim.value.Parsed;
import java.util.List;

/**
 * Reads a backoff: a fixed duration ({@code 1s}) or {@code exponential(INITIAL, FACTOR, CAP)} with
 * an optional fourth argument, the jitter ({@code 50%}, {@code 0.5} or {@code full}).
 */
public final class BackoffText {

    /** What the notation accepts, for messages. */
    public static final String EXPECTED = "a fixed delay such as 1s, or exponential(INITIAL, FACTOR, CAP[, JITTER])"
            + " such as exponential(100ms, 2, 5s) or exponential(100ms, 2, 5s, full)";

    private BackoffText() {
    }

    /** The backoff written in {@code text}, or what was expected. */
    public static Parsed<Backoff> parse(String text) {
        String t = text.trim();
        Calls.Call call = Calls.parse(t);
        if (call == null) {
            Parsed<Double> d = duration(t, "a delay");
            return d.ok() ? Parsed.of(Backoff.fixed(d.value())) : Parsed.error(d.problem());
        }
        if (!call.name().equals("exponential") && !call.name().equals("fixed")) {
            return Parsed.error("unknown backoff '" + call.name() + "'"
                    + Calls.suggestion(call.name(), List.of("exponential", "fixed")) + "; expected " + EXPECTED);
        }
        List<String> a = call.args();
        if (call.name().equals("fixed")) {
            if (a.size() != 1) {
                return Parsed.error("expected fixed(DELAY); got '" + t + "'");
            }
            Parsed<Double> d = duration(a.get(0), "a delay");
            return d.ok() ? Parsed.of(Backoff.fixed(d.value())) : Parsed.error(d.problem());
        }
        if (a.size() != 3 && a.size() != 4) {
            return Parsed.error("expected exponential(INITIAL, FACTOR, CAP) or exponential(INITIAL, FACTOR, CAP, JITTER);"
                    + " got '" + t + "' with " + a.size() + " argument" + (a.size() == 1 ? "" : "s"));
        }
        Parsed<Double> initial = duration(a.get(0), "an initial delay");
        if (!initial.ok()) {
            return Parsed.error(initial.problem());
        }
        double factor = Calls.parseDouble(a.get(1));
        if (!(factor >= 1) || Double.isInfinite(factor)) {
            return Parsed.error("expected a growth factor of 1 or more (2 doubles each delay); got '" + a.get(1) + "'");
        }
        Parsed<Double> cap = duration(a.get(2), "a cap");
        if (!cap.ok()) {
            return Parsed.error(cap.problem());
        }
        if (cap.value() < initial.value()) {
            return Parsed.error("expected a cap of at least the initial delay (" + Durations.format(initial.value())
                    + "); got '" + a.get(2) + "'");
        }
        double jitter = 0;
        if (a.size() == 4) {
            jitter = jitter(a.get(3));
            if (Double.isNaN(jitter)) {
                return Parsed.error("expected a jitter between 0% and 100% (or full); got '" + a.get(3) + "'");
            }
        }
        return Parsed.of(new Backoff(initial.value(), factor, cap.value(), jitter));
    }

    private static Parsed<Double> duration(String text, String what) {
        String t = text.trim();
        if (t.startsWith("-")) {
            return Parsed.error("expected " + what + " of zero or more; got '" + t + "'");
        }
        double d = Durations.parseDuration(t);
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Parsed.error("expected " + what + " as a duration such as 100ms or 5s (" + EXPECTED + "); got '" + t + "'");
        }
        return Parsed.of(d);
    }

    private static double jitter(String text) {
        String t = text.trim();
        if (t.equals("full")) {
            return 1;
        }
        double v = t.endsWith("%") ? Calls.parseDouble(t.substring(0, t.length() - 1)) / 100 : Calls.parseDouble(t);
        return v >= 0 && v <= 1 ? v : Double.NaN;
    }
}
