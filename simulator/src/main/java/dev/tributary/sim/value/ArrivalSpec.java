package dev.tributary.sim.value;

import java.util.List;

/** How a producer's events arrive in time. */
public sealed interface ArrivalSpec {

    /** Long-run mean rate in events per second over a run of {@code duration} seconds. */
    double meanRate(double duration);

    /** Squared coefficient of variation of the inter-arrival times (1 for Poisson, 0 for constant). */
    double scv();

    /** The text form used in scenario files. */
    String describe();

    /** The same process with its rate(s) multiplied by {@code factor}. */
    ArrivalSpec scaled(double factor);

    /** Poisson arrivals: exponential gaps with mean 1/rate. */
    record Poisson(double rate) implements ArrivalSpec {
        @Override
        public double meanRate(double duration) {
            return rate;
        }

        @Override
        public double scv() {
            return 1;
        }

        @Override
        public String describe() {
            return "poisson(" + Durations.formatRate(rate) + ")";
        }

        @Override
        public ArrivalSpec scaled(double factor) {
            return new Poisson(rate * factor);
        }
    }

    /** Evenly spaced arrivals, one every 1/rate seconds, the first at 1/rate. */
    record Constant(double rate) implements ArrivalSpec {
        @Override
        public double meanRate(double duration) {
            return rate;
        }

        @Override
        public double scv() {
            return 0;
        }

        @Override
        public String describe() {
            return "constant(" + Durations.formatRate(rate) + ")";
        }

        @Override
        public ArrivalSpec scaled(double factor) {
            return new Constant(rate * factor);
        }
    }

    /**
     * Bursty on-off arrivals (an interrupted Poisson process): Poisson at {@code rate} during ON
     * periods, silence during OFF periods; both period lengths exponential with the given means.
     * The run starts in an ON period.
     */
    record OnOff(double rate, double meanOn, double meanOff) implements ArrivalSpec {
        @Override
        public double meanRate(double duration) {
            return rate * meanOn / (meanOn + meanOff);
        }

        /**
         * Inter-arrival SCV of an interrupted Poisson process: c² = 1 + 2λr₁/(r₁ + r₂)², with r₁ the
         * ON→OFF and r₂ the OFF→ON switching rates (Fischer and Meier-Hellstern, "The Markov-modulated
         * Poisson process (MMPP) cookbook", Performance Evaluation 18, 1993).
         */
        @Override
        public double scv() {
            double r1 = 1 / meanOn;
            double r2 = 1 / meanOff;
            return 1 + 2 * rate * r1 / ((r1 + r2) * (r1 + r2));
        }

        @Override
        public String describe() {
            return "onoff(" + Durations.formatRate(rate) + ", " + Durations.format(meanOn) + ", "
                    + Durations.format(meanOff) + ")";
        }

        @Override
        public ArrivalSpec scaled(double factor) {
            return new OnOff(rate * factor, meanOn, meanOff);
        }
    }

    /** Poisson arrivals whose rate changes at given times (piecewise constant). */
    record Schedule(List<Step> steps) implements ArrivalSpec {

        /** From time {@code at} on, arrivals come at {@code rate} per second. */
        public record Step(double at, double rate) {
        }

        public Schedule {
            steps = List.copyOf(steps);
        }

        /** The rate in force at time {@code t}. */
        public double rateAt(double t) {
            double r = 0;
            for (Step s : steps) {
                if (s.at() <= t) {
                    r = s.rate();
                }
            }
            return r;
        }

        @Override
        public double meanRate(double duration) {
            double total = 0;
            for (int i = 0; i < steps.size(); i++) {
                double start = Math.min(steps.get(i).at(), duration);
                double end = i + 1 < steps.size() ? Math.min(steps.get(i + 1).at(), duration) : duration;
                total += steps.get(i).rate() * Math.max(0, end - start);
            }
            return duration > 0 ? total / duration : 0;
        }

        @Override
        public double scv() {
            return 1;
        }

        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder("schedule(");
            for (int i = 0; i < steps.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(Durations.format(steps.get(i).at())).append('=')
                        .append(Durations.formatRate(steps.get(i).rate()));
            }
            return sb.append(')').toString();
        }

        @Override
        public ArrivalSpec scaled(double factor) {
            return new Schedule(steps.stream().map(s -> new Step(s.at(), s.rate() * factor)).toList());
        }
    }
}
