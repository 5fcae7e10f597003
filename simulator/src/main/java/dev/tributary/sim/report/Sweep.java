package dev.tributary.sim.report;

import dev.tributary.sim.model.Model;
import dev.tributary.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

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

    /** Runs {@code replications} replications of each scenario in {@code points} on {@code threads} threads. */
    public static Result run(Runner runner, List<Scenario> points, int replications, int threads) {
        if (replications < 1 || threads < 1 || points.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs a point, a replication and a thread");
        }
        int n = points.size();
        Model[][] models = new Model[n][replications];
        double[][] engine = new double[n][replications];
        Report[] reports = new Report[n];
        AtomicInteger[] left = new AtomicInteger[n];
        for (int p = 0; p < n; p++) {
            left[p] = new AtomicInteger(replications);
        }
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
                        Scenario s = points.get(point);
                        Model m = new Model(s, Runner.replicationSeed(s.seed(), rep));
                        long t0 = System.nanoTime();
                        m.runToEnd();
                        engine[point][rep] = (System.nanoTime() - t0) / 1e9;
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
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
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
}
