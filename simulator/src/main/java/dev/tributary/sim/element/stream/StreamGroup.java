package dev.tributary.sim.element.stream;

import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.element.Attempts;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Element;
import dev.tributary.sim.element.Emitter;
import dev.tributary.sim.element.GroupStats;
import dev.tributary.sim.element.IntervalAverages;
import dev.tributary.sim.element.MemberControl;
import dev.tributary.sim.element.Messages;
import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.engine.EventHandler;
import dev.tributary.sim.engine.RandomStream;
import dev.tributary.sim.metrics.LatencyRecorder;
import dev.tributary.sim.metrics.TimeAverage;
import java.util.Arrays;
import java.util.Map;

/**
 * A consumer group on a stream: each partition is assigned to exactly one member; a member handles
 * one record at a time, taking the oldest pending record among its partitions, so per-partition
 * order is kept. Members beyond the partition count get nothing and stay idle.
 *
 * <p>Lag of a partition = log-end offset − committed offset. Until offset commits are modelled a
 * record counts as committed when its processing completes, so lag includes the record in service.
 */
final class StreamGroup extends Element implements EventHandler, MemberControl {

    private static final int COMPLETE = 0;
    private static final int START = 1;
    private static final int RETRY = 2;
    private static final int AUTO_COMMIT = 3;
    /** A crashed (or silently stopped static) member's session times out. */
    private static final int DETECT = 4;
    /** A stuck member's max-poll-interval runs out. */
    private static final int MAX_POLL = 5;
    static final int SYNC = 6;
    static final int RELEASE = 7;
    static final int ACQUIRE = 8;

    final ConsumerSpec spec;
    private final StreamOptions options;
    final StreamChannel stream;
    final GroupStats stats;
    private final Emitter emitter;
    private final Engine engine;
    /** This element's id in the engine: scheduling by id stores no reference (see {@link Engine#register}). */
    private final int handler;
    private final Context context;
    private final Distribution service;
    private final RandomStream random;

    int[][] memberPartitions;
    final int[] owner;
    final long[] position;
    final long[] committed;
    private boolean active;

    private boolean[] busy;
    /** The record each member handles. */
    private Messages inService;
    /**
     * Its partition and offset: kept here, not as the store's optional columns, so that taking a record
     * copies four fields, not ten (a store with an optional column copies them all).
     */
    private int[] servingPartition;
    private long[] servingOffset;
    private double[] started;
    private int busyCount;
    /** Its failures, breaker and faults, or null when it has none (then the arrays below are null too). */
    private final Attempts attempts;
    private boolean[] parked;
    private boolean[] fails;
    private double[] attemptStart;
    private double lastSojournSum;
    private long lastSojournCount;
    private double intervalW = Double.NaN;

    final TimeAverage lag = new TimeAverage();
    /** Records not yet processed (L); the lag itself when commits are not modelled (committed as processed). */
    final TimeAverage system;
    private final CommitPolicy commitPolicy;
    private final Delivery delivery;
    private final boolean commitsModelled;
    final DeliveryLedger ledger;
    /** Records left of each member's current poll (0: it polls before taking another). */
    private int[] batchLeft;
    /** Which offsets its commit rule commits, and when (only when commits are modelled). */
    private final OffsetCommits commits;
    final Members members;
    private final Membership membership;
    private final double heartbeat;
    final GroupRebalance rebalance;
    /** Per partition: its owner's record from it was abandoned by a crash (still counted in L). */
    private final boolean[] abandoned;
    /** Partitions with no live owner, in total and each (partition-seconds as their areas). */
    private final TimeAverage unowned = new TimeAverage();
    private final TimeAverage[] partitionUnowned;
    private final boolean[] unownedNow;
    private final long[] ownerChanges;
    /** The owner last recorded per partition, and the first changes: (time, instance or −1) pairs. */
    private final int[] recordedOwner;
    private final double[][] ownerHistory;
    /** Owner changes kept per partition for the report. */
    private static final int OWNER_HISTORY = 16;
    private long crashes;

    /** Records whose processing finished over the whole run (duplicates included), to check the ledger. */
    private long finishedCount;
    /** Each partition's lag over time and its records' time in system. */
    private final PartitionTallies tallies;
    private double lagSecondsSum;
    private long lagSecondsCount;
    private double lagSecondsMax;
    private final double[] partitionLagSeconds;
    private final double[] partitionLagSecondsSum;
    private final IntervalAverages intervals = new IntervalAverages();
    /** Drain times after faults and rate changes, or null when the run has none. */
    private final StreamDrain drain;

