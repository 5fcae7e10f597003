package dev.tributary.sim.element.stream;

import dev.tributary.sim.kafka.Assignor;

/** How a stream's partitions are spread over a group's members (Kafka's client-side assignors). */
public enum Assignment {
    /** Consecutive ranges of partitions per member. */
    RANGE(Assignor.RANGE),
    /** Partition i goes to member i mod N. */
    ROUND_ROBIN(Assignor.ROUND_ROBIN),
    /** Balanced, and a rebalance keeps what members owned (eager protocol). */
    STICKY(Assignor.STICKY),
    /** Sticky, for the cooperative protocol: only moved partitions are revoked. */
    COOPERATIVE_STICKY(Assignor.COOPERATIVE_STICKY);

    private final Assignor assignor;

    Assignment(Assignor assignor) {
        this.assignor = assignor;
    }

    /** The Kafka assignor it names. */
    public Assignor assignor() {
        return assignor;
    }

    /**
     * The first assignment of a group of {@code members}: member → its partitions. Members are
     * ordered by id as Kafka orders them; Tributary's member ids sort as their instance numbers.
     */
    public int[][] assign(int partitions, int members) {
        return assignor.assign(memberIds(members), partitions, new int[members][0]);
    }

    /**
     * Member ids that sort as the instance numbers 1..n: zero-padded to one width, so Kafka's string
     * order of ids is the members' order.
     */
    static String[] memberIds(int members) {
        String[] ids = new String[members];
        int width = Integer.toString(members).length();
        for (int m = 0; m < members; m++) {
            ids[m] = String.format("%0" + width + "d", m + 1);
        }
        return ids;
    }
}
