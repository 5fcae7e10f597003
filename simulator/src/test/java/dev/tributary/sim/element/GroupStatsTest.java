package dev.tributary.sim.element;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.metrics.LatencyRecorder;
import org.junit.jupiter.api.Test;

/** A group's sojourn and end-to-end times, counted once when equal, read exactly as if recorded apart. */
class GroupStatsTest {

    @Test
    void pairedTimesReadExactlyAsRecordingsOfTheirOwn() {
        GroupStats stats = new GroupStats(10);
        stats.pairTimes();
        LatencyRecorder sojourn = new LatencyRecorder();
        LatencyRecorder endToEnd = new LatencyRecorder();
        for (int i = 0; i < 300; i++) {
            double enq = i * 0.37;
            // two in three produced straight into the channel (origin = enqueued), the rest 0.5 s earlier
            double origin = i % 3 == 2 ? enq - 0.5 : enq;
            double now = enq + 0.001 * (i % 7) + 0.0123 * i;
            stats.completed(now, enq, enq, origin, i % 10, i);
            sojourn.record(now - enq);
            endToEnd.record(now - origin);
            if (i == 150) {
                stats.departed(now + 1, enq, enq); // a sojourn with no end-to-end time
                sojourn.record(now + 1 - enq);
            }
        }
        for (LatencyRecorder[] pair : new LatencyRecorder[][] {{stats.sojourn, sojourn}, {stats.endToEnd, endToEnd}}) {
            assertThat(pair[0].count()).isEqualTo(pair[1].count());
            assertThat(pair[0].sum()).isEqualTo(pair[1].sum());
            assertThat(pair[0].variance()).isEqualTo(pair[1].variance());
            for (double p : new double[] {1, 50, 90, 99, 100}) {
                assertThat(pair[0].percentile(p)).as("p%s", p).isEqualTo(pair[1].percentile(p));
            }
        }
        assertThat(stats.sojourn.count()).isEqualTo(301);
        assertThat(stats.endToEnd.count()).isEqualTo(300);
    }

    @Test
    void aGroupNotRecordingSojournsRecordsEndToEndAloneAndACallerMayRecordItInstead() {
        GroupStats shared = new GroupStats(0);
        shared.recordTimes = false; // its queue records sojourns
        shared.completed(3, 1, 1, 1, -1, 0);
        assertThat(shared.sojourn.count()).isZero();
        assertThat(shared.endToEnd.count()).isEqualTo(1);
        assertThat(shared.endToEnd.sum()).isEqualTo(2);
        shared.completed(5, 4, 4, 4, -1, 1, false); // the caller records this end-to-end time itself
        assertThat(shared.endToEnd.count()).isEqualTo(1);
        assertThat(shared.completions).isEqualTo(2);
    }
}
