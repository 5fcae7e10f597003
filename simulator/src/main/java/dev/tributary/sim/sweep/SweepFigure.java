package dev.tributary.sim.sweep;

/** The figure a sweep charts: figure {@code figure} (a name in the report's measured block) of element {@code element}. */
public record SweepFigure(String element, String figure) {

    /** The dotted name, {@code element.figure}. */
    public String name() {
        return element + "." + figure;
    }
}
