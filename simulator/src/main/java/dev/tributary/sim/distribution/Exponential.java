package dev.tributary.sim.distribution;

import dev.tributary.sim.engine.RandomStream;
import dev.tributary.sim.value.Durations;

/** Exponential service with the given mean: memoryless, SCV = 1 ("M" in Kendall notation). */
public record Exponential(double mean) implements Distribution {

    @Override
    public double sample(RandomStream random) {
        return random.exponential(mean);
    }

    @Override
    public double scv() {
        return 1.0;
    }

    @Override
    public Distribution scaled(double factor) {
        return new Exponential(mean * factor);
    }

    @Override
    public String describe() {
        return "exponential(" + Durations.format(mean) + ")";
    }

    @Override
    public String kendall() {
        return "M";
    }
}
