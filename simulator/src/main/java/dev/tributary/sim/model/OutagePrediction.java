package dev.tributary.sim.model;

import dev.tributary.sim.element.BrokersSpec;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.fault.DownFault;
import dev.tributary.sim.fault.FaultSpec;
import dev.tributary.sim.kafka.ReplicaPlacement;
import dev.tributary.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long each partition of each stream has no leader, from the broker outages of the timeline:
 * the placement (Kafka's rule) and the outages are fixed, so this is exact. A partition loses its
 * leader when its leader's broker goes down; a replica on a live broker leads {@code failover}
 * later (the first in placement order that is up then); with none it waits for one of its
 * replicas' brokers to come back.
 */
final class OutagePrediction {

    private OutagePrediction() {
    }

    /** Adds {@code unavailableSeconds} (in all and per partition) to the predicted block of every stream on brokers. */
    static void addTo(Scenario scenario, Map<String, Map<String, Object>> blocks) {
        BrokersSpec brokers = scenario.brokers();
        if (brokers == null) {
            return;
        }
        List<DownFault> downs = new ArrayList<>();
        for (FaultSpec f : scenario.faults()) {
            if (f instanceof DownFault d) {
                downs.add(d);
            }
        }
        for (int c = 0; c < scenario.channels().size(); c++) {
            ChannelSpec ch = scenario.channels().get(c);
            Map<String, Object> block = blocks.get(ch.id());
            if (!ch.onBrokers() || block == null || !(block.get("partitions") instanceof Map<?, ?> parts)) {
                continue;
            }
            int[][] replicas = ReplicaPlacement.place(parts.size(), ch.replication(), brokers.count(), c);
            double[] seconds = unavailable(replicas, brokers, downs, scenario.warmup(), scenario.duration());
            Map<String, Object> newParts = new LinkedHashMap<>();
            double total = 0;
            for (int p = 0; p < seconds.length; p++) {
                Map<String, Object> pp = new LinkedHashMap<>();
                if (parts.get(Integer.toString(p)) instanceof Map<?, ?> old) {
                    old.forEach((k, v) -> pp.put(String.valueOf(k), v));
                }
                pp.put("leader", replicas[p][0] + 1);
                pp.put("unavailableSeconds", seconds[p]);
                newParts.put(Integer.toString(p), pp);
                total += seconds[p];
            }
            block.put("partitions", newParts);
            block.put("unavailableSeconds", total);
        }
    }

    /** Seconds without a leader of each partition within [from, to], replaying the outages in time order. */
    static double[] unavailable(int[][] replicas, BrokersSpec brokers, List<DownFault> downs, double from, double to) {
        // the timeline: each outage's start and end, and each pending election, in time order (ties: file order)
        List<double[]> events = new ArrayList<>(); // {time, kind 0 down / 1 up / 2 elect, broker or partition, seq}
        int seq = 0;
        for (DownFault d : downs) {
            events.add(new double[] {d.at(), 0, d.broker(), seq++});
            if (Double.isFinite(d.duration())) {
                events.add(new double[] {d.at() + d.duration(), 1, d.broker(), seq++});
            }
        }
        boolean[] up = new boolean[brokers.count()];
        Arrays.fill(up, true);
        int[] leader = new int[replicas.length];
        double[] since = new double[replicas.length];
        double[] out = new double[replicas.length];
        for (int p = 0; p < leader.length; p++) {
            leader[p] = replicas[p][0];
        }
        while (!events.isEmpty()) {
            events.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[3], b[3]));
            double[] e = events.remove(0);
            double t = e[0];
            if (t > to) {
                break;
            }
            int x = (int) e[2];
            if (e[1] == 0 && up[x]) {
                up[x] = false;
                for (int p = 0; p < leader.length; p++) {
                    if (leader[p] == x) {
                        leader[p] = -1;
                        since[p] = t;
                        for (int r : replicas[p]) {
                            if (r != x && up[r]) {
                                events.add(new double[] {t + brokers.failover(), 2, p, seq++});
                                break;
                            }
                        }
                    }
                }
            } else if (e[1] == 1 && !up[x]) {
                up[x] = true;
                for (int p = 0; p < leader.length; p++) {
                    if (leader[p] < 0 && Arrays.stream(replicas[p]).anyMatch(r -> r == x)) {
                        leader[p] = x;
                        out[p] += overlap(since[p], t, from, to);
                    }
                }
            } else if (e[1] == 2 && leader[x] < 0) {
                for (int r : replicas[x]) {
                    if (up[r]) {
                        leader[x] = r;
                        out[x] += overlap(since[x], t, from, to);
                        break;
                    }
                }
            }
        }
        for (int p = 0; p < leader.length; p++) {
            if (leader[p] < 0) {
                out[p] += overlap(since[p], to, from, to);
            }
        }
        return out;
    }

    private static double overlap(double a, double b, double from, double to) {
        return Math.max(0, Math.min(b, to) - Math.max(a, from));
    }
}