    StreamGroup(ConsumerSpec spec, int index, StreamChannel stream, Context context, Emitter emitter) {
        super(spec.id(), index);
        this.spec = spec;
        this.options = StreamOptions.of(spec);
        this.stream = stream;
        this.engine = context.engine();
        this.handler = engine.register(this);
        this.context = context;
        this.emitter = emitter;
        this.service = spec.service();
        this.random = context.random(spec.id(), "service");
        this.stats = new GroupStats(context.keySpace());
        stats.pairTimes(); // a record produced straight into the stream: its end-to-end time is its sojourn time
        int p = stream.partitions.length;
        int n = spec.instances();
        this.commitPolicy = options.commit();
        this.delivery = options.guarantee();
        this.commitsModelled = commitPolicy.modelled();
        this.system = commitsModelled ? new TimeAverage() : lag;
        this.ledger = new DeliveryLedger(p);
        this.batchLeft = new int[n];
        this.commits = new OffsetCommits(this, commitPolicy, delivery, n, p);
        this.membership = options.membership();
        this.heartbeat = membership.heartbeat();
        this.members = new Members(n);
        this.abandoned = new boolean[p];
        this.partitionUnowned = new TimeAverage[p];
        this.unownedNow = new boolean[p];
        this.ownerChanges = new long[p];
        this.recordedOwner = new int[p];
        this.ownerHistory = new double[p][];
        for (int i = 0; i < p; i++) {
            partitionUnowned[i] = new TimeAverage();
        }
        dev.tributary.sim.kafka.Assignor assignor = membership.protocol() == Membership.Protocol.CONSUMER
                ? dev.tributary.sim.kafka.Assignor.UNIFORM : options.assignment().assignor();
        this.rebalance = new GroupRebalance(this, membership, assignor, heartbeat, p);
        memberPartitions = assignor.assign(Assignment.memberIds(n), p, new int[n][0]);
        java.util.Arrays.fill(recordedOwner, -1);
        for (int m = 0; m < n; m++) {
            for (int part : memberPartitions[m]) {
                recordedOwner[part] = m;
            }
        }
        owner = new int[p];
        for (int m = 0; m < n; m++) {
            for (int part : memberPartitions[m]) {
                owner[part] = m;
            }
        }
        position = new long[p];
        committed = new long[p];
        tallies = new PartitionTallies(p);
        partitionLagSeconds = new double[p];
        partitionLagSecondsSum = new double[p];
        busy = new boolean[n];
        inService = new Messages(n);
        servingPartition = new int[n];
        servingOffset = new long[n];
        started = new double[n];
        this.attempts = Attempts.of(spec, index, context, emitter, stats);
        this.parked = attempts == null ? null : new boolean[n];
        this.fails = attempts == null ? null : new boolean[n];
        this.attemptStart = attempts == null ? null : new double[n];
        if (attempts != null) {
            attempts.onWake(this::resume);
        }
        context.registerMembers(spec.id(), this);
        this.drain = StreamDrain.of(this, context.drainMarks(), p);
    }

    @Override
    public String kind() {
        return "consumer-group";
    }

    /** Schedules the group's start (immediately, or later for a group that joins late and replays). */
    @Override
    public void start() {
        engine.scheduleAt(spec.start(), handler, START, 0);
        if (drain != null) {
            drain.start(engine);
        }
    }

    /** The oldest offset of partition {@code p} this group may still read (or report the age of). */
    long oldestNeeded(int p) {
        return committed[p];
    }

    private void begin() {
        double now = engine.now();
        active = true;
        long total = 0;
        for (int p = 0; p < position.length; p++) {
            PartitionLog part = stream.partitions[p];
            long at = switch (options.offset()) {
                case "earliest" -> part.startOffset;
                case "latest" -> part.endOffset();
                default -> Math.max(part.startOffset, Math.min(part.endOffset(), Long.parseLong(options.offset())));
            };
            position[p] = at;
            committed[p] = at;
            ledger.begin(p, at);
            tallies.setLag(p, now, part.endOffset() - at);
            total += part.endOffset() - at;
            part.forgetBefore(stream.oldestNeeded(p));
        }
        lag.set(now, total);
        if (commitsModelled) {
            system.set(now, total);
        }
        if (commitPolicy.mode() == CommitPolicy.Mode.AUTO) {
            for (int m = 0; m < busy.length; m++) {
                engine.schedule(commits.restartInterval(m, now), handler, AUTO_COMMIT, tag(m));
            }
        }
        for (int m = 0; m < busy.length; m++) {
            fetch(m, now);
        }
    }

    void appended(int p) {
        if (!active) {
            return;
        }
        double now = engine.now();
        lag.add(now, 1);
        tallies.addLag(p, now, 1);
        if (commitsModelled) {
            system.add(now, 1);
        }
        int m = owner[p];
        if (m >= 0 && !busy[m] && memberPartitions[m].length > 0 && (parked == null || !parked[m])) {
            fetch(m, now);
        }
    }

    /** Partition {@code p} has a leader again: its owner, if idle, fetches. */
    void available(int p) {
        int m = owner[p];
        if (active && !busy[m] && (parked == null || !parked[m])) {
            fetch(m, engine.now());
        }
    }

    void expired(int p, long logStart) {
        if (!active || position[p] >= logStart) {
            return;
        }
        stats.expired += logStart - position[p];
        int m = owner[p];
        boolean serving = m >= 0 && busy[m] && servingPartition[m] == p;
        ledger.expiredBefore(p, logStart, serving ? servingOffset[m] : -1);
        if (commitsModelled) {
            system.add(engine.now(), -(logStart - position[p]));
        }
        position[p] = logStart;
        if (!serving) {
            commit(p, logStart, engine.now());
        }
    }

