package dev.tributary.sim.kafka;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * The constrained assignment of Kafka's {@code AbstractStickyAssignor} (used when all members read
 * the same topics, as a Tributary group always does), step for step: each member keeps what it
 * owned up to its quota, then the unassigned partitions go round-robin to the members under the
 * minimum quota (sorted by id), then one each to members at the minimum while some may still take
 * one more. Members are visited in {@link HashMap} order, as Kafka visits its
 * {@code consumerToOwnedPartitions} map, because that order decides which of several over-full
 * members keep the extra partition. Rack awareness and doubly claimed partitions are not modelled.
 */
final class StickyAssignor {

    private StickyAssignor() {
    }

    /** {@code ids} sorted; returns each member's partitions in the same order. */
    static int[][] assign(String[] ids, int partitions, int[][] owned) {
        int n = ids.length;
        Map<String, List<Integer>> consumerToOwned = new HashMap<>();
        Map<String, Integer> index = new HashMap<>();
        for (int m = 0; m < n; m++) {
            index.put(ids[m], m);
            List<Integer> o = new ArrayList<>();
            for (int p : owned[m]) {
                o.add(p);
            }
            consumerToOwned.put(ids[m], o);
        }
        int minQuota = partitions / n;
        int maxQuota = (partitions + n - 1) / n;
        int expectedOver = partitions % n;
        int[] currentOver = {0};
        Map<String, List<Integer>> assignment = new HashMap<>();
        for (String id : ids) {
            assignment.put(id, new ArrayList<>(maxQuota));
        }
        boolean[] assigned = new boolean[partitions];
        List<String> underMin = new LinkedList<>();
        LinkedList<String> exactlyMin = new LinkedList<>();
        for (Map.Entry<String, List<Integer>> e : consumerToOwned.entrySet()) {
            String consumer = e.getKey();
            List<Integer> ownedPartitions = new ArrayList<>(e.getValue());
            Collections.sort(ownedPartitions);
            List<Integer> mine = assignment.get(consumer);
            if (ownedPartitions.size() < minQuota) {
                keep(mine, ownedPartitions, assigned);
                underMin.add(consumer);
            } else if (ownedPartitions.size() >= maxQuota && currentOver[0] < expectedOver) {
                currentOver[0]++;
                if (currentOver[0] == expectedOver) {
                    exactlyMin.clear();
                }
                keep(mine, ownedPartitions.subList(0, maxQuota), assigned);
            } else {
                keep(mine, ownedPartitions.subList(0, minQuota), assigned);
                if (currentOver[0] < expectedOver) {
                    exactlyMin.add(consumer);
                }
            }
        }
        List<Integer> unassigned = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            if (!assigned[p]) {
                unassigned.add(p);
            }
        }
        Collections.sort(underMin);
        Collections.sort(exactlyMin);
        // assignRoundRobin
        Iterator<String> it = underMin.iterator();
        for (int p : unassigned) {
            String consumer;
            if (it.hasNext()) {
                consumer = it.next();
            } else if (underMin.isEmpty() && exactlyMin.isEmpty()) {
                throw new IllegalStateException("no more unfilled members for partition " + p);
            } else if (underMin.isEmpty()) {
                consumer = exactlyMin.poll();
            } else {
                it = underMin.iterator();
                consumer = it.next();
            }
            List<Integer> mine = assignment.get(consumer);
            mine.add(p);
            int count = mine.size();
            if (count == minQuota) {
                it.remove();
                exactlyMin.add(consumer);
            } else if (count == maxQuota) {
                currentOver[0]++;
            }
        }
        int[][] out = new int[n][];
        for (Map.Entry<String, List<Integer>> e : assignment.entrySet()) {
            out[index.get(e.getKey())] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    private static void keep(List<Integer> mine, List<Integer> partitions, boolean[] assigned) {
        for (int p : partitions) {
            if (!assigned[p]) { // a partition two members claim stays with the first visited
                mine.add(p);
                assigned[p] = true;
            }
        }
    }
}
