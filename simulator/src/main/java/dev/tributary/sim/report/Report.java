package dev.tributary.sim.report;

import dev.tributary.sim.monitor.AlertEvent;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of running a scenario: per-element figures plus how the run went.
 *
 * @param events      events executed, summed over replications
 * @param wallSeconds   elapsed (wall-clock) seconds of the simulation, replications running in parallel
 * @param engineSeconds engine time in seconds (parsing excluded), summed over replications
 * @param suggestedWarmup warm-up the MSER-5 detector suggests from replication 0 (seconds)
 * @param alerts  the alerts raised and cleared in replication 0, or null when the scenario watches nothing
 */
public record Report(
        String scenarioName,
        String source,
        long seed,
        double duration,
        double warmup,
        int replications,
        long events,
        double wallSeconds,
        double engineSeconds,
        double suggestedWarmup,
        List<ElementReport> elements,
        List<AlertEvent> alerts) {

    public Report {
        elements = List.copyOf(elements);
        alerts = alerts == null ? null : List.copyOf(alerts);
    }

    /** A report of a scenario that watches nothing. */
    public Report(String scenarioName, String source, long seed, double duration, double warmup, int replications,
                  long events, double wallSeconds, double engineSeconds, double suggestedWarmup,
                  List<ElementReport> elements) {
        this(scenarioName, source, seed, duration, warmup, replications, events, wallSeconds, engineSeconds,
                suggestedWarmup, elements, null);
    }

    /** The element with this id. */
    public Optional<ElementReport> element(String id) {
        return elements.stream().filter(e -> e.id().equals(id)).findFirst();
    }
}