    /** Partition {@code p} is committed up to {@code offset} (exclusive): lag falls, and records nobody needs are forgotten. */
    void commit(int p, long offset, double now) {
        long delta = offset - committed[p];
        committed[p] = offset;
        lag.add(now, -delta);
        tallies.addLag(p, now, -delta);
        stream.partitions[p].forgetBefore(stream.oldestNeeded(p));
        if (drain != null && !commitsModelled && offset == stream.partitions[p].endOffset()) {
            drain.emptied(p, now);
        }
    }

    /** The record at {@code offset} of {@code p} is done (processed, or left to a DLQ) by member {@code m}. */
    private void finished(int m, int p, long offset, double now) {
        finishedCount++;
        ledger.processed(p, offset);
        if (!commitsModelled) {
            commit(p, position[p], now); // committed as processed
            return;
        }
        system.add(now, -1);
        // a drain ends when the backlog is processed, not when a later auto-commit records it
        if (drain != null && offset + 1 == stream.partitions[p].endOffset()) {
            drain.emptied(p, now);
        }
        if (commitPolicy.mode() == CommitPolicy.Mode.PER_RECORD && delivery != Delivery.AT_MOST_ONCE) {
            commit(p, offset + 1, now);
        }
    }

    /** Member {@code m} polls (committing as its rule says) and notes how many records it got; returns whether any. */
    private boolean poll(int m, double now) {
        batchLeft[m] = commits.poll(m, now);
        return batchLeft[m] > 0;
    }

    /**
     * Under exactly-once, drops the re-delivered records at the head of {@code p} that were processed
     * before (an idempotent consumer recognises them); returns whether {@code p} still has a record.
     */
    private boolean skipSeen(int m, int p, double now) {
        PartitionLog pt = stream.partitions[p];
        while (position[p] < pt.endOffset() && ledger.seen(p, position[p])) {
            ledger.deduplicated();
            position[p]++;
            system.add(now, -1);
            if (batchLeft[m] > 0) {
                batchLeft[m]--;
            }
        }
        return position[p] < pt.endOffset();
    }

    private void fetch(int m, double now) {
        if (members.state[m] != Members.LIVE || members.stuck[m]
                || (members.stopping[m] && batchLeft[m] == 0) || members.leaving[m]) {
            setBusy(m, false, now);
            if (members.leaving[m]) {
                depart(m, now);
            } else if (members.stopping[m] && members.state[m] == Members.LIVE && !members.stuck[m]) {
                revoke(m, now);
            }
            return;
        }
        if (attempts != null) {
            fetchAndAttempt(m, now);
            return;
        }
        if (commitsModelled) {
            fetchPolled(m, now);
            return;
        }
        int[] parts = memberPartitions[m];
        int best = -1;
        double bestTime = Double.POSITIVE_INFINITY;
        long[] ends = stream.ends;
        for (int part : parts) {
            if (position[part] < ends[part] && stream.available(part)) {
                PartitionLog pt = stream.partitions[part];
                double t = pt.store().enqueued(pt.slotOf(position[part]));
                if (t < bestTime) {
                    bestTime = t;
                    best = part;
                }
            }
        }
        if (best < 0) {
            if (busy[m]) {
                busy[m] = false;
                busyCount--;
                stats.busy.set(now, busyCount);
            }
            return;
        }
        PartitionLog pt = stream.partitions[best];
        inService.copy(m, pt.store(), pt.slotOf(position[best]));
        servingPartition[m] = best;
        servingOffset[m] = position[best];
        position[best]++;
        started[m] = now;
        if (!busy[m]) {
            busy[m] = true;
            busyCount++;
            stats.busy.set(now, busyCount);
        }
        if (context.observed()) {
            context.moved(stream.index, index, inService.key(m), m);
        }
        engine.schedule(service.sample(random), handler, COMPLETE, tag(m));
    }

    /** {@link #fetch} with polls and commits modelled. */
    private void fetchPolled(int m, double now) {
        while (true) {
            if (batchLeft[m] == 0 && !poll(m, now)) {
                setBusy(m, false, now);
                return;
            }
            int best = oldestPending(m);
            if (best < 0) {
                batchLeft[m] = 0;
                setBusy(m, false, now);
                return;
            }
            if (delivery == Delivery.EXACTLY_ONCE && ledger.seen(best, position[best])) {
                skipSeen(m, best, now);
                continue;
            }
            take(m, best, now);
            if (context.observed()) {
                context.moved(stream.index, index, inService.key(m), m);
            }
            engine.schedule(service.sample(random), handler, COMPLETE, tag(m));
            return;
        }
    }

    /** Member {@code m} takes the next record of {@code p} into service. */
    private void take(int m, int p, double now) {
        PartitionLog pt = stream.partitions[p];
        inService.copy(m, pt.store(), pt.slotOf(position[p]));
        servingPartition[m] = p;
        servingOffset[m] = position[p];
        position[p]++;
        if (batchLeft[m] > 0) {
            batchLeft[m]--;
        }
        if (commitPolicy.mode() == CommitPolicy.Mode.PER_RECORD && delivery == Delivery.AT_MOST_ONCE) {
            commit(p, position[p], now); // before processing
        }
        started[m] = now;
        setBusy(m, true, now);
    }

