package dev.tributary.sim.element.stream;

import dev.tributary.sim.value.Durations;
import dev.tributary.sim.value.Parsed;
import java.util.Locale;

/**
 * When a stream group commits its offsets ({@code commit:}).
 *
 * <p>Members poll: a poll takes the records waiting on the member's partitions, up to
 * {@code max-poll-records}, oldest first; the member handles them one at a time and polls again
 * when they are done (an idle member's poll waits and returns with the next record). Commits
 * happen at polls: {@code auto(INTERVAL)} at the first poll once the interval has passed since the
 * last commit (an idle member commits when the interval ends, as Kafka's poll loop does),
 * {@code per-batch} at every poll, {@code per-record} after every record.
 *
 * @param mode           the commit rule
 * @param interval       seconds between auto-commits (auto only)
 * @param maxPollRecords most records one poll returns
 */
public record CommitPolicy(Mode mode, double interval, int maxPollRecords) {

    /** Kafka's {@code max.poll.records} default. */
    public static final int DEFAULT_MAX_POLL_RECORDS = 500;
    /** Kafka's {@code auto.commit.interval.ms} default: 5 s. */
    public static final double DEFAULT_INTERVAL = 5;
    /** No {@code commit:} key: a record counts as committed the moment its processing completes. */
    public static final CommitPolicy PROCESSED = new CommitPolicy(Mode.PROCESSED, 0, DEFAULT_MAX_POLL_RECORDS);

    /** The commit rules. */
    public enum Mode {
        /** No {@code commit:} key: committed as processed (Tributary's steady-state model). */
        PROCESSED,
        /** {@code auto(INTERVAL)}: Kafka's {@code enable.auto.commit}. */
        AUTO,
        /** {@code per-record}: a synchronous commit after every record. */
        PER_RECORD,
        /** {@code per-batch}: a commit at every poll, covering the previous poll's records. */
        PER_BATCH
    }

    /** Parses {@code auto(5s)}, {@code auto}, {@code per-record} or {@code per-batch}. */
    public static Parsed<CommitPolicy> parse(String text, int maxPollRecords) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("per-record")) {
            return Parsed.of(new CommitPolicy(Mode.PER_RECORD, 0, 1));
        }
        if (t.equals("per-batch")) {
            return Parsed.of(new CommitPolicy(Mode.PER_BATCH, 0, maxPollRecords));
        }
        if (t.equals("auto")) {
            return Parsed.of(new CommitPolicy(Mode.AUTO, DEFAULT_INTERVAL, maxPollRecords));
        }
        if (t.startsWith("auto(") && t.endsWith(")")) {
            double i = Durations.parseDuration(t.substring(5, t.length() - 1).trim());
            if (!(i > 0) || i > 86400 * 365) {
                return Parsed.error("expected auto(INTERVAL) with an interval above 0 such as auto(5s); got '" + text + "'");
            }
            return Parsed.of(new CommitPolicy(Mode.AUTO, i, maxPollRecords));
        }
        return Parsed.error("expected auto(INTERVAL) such as auto(5s), per-record or per-batch; got '" + text + "'");
    }

    /** Whether commits are modelled (a {@code commit:} key was given). */
    public boolean modelled() {
        return mode != Mode.PROCESSED;
    }

    /** In words. */
    public String describe() {
        return switch (mode) {
            case PROCESSED -> "committed as processed";
            case AUTO -> "auto-commit every " + Durations.format(interval);
            case PER_RECORD -> "commit per record";
            case PER_BATCH -> "commit per batch of up to " + maxPollRecords;
        };
    }
}
