package dev.tributary.sim.kafka;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Kafka's partition assignors for a group whose members all read one topic of {@code partitions}
 * partitions. Each takes the members' ids (in any order) and what each owned before the rebalance
 * (ignored by the eager ones) and returns each member's partitions, indexed like the ids, sorted.
 * Members are ordered by id as Kafka orders them ({@code MemberInfo}: the group instance id, else
 * the member id, as strings).
 */
public enum Assignor {
    /** {@code RangeAssignor}: consecutive ranges; the first P mod N members by id get one more. */
    RANGE {
        @Override
        int[][] assignSorted(String[] ids, int partitions, int[][] owned) {
            int n = ids.length;
            int[][] out = new int[n][];
            int per = partitions / n;
            int extra = partitions % n;
            for (int m = 0; m < n; m++) {
                int start = per * m + Math.min(m, extra);
                int length = per + (m < extra ? 1 : 0);
                out[m] = new int[length];
                for (int i = 0; i < length; i++) {
                    out[m][i] = start + i;
                }
            }
            return out;
        }
    },
    /** {@code RoundRobinAssignor}: partition p goes to the (p mod N)-th member by id. */
    ROUND_ROBIN {
        @Override
        int[][] assignSorted(String[] ids, int partitions, int[][] owned) {
            int n = ids.length;
            int[][] out = new int[n][];
            for (int m = 0; m < n; m++) {
                out[m] = new int[partitions / n + (m < partitions % n ? 1 : 0)];
                for (int i = 0; i < out[m].length; i++) {
                    out[m][i] = m + i * n;
                }
            }
            return out;
        }
    },
    /** {@code StickyAssignor}: balanced, keeping what members owned (the constrained builder). */
    STICKY {
        @Override
        int[][] assignSorted(String[] ids, int partitions, int[][] owned) {
            return StickyAssignor.assign(ids, partitions, owned);
        }
    },
    /**
     * {@code CooperativeStickyAssignor}: the sticky target; partitions moving from one live member to
     * another are first revoked and assigned by a second rebalance (the protocol does that, not the map).
     */
    COOPERATIVE_STICKY {
        @Override
        int[][] assignSorted(String[] ids, int partitions, int[][] owned) {
            return StickyAssignor.assign(ids, partitions, owned);
        }
    },
    /** The KIP-848 broker-side {@code UniformAssignor} (homogeneous subscriptions). */
    UNIFORM {
        @Override
        int[][] assignSorted(String[] ids, int partitions, int[][] owned) {
            return UniformAssignor.assign(ids, partitions, owned);
        }
    };

    /**
     * Each member's partitions: {@code ids[m]} gets {@code result[m]}, ascending. {@code owned[m]}
     * is what member m owned before (null or empty when nothing); partitions out of range are ignored.
     */
    public int[][] assign(String[] ids, int partitions, int[][] owned) {
        int n = ids.length;
        if (n == 0) {
            return new int[0][];
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> ids[i]));
        String[] sortedIds = new String[n];
        int[][] sortedOwned = new int[n][];
        for (int i = 0; i < n; i++) {
            sortedIds[i] = ids[order[i]];
            int[] o = owned == null || owned[order[i]] == null ? new int[0] : owned[order[i]];
            sortedOwned[i] = Arrays.stream(o).filter(p -> p >= 0 && p < partitions).toArray();
        }
        int[][] sorted = assignSorted(sortedIds, partitions, sortedOwned);
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            out[order[i]] = sorted[i].clone();
            Arrays.sort(out[order[i]]);
        }
        return out;
    }

    /** Whether the assignor keeps what members owned (so a rebalance moves only what it must). */
    public boolean sticky() {
        return this == STICKY || this == COOPERATIVE_STICKY || this == UNIFORM;
    }

    abstract int[][] assignSorted(String[] ids, int partitions, int[][] owned);
}
