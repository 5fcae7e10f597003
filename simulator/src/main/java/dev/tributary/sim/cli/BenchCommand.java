package dev.tributary.sim.cli;

import dev.tributary.sim.model.Model;
import dev.tributary.sim.scenario.Scenario;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: events per second through the full scenario path (parsing excluded) with every
 * metric on. The default model is the M/M/4 example (λ = 3.6/s, μ = 1/s, ρ = 0.9), the same model
 * the peer figures in the project's notes were measured on.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure simulated events per second (median of several runs, after a JIT warm-up run).")
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", defaultValue = "example:basics/mmc-queue",
            description = "Scenario to run (default ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--events", defaultValue = "20000000", description = "Events per run, roughly (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs (default ${DEFAULT-VALUE}).")
    int runs;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (events < 1000 || runs < 1) {
            throw new InvalidInputException("--events must be at least 1000 and --runs at least 1");
        }
        Scenario s = ScenarioArgs.load(scenario);
        // estimate the events per simulated second from a short run, then size the duration
        Model probe = new Model(s.withDuration(Math.min(s.duration(), 3600)));
        probe.runToEnd();
        double perSecond = Math.max(1e-9, probe.events() / probe.now());
        Scenario sized = s.withDuration(events / perSecond).withWarmup(0);
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "bench: %s, about %,d events per run, %d runs after one warm-up run%n",
                s.name(), events, runs);
        run(sized); // JIT warm-up
        double[] rates = new double[runs];
        for (int i = 0; i < runs; i++) {
            rates[i] = run(sized);
            out.printf(Locale.ROOT, "  run %d: %,.0f events/s%n", i + 1, rates[i]);
            out.flush();
        }
        Arrays.sort(rates);
        double median = rates[runs / 2];
        out.printf(Locale.ROOT, "median: %,.0f events/s (min %,.0f, max %,.0f)%n", median, rates[0], rates[runs - 1]);
        out.flush();
        return 0;
    }

    private static double run(Scenario s) {
        Model m = new Model(s);
        long t0 = System.nanoTime();
        m.runToEnd();
        double secs = (System.nanoTime() - t0) / 1e9;
        return m.events() / secs;
    }
}
