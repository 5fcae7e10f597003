package dev.tributary.sim.format;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario file that cannot be used. Carries every problem found, each naming the file, line,
 * column and key, and saying what was expected.
 */
public final class ScenarioException extends Exception {

    private static final long serialVersionUID = 1L;

    /** One thing wrong in a file. Line and column are 1-based (0 when unknown). */
    public record Problem(String file, int line, int column, String key, String message) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(file);
            if (line > 0) {
                sb.append(':').append(line).append(':').append(column);
            }
            sb.append(": ");
            if (key != null && !key.isEmpty()) {
                sb.append(key).append(": ");
            }
            return sb.append(message).toString();
        }
    }

    private final transient List<Problem> problems;

    /** An exception for the given problems (at least one). */
    public ScenarioException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining(System.lineSeparator())));
        this.problems = List.copyOf(problems);
    }

    /** An exception for one problem. */
    public ScenarioException(Problem problem) {
        this(List.of(problem));
    }

    /** Every problem found, in file order. */
    public List<Problem> problems() {
        return problems;
    }
}
