package dev.tributary.sim.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.scenario.Scenario;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The hot path allocates (almost) nothing per event once the arrays have grown. */
class AllocationTest {

    @Test
    void steadyStateEventsAllocateLessThanABytePerEvent() throws Exception {
        ThreadMXBean bean = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Scenario s = Examples.load("basics/mmc-queue").withDuration(200_000).withSampleInterval(1e9);
        Model m = new Model(s);
        m.runUntil(50_000); // grow the heap, queue and histogram arrays first
        long events0 = m.events();
        long bytes0 = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        m.runUntil(200_000);
        long bytes = bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - bytes0;
        long events = m.events() - events0;
        assertThat(events).isGreaterThan(1_000_000);
        // an allocation per event would be ≥ 16 bytes each; allow rare array growth
        assertThat((double) bytes / events).as("bytes per event (%d bytes, %d events)", bytes, events).isLessThan(1.0);
    }
}
