package dev.tributary.sim.element.stream;

import dev.tributary.sim.kafka.Assignor;

/**
 * How a stream group moves partitions when its membership changes.
 *
 * <ul>
 * <li>eager (classic): every live member finishes the poll it is in, commits what it processed and
 *     revokes all its partitions; once all have (a crashed member still in the group, or a stuck one,
 *     holds everyone up until it is removed) the group syncs {@link Membership#SYNC_DELAY} later and
 *     the assignor deals the partitions afresh (the sticky ones keep what members owned);</li>
 * <li>cooperative (classic, incremental): the assignor's target is computed at once; partitions
 *     nobody owns go to their new owner after one sync delay; a partition that moves from a live member
 *     is revoked by it after one sync delay (when its record from it is done) and assigned a sync delay
 *     later (the second rebalance); other partitions keep flowing;</li>
 * <li>consumer (KIP-848): the broker's uniform assignor computes the target; each member releases what
 *     it loses at its next heartbeat and takes what it gains at its next heartbeat after the release.</li>
 * </ul>
 */
final class GroupRebalance {

    private final StreamGroup g;
    private final Membership.Protocol protocol;
    private final Assignor assignor;
    private final double heartbeat;
    /** Bumped by every rebalance: events of an older one are ignored. */
    int epoch;
    boolean eagerActive;
    private boolean syncPending;
    /** Per partition, the owner the current rebalance is moving it to (−1: none). */
    final int[] target;
    /** Per partition, whether it is to be released as soon as its owner's record from it is done. */
    final boolean[] releasePending;
    long rebalances;
    double pausedSeconds;

    GroupRebalance(StreamGroup g, Membership membership, Assignor assignor, double heartbeat, int partitions) {
        this.g = g;
        this.protocol = membership.protocol();
        this.assignor = assignor;
        this.heartbeat = heartbeat;
        this.target = new int[partitions];
        this.releasePending = new boolean[partitions];
    }

    /** The membership changed at {@code now}: start a rebalance. */
    void trigger(double now) {
        rebalances++;
        epoch++;
        syncPending = false;
        java.util.Arrays.fill(releasePending, false);
        if (protocol == Membership.Protocol.EAGER) {
            eagerActive = true;
            Members mem = g.members;
            for (int m = 0; m < mem.count; m++) {
                if (mem.inGroup[m] && mem.state[m] == Members.LIVE && !mem.revoked[m]) {
                    if (!mem.stopping[m]) {
                        mem.stopping[m] = true;
                        mem.pausedSince[m] = now;
                    }
                    g.revokeIfIdle(m, now);
                }
            }
            checkSync(now);
        } else {
            incremental(now);
        }
    }

    /** Eager: member {@code m} has revoked; the group syncs once every member in it has. */
    void checkSync(double now) {
        if (!eagerActive || syncPending) {
            return;
        }
        Members mem = g.members;
        for (int m = 0; m < mem.count; m++) {
            if (mem.inGroup[m] && !(mem.state[m] == Members.LIVE && mem.revoked[m])) {
                return; // a crashed, stopped-static or busy member has not rejoined yet
            }
        }
        syncPending = true;
        g.schedule(Membership.SYNC_DELAY, StreamGroup.SYNC, epoch);
    }

    /** Eager: the group syncs; the assignor deals the partitions over the members. */
    void sync(int e, double now) {
        if (e != epoch || !eagerActive) {
            return;
        }
        eagerActive = false;
        syncPending = false;
        Members mem = g.members;
        int[] slots = inGroupSlots();
        String[] ids = new String[slots.length];
        int[][] owned = new int[slots.length][];
        for (int i = 0; i < slots.length; i++) {
            ids[i] = mem.id(slots[i]);
            owned[i] = mem.previouslyOwned[slots[i]];
        }
        int[][] out = assignor.assign(ids, g.owner.length, owned);
        for (int i = 0; i < slots.length; i++) {
            int m = slots[i];
            for (int p : out[i]) {
                g.acquire(p, m, now);
            }
            if (mem.stopping[m]) {
                pausedSeconds += now - mem.pausedSince[m];
            }
            mem.stopping[m] = false;
            mem.revoked[m] = false;
        }
        g.ownershipChanged();
        for (int m : slots) {
            g.wake(m, now);
        }
    }

