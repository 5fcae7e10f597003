package dev.tributary.sim.scenario;

/**
 * One entry of a scenario's {@code narration:}: a caption shown at a simulated time, or a
 * predict-then-reveal question about one figure of one element.
 *
 * @param at        the simulated time, seconds
 * @param text      the caption, or the question when {@link #question()}
 * @param pause     whether the run pauses here (always true for a question)
 * @param highlight the id of the element to highlight, or null (a question highlights its figure's element)
 * @param element   the id of the element a question asks about, or null for a caption
 * @param figure    the measured figure a question asks about ({@code Wq}, {@code latency.p99}), or null
 */
public record NarrationStep(double at, String text, boolean pause, String highlight, String element, String figure) {

    /** A caption. */
    public static NarrationStep caption(double at, String text, boolean pause, String highlight) {
        return new NarrationStep(at, text, pause, highlight, null, null);
    }

    /** A question: always pauses the run. */
    public static NarrationStep question(double at, String text, String element, String figure, String highlight) {
        return new NarrationStep(at, text, true, highlight == null ? element : highlight, element, figure);
    }

    /** Whether this entry asks the class to predict a figure. */
    public boolean question() {
        return figure != null;
    }

    /** The figure as written in the file, {@code element.figure}, or null for a caption. */
    public String figureName() {
        return figure == null ? null : element + "." + figure;
    }
}
