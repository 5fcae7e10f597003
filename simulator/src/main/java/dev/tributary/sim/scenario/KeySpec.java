package dev.tributary.sim.scenario;

/** How a producer picks each event's key among {@code key-0} … {@code key-(n−1)}. */
public sealed interface KeySpec {

    /** Number of distinct keys (0 for unkeyed events). */
    int count();

    /** Probability that an event carries key {@code i}. */
    double probability(int i);

    /** The text form used in scenario files. */
    String describe();

    /** Events carry no key (Kafka: a null key). */
    record None() implements KeySpec {
        @Override
        public int count() {
            return 0;
        }

        @Override
        public double probability(int i) {
            return 0;
        }

        @Override
        public String describe() {
            return "none";
        }
    }

    /** Every key equally likely. */
    record UniformKeys(int count) implements KeySpec {
        @Override
        public double probability(int i) {
            return 1.0 / count;
        }

        @Override
        public String describe() {
            return "uniform(" + count + ")";
        }
    }

    /** Zipf-distributed keys: P(key i) ∝ 1/(i+1)^exponent, so key-0 is the hottest. */
    record ZipfKeys(int count, double exponent) implements KeySpec {
        @Override
        public double probability(int i) {
            double norm = 0;
            for (int k = 1; k <= count; k++) {
                norm += Math.pow(k, -exponent);
            }
            return Math.pow(i + 1, -exponent) / norm;
        }

        @Override
        public String describe() {
            return "zipf(" + count + ", " + exponent + ")";
        }
    }
}
