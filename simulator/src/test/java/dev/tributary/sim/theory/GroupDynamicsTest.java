package dev.tributary.sim.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The group-dynamics closed forms against the real broker's figures and hand arithmetic. */
class GroupDynamicsTest {

    @Test
    void committedLagIsLPlusHalfAnIntervalOfArrivals() {
        // the real broker: L 17.4 at 80/s, auto-commit every 5 s, committed lag 215.7
        assertThat(GroupDynamics.committedLag(17.4, 80, 5)).isCloseTo(217.4, within(1e-12));
        assertThat(GroupDynamics.committedLag(17.4, 80, 5)).isCloseTo(215.7, within(0.01 * 215.7));
    }

    @Test
    void aCrashReDeliversHalfAnIntervalOfTheMembersRecords() {
        // the real broker: 59 duplicates at λ_p = 15/s and a 5 s interval (λ_p × 2.5 s = 37.5 on average)
        assertThat(GroupDynamics.duplicatesPerCrash(15, 5)).isEqualTo(37.5);
    }

    @Test
    void orphanTimeIsTheSessionAfterTheLastHeartbeatThenTheSync() {
        assertThat(GroupDynamics.orphanSeconds(45, 3, 0.05, false)).isCloseTo(43.55, within(1e-12));
        // KIP-848: 5 s heartbeats, the new owner's next heartbeat adds half of one on average
        assertThat(GroupDynamics.orphanSeconds(45, 5, 0.05, true)).isCloseTo(45.0, within(1e-12));
    }

    @Test
    void theBusiestSurvivorCanBeOverloaded() {
        double[] rates = {15, 15, 15, 15};
        assertThat(GroupDynamics.busiestUtilization(new int[][] {{0, 1}, {2}, {3}}, rates, 25)).isCloseTo(1.2, within(1e-12));
        assertThat(GroupDynamics.busiestUtilization(new int[][] {{0}, {1}, {2}, {3}}, rates, 25)).isCloseTo(0.6, within(1e-12));
    }
}
