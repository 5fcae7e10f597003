package dev.tributary.sim.cli;

import dev.tributary.sim.report.Runner;

/** Shared wiring of the commands. */
final class Commands {

    private Commands() {
    }

    /** The runner every command uses. */
    static Runner runner() {
        Runner r = new Runner().withPredictor(dev.tributary.sim.model.ScenarioTheory::reportBlocks);
        if (System.console() != null) {
            // long runs show a progress line on the terminal (never in pipes, files or tests)
            long start = System.nanoTime();
            r.withProgress(f -> {
                if (System.nanoTime() - start > 1_000_000_000L) {
                    System.err.printf(java.util.Locale.ROOT, "\r  simulating… %3.0f%%%s", 100 * f, f >= 1 ? "\r" : "");
                    if (f >= 1) {
                        System.err.print("                 \r");
                    }
                    System.err.flush();
                }
            });
        }
        return r;
    }
}
