package dev.tributary.sim.distribution;

import dev.tributary.sim.engine.RandomStream;
import dev.tributary.sim.value.Durations;

/** Erlang-k: the sum of k exponential phases with total mean {@code mean}; SCV = 1/k. */
public record Erlang(int k, double mean) implements Distribution {

    @Override
    public double sample(RandomStream random) {
        double phase = mean / k;
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += random.exponential(phase);
        }
        return sum;
    }

    @Override
    public double scv() {
        return 1.0 / k;
    }

    @Override
    public Distribution scaled(double factor) {
        return new Erlang(k, mean * factor);
    }

    @Override
    public String describe() {
        return "erlang(" + k + ", " + Durations.format(mean) + ")";
    }

    @Override
    public String kendall() {
        return "E" + k;
    }
}
