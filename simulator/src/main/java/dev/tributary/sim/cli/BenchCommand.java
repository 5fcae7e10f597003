package dev.tributary.sim.cli;

import dev.tributary.sim.report.RunSize;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.value.Durations;
import dev.tributary.sim.scenario.Scenario;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Option(names = "--events", defaultValue = "20000000", converter = MaxEvents.Count.class, description = "Events per run, roughly (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs (default ${DEFAULT-VALUE}).")
    int runs;

    @Mixin
    MaxEvents maxEvents;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Events the probe run that sizes the measured runs may simulate, at most (estimated). */
    static final double PROBE_EVENTS = 2e6;

    @Override
    public Integer call() throws Exception {
        if (events < 1000 || events > 1e15 || runs < 1 || runs > 1000) {
            throw new InvalidInputException("--events must be from 1000 to 1e15 and --runs from 1 to 1000; got --events "
                    + (events == Long.MAX_VALUE ? "beyond 9.22e18" : RunSize.count(events)) + " --runs " + runs);
        }
        double total = (double) events * (runs + 1) + PROBE_EVENTS;
        if (total > maxEvents.value) {
            throw new InvalidInputException(String.format(Locale.ROOT, "bench would simulate about %s events (%d runs"
                    + " and a warm-up run of %,d), more than the limit of %s (--max-events); lower --events or --runs,"
                    + " or raise the limit with --max-events N", RunSize.count(total), runs, events,
                    RunSize.count(maxEvents.value)));
        }
        Scenario s = ScenarioArgs.load(scenario);
        // estimate the events per simulated second from a short run, then size the duration; the probe
        // itself is kept short whatever the rates (poisson(1e308/s) simulates a few events in 1e-300 s)
        double probeDuration = Math.min(s.duration(), 3600);
        double probeEstimate = RunSize.events(s.withDuration(probeDuration));
        if (probeEstimate > PROBE_EVENTS) {
            probeDuration *= PROBE_EVENTS / probeEstimate;
        }
        if (!(probeDuration > 0)) {
            throw new InvalidInputException("bench cannot size a run of " + s.name() + ": its rates are too high to"
                    + " simulate even a moment of it");
        }
        Model probe = new Model(s.withDuration(probeDuration));
        probe.runToEnd();
        double perSecond = probe.events() / probe.now();
        double sizedDuration = events / perSecond;
        if (!(perSecond > 0) || !(sizedDuration > 0) || Double.isInfinite(sizedDuration)) {
            throw new InvalidInputException("bench cannot size a run of " + s.name() + ": a probe run of "
                    + Durations.format(probeDuration) + " simulated " + probe.events() + " events");
        }
        Scenario sized = s.withDuration(sizedDuration).withWarmup(0);
        RunSize.check(java.util.List.of(sized), 1, 0, Long.MAX_VALUE, "a bench run");
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "bench: %s, about %,d events per run, %d run%s after one warm-up run%n",
                s.name(), events, runs, runs == 1 ? "" : "s");
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
