package dev.tributary.bench;

import dev.tributary.sim.model.ScenarioTheory;
import dev.tributary.sim.report.Report;
import dev.tributary.sim.report.Runner;
import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.scenario.ScenarioReader;
import dev.tributary.sim.sweep.Sweep;
import dev.tributary.sim.sweep.SweepPlan;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The speed-up of a sweep and of replications from 1 to 2 threads, measured alternately in one warm JVM:
 * a sweep of the M/M/c example over 4..7 consumers, 4 replications a point (16 independent runs), and 8
 * replications of the M/M/4 example, each timed with 1 thread and with 2, the order swapped every round.
 * Prints each run's wall time and the process's CPU time over it (how many cores it actually got on a
 * shared machine), the load average, the median times and the median of the rounds' speed-ups, and
 * checks that both thread counts give the same numbers. Usage:
 * {@code java -cp bench/target/tributary-bench.jar dev.tributary.bench.ThreadBench [ROUNDS] [HOURS]}
 * (default 5 rounds of 24 simulated hours a run).
 */
public final class ThreadBench {

    private ThreadBench() {
    }

    /** One timed run: wall seconds, process CPU seconds over it, and a fingerprint of its numbers. */
    private record Timing(double wall, double cpu, String numbers) {
    }

    /** Runs the rounds and prints every run, then the medians and the speed-ups. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        double hours = args.length > 1 ? Double.parseDouble(args[1]) : 24;
        String file = Examples.resource("basics/mmc-queue");
        String text = ScenarioReader.resourceText(file);
        SweepPlan plan = SweepPlan.of(text, file, List.of(SweepPlan.parameter("payment.instances=4..7")),
                s -> s.withDuration(hours * 3600).withWarmup(600));
        Scenario mmc = Examples.load("basics/mmc-queue").withDuration(hours * 3600).withWarmup(600);
        System.out.printf(Locale.ROOT, "%d cores available; load average %.2f; %d rounds of %.0f h a run%n",
                Runtime.getRuntime().availableProcessors(), load(), rounds, hours);
        System.out.println("sweep: payment.instances=4..7, 4 replications a point (16 runs); replications: 8 of M/M/4");
        sweep(plan, 2); // JIT warm-up
        replications(mmc, 2);
        List<double[]> sweeps = new ArrayList<>();
        List<double[]> reps = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            boolean oneFirst = r % 2 == 0;
            Timing[] s = new Timing[3];
            Timing[] p = new Timing[3];
            for (int threads : oneFirst ? new int[] {1, 2} : new int[] {2, 1}) {
                s[threads] = sweep(plan, threads);
                p[threads] = replications(mmc, threads);
            }
            check(s[1], s[2], "sweep");
            check(p[1], p[2], "replications");
            sweeps.add(new double[] {s[1].wall(), s[2].wall(), s[1].wall() / s[2].wall()});
            reps.add(new double[] {p[1].wall(), p[2].wall(), p[1].wall() / p[2].wall()});
            System.out.printf(Locale.ROOT, "round %d (%s first), load %.2f: sweep 1 thread %.2f s (cpu %.2f s),"
                            + " 2 threads %.2f s (cpu %.2f s): %.2f×; replications 1 thread %.2f s (cpu %.2f s), 2 threads"
                            + " %.2f s (cpu %.2f s): %.2f×%n", r + 1, oneFirst ? "1" : "2", load(),
                    s[1].wall(), s[1].cpu(), s[2].wall(), s[2].cpu(), s[1].wall() / s[2].wall(),
                    p[1].wall(), p[1].cpu(), p[2].wall(), p[2].cpu(), p[1].wall() / p[2].wall());
        }
        summary("sweep", sweeps);
        summary("replications", reps);
        System.out.printf(Locale.ROOT, "load average at the end %.2f; 1 and 2 threads gave identical numbers in every"
                + " round%n", load());
    }

    private static void summary(String what, List<double[]> rows) {
        System.out.printf(Locale.ROOT, "%s: median 1 thread %.2f s, 2 threads %.2f s; speed-up (median of the rounds')"
                        + " %.2f× (min %.2f, max %.2f)%n", what, median(rows, 0), median(rows, 1), median(rows, 2),
                rows.stream().mapToDouble(r -> r[2]).min().orElse(Double.NaN),
                rows.stream().mapToDouble(r -> r[2]).max().orElse(Double.NaN));
    }

    private static void check(Timing one, Timing two, String what) {
        if (!one.numbers().equals(two.numbers())) {
            throw new IllegalStateException(what + ": 1 and 2 threads gave different numbers");
        }
    }

    private static Timing sweep(SweepPlan plan, int threads) {
        double cpu0 = cpuSeconds();
        long t0 = System.nanoTime();
        Sweep.Result r = Sweep.run(new Runner().withPredictor(ScenarioTheory::reportBlocks), plan.points(), 4, threads);
        double wall = (System.nanoTime() - t0) / 1e9;
        StringBuilder numbers = new StringBuilder();
        for (Report rep : r.reports()) {
            numbers.append(fingerprint(rep));
        }
        return new Timing(wall, cpuSeconds() - cpu0, numbers.toString());
    }

    private static Timing replications(Scenario s, int threads) {
        double cpu0 = cpuSeconds();
        long t0 = System.nanoTime();
        Report r = new Runner().withThreads(threads).run(s, 8);
        double wall = (System.nanoTime() - t0) / 1e9;
        return new Timing(wall, cpuSeconds() - cpu0, fingerprint(r));
    }

    private static String fingerprint(Report r) {
        StringBuilder sb = new StringBuilder();
        r.elements().forEach(e -> e.measured().forEach((k, f) -> sb.append(e.id()).append('.').append(k).append('=')
                .append(f.value()).append('±').append(f.halfWidth()).append(';')));
        return sb.toString();
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double median(List<double[]> rows, int col) {
        double[] xs = rows.stream().mapToDouble(r -> r[col]).toArray();
        Arrays.sort(xs);
        return xs.length % 2 == 1 ? xs[xs.length / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;
    }
}
