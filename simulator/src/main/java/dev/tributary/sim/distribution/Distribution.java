package dev.tributary.sim.distribution;

import dev.tributary.sim.engine.RandomStream;

/**
 * A non-negative random duration (service time) in seconds.
 *
 * <p>Besides sampling, each distribution reports its mean and squared coefficient of variation
 * (SCV = variance / mean²): the two numbers the M/G/1 and G/G/c formulas in {@code theory} need.
 */
public sealed interface Distribution
        permits Exponential, Deterministic, Erlang, Lognormal, Uniform {

    /** Draws one value from {@code random}. */
    double sample(RandomStream random);

    /** The mean in seconds. */
    double mean();

    /** Squared coefficient of variation: variance divided by the squared mean. */
    double scv();

    /** The same distribution shape with its mean multiplied by {@code factor}. */
    Distribution scaled(double factor);

    /** The text form used in scenario files, e.g. {@code exponential(1s)}. */
    String describe();

    /** Kendall-notation letter for this service law: M, D, E_k or G. */
    default String kendall() {
        return "G";
    }
}
