package dev.tributary.bench;

import dev.tributary.sim.model.Model;
import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.scenario.Scenario;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import umontreal.ssj.randvar.ExponentialGen;
import umontreal.ssj.rng.MRG32k3a;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Sim;

/**
 * The M/M/4 model (λ = 3.6/s, μ = 1/s, ρ = 0.9) three ways, measured alternately in one warm JVM:
 * Tributary's full model (the bundled example, every metric on), SSJ 3.3.2 (its event list, FIFO list,
 * MRG32k3a exponentials) and a bare binary-heap loop with no statistics. Each run simulates 2,500,000
 * customers (500,000 of warm-up and 2,000,000 counted, the peers' shape in the project's notes) and
 * reports events (arrivals + departures) per second of System.nanoTime. Usage:
 * {@code java -jar bench/target/tributary-bench.jar [ROUNDS]} (default 7): one warm-up round, then
 * ROUNDS rounds of loop, SSJ, Tributary; medians and ratios at the end. Each run is also timed in
 * the CPU time of its thread, which a loaded machine disturbs far less than the wall clock (other
 * processes take the cores, not this thread's work); both ratios are printed. With {@code stream}
 * first, runs {@link StreamBench} instead.
 */
public final class PeerBench {

    static final double LAMBDA = 3.6;
    static final double MU = 1.0;
    static final int SERVERS = 4;
    static final long CUSTOMERS = 2_500_000;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Events per CPU-second of the thread in the run just timed. */
    private static double lastCpuRate;
    private static long cpuStart;

    private PeerBench() {
    }

    private static void startCpu() {
        cpuStart = THREADS.getCurrentThreadCpuTime();
    }

