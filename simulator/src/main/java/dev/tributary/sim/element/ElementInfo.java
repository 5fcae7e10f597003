package dev.tributary.sim.element;

/** Names an element of a built model: its index (as used by {@link FlowListener}), id and kind. */
public record ElementInfo(int index, String id, String kind) {
}
