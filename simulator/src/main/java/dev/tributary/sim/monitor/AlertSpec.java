package dev.tributary.sim.monitor;

import java.util.Locale;

/**
 * One alert of the {@code alerts:} list: a figure watched on one element (or on every element it
 * applies to), with a warning and a critical threshold.
 *
 * @param element the element's id, or null for every element the figure applies to
 */
public record AlertSpec(Figure figure, String element, double warning, double critical) {

    /** What can be watched, with the defaults of the monitoring table. */
    public enum Figure {
        /** A consumer group's lag in events (stream: log end − committed; queue: waiting + in service). */
        LAG("lag", "lag", 10_000, 100_000, true),
        /** A consumer group's mean time in the system over the last sample interval, seconds. */
        PROCESSING_TIME("processing-time", "processing-time", 0.5, 1, true),
        /** The share of a group's attempts that failed over the last sample interval. */
        ERROR_RATE("error-rate", "error-rate", 0.001, 0.01, true),
        /** The number of events held in a dead-letter channel. */
        DLQ_SIZE("dlq-size", "size", 100, 1000, false);

        private final String word;
        private final String gauge;
        private final double warning;
        private final double critical;
        private final boolean ofGroups;

        Figure(String word, String gauge, double warning, double critical, boolean ofGroups) {
            this.word = word;
            this.gauge = gauge;
            this.warning = warning;
            this.critical = critical;
            this.ofGroups = ofGroups;
        }

        /** The word used in scenario files and reports. */
        public String word() {
            return word;
        }

        /** The name of the element gauge it reads. */
        public String gauge() {
            return gauge;
        }

        /** The default warning threshold. */
        public double defaultWarning() {
            return warning;
        }

        /** The default critical threshold. */
        public double defaultCritical() {
            return critical;
        }

        /** Whether it is a consumer group's figure (else a dead-letter channel's). */
        public boolean ofGroups() {
            return ofGroups;
        }

        /** The figure written as {@code word}, or null. */
        public static Figure of(String word) {
            for (Figure f : values()) {
                if (f.word.equals(word.trim().toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            return null;
        }
    }

    /** The alert of {@code figure} with its default thresholds, on every element it applies to. */
    public static AlertSpec defaults(Figure figure) {
        return new AlertSpec(figure, null, figure.defaultWarning(), figure.defaultCritical());
    }
}
