package dev.tributary.sim.theory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One FIFO queue served by workers of different speeds (several consumer groups on one queue),
 * Poisson arrivals, exponential services, and the simulation's rule for an arrival that finds idle
 * workers: it takes the worker that became idle last (the idle workers form a stack).
 *
 * <p>Exact as a continuous-time Markov chain: while some worker is idle, the state is the stack of
 * idle workers' groups, top last (workers of one group are interchangeable, and a busy worker's
 * remaining service is memoryless); an arrival pops the top, a completion with nobody waiting
 * pushes the worker's group. While every worker is busy the queue is a birth–death chain with
 * birth λ and death M = Σ cₖμₖ, so its length is geometric with ratio λ/M and only the stack part
 * needs solving (its balance equations, by Gauss–Seidel). A waiting event is taken by the next
 * worker to finish, of group k with probability cₖμₖ/M whatever it waited, which gives each
 * group's share and wait. When the stack has too many orders to enumerate, the idle worker is
 * taken at random instead (a chain on idle counts): an approximation of the stack rule.
 */
public final class HeterogeneousServers {

    /** Most stack states solved exactly. */
    static final int MAX_STACK_STATES = 60_000;
    /** Most idle-count states of the fallback. */
    static final int MAX_COUNT_STATES = 400_000;

    /** The figures: per group and for the whole queue. */
    public record Result(boolean exactRule, double lambda, double throughput, double utilization, double L, double Lq,
                         double W, double Wq, double pWait, double loss, double[] groupThroughput,
                         double[] groupUtilization, double[] groupW, double[] groupWq, boolean stable) {
    }

    private HeterogeneousServers() {
    }

    /**
     * Solves the queue for groups of {@code count[k]} workers of rate {@code mu[k]}, Poisson arrivals
     * at {@code lambda}, and room for {@code waiting} waiting events (Integer.MAX_VALUE: unbounded; an
     * arrival finding it full is lost). Null when even the fallback is too large.
     */
    public static Result solve(int[] count, double[] mu, double lambda, int waiting) {
        int k = count.length;
        double m = 0;
        int c = 0;
        for (int g = 0; g < k; g++) {
            m += count[g] * mu[g];
            c += count[g];
        }
        boolean bounded = waiting != Integer.MAX_VALUE;
        if (!bounded && lambda >= m) {
            return null;
        }
        double stackStates = stackStates(count);
        List<int[]> states = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        boolean exactRule = stackStates <= MAX_STACK_STATES;
        if (exactRule) {
            enumerateStacks(count, states, index);
        } else {
            double product = 1;
            for (int n : count) {
                product *= n + 1;
            }
            if (product > MAX_COUNT_STATES) {
                return null;
            }
            enumerateCounts(count, states, index);
        }
        int n = states.size();
        // transitions of the part where the queue is empty; the arrival that finds no idle worker
        // leads to the all-busy tail and back, and is left out (its flows balance on their own)
        int[][] to = new int[n][];
        double[][] rate = new double[n][];
        double[] out = new double[n];
        for (int s = 0; s < n; s++) {
            int[] st = states.get(s);
            int[] idle = idleCounts(st, k, exactRule);
            List<int[]> tos = new ArrayList<>();
            List<Double> rs = new ArrayList<>();
            int idleTotal = Arrays.stream(idle).sum();
            if (idleTotal > 0) {
                if (exactRule) {
                    tos.add(new int[] {index.get(key(Arrays.copyOf(st, st.length - 1)))});
                    rs.add(lambda);
                } else {
                    for (int g = 0; g < k; g++) {
                        if (idle[g] > 0) {
                            int[] next = st.clone();
                            next[g]--;
                            tos.add(new int[] {index.get(key(next))});
                            rs.add(lambda * idle[g] / idleTotal);
                        }
                    }
                }
            }
            for (int g = 0; g < k; g++) {
                int busy = count[g] - idle[g];
                if (busy > 0) {
                    int[] next;
                    if (exactRule) {
                        next = Arrays.copyOf(st, st.length + 1);
                        next[st.length] = g;
                    } else {
                        next = st.clone();
                        next[g]++;
                    }
                    tos.add(new int[] {index.get(key(next))});
                    rs.add(busy * mu[g]);
                }
            }
            to[s] = tos.stream().mapToInt(a -> a[0]).toArray();
            rate[s] = rs.stream().mapToDouble(Double::doubleValue).toArray();
            out[s] = Arrays.stream(rate[s]).sum();
        }
        double[] pi = stationary(to, rate, out, n);
        if (pi == null) {
            return null;
        }
        int empty = index.get(exactRule ? key(new int[0]) : key(new int[k]));
        double r = lambda / m;
        // all-busy states with q = 1 … waiting events queued: π(empty)·r^q
        double tailMass = 0;
        double tailQ = 0;
        double full = 0;
        if (bounded) {
            double rq = 1;
            for (int q = 1; q <= waiting; q++) {
                rq *= r;
                tailMass += rq;
                tailQ += q * rq;
            }
            full = waiting == 0 ? 1 : rq;
        } else {
            tailMass = r / (1 - r);
            tailQ = r / ((1 - r) * (1 - r));
        }
        double z = 1 + pi[empty] * tailMass;
        double allBusy = pi[empty] * (1 + tailMass) / z;
        double loss = bounded ? pi[empty] * full / z : 0;
        double lq = pi[empty] * tailQ / z;
        double[] busy = new double[k];
        for (int s = 0; s < n; s++) {
            int[] idle = idleCounts(states.get(s), k, exactRule);
            for (int g = 0; g < k; g++) {
                busy[g] += (count[g] - idle[g]) * pi[s] / z;
            }
        }
        for (int g = 0; g < k; g++) {
            busy[g] += count[g] * pi[empty] * tailMass / z;
        }
        double thr = 0;
        double busyAll = 0;
        double[] gThr = new double[k];
        double[] gUtil = new double[k];
        for (int g = 0; g < k; g++) {
            gThr[g] = busy[g] * mu[g];
            gUtil[g] = busy[g] / count[g];
            thr += gThr[g];
            busyAll += busy[g];
        }
        double wq = thr == 0 ? 0 : lq / thr;
        double l = lq + busyAll;
        double[] gW = new double[k];
        double[] gWq = new double[k];
        for (int g = 0; g < k; g++) {
            // a waiting event goes to group g with probability c_g μ_g / M, whatever its wait
            double share = thr == 0 ? 0 : gThr[g] / thr;
            gWq[g] = share == 0 ? 0 : wq * (count[g] * mu[g] / m) / share;
            gW[g] = gWq[g] + 1 / mu[g];
        }
        return new Result(exactRule, lambda, thr, busyAll / c, l, lq, thr == 0 ? 0 : l / thr, wq,
                (allBusy - loss) / (1 - loss), loss, gThr, gUtil, gW, gWq, true);
    }

