package dev.tributary.sim.value;

/** How a producer picks each event's key among {@code key-0} … {@code key-(n−1)}. */
public sealed interface KeySpec {

    /** Number of distinct keys (0 for unkeyed events). */
    int count();

    /** Probability of each key, indexed by key (empty for unkeyed events). */
    double[] probabilities();

    /** The text form used in scenario files. */
    String describe();

    /** Events carry no key (Kafka: a null key). */
    record None() implements KeySpec {
        @Override
        public int count() {
            return 0;
        }

        @Override
        public double[] probabilities() {
            return new double[0];
        }

        @Override
        public String describe() {
            return "none";
        }
    }

    /** Every key equally likely. */
    record UniformKeys(int count) implements KeySpec {
        @Override
        public double[] probabilities() {
            double[] p = new double[count];
            java.util.Arrays.fill(p, 1.0 / count);
            return p;
        }

        @Override
        public String describe() {
            return "uniform(" + count + ")";
        }
    }

    /** Zipf-distributed keys: P(key i) ∝ 1/(i+1)^exponent, so key-0 is the hottest. */
    record ZipfKeys(int count, double exponent) implements KeySpec {
        /** (i + 1)^−s over their sum, with StrictMath so the sampler draws the same keys on every JVM. */
        @Override
        public double[] probabilities() {
            double[] p = new double[count];
            double norm = 0;
            for (int i = 0; i < count; i++) {
                p[i] = StrictMath.pow(i + 1, -exponent);
                norm += p[i];
            }
            for (int i = 0; i < count; i++) {
                p[i] /= norm;
            }
            return p;
        }

        @Override
        public String describe() {
            return "zipf(" + count + ", " + exponent + ")";
        }
    }
}
