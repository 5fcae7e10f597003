package dev.tributary.sim.cli;

import dev.tributary.sim.scenario.Durations;
import dev.tributary.sim.theory.CapacityPlan;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plan}: how many consumers (and partitions) a load needs. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Size a consumer pool for a target (M/M/c, Erlang C): utilization, mean wait, or probability of waiting.")
final class PlanCommand implements Callable<Integer> {

    @Option(names = "--rate", required = true, description = "Arrival rate, e.g. 1000/s.")
    String rate;

    @Option(names = "--service", required = true, description = "Mean service time per event, e.g. 10ms.")
    String service;

    @Option(names = "--max-utilization", description = "Keep ρ at or below this (0–1).")
    Double maxUtilization;

    @Option(names = "--max-wait", description = "Keep the mean wait Wq at or below this duration, e.g. 5ms.")
    String maxWait;

    @Option(names = "--max-wait-probability", description = "Keep P(wait) at or below this (0–1).")
    Double maxWaitProbability;

    @Option(names = "--lose", defaultValue = "0", description = "Also show what losing this many consumers does.")
    int lose;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        double lambda = Durations.parseRate(rate);
        double s = Durations.parseDuration(service);
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new InvalidInputException("--rate: expected a rate above zero such as 1000/s; got '" + rate + "'");
        }
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new InvalidInputException("--service: expected a duration above zero such as 10ms; got '" + service + "'");
        }
        double wq = Double.NaN;
        if (maxWait != null) {
            wq = Durations.parseDuration(maxWait);
            if (!(wq >= 0)) {
                throw new InvalidInputException("--max-wait: expected a duration such as 5ms; got '" + maxWait + "'");
            }
        }
        check("--max-utilization", maxUtilization);
        check("--max-wait-probability", maxWaitProbability);
        if (lose < 0) {
            throw new InvalidInputException("--lose: expected 0 or more consumers; got " + lose);
        }
        CapacityPlan.Target target = new CapacityPlan.Target(
                maxUtilization == null ? Double.NaN : maxUtilization, wq,
                maxWaitProbability == null ? Double.NaN : maxWaitProbability);
        CapacityPlan plan = CapacityPlan.plan(lambda, 1 / s, target);
        var out = spec.commandLine().getOut();
        out.print(plan.describe());
        if (lose > 0) {
            out.print(plan.afterLosing(lose));
        }
        out.flush();
        return 0;
    }

    private static void check(String name, Double v) {
        if (v != null && !(v > 0 && v <= 1)) {
            throw new InvalidInputException(name + ": expected a number above 0 and at most 1; got " + v);
        }
    }
}
