package dev.tributary.sim.value;

/**
 * The outcome of reading one value from its text: the value, or a message saying what was expected.
 * Parsers return it instead of throwing so that the scenario binder can attach the file, line,
 * column and key to the message and go on collecting every other problem.
 */
public record Parsed<T>(T value, String problem) {

    /** A value that was read. */
    public static <T> Parsed<T> of(T value) {
        return new Parsed<>(value, null);
    }

    /** A value that could not be read, with a message such as "expected a rate such as 3.6/s; got 'x'". */
    public static <T> Parsed<T> error(String problem) {
        return new Parsed<>(null, problem);
    }

    /** Whether a value was read. */
    public boolean ok() {
        return problem == null;
    }
}