    /** The partition whose next record is oldest among member {@code m}'s, or −1 when all are read. */
    private int oldestPending(int m) {
        int best = -1;
        double bestTime = Double.POSITIVE_INFINITY;
        long[] ends = stream.ends;
        for (int part : memberPartitions[m]) {
            if (position[part] < ends[part] && stream.available(part)) {
                PartitionLog pt = stream.partitions[part];
                double t = pt.store().enqueued(pt.slotOf(position[part]));
                if (t < bestTime) {
                    bestTime = t;
                    best = part;
                }
            }
        }
        return best;
    }

    private void setBusy(int m, boolean b, double now) {
        if (busy[m] != b) {
            busy[m] = b;
            busyCount += b ? 1 : -1;
            stats.busy.set(now, busyCount);
        }
    }

    /** {@link #fetch} for a group with failures: the breaker may park the member or pass records unattempted. */
    private void fetchAndAttempt(int m, double now) {
        while (true) {
            if (commitsModelled && batchLeft[m] == 0 && !poll(m, now)) {
                setBusy(m, false, now);
                return;
            }
            int best = oldestPending(m);
            if (best < 0) {
                batchLeft[m] = 0;
                setBusy(m, false, now);
                return;
            }
            if (commitsModelled && delivery == Delivery.EXACTLY_ONCE && ledger.seen(best, position[best])) {
                skipSeen(m, best, now);
                continue;
            }
            boolean allowed = attempts.permits();
            if (!allowed && attempts.waitsWhenOpen()) {
                setBusy(m, false, now);
                parked[m] = true; // the breaker is open: the member's partitions wait
                return;
            }
            PartitionLog pt = stream.partitions[best];
            inService.copy(m, pt.store(), pt.slotOf(position[best]));
            servingPartition[m] = best;
            servingOffset[m] = position[best];
            position[best]++;
            if (commitsModelled && batchLeft[m] > 0) {
                batchLeft[m]--;
            }
            if (!allowed) {
                // not attempted: to the DLQ, or through with a fallback; committed at once
                finished(m, best, servingOffset[m], now);
                if (attempts.notLetThrough(inService, m, now)) {
                    stats.completed(now, inService.enqueued(m), now, inService.origin(m), inService.key(m), inService.id(m));
                    if (emitter != null) {
                        emitter.emit(inService, m);
                    }
                } else {
                    stats.departed(now, inService.enqueued(m), now);
                }
                continue;
            }
            started[m] = now;
            setBusy(m, true, now);
            if (context.observed()) {
                context.moved(stream.index, index, inService.key(m), m);
            }
            double s = service.sample(random);
            attemptStart[m] = now;
            fails[m] = attempts.begin(inService, m);
            engine.schedule(attempts.duration(s, fails[m]), handler, COMPLETE, tag(m));
            return;
        }
    }

    /** A blocking retry's backoff is over: member {@code m} tries its record again (its partitions waited). */
    private void retry(int m) {
        double now = engine.now();
        attempts.backoffOver(now);
        if (!attempts.permits()) {
            if (attempts.shortCircuited(inService, m, now) == Attempts.RETRY_HERE) {
                engine.schedule(attempts.backoffDelay(), handler, RETRY, tag(m));
                return;
            }
            leave(m, now);
            return;
        }
        attemptStart[m] = now;
        fails[m] = attempts.begin(inService, m);
        engine.schedule(attempts.duration(service.sample(random), fails[m]), handler, COMPLETE, tag(m));
    }

    /** Member {@code m}'s record leaves without success: committed, and the member moves on. */
    private void leave(int m, double now) {
        int p = servingPartition[m];
        finished(m, p, servingOffset[m], now);
        stats.departed(now, inService.enqueued(m), started[m]);
        fetch(m, now);
    }

    /** The breaker lets records through again: parked members fetch. */
    private void resume() {
        double now = engine.now();
        for (int m = 0; m < parked.length; m++) {
            if (parked[m]) {
                parked[m] = false;
                fetch(m, now);
            }
        }
    }

    @Override
    public void handle(int kind, long arg) {
        if (kind == COMPLETE) {
            // the event of nearly every record: tested first, before the rarer kinds' switch
            int m = (int) arg;
            if ((int) (arg >>> 32) == members.incarnation[m]) {
                complete(m);
            }
            return;
        }
        if (kind == START) {
            begin();
            return;
        }
        switch (kind) {
            case SYNC -> {
                rebalance.sync((int) arg, engine.now());
                return;
            }
            case RELEASE -> {
                rebalance.releaseDue((int) (arg >>> 32), (int) arg, engine.now());
                return;
            }
            case ACQUIRE -> {
                rebalance.acquireDue((int) (arg >>> 32), (int) arg, engine.now());
                return;
            }
            default -> {
            }
        }
        int m = (int) arg;
        if ((int) (arg >>> 32) != members.incarnation[m]) {
            return; // an event of a member's earlier life (before a crash or restart)
        }
        if (kind == AUTO_COMMIT) {
            autoCommit(m);
            return;
        }
        if (kind == DETECT) {
            sessionExpired(m);
            return;
        }
        if (kind == MAX_POLL) {
            pollIntervalExceeded(m);
            return;
        }
        if (kind == RETRY) {
            retry(m);
        }
    }

