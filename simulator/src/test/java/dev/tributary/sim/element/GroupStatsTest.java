package dev.tributary.sim.element;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.metrics.LatencyRecorder;
import org.junit.jupiter.api.Test;

/** End-to-end times follow the sojourn recorder while they are equal, and split from it exactly when they differ. */
class GroupStatsTest {

    @Test
    void endToEndEqualsAnOwnRecordingBeforeAndAfterTheFirstEventProducedEarlier() {
        GroupStats stats = new GroupStats(10);
        LatencyRecorder reference = new LatencyRecorder();
        for (int i = 0; i < 50; i++) { // produced straight into the channel: origin = enqueued
            double enq = i * 0.37;
            double now = enq + 0.001 * (i % 7) + 0.0123 * i;
            stats.completed(now, enq, enq, enq, i % 10, i);
            reference.record(now - enq);
        }
        assertThat(stats.endToEnd()).isSameAs(stats.sojourn);
        for (int i = 50; i < 120; i++) { // produced 0.5 s before they entered
            double enq = i * 0.37;
            double now = enq + 0.002 * (i % 5) + 0.01;
            stats.completed(now, enq, enq, enq - 0.5, i % 10, i);
            reference.record(now - (enq - 0.5));
        }
        assertThat(stats.endToEnd()).isNotSameAs(stats.sojourn);
        assertThat(stats.endToEnd().count()).isEqualTo(reference.count());
        assertThat(stats.endToEnd().sum()).isEqualTo(reference.sum());
        assertThat(stats.endToEnd().variance()).isEqualTo(reference.variance());
        for (double p : new double[] {1, 50, 90, 99, 100}) {
            assertThat(stats.endToEnd().percentile(p)).isEqualTo(reference.percentile(p));
        }
        assertThat(stats.sojourn.count()).isEqualTo(120);
        assertThat(stats.sojourn.sum()).isNotEqualTo(reference.sum());
    }

    @Test
    void aDepartureSplitsThemFirstAndAGroupNotRecordingSojournsRecordsEndToEndOnItsOwn() {
        GroupStats stats = new GroupStats(0);
        stats.completed(2, 1, 1, 1, -1, 0);
        stats.departed(5, 1, 1); // a sojourn with no end-to-end time
        assertThat(stats.sojourn.count()).isEqualTo(2);
        assertThat(stats.endToEnd().count()).isEqualTo(1);
        assertThat(stats.endToEnd().sum()).isEqualTo(1);

        GroupStats shared = new GroupStats(0);
        shared.recordTimes = false; // its queue records sojourns
        shared.completed(3, 1, 1, 1, -1, 0);
        assertThat(shared.sojourn.count()).isZero();
        assertThat(shared.endToEnd().count()).isEqualTo(1);
        assertThat(shared.endToEnd().sum()).isEqualTo(2);
    }

    @Test
    void aCopiedRecorderGoesOnIndependently() {
        LatencyRecorder a = new LatencyRecorder();
        for (int i = 1; i <= 100; i++) {
            a.record(i * 1e-3);
        }
        assertThat(a.percentile(50)).isPositive(); // folds into the histogram
        a.record(0.5);
        LatencyRecorder b = a.copy();
        b.record(2.0);
        assertThat(a.count()).isEqualTo(101);
        assertThat(b.count()).isEqualTo(102);
        assertThat(a.max()).isLessThan(b.max());
        a.record(2.0);
        assertThat(a.sum()).isEqualTo(b.sum());
        assertThat(a.percentile(99.9)).isEqualTo(b.percentile(99.9));
    }
}
