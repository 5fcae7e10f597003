package dev.tributary.sim.cli;

import dev.tributary.sim.value.Durations;
import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.scenario.ScenarioReader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that run a scenario. */
final class ScenarioArgs {

    @Option(names = "--seed", description = "Override the scenario's seed.")
    Long seed;

    @Option(names = "--duration", description = "Override the simulated duration, e.g. 2h (a warm-up longer than half"
            + " of it is cut to half; set --warmup to choose).")
    String duration;

    @Option(names = "--warmup", description = "Override the warm-up, e.g. 10m.")
    String warmup;

    @Option(names = {"-r", "--replications"}, defaultValue = "1",
            description = "Independent replications; with 2 or more every figure gets a 95%% half-width (default ${DEFAULT-VALUE}).")
    int replications;

    /** Loads a scenario given as a path or as example:NAME, then applies the overrides. */
    static Scenario load(String arg) throws ScenarioException {
        if (arg.startsWith("example:")) {
            return Examples.load(arg.substring("example:".length()));
        }
        return ScenarioReader.read(Path.of(arg));
    }

    Scenario apply(Scenario s) {
        if (replications < 1 || replications > 10_000) {
            throw new InvalidInputException("--replications: expected a number from 1 to 10000; got " + replications);
        }
        if (seed != null) {
            s = s.withSeed(seed);
        }
        if (duration != null) {
            double d = Durations.parseDuration(duration);
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new InvalidInputException("--duration: expected a duration above zero such as 2h; got '" + duration + "'");
            }
            s = s.withDuration(d);
        }
        if (warmup != null) {
            double w = Durations.parseDuration(warmup);
            if (!(w >= 0) || w >= s.duration()) {
                throw new InvalidInputException("--warmup: expected a duration of zero or more, below the run's duration ("
                        + Durations.format(s.duration()) + "); got '" + warmup + "'");
            }
            s = s.withWarmup(w);
        }
        return s;
    }
}