    private static void stopCpu(long events) {
        lastCpuRate = events / ((THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9);
    }

    /** Runs the rounds and prints every run, then the medians and the ratios. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("stream")) {
            StreamBench.main(Arrays.copyOfRange(args, 1, args.length)); // the Kafka-sized stream against a queue
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Scenario mmc = Examples.load("basics/mmc-queue");
        // as many simulated seconds as 2.5 M customers take on average, no warm-up cut (nothing is skipped in the timing)
        Scenario sized = mmc.withDuration(CUSTOMERS / LAMBDA).withWarmup(0);
        System.out.printf(Locale.ROOT, "M/M/4, λ=%.1f, μ=%.1f, %,d customers a run; warm-up round, then %d rounds%n",
                LAMBDA, MU, CUSTOMERS, rounds);
        heapLoop(1);
        ssj(1);
        tributary(sized);
        List<double[]> rows = new ArrayList<>();
        List<double[]> cpuRows = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            double loop = heapLoop(r + 2);
            double loopCpu = lastCpuRate;
            double ssj = ssj(r + 2);
            double ssjCpu = lastCpuRate;
            double trib = tributary(sized);
            double tribCpu = lastCpuRate;
            rows.add(new double[] {loop, ssj, trib});
            cpuRows.add(new double[] {loopCpu, ssjCpu, tribCpu});
            System.out.printf(Locale.ROOT, "round %d: loop %6.2f M/s   SSJ %6.2f M/s   Tributary %6.2f M/s"
                    + "   (per CPU-second: %.2f, %.2f, %.2f)%n", r + 1,
                    loop / 1e6, ssj / 1e6, trib / 1e6, loopCpu / 1e6, ssjCpu / 1e6, tribCpu / 1e6);
        }
        double loop = median(rows, 0);
        double ssj = median(rows, 1);
        double trib = median(rows, 2);
        double[] vsSsj = new double[rounds];
        double[] vsLoop = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            vsSsj[r] = rows.get(r)[2] / rows.get(r)[1];
            vsLoop[r] = rows.get(r)[2] / rows.get(r)[0];
        }
        Arrays.sort(vsSsj);
        Arrays.sort(vsLoop);
        System.out.printf(Locale.ROOT, "medians: loop %.2f M/s, SSJ %.2f M/s, Tributary %.2f M/s%n", loop / 1e6,
                ssj / 1e6, trib / 1e6);
        System.out.printf(Locale.ROOT, "Tributary / SSJ: %.2f× (median of the rounds' ratios; min %.2f, max %.2f)%n",
                vsSsj[rounds / 2], vsSsj[0], vsSsj[rounds - 1]);
        System.out.printf(Locale.ROOT, "Tributary / loop: %.0f%% (median of the rounds' ratios; min %.0f%%, max %.0f%%)%n",
                100 * vsLoop[rounds / 2], 100 * vsLoop[0], 100 * vsLoop[rounds - 1]);
        for (int r = 0; r < rounds; r++) {
            vsSsj[r] = cpuRows.get(r)[2] / cpuRows.get(r)[1];
            vsLoop[r] = cpuRows.get(r)[2] / cpuRows.get(r)[0];
        }
        Arrays.sort(vsSsj);
        Arrays.sort(vsLoop);
        System.out.printf(Locale.ROOT, "per CPU-second of the thread: medians loop %.2f M/s, SSJ %.2f M/s, Tributary %.2f M/s;"
                + " Tributary / SSJ %.2f× (%.2f–%.2f), Tributary / loop %.0f%% (%.0f–%.0f%%)%n",
                median(cpuRows, 0) / 1e6, median(cpuRows, 1) / 1e6, median(cpuRows, 2) / 1e6,
                vsSsj[rounds / 2], vsSsj[0], vsSsj[rounds - 1],
                100 * vsLoop[rounds / 2], 100 * vsLoop[0], 100 * vsLoop[rounds - 1]);
    }

    private static double median(List<double[]> rows, int col) {
        double[] xs = rows.stream().mapToDouble(r -> r[col]).sorted().toArray();
        return xs[xs.length / 2];
    }

    /** Tributary's full model: events per second. */
    static double tributary(Scenario s) {
        Model m = new Model(s);
        long t0 = System.nanoTime();
        startCpu();
        m.runToEnd();
        stopCpu(m.events());
        return m.events() / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * A bare binary-heap event loop: (time, kind) on a heap of parallel arrays, a FIFO ring of arrival
     * times, SplitMix64 uniforms, exponentials by inversion with Math.log. No statistics.
     */
    static double heapLoop(long seed) {
        double[] time = new double[64];
        int[] kind = new int[64]; // 0 arrival, 1 departure
        int size = 0;
        double[] fifo = new double[1 << 16];
        int head = 0;
        int tail = 0;
        long state = seed * 0x9E3779B97F4A7C15L;
        int busy = 0;
        long done = 0;
        long events = 0;
        double sink = 0;
        long t0 = System.nanoTime();
        startCpu();
        // schedule the first arrival
        state += 0x9E3779B97F4A7C15L;
        time[0] = -Math.log(1 - (mix(state) >>> 11) * 0x1.0p-53) / LAMBDA;
        kind[0] = 0;
        size = 1;
        while (done < CUSTOMERS) {
            // pop the minimum
            double now = time[0];
            int k = kind[0];
            size--;
            if (size > 0) {
                double lt = time[size];
                int lk = kind[size];
                int i = 0;
                while (true) {
                    int c = 2 * i + 1;
                    if (c >= size) {
                        break;
                    }
                    if (c + 1 < size && time[c + 1] < time[c]) {
                        c++;
                    }
                    if (time[c] >= lt) {
                        break;
                    }
                    time[i] = time[c];
                    kind[i] = kind[c];
                    i = c;
                }
                time[i] = lt;
                kind[i] = lk;
            }
            events++;
            if (k == 0) {
                state += 0x9E3779B97F4A7C15L;
                size = push(time, kind, size, now - Math.log(1 - (mix(state) >>> 11) * 0x1.0p-53) / LAMBDA, 0);
                if (busy < SERVERS) {
                    busy++;
                    state += 0x9E3779B97F4A7C15L;
                    size = push(time, kind, size, now - Math.log(1 - (mix(state) >>> 11) * 0x1.0p-53) / MU, 1);
                } else {
                    fifo[tail] = now;
                    tail = (tail + 1) & (fifo.length - 1);
                    if (tail == head) {
                        throw new IllegalStateException("FIFO overflow");
                    }
                }
            } else {
                done++;
                if (head != tail) {
                    sink += now - fifo[head];
                    head = (head + 1) & (fifo.length - 1);
                    state += 0x9E3779B97F4A7C15L;
                    size = push(time, kind, size, now - Math.log(1 - (mix(state) >>> 11) * 0x1.0p-53) / MU, 1);
                } else {
                    busy--;
                }
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        stopCpu(events);
        if (sink < 0) {
            System.out.println(sink); // keeps the queue's bookkeeping alive
        }
        return events / secs;
    }

    private static int push(double[] time, int[] kind, int size, double t, int k) {
        int i = size;
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (time[p] <= t) {
                break;
            }
            time[i] = time[p];
            kind[i] = kind[p];
            i = p;
        }
        time[i] = t;
        kind[i] = k;
        return size + 1;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** SSJ 3.3.2: arrival and departure events on SSJ's default event list, a FIFO LinkedList of arrival times. */
    static double ssj(long round) {
        return new SsjQueue(round).run();
    }

    /** The classic SSJ event-view M/M/c model (as in SSJ's QueueEv example, with c servers and no tallies). */
    static final class SsjQueue {
        final ExponentialGen arrivals;
        final ExponentialGen service;
        final LinkedList<Double> waiting = new LinkedList<>();
        int busy;
        long done;
        long events;

        SsjQueue(long round) {
            MRG32k3a a = new MRG32k3a();
            MRG32k3a s = new MRG32k3a();
            for (long i = 0; i < round; i++) {
                a.resetNextSubstream();
                s.resetNextSubstream();
            }
            arrivals = new ExponentialGen(a, LAMBDA);
            service = new ExponentialGen(s, MU);
        }

        double run() {
            Sim.init();
            long t0 = System.nanoTime();
            startCpu();
            new Arrival().schedule(arrivals.nextDouble());
            Sim.start();
            stopCpu(events);
            return events / ((System.nanoTime() - t0) / 1e9);
        }

        final class Arrival extends Event {
            @Override
            public void actions() {
                events++;
                new Arrival().schedule(arrivals.nextDouble());
                if (busy < SERVERS) {
                    busy++;
                    new Departure().schedule(service.nextDouble());
                } else {
                    waiting.addLast(Sim.time());
                }
            }
        }

        final class Departure extends Event {
            @Override
            public void actions() {
                events++;
                done++;
                if (done >= CUSTOMERS) {
                    Sim.stop();
                    return;
                }
                if (!waiting.isEmpty()) {
                    waiting.removeFirst();
                    new Departure().schedule(service.nextDouble());
                } else {
                    busy--;
                }
            }
        }
    }
}
