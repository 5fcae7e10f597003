package dev.tributary.sim.element.stream;

import java.util.Arrays;

/**
 * The members of a stream group over time: which instance each slot runs, whether it is alive, in
 * the group, stuck, and when it joined (its heartbeats tick from then). A slot is one member id;
 * a dynamic member that restarts gets a new slot (a new member id), a static one keeps its slot.
 */
final class Members {

    /** Alive and polling (unless stuck). */
    static final int LIVE = 0;
    /** Dead without a goodbye; still in the group until its session times out. */
    static final int CRASHED = 1;
    /** Not running (stopped, removed, or not started). */
    static final int GONE = 2;

    int count;
    int[] state;
    boolean[] inGroup;
    boolean[] stuck;
    int[] incarnation;
    double[] joinedAt;
    /** The instance number (from 1) each slot runs. */
    int[] instance;
    /** Eager rebalance: the member was asked to revoke, and whether it has. */
    boolean[] stopping;
    boolean[] revoked;
    double[] pausedSince;
    /** What each member owned before it revoked (the sticky assignors keep it). */
    int[][] previouslyOwned;
    /** A member asked to stop leaves when its record is done. */
    boolean[] leaving;

    private final int idWidth;

    Members(int n) {
        count = n;
        idWidth = Integer.toString(n).length();
        state = new int[n];
        inGroup = new boolean[n];
        Arrays.fill(inGroup, true);
        stuck = new boolean[n];
        incarnation = new int[n];
        joinedAt = new double[n];
        instance = new int[n];
        for (int m = 0; m < n; m++) {
            instance[m] = m + 1;
        }
        stopping = new boolean[n];
        revoked = new boolean[n];
        pausedSince = new double[n];
        previouslyOwned = new int[n][0];
        leaving = new boolean[n];
    }

    /** Adds a slot (a new member id) for {@code instanceNumber}; returns it. */
    int add(int instanceNumber) {
        int m = count++;
        state = Arrays.copyOf(state, count);
        inGroup = Arrays.copyOf(inGroup, count);
        stuck = Arrays.copyOf(stuck, count);
        incarnation = Arrays.copyOf(incarnation, count);
        joinedAt = Arrays.copyOf(joinedAt, count);
        instance = Arrays.copyOf(instance, count);
        stopping = Arrays.copyOf(stopping, count);
        revoked = Arrays.copyOf(revoked, count);
        pausedSince = Arrays.copyOf(pausedSince, count);
        previouslyOwned = Arrays.copyOf(previouslyOwned, count);
        previouslyOwned[m] = new int[0];
        leaving = Arrays.copyOf(leaving, count);
        instance[m] = instanceNumber;
        state[m] = GONE;
        return m;
    }

    /** The newest slot running {@code instanceNumber}, or −1. */
    int slotOf(int instanceNumber) {
        for (int m = count - 1; m >= 0; m--) {
            if (instance[m] == instanceNumber) {
                return m;
            }
        }
        return -1;
    }

    /** The first heartbeat of member {@code m} strictly after {@code t}. */
    double nextHeartbeat(int m, double t, double interval) {
        return joinedAt[m] + (Math.floor((t - joinedAt[m]) / interval) + 1) * interval;
    }

    /** The last heartbeat of member {@code m} at or before {@code t}. */
    double lastHeartbeat(int m, double t, double interval) {
        return joinedAt[m] + Math.floor((t - joinedAt[m]) / interval) * interval;
    }

    /** Member {@code m}'s id: as {@link Assignment#memberIds}, so ids sort as slots (Kafka orders members by id). */
    String id(int m) {
        String s = Integer.toString(m + 1);
        return s.length() >= idWidth ? s : "0".repeat(idWidth - s.length()) + s;
    }
}