    /** Member {@code m}'s attempt at its record is over: the record is done, retried or left, and the member fetches. */
    private void complete(int m) {
        double now = engine.now();
        if (attempts != null) {
            attempts.record(attemptStart[m], fails[m]);
            if (fails[m]) {
                if (attempts.failed(inService, m, now) == Attempts.RETRY_HERE) {
                    engine.schedule(attempts.backoffDelay(), handler, RETRY, tag(m)); // blocking: the partitions wait
                    return;
                }
                leave(m, now);
                return;
            }
        }
        int p = servingPartition[m];
        finished(m, p, servingOffset[m], now);
        if (rebalance.releasePending[p]) {
            setBusy(m, false, now);
            rebalance.release(p, now);
        }
        tallies.completed(p, now - inService.enqueued(m));
        stats.completed(now, inService.enqueued(m), started[m], inService.origin(m), inService.key(m), inService.id(m));
        if (emitter != null) {
            emitter.emit(inService, m);
        }
        fetch(m, now);
    }

    // ------------------------------------------------------------------ membership

    /** The event argument for member {@code m}: its slot and the life it is in (stale after a crash). */
    private long tag(int m) {
        return ((long) members.incarnation[m] << 32) | m;
    }

    void schedule(double delay, int kind, long arg) {
        engine.schedule(Math.max(0, delay), handler, kind, arg);
    }

    /** Whether member {@code m} is handling a record of partition {@code p}. */
    boolean serving(int m, int p) {
        return m >= 0 && busy[m] && servingPartition[m] == p;
    }

    /** Eager: member {@code m} revokes at once if it is between polls, else when its poll is done. */
    void revokeIfIdle(int m, double now) {
        if (!busy[m] && batchLeft[m] == 0 && !members.stuck[m]) {
            revoke(m, now);
        }
    }

    /** Eager: member {@code m} commits what it processed and gives up all its partitions. */
    private void revoke(int m, double now) {
        if (members.revoked[m]) {
            return;
        }
        members.previouslyOwned[m] = memberPartitions[m];
        if (commitsModelled) {
            commits.commitProcessed(m, now);
        }
        for (int p : memberPartitions[m]) {
            owner[p] = -1;
            refreshOwned(p, now);
        }
        members.revoked[m] = true;
        ownershipChanged();
        rebalance.checkSync(now);
    }

    /** The owner of {@code p} gives it up, committing what it processed of it. */
    void revokePartition(int p, double now) {
        int m = owner[p];
        if (m >= 0 && commitsModelled && members.state[m] == Members.LIVE && position[p] > committed[p]
                && delivery != Delivery.AT_MOST_ONCE) {
            commit(p, position[p], now);
        }
        owner[p] = -1;
        refreshOwned(p, now);
        ownershipChanged();
    }

    /**
     * Member {@code m} takes partition {@code p}: it resumes from the committed offset, so what was
     * processed after the last commit comes again (at-least-once) and what was committed but not
     * processed is never read (at-most-once).
     */
    void acquire(int p, int m, double now) {
        long old = position[p];
        long from = committed[p];
        long delta = old - from - (abandoned[p] ? 1 : 0);
        abandoned[p] = false;
        position[p] = from;
        ledger.resumedAt(p, from);
        if (delta != 0) {
            system.add(now, delta); // re-deliveries wait again; skipped records leave (never when committed as processed)
        }
        owner[p] = m;
        refreshOwned(p, now);
    }

    /** Rebuilds each member's partition list from the owners. */
    void ownershipChanged() {
        int[] counts = new int[members.count];
        for (int o : owner) {
            if (o >= 0) {
                counts[o]++;
            }
        }
        int[][] parts = new int[members.count][];
        for (int m = 0; m < members.count; m++) {
            parts[m] = new int[counts[m]];
            counts[m] = 0;
        }
        for (int p = 0; p < owner.length; p++) {
            if (owner[p] >= 0) {
                parts[owner[p]][counts[owner[p]]++] = p;
            }
        }
        memberPartitions = parts;
    }

    /** Member {@code m} looks for work (if it is idle and may). */
    void wake(int m, double now) {
        if (!busy[m] && members.state[m] == Members.LIVE && active) {
            fetch(m, now);
        }
    }

    private void refreshOwned(int p, double now) {
        int m = owner[p];
        if (m != recordedOwner[p]) {
            recordedOwner[p] = m;
            ownerChanges[p]++;
            if (ownerHistory[p] == null) {
                ownerHistory[p] = new double[2 * OWNER_HISTORY];
            }
            int k = (int) Math.min(ownerChanges[p], OWNER_HISTORY) - 1;
            if (ownerChanges[p] <= OWNER_HISTORY) {
                ownerHistory[p][2 * k] = now;
                ownerHistory[p][2 * k + 1] = m < 0 ? -1 : members.instance[m];
            }
        }
        boolean none = m < 0 || members.state[m] != Members.LIVE;
        if (none != unownedNow[p]) {
            unownedNow[p] = none;
            unowned.add(now, none ? 1 : -1);
            partitionUnowned[p].set(now, none ? 1 : 0);
        }
    }

