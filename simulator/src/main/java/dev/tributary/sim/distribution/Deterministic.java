package dev.tributary.sim.distribution;

import dev.tributary.sim.engine.RandomStream;
import dev.tributary.sim.value.Durations;

/** Constant service time ("D" in Kendall notation), SCV = 0. */
public record Deterministic(double mean) implements Distribution {

    @Override
    public double sample(RandomStream random) {
        return mean;
    }

    @Override
    public double scv() {
        return 0.0;
    }

    @Override
    public Distribution scaled(double factor) {
        return new Deterministic(mean * factor);
    }

    @Override
    public String describe() {
        return "deterministic(" + Durations.format(mean) + ")";
    }

    @Override
    public String kendall() {
        return "D";
    }
}
