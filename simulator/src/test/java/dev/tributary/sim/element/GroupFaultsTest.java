package dev.tributary.sim.element;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fail and slow faults in force on a group: overlapping ones nest, and no slow fault leaves a time untouched. */
class GroupFaultsTest {

    @Test
    void overlappingFailFaultsLastUntilTheLastEnds() {
        GroupFaults f = new GroupFaults();
        assertThat(f.failing()).isFalse();
        f.failing(true);
        f.failing(true);
        f.failing(false);
        assertThat(f.failing()).isTrue();
        f.failing(false);
        assertThat(f.failing()).isFalse();
    }

    @Test
    void slowFaultsMultiplyWhileTheyLast() {
        GroupFaults f = new GroupFaults();
        assertThat(f.slowed(0.1)).isEqualTo(0.1);
        f.slow(5, true);
        f.slow(2, true);
        assertThat(f.slowed(0.1)).isEqualTo(0.1 * 10);
        f.slow(5, false);
        assertThat(f.slowed(0.1)).isEqualTo(0.1 * 2);
        f.slow(2, false);
        assertThat(f.slowed(0.1)).isEqualTo(0.1); // bit for bit: no multiplication by 1.0 left behind
    }
}
