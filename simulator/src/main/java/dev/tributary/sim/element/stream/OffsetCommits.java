package dev.tributary.sim.element.stream;

import java.util.Arrays;

/**
 * A group's offset commits as its commit rule makes them (auto-commit on an interval, per poll, per
 * record; under at-most-once before processing): what a poll commits and how many records it
 * returns, what a member commits of what it processed, and when each member's auto-commit interval
 * ends. The group keeps the committed offsets and applies each commit ({@link StreamGroup#commit});
 * this decides which. Only used when commits are modelled (else a record is committed as processed).
 */
final class OffsetCommits {

    private final StreamGroup g;
    private final CommitPolicy policy;
    private final Delivery delivery;
    /** When each member's auto-commit interval ends. */
    private double[] nextAutoCommit;
    /** Per partition, the offset a poll commits through (at-most-once). */
    private final long[] scratch;

    OffsetCommits(StreamGroup g, CommitPolicy policy, Delivery delivery, int members, int partitions) {
        this.g = g;
        this.policy = policy;
        this.delivery = delivery;
        this.nextAutoCommit = new double[members];
        this.scratch = new long[partitions];
    }

    /** Room for {@code members} members. */
    void grow(int members) {
        nextAutoCommit = Arrays.copyOf(nextAutoCommit, members);
    }

    /** Member {@code m}'s auto-commit interval starts at {@code now}; returns its length. */
    double restartInterval(int m, double now) {
        nextAutoCommit[m] = now + policy.interval();
        return policy.interval();
    }

    /**
     * Member {@code m}'s auto-commit timer fires: if its interval is over and it is idle in its poll
     * loop ({@code idle}) it commits what it processed (a busy one commits at its next poll). Returns
     * when the timer fires next.
     */
    double autoCommit(int m, double now, boolean idle) {
        if (idle && now >= nextAutoCommit[m]) {
            commitProcessed(m, now);
        }
        return nextAutoCommit[m] > now ? nextAutoCommit[m] : now + policy.interval();
    }

    /**
     * Member {@code m} polls: it commits if its rule says so (what it has processed; under at-most-once
     * what this poll returns, before processing it), and takes up to max-poll-records records.
     * Returns how many it got.
     */
    int poll(int m, double now) {
        long available = 0;
        for (int part : g.memberPartitions[m]) {
            available += g.stream.partitions[part].endOffset() - g.position[part];
        }
        int n = (int) Math.min(policy.maxPollRecords(), available);
        if (delivery == Delivery.AT_MOST_ONCE) {
            if (n > 0) {
                commitAhead(m, n, now);
            }
        } else if (policy.mode() == CommitPolicy.Mode.PER_BATCH
                || (policy.mode() == CommitPolicy.Mode.AUTO && now >= nextAutoCommit[m])) {
            commitProcessed(m, now);
        }
        return n;
    }

    /** Commits what member {@code m} has processed on each of its partitions. */
    void commitProcessed(int m, double now) {
        for (int part : g.memberPartitions[m]) {
            long done = g.position[part] - (g.serving(m, part) ? 1 : 0);
            if (done > g.committed[part]) {
                g.commit(part, done, now);
            }
        }
        if (policy.mode() == CommitPolicy.Mode.AUTO) {
            nextAutoCommit[m] = now + policy.interval();
        }
    }

    /** Commits through the {@code n} oldest records waiting on member {@code m}'s partitions (before processing them). */
    private void commitAhead(int m, int n, double now) {
        int[] parts = g.memberPartitions[m];
        PartitionLog[] logs = g.stream.partitions;
        for (int part : parts) {
            scratch[part] = g.position[part];
        }
        long available = 0;
        for (int part : parts) {
            available += logs[part].endOffset() - g.position[part];
        }
        if (available > n) { // the n oldest, merged across partitions by append time as the member takes them
            for (int k = 0; k < n; k++) {
                int best = -1;
                double bestTime = Double.POSITIVE_INFINITY;
                for (int part : parts) {
                    PartitionLog pt = logs[part];
                    if (scratch[part] < pt.endOffset()) {
                        double t = pt.store().enqueued(pt.slotOf(scratch[part]));
                        if (t < bestTime) {
                            bestTime = t;
                            best = part;
                        }
                    }
                }
                scratch[best]++;
            }
        } else {
            for (int part : parts) {
                scratch[part] = logs[part].endOffset();
            }
        }
        for (int part : parts) {
            if (scratch[part] > g.committed[part]) {
                g.commit(part, scratch[part], now);
            }
        }
    }
}
