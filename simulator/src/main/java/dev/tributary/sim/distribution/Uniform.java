package dev.tributary.sim.distribution;

import dev.tributary.sim.engine.RandomStream;
import dev.tributary.sim.value.Durations;

/** Uniform service on [low, high]; SCV = (high − low)² / (3 (high + low)²). */
public record Uniform(double low, double high) implements Distribution {

    @Override
    public double sample(RandomStream random) {
        return low + (high - low) * random.nextDouble();
    }

    @Override
    public double mean() {
        return (low + high) / 2;
    }

    @Override
    public double scv() {
        double var = (high - low) * (high - low) / 12.0;
        double m = mean();
        return var / (m * m);
    }

    @Override
    public Distribution scaled(double factor) {
        return new Uniform(low * factor, high * factor);
    }

    @Override
    public String describe() {
        return "uniform(" + Durations.format(low) + ", " + Durations.format(high) + ")";
    }
}
