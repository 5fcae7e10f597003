package dev.tributary.sim.cli;

import dev.tributary.sim.report.RunSize;
import dev.tributary.sim.report.Runner;
import java.util.Locale;

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
                double elapsed = (System.nanoTime() - start) / 1e9;
                if (elapsed > 1) {
                    System.err.print(progressLine(f, elapsed));
                    if (f >= 1) {
                        System.err.print("\r" + " ".repeat(60) + "\r");
                    }
                    System.err.flush();
                }
            });
        }
        return r;
    }

    /**
     * The progress line after {@code elapsed} seconds with {@code fraction} of the simulated time done:
     * the percentage and, once a few percent are done, the time left at the pace so far.
     */
    static String progressLine(double fraction, double elapsed) {
        double f = Math.max(0, Math.min(1, fraction));
        String left = "";
        if (f >= 0.02 && f < 1 && elapsed > 0) {
            left = ", about " + RunSize.duration(elapsed * (1 - f) / f) + " left";
        }
        String line = String.format(Locale.ROOT, "\r  simulating… %3.0f%%%s", 100 * f, left);
        return line + " ".repeat(Math.max(0, 48 - line.length()));
    }
}
