package dev.tributary.sim.sweep;

/**
 * A sweep asked for something it cannot do (malformed values, too many points, an unknown figure),
 * said in one sentence of what was expected; the command line prefixes its option and exits 2, the app
 * shows the sentence.
 */
public final class InvalidSweepException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The option the problem belongs to on the command line ({@code --vary}, {@code --figure}, …). */
    private final String option;

    /** A problem with what {@code option} asked for, described by {@code message}. */
    public InvalidSweepException(String option, String message) {
        super(message);
        this.option = option;
    }

    /** The command-line option the problem belongs to. */
    public String option() {
        return option;
    }
}
