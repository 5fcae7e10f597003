package dev.tributary.sim.sweep;

import dev.tributary.sim.model.Model;
import dev.tributary.sim.report.Report;
import dev.tributary.sim.report.Runner;
import dev.tributary.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * Runs the points of a parameter sweep: every replication of every point is one task on a pool of
 * threads. Replication r of every point runs on the same seed ({@link Runner#replicationSeed}), so all
 * points see the same arrivals (common random numbers: random streams are drawn by element id and
 * purpose, not by position). Results are gathered by index, so the reports are the same whatever the
 * thread count; a point's models are dropped as soon as its report is made.
 */
public final class Sweep {

    /** The reports of every point, in point order, and the wall time the whole sweep took. */
    public record Result(List<Report> reports, double wallSeconds, long events) {
        public Result {
            reports = List.copyOf(reports);
        }
    }

    private Sweep() {
    }

    /** Threads a sweep uses when not told: one per available processor. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** Runs {@code replications} replications of each scenario in {@code points} on {@code threads} threads. */
    public static Result run(Runner runner, List<Scenario> points, int replications, int threads) {
        return run(runner, points, replications, threads, f -> { }, () -> false);
    }

    /**
     * As {@link #run(Runner, List, int, int)}, telling {@code progress} the fraction (0–1) of all
     * simulated time done (from the pool's threads), and stopping with a {@link CancellationException}
     * soon after {@code cancelled} turns true (it is asked every {@link dev.tributary.sim.engine.Engine#PROGRESS_EVERY}
     * events of every running replication).
     */
    public static Result run(Runner runner, List<Scenario> points, int replications, int threads,
                             DoubleConsumer progress, BooleanSupplier cancelled) {
        if (replications < 1 || threads < 1 || points.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs a point, a replication and a thread");
        }
        int n = points.size();
        Model[][] models = new Model[n][replications];
        double[][] engine = new double[n][replications];
        double[][] done = new double[n][replications];
        Report[] reports = new Report[n];
        AtomicInteger[] left = new AtomicInteger[n];
        for (int p = 0; p < n; p++) {
            left[p] = new AtomicInteger(replications);
        }
        AtomicBoolean failed = new AtomicBoolean();
        double tasks = (double) n * replications;
        double[] sum = new double[1];
        long wall0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tributary-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int p = 0; p < n; p++) {
                for (int r = 0; r < replications; r++) {
                    final int point = p;
                    final int rep = r;
                    futures.add(pool.submit(() -> {
                        if (failed.get() || cancelled.getAsBoolean()) {
                            throw new CancellationException("the sweep was cancelled");
                        }
                        Scenario s = points.get(point);
                        Model m = new Model(s, Runner.replicationSeed(s.seed(), rep));
                        m.control().setProgressListener((now, ev) -> {
                            if (failed.get() || cancelled.getAsBoolean()) {
                                throw new CancellationException("the sweep was cancelled");
                            }
                            report(progress, sum, done[point], rep, Math.min(1, now / s.duration()), tasks);
                        });
                        long t0 = System.nanoTime();
                        m.runToEnd();
                        engine[point][rep] = (System.nanoTime() - t0) / 1e9;
                        report(progress, sum, done[point], rep, 1, tasks);
                        synchronized (models[point]) {
                            models[point][rep] = m;
                        }
                        if (left[point].decrementAndGet() == 0) {
                            // the last replication of a point to finish makes its report; which thread that is
                            // does not matter, the report depends on the models only
                            List<Runner.Replication> reps = new ArrayList<>();
                            synchronized (models[point]) {
                                for (int i = 0; i < replications; i++) {
                                    reps.add(new Runner.Replication(models[point][i], engine[point][i], 0));
                                    models[point][i] = null;
                                }
                            }
                            reports[point] = runner.report(s, reps);
                        }
                    }));
                }
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            failed.set(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            failed.set(true); // the other replications stop at their next progress call
            if (e.getCause() instanceof Error err) {
                throw err; // an OutOfMemoryError keeps its meaning for the command's message
            }
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        long events = 0;
        for (Report r : reports) {
            events += r.events();
        }
        return new Result(List.of(reports), (System.nanoTime() - wall0) / 1e9, events);
    }

    /** Records replication {@code rep}'s fraction done and tells {@code progress} the whole sweep's. */
    private static void report(DoubleConsumer progress, double[] sum, double[] point, int rep, double fraction,
                               double tasks) {
        double total;
        synchronized (sum) {
            sum[0] += fraction - point[rep];
            point[rep] = fraction;
            total = sum[0];
        }
        progress.accept(Math.min(1, total / tasks));
    }
}
