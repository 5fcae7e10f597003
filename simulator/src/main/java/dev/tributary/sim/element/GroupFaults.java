package dev.tributary.sim.element;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code fail} and {@code slow} faults in force on one consumer group: what a group registers as
 * its {@link GroupControl} and asks while it serves (a queue's {@link Attempts}, a saga's step).
 */
public final class GroupFaults implements GroupControl {

    private int failing;
    private final List<Double> slows = new ArrayList<>();
    private double slowdown = 1;

    @Override
    public void failing(boolean on) {
        failing += on ? 1 : -1;
    }

    @Override
    public void slow(double factor, boolean on) {
        if (on) {
            slows.add(factor);
        } else {
            slows.remove(factor);
        }
        double s = 1;
        for (double f : slows) {
            s *= f;
        }
        slowdown = s;
    }

    /** Whether a fail fault is in force: then every attempt fails. */
    public boolean failing() {
        return failing > 0;
    }

    /** {@code d} times the slow faults' factors in force ({@code d} itself, untouched, when none is). */
    public double slowed(double d) {
        return slowdown == 1 ? d : d * slowdown;
    }
}