    private void refreshMember(int m, double now) {
        for (int p = 0; p < owner.length; p++) {
            if (owner[p] == m) {
                refreshOwned(p, now);
            }
        }
    }

    /** Member {@code m} stops where it is: its record is abandoned, its events die with it. */
    private void halt(int m, double now) {
        if (busy[m]) {
            abandoned[servingPartition[m]] = true;
            setBusy(m, false, now);
        }
        batchLeft[m] = 0;
        members.incarnation[m]++;
        if (parked != null) {
            parked[m] = false;
        }
    }

    private int slot(int n) {
        return members.slotOf(n);
    }

    @Override
    public void crash(int n) {
        int m = slot(n);
        if (m < 0 || members.state[m] != Members.LIVE) {
            return;
        }
        double now = engine.now();
        crashes++;
        halt(m, now);
        members.state[m] = Members.CRASHED;
        members.leaving[m] = false;
        refreshMember(m, now);
        // the broker notices when the session runs out after the member's last heartbeat
        double detect = members.lastHeartbeat(m, now, heartbeat) + membership.sessionTimeout();
        schedule(detect - now, DETECT, tag(m));
        rebalance.checkSync(now);
    }

    @Override
    public void stop(int n) {
        int m = slot(n);
        if (m < 0 || members.state[m] != Members.LIVE) {
            return;
        }
        double now = engine.now();
        members.stuck[m] = false;
        if (busy[m]) {
            members.leaving[m] = true; // leaves when its record is done
        } else {
            depart(m, now);
        }
    }

    /** Member {@code m} shuts down gracefully: commits what it processed and (unless static) leaves. */
    private void depart(int m, double now) {
        members.leaving[m] = false;
        if (commitsModelled) {
            commits.commitProcessed(m, now);
        }
        halt(m, now);
        members.state[m] = Members.GONE;
        if (membership.staticMembers()) {
            // a static member sends no leave: the group waits for its session to time out
            refreshMember(m, now);
            schedule(membership.sessionTimeout(), DETECT, tag(m));
            rebalance.checkSync(now);
            return;
        }
        removeFromGroup(m, now);
    }

    private void removeFromGroup(int m, double now) {
        members.inGroup[m] = false;
        members.stopping[m] = false;
        members.revoked[m] = false;
        for (int p = 0; p < owner.length; p++) {
            if (owner[p] == m) {
                owner[p] = -1;
                refreshOwned(p, now);
            }
        }
        ownershipChanged();
        rebalance.trigger(now);
    }

    private void sessionExpired(int m) {
        if (members.inGroup[m] && members.state[m] != Members.LIVE) {
            removeFromGroup(m, engine.now());
        }
    }

    @Override
    public void start(int n) {
        double now = engine.now();
        int m = slot(n);
        if (m >= 0 && members.state[m] == Members.LIVE) {
            return;
        }
        if (m >= 0 && membership.staticMembers() && members.inGroup[m]) {
            // a static member back inside its session timeout: same id, same partitions, no rebalance
            members.state[m] = Members.LIVE;
            members.incarnation[m]++;
            members.joinedAt[m] = now;
            for (int p : memberPartitions[m]) {
                acquire(p, m, now);
            }
            restartTimers(m, now);
            rebalance.checkSync(now);
            wake(m, now);
            return;
        }
        if (m < 0 || members.inGroup[m]) {
            m = addMember(n); // a new member id (the old one, if any, waits for its session to time out)
        }
        members.state[m] = Members.LIVE;
        members.inGroup[m] = true;
        members.stuck[m] = false;
        members.incarnation[m]++;
        members.joinedAt[m] = now;
        members.revoked[m] = true; // it owns nothing to revoke
        members.stopping[m] = false;
        members.previouslyOwned[m] = new int[0];
        restartTimers(m, now);
        if (active) {
            rebalance.trigger(now);
        }
    }

    private void restartTimers(int m, double now) {
        if (commitPolicy.mode() == CommitPolicy.Mode.AUTO && active) {
            engine.schedule(commits.restartInterval(m, now), handler, AUTO_COMMIT, tag(m));
        }
    }

    @Override
    public void pause(int n, boolean on) {
        int m = slot(n);
        if (m < 0 || members.state[m] != Members.LIVE) {
            return;
        }
        double now = engine.now();
        if (on) {
            members.stuck[m] = true;
            // its heartbeat thread keeps it in the group; not polling past max-poll-interval, it leaves
            schedule(membership.maxPollInterval(), MAX_POLL, tag(m));
            return;
        }
        members.stuck[m] = false;
        if (members.inGroup[m]) {
            if (members.stopping[m]) {
                revokeIfIdle(m, now);
            }
            wake(m, now);
            return;
        }
        start(members.instance[m]); // removed meanwhile: it rejoins as a new member
    }

