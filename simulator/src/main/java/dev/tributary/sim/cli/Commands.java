package dev.tributary.sim.cli;

import dev.tributary.sim.report.Runner;

/** Shared wiring of the commands. */
final class Commands {

    private Commands() {
    }

    /** The runner every command uses. */
    static Runner runner() {
        return new Runner().withPredictor(dev.tributary.sim.theory.ScenarioTheory::reportBlocks);
    }
}
