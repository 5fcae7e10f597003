package dev.tributary.sim.report;

import dev.tributary.sim.metrics.BatchMeans;
import dev.tributary.sim.metrics.Estimate;
import dev.tributary.sim.metrics.Mser;
import dev.tributary.sim.metrics.TimeSeries;
import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a scenario headless: one run, or R independent replications whose per-figure means get
 * Student-t 95% half-widths. Replication r uses {@link #replicationSeed}, so replication 0 is the
 * scenario's own seed and results are identical however often they are repeated.
 */
public final class Runner {

    private Function<Scenario, Map<String, Map<String, Object>>> predictor = s -> Map.of();
    private boolean perReplication;
    /** Whether predictions are wanted (then drain times after faults are predicted too). */
    private boolean predicting;
    private java.util.function.DoubleConsumer progress = f -> { };
    /** Threads replications run on; 0 for one per available processor. */
    private int threads;
    private java.util.function.Function<List<dev.tributary.sim.element.ElementInfo>, dev.tributary.sim.observe.ModelObserver>
            trace;

    /** Sets what hears progress, as the fraction (0–1) of all replications' simulated time done. */
    public Runner withProgress(java.util.function.DoubleConsumer p) {
        this.progress = p;
        return this;
    }

    /** Sets what fills each element's {@code predicted} block (the theory, once wired in). */
    public Runner withPredictor(Function<Scenario, Map<String, Map<String, Object>>> p) {
        this.predictor = p;
        this.predicting = true;
        return this;
    }

    /** Sets what watches replication 0's model (an {@link EventTrace}, say), given the model's elements. */
    public Runner withTrace(java.util.function.Function<List<dev.tributary.sim.element.ElementInfo>,
            dev.tributary.sim.observe.ModelObserver> trace) {
        this.trace = trace;
        return this;
    }

    /**
     * Runs replications on at most {@code n} threads (0, the default: one per available processor);
     * the report does not depend on it.
     */
    public Runner withThreads(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("threads must be 0 (every core) or more; got " + n);
        }
        this.threads = n;
        return this;
    }

    /** Keeps every replication's value of every figure in the report (off by default). */
    public Runner withPerReplication(boolean keep) {
        this.perReplication = keep;
        return this;
    }

    /** The seed of replication {@code r} of a scenario seeded {@code seed}. */
    public static long replicationSeed(long seed, int r) {
        return r == 0 ? seed : seed + 0x9E3779B97F4A7C15L * r;
    }

    /** Runs {@code replications} independent replications of {@code scenario}. */
    public Report run(Scenario scenario, int replications) {
        return report(scenario, replicate(scenario, replications));
    }

    /** The report of replications already run by {@link #replicate} (replication 0 also gives the series). */
    public Report report(Scenario scenario, List<Replication> reps) {
        int replications = reps.size();
        List<List<ElementResult>> runs = new ArrayList<>();
        long events = 0;
        double engine = 0;
        for (Replication r : reps) {
            runs.add(r.model().results());
            events += r.model().events();
            engine += r.engineSeconds();
        }
        return combine(scenario, replications, events, reps.get(0).wallSeconds(), engine, runs, reps.get(0).model());
    }

    /**
     * One finished replication: its model (results, series), the engine time it took, and the wall
     * time of the whole batch of replications it ran in (they run in parallel).
     */
    public record Replication(Model model, double engineSeconds, double wallSeconds) {
    }

    /**
     * Runs replications 0 … n−1 of {@code scenario} to the end, in parallel, and returns them in
     * replication order (so whatever the thread count, the same seeds give the same list).
     */
    public List<Replication> replicate(Scenario scenario, int replications) {
        if (replications < 1) {
            throw new IllegalArgumentException("replications must be at least 1");
        }
        // replications are independent: run them on every core; results are gathered by index, so
        // the report is the same whatever the thread count
        int cores = this.threads > 0 ? this.threads : Runtime.getRuntime().availableProcessors();
        int threads = Math.min(replications, Math.max(1, cores));
        double[] done = new double[replications];
        Model[] models = new Model[replications];
        double[] engineSeconds = new double[replications];
        long wall0 = System.nanoTime();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tributary-replication");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int r = 0; r < replications; r++) {
                final int rep = r;
                futures.add(pool.submit(() -> {
                    Model m = new Model(scenario, replicationSeed(scenario.seed(), rep));
                    if (rep == 0 && trace != null) {
                        m.setObserver(trace.apply(m.elements()));
                    }
                    m.control().setProgressListener((now, ev) -> {
                        synchronized (done) {
                            done[rep] = Math.min(1, now / scenario.duration());
                            double sum = 0;
                            for (double d : done) {
                                sum += d;
                            }
                            progress.accept(sum / replications);
                        }
                    });
                    long t0 = System.nanoTime();
                    m.runToEnd();
                    engineSeconds[rep] = (System.nanoTime() - t0) / 1e9;
                    models[rep] = m;
                }));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double wall = (System.nanoTime() - wall0) / 1e9;
        List<Replication> out = new ArrayList<>();
        for (int r = 0; r < replications; r++) {
            out.add(new Replication(models[r], engineSeconds[r], wall));
        }
        return out;
    }

    /** Adds each group's predicted drain times (from its measured backlogs at the drain marks) to its predicted block. */
    private static List<ElementReport> withDrainPredictions(Scenario scenario, List<ElementReport> reports) {
        Map<String, Map<String, Double>> measured = new LinkedHashMap<>();
        for (ElementReport e : reports) {
            Map<String, Double> m = new LinkedHashMap<>();
            e.measured().forEach((k, f) -> m.put(k, f.value()));
            measured.put(e.id(), m);
        }
        Map<String, Map<String, Object>> drains = dev.tributary.sim.model.DrainPrediction.predict(scenario, measured);
        if (drains.isEmpty()) {
            return reports;
        }
        List<ElementReport> out = new ArrayList<>();
        for (ElementReport e : reports) {
            Map<String, Object> d = drains.get(e.id());
            if (d == null) {
                out.add(e);
                continue;
            }
            Map<String, Object> predicted = new LinkedHashMap<>(e.predicted());
            predicted.putAll(d);
            out.add(new ElementReport(e.id(), e.kind(), e.measured(), predicted, e.perReplication()));
        }
        return out;
    }

    /** The warm-up MSER-5 suggests for a model that has run: the latest truncation over its elements' L series. */
    public static double suggestedWarmup(Model m) {
        double best = 0;
        for (var e : m.elements()) {
            TimeSeries l = m.series(e.id()).get("L.avg");
            if (l == null || l.size() == 0) {
                continue;
            }
            int idx = Mser.truncationIndex(l.values());
            if (idx > 0) {
                best = Math.max(best, l.time(idx - 1));
            }
        }
        return best;
    }

    /** Figures that get batch-means half-widths in a single run, from their interval series. */
    static final List<String> BATCHED = List.of("throughput", "L", "Lq", "W", "Wq", "utilization");

    /** Batch-means half-widths for one run, from the interval averages after the warm-up. */
    private static Map<String, Double> batchHalfWidths(Model m, String id, double warmup) {
        Map<String, Double> out = new LinkedHashMap<>();
        Map<String, TimeSeries> series = m.series(id);
        for (String name : BATCHED) {
            TimeSeries ts = series.get(name.equals("throughput") ? "throughput" : name + ".avg");
            if (ts == null) {
                continue;
            }
            int from = 0;
            while (from < ts.size() && ts.time(from) <= warmup) {
                from++;
            }
            Estimate e = BatchMeans.of(ts.values(), from, BatchMeans.BATCHES);
            if (!Double.isNaN(e.halfWidth())) {
                out.put(name, e.halfWidth());
            }
        }
        return out;
    }

    private Report combine(Scenario scenario, int replications, long events, double wall, double engine,
                           List<List<ElementResult>> runs, Model model0) {
        Map<String, Map<String, Object>> predictions = predictor.apply(scenario);
        List<ElementReport> out = new ArrayList<>();
        List<ElementResult> first = runs.get(0);
        for (int e = 0; e < first.size(); e++) {
            ElementResult base = first.get(e);
            Map<String, Figure> figures = new LinkedHashMap<>();
            Map<String, double[]> each = new LinkedHashMap<>();
            Map<String, Double> batch = replications == 1 ? batchHalfWidths(model0, base.id(), scenario.warmup()) : Map.of();
            for (String name : base.measured().keySet()) {
                double[] xs = new double[runs.size()];
                for (int r = 0; r < runs.size(); r++) {
                    xs[r] = runs.get(r).get(e).get(name);
                }
                if (perReplication) {
                    each.put(name, xs);
                }
                if (replications == 1) {
                    figures.put(name, new Figure(base.get(name), batch.getOrDefault(name, Double.NaN)));
                } else {
                    Estimate est = Estimate.of(xs);
                    figures.put(name, new Figure(est.mean(), est.halfWidth()));
                }
            }
            out.add(new ElementReport(base.id(), base.kind(), figures,
                    predictions.getOrDefault(base.id(), Map.of()), each));
        }
        if (predicting) {
            out = withDrainPredictions(scenario, out);
        }
        return new Report(scenario.name(), scenario.source(), scenario.seed(), scenario.duration(), scenario.warmup(),
                replications, events, wall, engine, suggestedWarmup(model0), out, model0.alerts());
    }
}