    private void pollIntervalExceeded(int m) {
        if (!members.stuck[m] || !members.inGroup[m]) {
            return;
        }
        double now = engine.now();
        // it could not commit what it processed since its last commit: the new owner reads it again
        members.inGroup[m] = false;
        for (int p = 0; p < owner.length; p++) {
            if (owner[p] == m) {
                owner[p] = -1;
                refreshOwned(p, now);
            }
        }
        ownershipChanged();
        rebalance.trigger(now);
    }

    private int addMember(int n) {
        int m = members.add(n);
        int c = members.count;
        busy = java.util.Arrays.copyOf(busy, c);
        started = java.util.Arrays.copyOf(started, c);
        batchLeft = java.util.Arrays.copyOf(batchLeft, c);
        commits.grow(c);
        if (inService.capacity() < c) {
            inService = inService.grown(Math.max(c, inService.capacity() * 2));
        }
        servingPartition = java.util.Arrays.copyOf(servingPartition, c);
        servingOffset = java.util.Arrays.copyOf(servingOffset, c);
        if (parked != null) {
            parked = java.util.Arrays.copyOf(parked, c);
            fails = java.util.Arrays.copyOf(fails, c);
            attemptStart = java.util.Arrays.copyOf(attemptStart, c);
        }
        ownershipChanged();
        return m;
    }

    /** An idle member's poll loop auto-commits when the interval ends; a busy one commits at its next poll. */
    private void autoCommit(int m) {
        double now = engine.now();
        boolean idle = !busy[m] && members.state[m] == Members.LIVE && !members.stuck[m];
        engine.scheduleAt(commits.autoCommit(m, now, idle), handler, AUTO_COMMIT, tag(m));
    }

    /**
     * Age of the oldest uncommitted record over all partitions, in seconds (0 when caught up): the
     * "time lag" of Burrow and kafka-lag-exporter. Also fills each partition's own age.
     */
    double lagSeconds(double now) {
        double max = 0;
        for (int p = 0; p < position.length; p++) {
            PartitionLog pt = stream.partitions[p];
            double age = 0;
            if (committed[p] < pt.endOffset() && committed[p] >= pt.startOffset) {
                age = now - pt.store().enqueued(pt.slotOf(committed[p]));
            }
            partitionLagSeconds[p] = age;
            max = Math.max(max, age);
        }
        return max;
    }

