package dev.tributary.sim.value;

import java.util.ArrayList;
import java.util.List;

/** Reads an arrival process: {@code poisson(RATE)}, {@code constant(RATE)}, {@code onoff(RATE, ON, OFF)}, {@code schedule(T=R, ...)}. */
public final class ArrivalsText {

    /** What the notation accepts, for messages. */
    public static final String EXPECTED =
            "an arrival process: poisson(3.6/s), constant(2/s), onoff(20/s, 5s, 15s) or schedule(0s=2/s, 10m=5/s)";

    private ArrivalsText() {
    }

    /** The arrival process written in {@code text}, or what was expected. */
    public static Parsed<ArrivalSpec> parse(String text) {
        Calls.Call call = Calls.parse(text);
        if (call == null) {
            return Parsed.error("expected " + EXPECTED + "; got '" + text + "'");
        }
        String fn = call.name();
        List<String> args = call.args();
        switch (fn) {
            case "poisson", "constant" -> {
                if (args.size() != 1) {
                    return Parsed.error("expected " + fn + "(RATE) with one rate such as 3.6/s; got '" + text + "'");
                }
                Parsed<Double> rate = Calls.rate(args.get(0));
                if (!rate.ok()) {
                    return Parsed.error(rate.problem());
                }
                return Parsed.of(fn.equals("poisson") ? new ArrivalSpec.Poisson(rate.value())
                        : new ArrivalSpec.Constant(rate.value()));
            }
            case "onoff", "bursty" -> {
                if (args.size() != 3) {
                    return Parsed.error("expected " + fn + "(RATE, MEAN_ON, MEAN_OFF) such as onoff(20/s, 5s, 15s); got '"
                            + text + "'");
                }
                Parsed<Double> rate = Calls.rate(args.get(0));
                Parsed<Double> on = Calls.positiveDuration(args.get(1), "the mean ON period");
                Parsed<Double> off = Calls.positiveDuration(args.get(2), "the mean OFF period");
                for (Parsed<Double> p : List.of(rate, on, off)) {
                    if (!p.ok()) {
                        return Parsed.error(p.problem());
                    }
                }
                return Parsed.of(new ArrivalSpec.OnOff(rate.value(), on.value(), off.value()));
            }
            case "schedule" -> {
                List<ArrivalSpec.Schedule.Step> steps = new ArrayList<>();
                double last = -1;
                for (String arg : args) {
                    String[] parts = arg.split("=");
                    if (parts.length != 2) {
                        return Parsed.error("expected schedule steps written TIME=RATE such as 10m=5/s; got '" + arg + "'");
                    }
                    double at = Durations.parseDuration(parts[0]);
                    double rate = Durations.parseRate(parts[1]);
                    if (Double.isNaN(at) || Double.isNaN(rate) || rate < 0) {
                        return Parsed.error("expected a step TIME=RATE with a duration and a rate of 0 or more, such as 10m=5/s; got '"
                                + arg + "'");
                    }
                    if (at <= last) {
                        return Parsed.error("expected schedule steps in increasing time order; '" + arg
                                + "' does not come after the step before it");
                    }
                    last = at;
                    steps.add(new ArrivalSpec.Schedule.Step(at, rate));
                }
                if (steps.isEmpty() || steps.get(0).at() != 0) {
                    return Parsed.error("expected the schedule to start with a step at 0s, e.g. schedule(0s=2/s, 10m=5/s)");
                }
                if (steps.stream().allMatch(s -> s.rate() == 0)) {
                    return Parsed.error("expected at least one step with a rate above zero");
                }
                return Parsed.of(new ArrivalSpec.Schedule(steps));
            }
            default -> {
                return Parsed.error("unknown arrival process '" + fn + "'"
                        + Calls.suggestion(fn, List.of("poisson", "constant", "onoff", "bursty", "schedule"))
                        + "; expected " + EXPECTED);
            }
        }
    }
}
