package dev.tributary.sim.element.stream;

import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.engine.EventHandler;
import java.util.Arrays;
import java.util.Map;

/**
 * Drain times of one stream group: from each drain mark (a fault's end, a rate change) until each
 * partition's backlog is back to its normal level, taken as empty: every record appended has been
 * processed (log-end offset = processed offset, nothing in service). A partition already empty at
 * the mark drains in 0 s. The group's drain time is the longest of its partitions' (every partition
 * has been empty at least once since the mark); NaN when some partition had not drained by the end.
 *
 * <p>Why empty: for a partition whose member owns it alone, with Poisson arrivals at λ_p and
 * exponential service at μ, the time to empty from a backlog B is B busy periods, whose mean is
 * exactly B/(μ − λ_p) (Kleinrock, Queueing Systems vol. 1, §5.8: an M/M/1 busy period lasts
 * 1/(μ − λ) on average), so the measured time has an exact prediction to be checked against.
 */
final class StreamDrain implements EventHandler {

    private final StreamGroup group;
    private final double[] marks;
    /** Per mark and partition: the backlog at the mark, its owner then, and the seconds until empty (NaN: pending). */
    private final long[][] backlog;
    private final int[][] member;
    private final double[][] seconds;
    private int reached;

    private StreamDrain(StreamGroup group, double[] marks, int partitions) {
        this.group = group;
        this.marks = marks;
        this.backlog = new long[marks.length][partitions];
        this.member = new int[marks.length][partitions];
        this.seconds = new double[marks.length][partitions];
        for (double[] s : seconds) {
            Arrays.fill(s, Double.NaN);
        }
    }

    /** The drain watch of a group, or null when the run has no drain marks. */
    static StreamDrain of(StreamGroup group, double[] marks, int partitions) {
        return marks.length == 0 ? null : new StreamDrain(group, marks, partitions);
    }

    /** Schedules the marks, each after everything else of its instant (it reads the state they leave). */
    void start(Engine engine) {
        for (int k = 0; k < marks.length; k++) {
            engine.scheduleAt(marks[k], Engine.MAX_ORDER, this, 0, k);
        }
    }

    @Override
    public void handle(int kind, long arg) {
        int k = (int) arg;
        reached = k + 1;
        for (int p = 0; p < backlog[k].length; p++) {
            long b = group.stream.partitions[p].endOffset() - group.committed[p];
            backlog[k][p] = b;
            member[k][p] = group.owner[p];
            if (b == 0) {
                seconds[k][p] = 0;
            }
        }
    }

    /** Partition {@code p} has just become empty (every appended record processed): ends its pending drains. */
    void emptied(int p, double now) {
        for (int k = 0; k < reached; k++) {
            if (seconds[k][p] != seconds[k][p]) {
                seconds[k][p] = now - marks[k];
            }
        }
    }

    /** {@code drains.K.{at, seconds, backlog}} and per partition {@code drains.K.partitions.P.{backlog, seconds, member}}. */
    void measure(Map<String, Double> out) {
        for (int k = 0; k < marks.length; k++) {
            String d = "drains." + k + ".";
            long total = 0;
            double longest = 0;
            for (int p = 0; p < backlog[k].length; p++) {
                total += backlog[k][p];
                longest = Math.max(longest, seconds[k][p]); // NaN (not drained, or not reached) wins
                if (seconds[k][p] != seconds[k][p]) {
                    longest = Double.NaN;
                }
            }
            out.put(d + "at", marks[k]);
            out.put(d + "seconds", k < reached ? longest : Double.NaN);
            out.put(d + "backlog", k < reached ? (double) total : Double.NaN);
            for (int p = 0; p < backlog[k].length; p++) {
                String pp = d + "partitions." + p + ".";
                out.put(pp + "backlog", k < reached ? (double) backlog[k][p] : Double.NaN);
                out.put(pp + "seconds", seconds[k][p]);
                out.put(pp + "member", k < reached ? (double) member[k][p] : Double.NaN);
            }
        }
    }
}
