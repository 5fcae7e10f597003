package dev.tributary.sim.element;

import java.util.ArrayList;
import java.util.List;

/** The figures every consumer group measures, for kinds to build the figures their readers offer. */
public final class GroupFigures {

    /** Figures every consumer group measures (L and Lq too when it is the only group on its queue). */
    public static final List<String> GROUP = List.of("throughput", "L", "Lq", "W", "Wq", "utilization", "latency.p50",
            "latency.p95", "latency.p99", "endToEnd.mean", "endToEnd.p50", "endToEnd.p99");
    /** What a group with failures adds. */
    public static final List<String> FAILING = List.of("errors", "retries", "errorRate", "deadLettered");

    private GroupFigures() {
    }

    /** The figures of {@code reader}: every group's, then {@code extra}, then the failure figures if it fails. */
    public static List<String> of(ConsumerSpec reader, List<String> extra) {
        List<String> f = new ArrayList<>(GROUP);
        f.addAll(extra);
        if (reader.failures() != null) {
            f.addAll(FAILING);
        }
        return List.copyOf(f);
    }
}
