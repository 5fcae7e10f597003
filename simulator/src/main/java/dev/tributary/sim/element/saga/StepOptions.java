package dev.tributary.sim.element.saga;

import dev.tributary.sim.element.ConsumerOptions;

/**
 * What a group reading a saga adds: the step it handles and how often one attempt of that step's
 * compensation fails.
 */
record StepOptions(String step, double compensationFailures) implements ConsumerOptions {
}
