package dev.tributary.sim.value;

import java.util.List;

/** Reads a key distribution: {@code none}, {@code uniform(N)} or {@code zipf(N, EXPONENT)}. */
public final class KeysText {

    /** Most distinct keys a producer may have (each costs a few bytes per group and stream). */
    public static final int MAX_KEYS = 10_000_000;
    /** What the notation accepts, for messages. */
    public static final String EXPECTED = "none, uniform(N) or zipf(N, EXPONENT)";

    private KeysText() {
    }

    /** The key distribution written in {@code text}, or what was expected. */
    public static Parsed<KeySpec> parse(String text) {
        if (text.trim().equals("none")) {
            return Parsed.of(new KeySpec.None());
        }
        Calls.Call call = Calls.parse(text);
        if (call == null) {
            return Parsed.error("expected " + EXPECTED + "; got '" + text + "'");
        }
        String fn = call.name();
        List<String> args = call.args();
        int n = args.isEmpty() ? -1 : Calls.parseInt(args.get(0));
        if (!fn.equals("uniform") && !fn.equals("zipf")) {
            return Parsed.error("unknown key distribution '" + fn + "'" + Calls.suggestion(fn, List.of("uniform", "zipf"))
                    + "; expected " + EXPECTED);
        }
        if (n < 1 || n > MAX_KEYS) {
            return Parsed.error("expected a key count from 1 to " + MAX_KEYS + "; got '" + text + "'");
        }
        if (fn.equals("uniform")) {
            if (args.size() != 1) {
                return Parsed.error("expected uniform(N) with one key count; got '" + text + "'");
            }
            return Parsed.of(new KeySpec.UniformKeys(n));
        }
        if (args.size() != 2) {
            return Parsed.error("expected zipf(N, EXPONENT) such as zipf(1000, 1.1); got '" + text + "'");
        }
        double s = Calls.parseDouble(args.get(1));
        if (!(s > 0) || s > 10) {
            return Parsed.error("expected a Zipf exponent above 0 and at most 10; got '" + args.get(1) + "'");
        }
        return Parsed.of(new KeySpec.ZipfKeys(n, s));
    }
}