    private int[] inGroupSlots() {
        Members mem = g.members;
        int n = 0;
        for (int m = 0; m < mem.count; m++) {
            n += mem.inGroup[m] ? 1 : 0;
        }
        int[] out = new int[n];
        n = 0;
        for (int m = 0; m < mem.count; m++) {
            if (mem.inGroup[m]) {
                out[n++] = m;
            }
        }
        return out;
    }

    /** Cooperative and consumer protocols: compute the target and move only what changes. */
    private void incremental(double now) {
        Members mem = g.members;
        int[] slots = inGroupSlots();
        int[] slotIndex = new int[mem.count];
        String[] ids = new String[slots.length];
        int[] counts = new int[slots.length];
        for (int i = 0; i < slots.length; i++) {
            ids[i] = mem.id(slots[i]);
            slotIndex[slots[i]] = i;
        }
        for (int p = 0; p < g.owner.length; p++) {
            if (g.owner[p] >= 0 && mem.inGroup[g.owner[p]]) {
                counts[slotIndex[g.owner[p]]]++;
            }
        }
        int[][] owned = new int[slots.length][];
        for (int i = 0; i < slots.length; i++) {
            owned[i] = new int[counts[i]];
            counts[i] = 0;
        }
        for (int p = 0; p < g.owner.length; p++) {
            if (g.owner[p] >= 0 && mem.inGroup[g.owner[p]]) {
                int i = slotIndex[g.owner[p]];
                owned[i][counts[i]++] = p;
            }
        }
        int[][] out = slots.length == 0 ? new int[0][] : assignor.assign(ids, g.owner.length, owned);
        java.util.Arrays.fill(target, -1);
        for (int i = 0; i < slots.length; i++) {
            for (int p : out[i]) {
                target[p] = slots[i];
            }
        }
        for (int p = 0; p < target.length; p++) {
            int cur = g.owner[p];
            if (cur == target[p]) {
                continue;
            }
            if (cur >= 0 && mem.state[cur] == Members.LIVE) {
                g.schedule(releaseAt(cur, now) - now, StreamGroup.RELEASE, ((long) epoch << 32) | p);
            } else if (cur >= 0) {
                release(p, now); // its owner is gone: the broker takes it back
            } else if (target[p] >= 0) {
                g.schedule(acquireAt(target[p], now) - now, StreamGroup.ACQUIRE, ((long) epoch << 32) | p);
            }
        }
    }

    /** Partition {@code p}'s release is due (event of rebalance {@code e}). */
    void releaseDue(int e, int p, double now) {
        if (e != epoch || g.owner[p] < 0 || g.owner[p] == target[p]) {
            return;
        }
        if (g.serving(g.owner[p], p)) {
            releasePending[p] = true; // when its record is done
            return;
        }
        release(p, now);
    }

    /** The owner of {@code p} gives it up (committing what it processed); its new owner takes it later. */
    void release(int p, double now) {
        releasePending[p] = false;
        g.revokePartition(p, now);
        if (target[p] >= 0) {
            g.schedule(acquireAt(target[p], now) - now, StreamGroup.ACQUIRE, ((long) epoch << 32) | p);
        }
    }

    /** Partition {@code p} reaches its new owner (event of rebalance {@code e}). */
    void acquireDue(int e, int p, double now) {
        int m = target[p];
        if (e != epoch || g.owner[p] >= 0 || m < 0 || !g.members.inGroup[m]) {
            return;
        }
        g.acquire(p, m, now);
        g.ownershipChanged();
        g.wake(m, now);
    }

    private double releaseAt(int m, double now) {
        return protocol == Membership.Protocol.CONSUMER ? g.members.nextHeartbeat(m, now, heartbeat)
                : now + Membership.SYNC_DELAY;
    }

    private double acquireAt(int m, double now) {
        return protocol == Membership.Protocol.CONSUMER ? g.members.nextHeartbeat(m, now, heartbeat)
                : now + Membership.SYNC_DELAY;
    }
}
