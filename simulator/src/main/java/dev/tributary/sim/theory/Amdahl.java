package dev.tributary.sim.theory;

/**
 * Amdahl's law: with a fraction s of the work serial, n parallel workers speed the whole up by at
 * most 1 / (s + (1 − s)/n), and never beyond 1/s (G. Amdahl, AFIPS 1967). For a pipeline whose one
 * stage cannot be parallelised, that stage caps the throughput whatever the others scale to.
 */
public final class Amdahl {

    private Amdahl() {
    }

    /** Speed-up with {@code n} workers when a fraction {@code serial} of the work is serial. */
    public static double speedup(double serial, int n) {
        return 1 / (serial + (1 - serial) / n);
    }

    /** The limit of the speed-up as n grows: 1/serial. */
    public static double limit(double serial) {
        return 1 / serial;
    }
}
