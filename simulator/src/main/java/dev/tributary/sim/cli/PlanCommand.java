package dev.tributary.sim.cli;

import dev.tributary.sim.value.Durations;
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

    @Option(names = "--rate", description = "Arrival rate, e.g. 1000/s.")
    String rate;

    @Option(names = "--service", description = "Mean service time per event, e.g. 10ms.")
    String service;

    @Option(names = "--serial-fraction", description = "Amdahl: the fraction of the work that cannot run in parallel (0–1).")
    Double serialFraction;

    @Option(names = "--workers", defaultValue = "64", description = "Amdahl: show speed-ups up to this many workers (default ${DEFAULT-VALUE}).")
    int workers;

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
        var out = spec.commandLine().getOut();
        if (serialFraction != null) {
            if (!(serialFraction > 0 && serialFraction <= 1) || workers < 1 || workers > 1_000_000) {
                throw new InvalidInputException("--serial-fraction: expected a fraction above 0 and at most 1, and --workers 1 or more");
            }
            out.printf(Locale.ROOT, "Amdahl's law, serial fraction %.3g: speed-up with n workers = 1 / (s + (1 − s)/n)%n%n",
                    serialFraction);
            out.printf(Locale.ROOT, "%8s %9s %11s%n", "workers", "speed-up", "efficiency");
            for (int n = 1; n <= workers; n *= 2) {
                double sp = dev.tributary.sim.theory.Amdahl.speedup(serialFraction, n);
                out.printf(Locale.ROOT, "%8d %9.3f %10.1f%%%n", n, sp, 100 * sp / n);
            }
            out.printf(Locale.ROOT, "%nNo number of workers goes beyond %.3g×: the serial stage caps the pipeline.%n",
                    dev.tributary.sim.theory.Amdahl.limit(serialFraction));
            if (rate == null && service == null) {
                out.flush();
                return 0;
            }
            out.println();
        }
        if (rate == null || service == null) {
            throw new InvalidInputException("--rate and --service are both needed to size a pool (or give --serial-fraction)");
        }
        double lambda = Durations.parseRate(rate);
        double s = Durations.parseDuration(service);
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new InvalidInputException("--rate: expected a rate above zero such as 1000/s; got '" + rate + "'");
        }
        if (!(s > 0) || Double.isInfinite(s) || Double.isInfinite(1 / s)) {
            throw new InvalidInputException("--service: expected a duration above zero such as 10ms; got '" + service + "'");
        }
        double wq = Double.NaN;
        if (maxWait != null) {
            wq = Durations.parseDuration(maxWait);
            if (Double.isInfinite(wq)) {
                throw new InvalidInputException("--max-wait: expected a finite duration such as 5ms; got '" + maxWait + "'");
            }
            if (!(wq > 0)) {
                throw new InvalidInputException("--max-wait: expected a duration above zero such as 5ms (no pool makes"
                        + " the mean wait exactly zero); got '" + maxWait + "'");
            }
        }
        check("--max-utilization", maxUtilization);
        check("--max-wait-probability", maxWaitProbability);
        if (maxWaitProbability != null && maxWaitProbability < CapacityPlan.MIN_WAIT_PROBABILITY) {
            throw new InvalidInputException(String.format(Locale.ROOT, "--max-wait-probability: expected at least %.0e;"
                    + " a smaller probability is beyond what the model (or any pool) can show; got %s",
                    CapacityPlan.MIN_WAIT_PROBABILITY, maxWaitProbability));
        }
        if (lose < 0) {
            throw new InvalidInputException("--lose: expected 0 or more consumers; got " + lose);
        }
        CapacityPlan.Target target = new CapacityPlan.Target(
                maxUtilization == null ? Double.NaN : maxUtilization, wq,
                maxWaitProbability == null ? Double.NaN : maxWaitProbability);
        CapacityPlan plan;
        try {
            plan = CapacityPlan.plan(lambda, 1 / s, target);
        } catch (CapacityPlan.Infeasible e) {
            throw new InvalidInputException("no pool meets the target: " + e.getMessage());
        }
        if (lose > plan.recommended()) {
            throw new InvalidInputException("--lose: expected at most the " + plan.recommended()
                    + " consumers recommended; got " + lose);
        }
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
