package dev.tributary.sim.failure;

/**
 * The state machine of a count-based circuit breaker: closed (every call goes through, outcomes
 * fill a sliding window), open (no call goes through), half-open (a few trial calls). It knows no
 * clock: the owner tells it the time of each outcome and when the open period is over.
 *
 * <p>An outcome of an attempt that started before the last change of state is ignored (it was let
 * through by a state that no longer holds), so a slow call started while closed cannot close a
 * breaker that opened meanwhile.
 */
public final class CircuitBreaker {

    /** The breaker's states; the ordinal is the value of the {@code breaker} series (0 closed, 1 half-open, 2 open). */
    public enum State { CLOSED, HALF_OPEN, OPEN }

    private final BreakerSpec spec;
    private final boolean[] window;
    private int head;
    private int size;
    private int failures;
    private State state = State.CLOSED;
    private double since = Double.NEGATIVE_INFINITY;
    private int permits;
    private int trials;
    private int trialFailures;

    /** A closed breaker. */
    public CircuitBreaker(BreakerSpec spec) {
        this.spec = spec;
        this.window = new boolean[spec.window()];
    }

    /** The current state. */
    public State state() {
        return state;
    }

    /** Whether a new attempt may start now; in half-open state this takes one of the trial permits. */
    public boolean tryAcquire() {
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (permits > 0) {
                    permits--;
                    yield true;
                }
                yield false;
            }
        };
    }

    /**
     * Records the outcome of an attempt that started at {@code started}, at time {@code now}.
     *
     * @return the new state when the breaker changed state, else null
     */
    public State record(double started, boolean failed, double now) {
        if (started < since) {
            return null;
        }
        switch (state) {
            case CLOSED -> {
                if (size == window.length) {
                    if (window[head]) {
                        failures--;
                    }
                } else {
                    size++;
                }
                window[head] = failed;
                if (failed) {
                    failures++;
                }
                head = (head + 1) % window.length;
                if (size == window.length && failures >= spec.failureRate() * window.length - 1e-9) {
                    return change(State.OPEN, now);
                }
                return null;
            }
            case HALF_OPEN -> {
                trials++;
                if (failed) {
                    trialFailures++;
                }
                if (trials < spec.halfOpenCalls()) {
                    return null;
                }
                boolean open = trialFailures >= spec.failureRate() * spec.halfOpenCalls() - 1e-9;
                return change(open ? State.OPEN : State.CLOSED, now);
            }
            default -> {
                return null;
            }
        }
    }

    /** The open period is over: let trial calls through. */
    public State halfOpen(double now) {
        return change(State.HALF_OPEN, now);
    }

    private State change(State to, double now) {
        state = to;
        since = now;
        if (to == State.CLOSED) {
            head = 0;
            size = 0;
            failures = 0;
        } else if (to == State.HALF_OPEN) {
            permits = spec.halfOpenCalls();
            trials = 0;
            trialFailures = 0;
        }
        return to;
    }
}
