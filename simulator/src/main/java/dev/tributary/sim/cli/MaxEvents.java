package dev.tributary.sim.cli;

import dev.tributary.sim.report.RunSize;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The {@code --max-events} option of every command that simulates: the most events it may run in all. */
final class MaxEvents {

    @Option(names = "--max-events", paramLabel = "N", converter = Count.class,
            defaultValue = "" + RunSize.DEFAULT_MAX_EVENTS,
            description = "Refuse to start when the run is estimated to simulate more than N events in all, such as 5e9"
                    + " (default ${DEFAULT-VALUE}, a few minutes); raise it for a deliberately long run.")
    long value;

    /** Accepts 5000000000, 5e9 or 5_000_000_000: a whole count of at least 1. */
    static final class Count implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            double v;
            try {
                v = Double.parseDouble(text.replace("_", "").trim());
            } catch (NumberFormatException e) {
                throw new picocli.CommandLine.TypeConversionException("expected a count such as 5000000000 or 5e9; got '"
                        + text + "'");
            }
            if (!(v >= 1) || Double.isInfinite(v)) {
                throw new picocli.CommandLine.TypeConversionException("expected a count of 1 or more such as 5e9; got '"
                        + text + "'");
            }
            return v >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) v;
        }
    }
}
