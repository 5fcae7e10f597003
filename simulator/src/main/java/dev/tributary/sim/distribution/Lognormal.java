package dev.tributary.sim.distribution;

import dev.tributary.sim.engine.RandomStream;
import dev.tributary.sim.value.Durations;

/**
 * Lognormal service parameterised by its own mean and standard deviation (not those of the
 * underlying normal): σ² = ln(1 + sd²/mean²), μ = ln(mean) − σ²/2.
 */
public record Lognormal(double mean, double sd) implements Distribution {

    @Override
    public double sample(RandomStream random) {
        // StrictMath: bit-identical on every JVM (see RandomStream#exponential)
        double sigma2 = StrictMath.log1p((sd * sd) / (mean * mean));
        double mu = StrictMath.log(mean) - sigma2 / 2;
        return StrictMath.exp(mu + Math.sqrt(sigma2) * random.gaussian());
    }

    @Override
    public double scv() {
        return (sd * sd) / (mean * mean);
    }

    @Override
    public Distribution scaled(double factor) {
        return new Lognormal(mean * factor, sd * factor);
    }

    @Override
    public String describe() {
        return "lognormal(" + Durations.format(mean) + ", " + Durations.format(sd) + ")";
    }
}
