package dev.tributary.sim.kafka;

import java.util.ArrayList;
import java.util.List;

/**
 * The KIP-848 broker-side {@code UniformAssignor} for homogeneous subscriptions
 * ({@code UniformHomogeneousAssignmentBuilder}): members are visited in order and each gets a
 * quota, the minimum ⌊P/N⌋ plus one for the first P mod N visited; each keeps what it owned up to
 * its quota (lowest partitions first), the rest and the partitions nobody owns fill the members
 * still under their quota, in order. The broker visits members in its hash map's order of random
 * member ids; Tributary visits them in id order, which is deterministic and equally arbitrary.
 */
final class UniformAssignor {

    private UniformAssignor() {
    }

    /** {@code ids} sorted; returns each member's partitions in the same order. */
    static int[][] assign(String[] ids, int partitions, int[][] owned) {
        int n = ids.length;
        boolean[] assigned = new boolean[partitions];
        for (int[] o : owned) {
            for (int p : o) {
                assigned[p] = true;
            }
        }
        List<Integer> unassigned = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            if (!assigned[p]) {
                unassigned.add(p);
            }
        }
        int min = partitions / n;
        int extra = partitions % n;
        List<List<Integer>> target = new ArrayList<>();
        int[] remaining = new int[n];
        for (int m = 0; m < n; m++) {
            int quota = min;
            if (extra > 0) {
                quota++;
                extra--;
            }
            int[] mine = owned[m].clone();
            java.util.Arrays.sort(mine); // a HashSet of small Integers iterates in ascending order
            List<Integer> keep = new ArrayList<>();
            for (int p : mine) {
                if (quota > 0) {
                    quota--;
                    keep.add(p);
                } else {
                    unassigned.add(p);
                }
            }
            remaining[m] = quota;
            target.add(keep);
        }
        int next = 0;
        for (int m = 0; m < n; m++) {
            for (int i = 0; i < remaining[m] && next < unassigned.size(); i++) {
                target.get(m).add(unassigned.get(next++));
            }
        }
        if (next < unassigned.size()) {
            throw new IllegalStateException("partitions were left unassigned");
        }
        int[][] out = new int[n][];
        for (int m = 0; m < n; m++) {
            out[m] = target.get(m).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }
}
