package dev.tributary.sim.fault;

import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.format.Fields;
import dev.tributary.sim.value.Durations;
import dev.tributary.sim.value.Parsed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code {at: 60s, rate: checkout, to: 30/s, for: 2m}}: a producer's arrival rate changes to
 * {@code to} (a flash sale, a load test, a client backing off); with {@code for} it goes back to
 * its own process afterwards. The process keeps its shape: Poisson stays Poisson (the next gap is
 * drawn afresh at the change, exact by the memoryless property), constant stays evenly spaced (the
 * next event comes 1/rate after the last one, or at the change if that is already past), onoff
 * changes its rate while ON, and a schedule is overridden while the change lasts.
 *
 * @param rate     the rate in force while it lasts, events per second (0 stops the producer)
 * @param duration how long it lasts (infinite: until the end of the run)
 */
public record RateFault(double at, String target, double rate, double duration) implements FaultSpec {

    /** Most events per second a rate change may set (as the arrival parsers allow). */
    public static final double MAX_RATE = 1e9;

    /** The kind: the word {@code rate}. */
    public static final FaultKind KIND = new FaultKind() {
        @Override
        public String word() {
            return "rate";
        }

        @Override
        public String summary() {
            return "a producer's arrival rate changes (for a while, or until the end)";
        }

        @Override
        public Target target() {
            return Target.PRODUCER;
        }

        @Override
        public Map<String, String> keys() {
            Map<String, String> k = new LinkedHashMap<>();
            k.put("to", "the new rate, e.g. 30/s (0/s stops the producer; required)");
            k.put("for", FOR);
            return k;
        }

        @Override
        public FaultSpec bind(double at, String target, Fields f, Scope scope) {
            if (!f.has("to")) {
                f.problem("to", "is missing; expected the new rate, e.g. to: 30/s");
                return null;
            }
            Double r = f.value("to", RateFault::parseRate, "a rate such as 30/s", true);
            double d = f.duration("for", Double.POSITIVE_INFINITY, false);
            return r == null ? null : new RateFault(at, target, r, d);
        }
    };

    private static Parsed<Double> parseRate(String text) {
        double r = Durations.parseRate(text.trim());
        if (Double.isNaN(r)) {
            return Parsed.error("expected a rate such as 30/s, 1800/m or 0/s; got '" + text + "'");
        }
        if (!(r >= 0 && r <= MAX_RATE)) {
            return Parsed.error("expected a rate from 0/s to " + (long) MAX_RATE + "/s; got '" + text + "'");
        }
        return Parsed.of(r);
    }

    @Override
    public FaultKind kind() {
        return KIND;
    }

    /** A producer disturbs nothing by itself: its rates are part of the prediction, step by step. */
    @Override
    public List<String> disturbs() {
        return List.of();
    }

    @Override
    public double rateOf(String producer, double t) {
        return producer.equals(target) && t >= at && t < at + duration ? rate : Double.NaN;
    }

    @Override
    public List<Double> rateChanges() {
        return Double.isFinite(duration) ? List.of(at, at + duration) : List.of(at);
    }

    @Override
    public List<Double> drainsFrom() {
        return rateChanges();
    }

    @Override
    public String describe() {
        return "at " + Durations.format(at) + " " + target + " changes to " + Durations.formatRate(rate)
                + (Double.isInfinite(duration) ? "" : " for " + Durations.format(duration));
    }

    @Override
    public void schedule(Engine engine, FaultTargets targets) {
        FaultTargets.RateControl p = targets.producer(target);
        Object token = this;
        FaultPeriod.schedule(engine, targets, at, duration, targets.indexOf(target), "rate",
                on -> p.rate(on ? rate : Double.NaN, token));
    }
}
