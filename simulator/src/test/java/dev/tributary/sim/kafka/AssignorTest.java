package dev.tributary.sim.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Kafka's assignors against the real 4.3.1 client's assignments (issue #11) and hand-checked cases. */
class AssignorTest {

    private static final String[] FOUR = {"c1", "c2", "c3", "c4"};
    private static final String[] THREE = {"c1", "c2", "c3"};

    private static int[][] none(int n) {
        return new int[n][0];
    }

    @Test
    void rangeGivesTheFirstMembersTheExtraPartitionsThenRebalancesFromScratch() {
        assertThat(Assignor.RANGE.assign(FOUR, 6, none(4))).isDeepEqualTo(new int[][] {{0, 1}, {2, 3}, {4}, {5}});
        int[][] owned = {{0, 1}, {2, 3}, {4}};
        assertThat(Assignor.RANGE.assign(THREE, 6, owned)).isDeepEqualTo(new int[][] {{0, 1}, {2, 3}, {4, 5}});
    }

    @Test
    void roundRobinDealsPartitionsInTurnAndIgnoresOwnership() {
        assertThat(Assignor.ROUND_ROBIN.assign(FOUR, 6, none(4)))
                .isDeepEqualTo(new int[][] {{0, 4}, {1, 5}, {2}, {3}});
        int[][] owned = {{0, 4}, {1, 5}, {2}};
        assertThat(Assignor.ROUND_ROBIN.assign(THREE, 6, owned))
                .isDeepEqualTo(new int[][] {{0, 3}, {1, 4}, {2, 5}});
    }

    @Test
    void stickyAndCooperativeStickyMoveNothingButTheOrphan() {
        for (Assignor a : new Assignor[] {Assignor.STICKY, Assignor.COOPERATIVE_STICKY}) {
            int[][] first = a.assign(FOUR, 6, none(4));
            assertThat(first).isDeepEqualTo(new int[][] {{0, 4}, {1, 5}, {2}, {3}});
            int[][] owned = {first[0], first[1], first[2]};
            assertThat(a.assign(THREE, 6, owned)).isDeepEqualTo(new int[][] {{0, 4}, {1, 5}, {2, 3}});
        }
    }

    @Test
    void membersAreOrderedByIdNotByTheirPlaceInTheInput() {
        String[] shuffled = {"c3", "c1", "c4", "c2"};
        assertThat(Assignor.RANGE.assign(shuffled, 6, none(4))).isDeepEqualTo(new int[][] {{4}, {0, 1}, {5}, {2, 3}});
        // ids compare as strings, as Kafka compares them: c10 sorts before c2
        String[] ten = {"c1", "c2", "c10"};
        assertThat(Assignor.ROUND_ROBIN.assign(ten, 3, none(3))).isDeepEqualTo(new int[][] {{0}, {2}, {1}});
    }

    @Test
    void membersBeyondThePartitionCountGetNothing() {
        String[] five = {"a", "b", "c", "d", "e"};
        for (Assignor a : Assignor.values()) {
            int[][] out = a.assign(five, 2, none(5));
            assertThat(out).as(a.name()).isDeepEqualTo(new int[][] {{0}, {1}, {}, {}, {}});
        }
    }

    @Test
    void stickyKeepsTheExtraPartitionWithTheFirstOverFullMemberInHashOrder() {
        // 4 partitions over 3 members: quotas 1..2, one member may keep 2. Kafka visits its HashMap:
        // "c3" (hash 3120, bucket 0) before "c1" (bucket 14) before "c2" (bucket 15). c3 owns nothing;
        // c1 keeps [0, 1] (the one over-minimum slot), revoking 2; c2 keeps [3]; the freed 2 goes to c3.
        int[][] owned = {{0, 1, 2}, {3}, {}};
        assertThat(Assignor.STICKY.assign(THREE, 4, owned)).isDeepEqualTo(new int[][] {{0, 1}, {3}, {2}});
    }

    @Test
    void stickyFillsNewcomersWithoutMovingMoreThanNeeded() {
        // scale out from 2 to 3 members over 6 partitions: each old member gives up exactly one
        int[][] owned = {{0, 1, 2}, {3, 4, 5}, {}};
        int[][] out = Assignor.STICKY.assign(THREE, 6, owned);
        assertThat(out).isDeepEqualTo(new int[][] {{0, 1}, {3, 4}, {2, 5}});
    }

    @Test
    void uniformGivesQuotasInMemberOrderAndKeepsOwnedPartitionsWithinThem() {
        assertThat(Assignor.UNIFORM.assign(FOUR, 6, none(4))).isDeepEqualTo(new int[][] {{0, 1}, {2, 3}, {4}, {5}});
        int[][] owned = {{0, 1}, {2, 3}, {4}};
        assertThat(Assignor.UNIFORM.assign(THREE, 6, owned)).isDeepEqualTo(new int[][] {{0, 1}, {2, 3}, {4, 5}});
        // c1 owned three: its quota is 2, so partition 2 is revoked and goes, after the unowned 5, to c3
        int[][] heavy = {{0, 1, 2}, {3}, {4}};
        assertThat(Assignor.UNIFORM.assign(THREE, 6, heavy)).isDeepEqualTo(new int[][] {{0, 1}, {3, 5}, {2, 4}});
    }

    @Test
    void everyPartitionHasExactlyOneOwnerWhateverTheHistory() {
        java.util.Random r = new java.util.Random(7);
        for (int trial = 0; trial < 300; trial++) {
            int p = 1 + r.nextInt(12);
            int n = 1 + r.nextInt(6);
            String[] ids = new String[n];
            int[][] owned = new int[n][];
            java.util.List<Integer> shuffled = new java.util.ArrayList<>();
            for (int i = 0; i < p; i++) {
                shuffled.add(i);
            }
            java.util.Collections.shuffle(shuffled, r);
            int next = 0;
            for (int m = 0; m < n; m++) {
                ids[m] = "m" + r.nextInt(100) + "-" + m;
                int take = next < p ? r.nextInt(p - next + 1) : 0;
                owned[m] = shuffled.subList(next, next + take).stream().mapToInt(Integer::intValue).toArray();
                next += take;
            }
            for (Assignor a : Assignor.values()) {
                int[][] out = a.assign(ids, p, owned);
                int[] count = new int[p];
                for (int m = 0; m < n; m++) {
                    assertThat(out[m].length).as(a + " balance").isBetween(p / n, (p + n - 1) / n);
                    for (int x : out[m]) {
                        count[x]++;
                    }
                }
                assertThat(count).as(a.name()).containsOnly(1);
            }
        }
    }
}
