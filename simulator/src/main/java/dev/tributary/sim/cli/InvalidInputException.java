package dev.tributary.sim.cli;

/** Bad command-line input that is not a scenario problem (an option value, a missing example). */
final class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidInputException(String message) {
        super(message);
    }
}
