package dev.tributary.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.scenario.ScenarioReader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Issue 13's stream goal: a Kafka-sized stream (1,000 partitions, one group of 200 consumers,
 * 100,000 keys, 10,000 events/s) against a queue with the same load (same producer, same service,
 * 200 instances), alternating in one warm JVM, and the stream's heap over one simulated hour in a
 * child JVM limited to 256 MiB. Usage: {@code java -jar bench/target/tributary-bench.jar stream
 * [ROUNDS] [SECONDS] [--no-hour]} (default 7 rounds of 300 simulated seconds each, about 6 million
 * events a run): one warm-up round, then ROUNDS rounds of stream and queue (the order swapped every
 * round), events per second of {@code System.nanoTime} and of the thread's CPU time, medians and the
 * median of the rounds' ratios,
 * then the hour (unless {@code --no-hour}).
 */
public final class StreamBench {

    static final String STREAM = "/bench/kafka-sized-stream.yaml";
    static final String QUEUE = "/bench/kafka-sized-queue.yaml";
    static final String HEAP = "256m";

    private StreamBench() {
    }

    /** Runs the rounds, prints each and the medians and ratio, then the one-hour heap run in a child JVM. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--hour")) {
            hour();
            return;
        }
        boolean hour = !Arrays.asList(args).contains("--no-hour");
        args = Arrays.stream(args).filter(a -> !a.equals("--no-hour")).toArray(String[]::new);
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 300;
        Scenario stream = ScenarioReader.readResource(STREAM).withDuration(seconds).withWarmup(0);
        Scenario queue = ScenarioReader.readResource(QUEUE).withDuration(seconds).withWarmup(0);
        System.out.printf(Locale.ROOT, "Kafka-sized stream (1,000 partitions, 200 consumers, 100,000 keys, 10,000/s)"
                + " against the same load on a queue; %.0f simulated seconds a run; warm-up round, then %d rounds%n",
                seconds, rounds);
        run(stream);
        run(queue);
        // [0] events per second of System.nanoTime, [1] per second of this thread's CPU time (less moved by
        // the other processes on a shared machine, which take the CPU away but do not add to it)
        double[][] s = new double[2][rounds];
        double[][] q = new double[2][rounds];
        double[][] ratio = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            double[] a;
            double[] b;
            if (r % 2 == 0) {
                a = run(stream);
                b = run(queue);
            } else {
                b = run(queue);
                a = run(stream);
            }
            for (int k = 0; k < 2; k++) {
                s[k][r] = a[k];
                q[k][r] = b[k];
                ratio[k][r] = a[k] / b[k];
            }
            System.out.printf(Locale.ROOT, "round %d: stream %5.2f M/s   queue %5.2f M/s   stream/queue %.2f"
                    + "   (per CPU second: %5.2f, %5.2f M/s, %.2f)%n", r + 1, a[0] / 1e6, b[0] / 1e6, ratio[0][r],
                    a[1] / 1e6, b[1] / 1e6, ratio[1][r]);
        }
        String[] clock = {"wall clock", "thread CPU time"};
        for (int k = 0; k < 2; k++) {
            Arrays.sort(s[k]);
            Arrays.sort(q[k]);
            Arrays.sort(ratio[k]);
            System.out.printf(Locale.ROOT, "%s: medians stream %.2f M/s, queue %.2f M/s; stream / queue %.2f (median of"
                    + " the rounds' ratios; min %.2f, max %.2f; goal ≥ 0.67)%n", clock[k], s[k][rounds / 2] / 1e6,
                    q[k][rounds / 2] / 1e6, ratio[k][rounds / 2], ratio[k][0], ratio[k][rounds - 1]);
        }
        System.out.flush();
        if (hour) {
            hourInChild();
        }
    }

    /** Events per second of one run of {@code s}: by the wall clock and by this thread's CPU time. */
    static double[] run(Scenario s) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Model m = new Model(s);
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        m.runToEnd();
        long wall = System.nanoTime() - t0;
        long cpu = threads.getCurrentThreadCpuTime() - c0;
        return new double[] {m.events() / (wall / 1e9), m.events() / (cpu / 1e9)};
    }

    /** Starts this class again in a JVM limited to 256 MiB for the one-hour run, and passes its lines on. */
    private static void hourInChild() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + HEAP, "-cp", System.getProperty("java.class.path"),
                StreamBench.class.getName(), "--hour"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                System.out.println(line);
            }
        }
        int rc = p.waitFor();
        if (rc != 0) {
            System.out.println("the one-hour run in -Xmx" + HEAP + " failed (exit " + rc + ")");
        }
    }

    /**
     * One simulated hour of the stream in this JVM (started with -Xmx256m): the heap in use after each
     * collection (the live records, logs and metrics, plus what the collector has not yet reclaimed)
     * and its maximum, which is what must fit.
     */
    private static void hour() throws Exception {
        AtomicLong afterGc = new AtomicLong();
        java.util.Set<String> heapPools = new java.util.HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, hb) -> {
                if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long used = 0;
                for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.contains(e.getKey())) { // the map holds non-heap pools too (code cache, metaspace)
                        used += e.getValue().getUsed();
                    }
                }
                afterGc.accumulateAndGet(used, Math::max);
            }, null, null);
        }
        Scenario stream = ScenarioReader.readResource(STREAM);
        Model m = new Model(stream);
        long t0 = System.nanoTime();
        m.runToEnd();
        double secs = (System.nanoTime() - t0) / 1e9;
        System.gc();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long max = Runtime.getRuntime().maxMemory();
        System.out.printf(Locale.ROOT, "one simulated hour of the stream in -Xmx%s (max heap %d MiB): %,d events in %.1f s"
                + " (%.2f M/s); heap used after GC at most %.0f MiB; pools' peaks summed %.0f MiB%n", HEAP, max >> 20,
                m.events(), secs, m.events() / secs / 1e6, afterGc.get() / 1048576.0, peak / 1048576.0);
    }
}
