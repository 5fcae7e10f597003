package dev.tributary.sim.distribution;

import dev.tributary.sim.value.Calls;
import dev.tributary.sim.value.Durations;
import dev.tributary.sim.value.Parsed;
import java.util.List;

/** Reads a service-time law: {@code exponential(MEAN)}, {@code deterministic(V)}, {@code erlang(K, MEAN)}, ... */
public final class DistributionText {

    /** What the notation accepts, for messages. */
    public static final String EXPECTED =
            "exponential(MEAN), deterministic(VALUE), erlang(K, MEAN), lognormal(MEAN, SD) or uniform(MIN, MAX)";

    /** Largest lognormal standard deviation, as a multiple of the mean: ln(1 + 1e12) is still a sane σ². */
    static final double MAX_SPREAD = 1e6;

    private DistributionText() {
    }

    /** What an amount's notation accepts, for messages. */
    public static final String AMOUNT_EXPECTED = "an amount law with plain numbers: exponential(MEAN), deterministic(VALUE),"
            + " erlang(K, MEAN), lognormal(MEAN, SD) or uniform(MIN, MAX), e.g. exponential(250)";
    private static final java.util.regex.Pattern UNIT = java.util.regex.Pattern.compile("[0-9.]\\s*(ms|s|m|h|d)\\b");

    /**
     * An event amount's law (a payment's value): the same notation with plain numbers, no time unit;
     * or what was expected.
     */
    public static Parsed<Distribution> parseAmount(String text) {
        if (UNIT.matcher(text).find()) {
            return Parsed.error("expected " + AMOUNT_EXPECTED + " (an amount has no time unit); got '" + text + "'");
        }
        Parsed<Distribution> d = parse(text);
        if (d.ok()) {
            return d;
        }
        // the general "expected a distribution" adds nothing; a specific reason (a bad argument) does
        String why = d.problem().startsWith("expected a service-time distribution") ? ""
                : " (" + d.problem().replace("service time", "amount") + ")";
        return Parsed.error("expected " + AMOUNT_EXPECTED + "; got '" + text + "'" + why);
    }

    /** The distribution written in {@code text}, or what was expected. */
    public static Parsed<Distribution> parse(String text) {
        Calls.Call call = Calls.parse(text);
        if (call == null) {
            return Parsed.error("expected a service-time distribution: " + EXPECTED + ", e.g. exponential(1s); got '"
                    + text + "'");
        }
        String fn = call.name();
        List<String> a = call.args();
        switch (fn) {
            case "exponential", "exp" -> {
                if (a.size() == 1) {
                    Parsed<Double> mean = Calls.positiveDuration(a.get(0), "the mean service time");
                    return mean.ok() ? Parsed.of(new Exponential(mean.value())) : Parsed.error(mean.problem());
                }
            }
            case "deterministic", "constant" -> {
                if (a.size() == 1) {
                    Parsed<Double> v = Calls.positiveDuration(a.get(0), "the service time");
                    return v.ok() ? Parsed.of(new Deterministic(v.value())) : Parsed.error(v.problem());
                }
            }
            case "erlang" -> {
                if (a.size() == 2) {
                    int k = Calls.parseInt(a.get(0));
                    if (k < 1 || k > 1000) {
                        return Parsed.error("expected an Erlang shape k from 1 to 1000; got '" + a.get(0) + "'");
                    }
                    Parsed<Double> mean = Calls.positiveDuration(a.get(1), "the mean service time");
                    return mean.ok() ? Parsed.of(new Erlang(k, mean.value())) : Parsed.error(mean.problem());
                }
            }
            case "lognormal" -> {
                if (a.size() == 2) {
                    Parsed<Double> mean = Calls.positiveDuration(a.get(0), "the mean service time");
                    if (!mean.ok()) {
                        return Parsed.error(mean.problem());
                    }
                    Parsed<Double> sd = Calls.positiveDuration(a.get(1), "the standard deviation");
                    if (sd.ok() && sd.value() > MAX_SPREAD * mean.value()) {
                        return Parsed.error("expected a standard deviation at most " + (int) MAX_SPREAD
                                + " times the mean (beyond that the law's variance overflows); got '" + text + "'");
                    }
                    return sd.ok() ? Parsed.of(new Lognormal(mean.value(), sd.value())) : Parsed.error(sd.problem());
                }
            }
            case "uniform" -> {
                if (a.size() == 2) {
                    double lo = Durations.parseDuration(a.get(0));
                    double hi = Durations.parseDuration(a.get(1));
                    if (Double.isNaN(lo) || Double.isNaN(hi) || lo < 0 || hi <= lo) {
                        return Parsed.error("expected uniform(MIN, MAX) with 0 ≤ MIN < MAX, such as uniform(0.5s, 1.5s); got '"
                                + text + "'");
                    }
                    return Parsed.of(new Uniform(lo, hi));
                }
            }
            default -> {
                return Parsed.error("unknown distribution '" + fn + "'" + Calls.suggestion(fn,
                        List.of("exponential", "deterministic", "erlang", "lognormal", "uniform")) + "; expected " + EXPECTED);
            }
        }
        return Parsed.error("wrong number of arguments in '" + text + "'; expected " + EXPECTED);
    }
}