    int activeMembers() {
        int n = 0;
        for (int[] parts : memberPartitions) {
            if (parts.length > 0) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void reset(double now) {
        stats.reset(now);
        lag.reset(now);
        if (commitsModelled) {
            system.reset(now);
        }
        unowned.reset(now);
        for (TimeAverage t : partitionUnowned) {
            t.reset(now);
        }
        rebalance.rebalances = 0;
        rebalance.pausedSeconds = 0;
        tallies.reset(now);
        lagSecondsSum = 0;
        lagSecondsCount = 0;
        lagSecondsMax = 0;
        Arrays.fill(partitionLagSecondsSum, 0);
        intervals.reset();
        if (attempts != null) {
            attempts.reset(now);
        }
        lastSojournSum = 0;
        lastSojournCount = 0;
    }

    @Override
    public void sample(double now, double interval) {
        LatencyRecorder times = stats.sojourn;
        long n = times.count() - lastSojournCount;
        intervalW = n == 0 ? Double.NaN : (times.sum() - lastSojournSum) / n;
        lastSojournSum = times.sum();
        lastSojournCount = times.count();
        if (attempts != null) {
            attempts.sample(this, now, interval);
        }
        double l = system.area(now);
        double b = stats.busy.area(now);
        intervals.sample(this, "", now, interval, l, l - b, b, spec.instances(), stats.sojourn, stats.wait);
        double ls = lagSeconds(now);
        lagSecondsSum += ls;
        lagSecondsCount++;
        lagSecondsMax = Math.max(lagSecondsMax, ls);
        for (int p = 0; p < partitionLagSeconds.length; p++) {
            partitionLagSecondsSum[p] += partitionLagSeconds[p];
        }
        series("lag").add(now, lag.value());
        series("lagSeconds").add(now, ls);
        series("throughput").add(now, stats.takeSampleCompletions() / interval);
        series("busy").add(now, busyCount);
        series("L").add(now, system.value());
        series("Lq").add(now, system.value() - busyCount);
    }

    @Override
    public void measure(double now, double window, Map<String, Double> out) {
        double l = system.mean(now);
        double b = stats.busy.mean(now);
        out.put("throughput", stats.completions / window);
        out.put("L", l);
        out.put("Lq", l - b);
        out.put("W", stats.sojourn.mean());
        out.put("Wq", stats.wait.mean());
        out.put("utilization", b / spec.instances());
        out.put("latency.p50", stats.sojourn.percentile(50));
        out.put("latency.p95", stats.sojourn.percentile(95));
        out.put("latency.p99", stats.sojourn.percentile(99));
        out.put("endToEnd.mean", stats.endToEnd.mean());
        out.put("endToEnd.p50", stats.endToEnd.percentile(50));
        out.put("endToEnd.p99", stats.endToEnd.percentile(99));
        out.put("lag", lag.mean(now));
        out.put("lagMax", lag.max());
        out.put("lagSeconds", lagSecondsCount == 0 ? 0 : lagSecondsSum / lagSecondsCount);
        out.put("lagSecondsMax", lagSecondsMax);
        out.put("outOfOrder", (double) stats.outOfOrder);
        out.put("expired", (double) stats.expired);
        out.put("activeMembers", (double) activeMembers());
        for (int p = 0; p < position.length; p++) {
            out.put("partitions." + p + ".lag", tallies.meanLag(p, now));
            out.put("partitions." + p + ".lagSeconds", lagSecondsCount == 0 ? 0 : partitionLagSecondsSum[p] / lagSecondsCount);
            if (tallies.completed(p) > 0) {
                out.put("partitions." + p + ".W", tallies.meanSojourn(p));
            }
        }
        // the lag at the end of the run, and how fast retention deleted records nobody had read
        out.put("backlog", system.value());
        out.put("expiredRate", stats.expired / window);
        if (attempts != null) {
            attempts.measure(now, window, out);
        }
        if (options.commitsModelled() || dynamic()) {
            out.put("rebalances", (double) rebalance.rebalances);
            out.put("pausedSeconds", rebalance.pausedSeconds);
            out.put("unownedSeconds", unowned.mean(now) * window);
            out.put("crashes", (double) crashes);
            for (int p = 0; p < committed.length; p++) {
                out.put("partitions." + p + ".unownedSeconds", partitionUnowned[p].mean(now) * window);
                out.put("partitions." + p + ".ownerChanges", (double) ownerChanges[p]);
                for (int k = 0; k < Math.min(ownerChanges[p], OWNER_HISTORY); k++) {
                    out.put("partitions." + p + ".owners." + k + ".at", ownerHistory[p][2 * k]);
                    out.put("partitions." + p + ".owners." + k + ".instance", ownerHistory[p][2 * k + 1]);
                }
                out.put("partitions." + p + ".owner", (double) (owner[p] < 0 ? -1 : members.instance[owner[p]]));
            }
        }
        if (options.commitsModelled() || dynamic()) {
            out.put("processedOnce", (double) ledger.processedOnce);
            out.put("duplicates", (double) ledger.duplicates);
            out.put("lost", (double) ledger.lost);
            out.put("deduplicated", (double) ledger.deduplicated);
            for (int p = 0; p < committed.length; p++) {
                out.put("partitions." + p + ".committed", (double) committed[p]);
            }
        }
        if (drain != null) {
            drain.measure(out);
        }
    }

    /** Whether the group's membership moved or is configured away from the defaults (then it reports rebalances). */
    private boolean dynamic() {
        return rebalance.epoch > 0 || crashes > 0 || !membership.equals(Membership.DEFAULT);
    }

    /**
     * Checks the delivery ledger against the logs: for every partition, the records from where the
     * group began to the log-end offset are processed once, lost, expired, in service or unread.
     * Returns null when they balance, or what does not.
     */
    String reconcile() {
        long accounted = 0;
        for (int p = 0; p < position.length; p++) {
            if (ledger.frontier[p] > stream.partitions[p].endOffset()) {
                return "partition " + p + ": the ledger's frontier " + ledger.frontier[p] + " is past the log end "
                        + stream.partitions[p].endOffset();
            }
            accounted += ledger.accountedSpan(p);
        }
        long books = ledger.processedOnce + ledger.lost + ledger.expired;
        if (books != accounted) {
            return "processed once " + ledger.processedOnce + " + lost " + ledger.lost + " + expired " + ledger.expired
                    + " = " + books + ", but the logs account for " + accounted;
        }
        if (ledger.processedOnce + ledger.duplicates != finishedCount) {
            return "processed once " + ledger.processedOnce + " + duplicates " + ledger.duplicates + " ≠ "
                    + finishedCount + " records finished";
        }
        return null;
    }

    @Override
    public double gauge(String figure) {
        return switch (figure) {
            case "lag" -> lag.value();
            case "processing-time" -> intervalW;
            case "error-rate" -> attempts == null ? 0 : attempts.intervalErrorRate();
            default -> Double.NaN;
        };
    }

    @Override
    public void snapshot(Map<String, Double> out) {
        out.put("lag", lag.value());
        out.put("busy", (double) busyCount);
        out.put("instances", (double) spec.instances());
        out.put("completions", (double) stats.completions);
        out.put("outOfOrder", (double) stats.outOfOrder);
        out.put("ledgerBalanced", reconcile() == null ? 1.0 : 0.0);
        out.put("duplicates", (double) ledger.duplicates);
        out.put("lost", (double) ledger.lost);
        for (int p = 0; p < committed.length; p++) {
            out.put("partition." + p + ".committed", (double) committed[p]);
            out.put("partition." + p + ".owner", (double) owner[p]);
            out.put("partition." + p + ".position", (double) position[p]);
        }
        for (int m = 0; m < busy.length; m++) {
            out.put("worker." + m, busy[m] ? 1.0 : 0.0);
            if (members.state[m] == Members.CRASHED) {
                out.put("worker." + m + ".crashed", 1.0);
            }
        }
        if (attempts != null) {
            attempts.snapshot(out);
        }
    }
}