    /** Σ over idle counts (i₁ … iₖ ≤ c₁ … cₖ) of the multinomial (i₁ + … + iₖ)!/(i₁!…iₖ!): the stack orders. */
    static double stackStates(int[] count) {
        // dynamic programming over groups: ways[t] = orders of t idle workers from the groups so far
        int total = Arrays.stream(count).sum();
        double[] ways = new double[total + 1];
        ways[0] = 1;
        int used = 0;
        for (int c : count) {
            double[] next = new double[total + 1];
            for (int t = 0; t <= used; t++) {
                if (ways[t] == 0) {
                    continue;
                }
                double binom = 1;
                for (int i = 0; i <= c; i++) {
                    if (i > 0) {
                        binom = binom * (t + i) / i;
                    }
                    next[t + i] += ways[t] * binom;
                }
            }
            used += c;
            ways = next;
        }
        return Arrays.stream(ways).sum();
    }

    private static void enumerateStacks(int[] count, List<int[]> states, Map<String, Integer> index) {
        ArrayDeque<int[]> todo = new ArrayDeque<>();
        add(new int[0], states, index, todo);
        while (!todo.isEmpty()) {
            int[] s = todo.poll();
            int[] idle = idleCounts(s, count.length, true);
            for (int g = 0; g < count.length; g++) {
                if (idle[g] < count[g]) {
                    int[] next = Arrays.copyOf(s, s.length + 1);
                    next[s.length] = g;
                    add(next, states, index, todo);
                }
            }
        }
    }

    private static void enumerateCounts(int[] count, List<int[]> states, Map<String, Integer> index) {
        int k = count.length;
        int[] s = new int[k];
        while (true) {
            add(s.clone(), states, index, null);
            int g = 0;
            while (g < k && s[g] == count[g]) {
                s[g] = 0;
                g++;
            }
            if (g == k) {
                return;
            }
            s[g]++;
        }
    }

    private static void add(int[] s, List<int[]> states, Map<String, Integer> index, ArrayDeque<int[]> todo) {
        String key = key(s);
        if (!index.containsKey(key)) {
            index.put(key, states.size());
            states.add(s);
            if (todo != null) {
                todo.add(s);
            }
        }
    }

    private static int[] idleCounts(int[] s, int k, boolean stack) {
        if (!stack) {
            return s;
        }
        int[] idle = new int[k];
        for (int g : s) {
            idle[g]++;
        }
        return idle;
    }

    private static String key(int[] s) {
        return Arrays.toString(s);
    }

    /** Stationary distribution of a finite chain by Gauss–Seidel on πQ = 0, Σπ = 1; null if it does not settle. */
    private static double[] stationary(int[][] to, double[][] rate, double[] out, int n) {
        // incoming lists
        int[] inCount = new int[n];
        for (int s = 0; s < n; s++) {
            for (int t : to[s]) {
                inCount[t]++;
            }
        }
        int[][] from = new int[n][];
        double[][] inRate = new double[n][];
        for (int s = 0; s < n; s++) {
            from[s] = new int[inCount[s]];
            inRate[s] = new double[inCount[s]];
        }
        int[] fill = new int[n];
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < to[s].length; i++) {
                int t = to[s][i];
                from[t][fill[t]] = s;
                inRate[t][fill[t]++] += rate[s][i];
            }
        }
        double[] pi = new double[n];
        Arrays.fill(pi, 1.0 / n);
        for (int it = 0; it < 100_000; it++) {
            double change = 0;
            for (int s = 0; s < n; s++) {
                if (out[s] == 0) {
                    continue;
                }
                double in = 0;
                for (int i = 0; i < from[s].length; i++) {
                    if (from[s][i] != s) {
                        in += pi[from[s][i]] * inRate[s][i];
                    }
                }
                double v = in / out[s];
                change += Math.abs(v - pi[s]);
                pi[s] = v;
            }
            double sum = Arrays.stream(pi).sum();
            for (int s = 0; s < n; s++) {
                pi[s] /= sum;
            }
            if (change / sum < 1e-13) {
                return pi;
            }
        }
        return null;
    }
}
