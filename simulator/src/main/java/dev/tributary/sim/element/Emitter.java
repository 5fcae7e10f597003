package dev.tributary.sim.element;

import dev.tributary.sim.engine.RandomStream;

/** What a consumer group publishes after each handled event (pipelines, choreographies). */
public final class Emitter {

    private final Destination[] targets;
    private final int[] typeOverride;
    private final double[] probability;
    private final RandomStream random;
    private final Context context;
    private final int from;
    private final Messages out = new Messages(1);
    private final Handled listener;
    private static final int REPAIRED = dev.tributary.sim.failure.Reason.REPAIRED.ordinal();

    /**
     * An emitter of element {@code from} to {@code targets}, each with a type override (or −1 to
     * keep the event's type) and a probability.
     */
    public Emitter(Context context, int from, Destination[] targets, int[] typeOverride, double[] probability,
                   RandomStream random) {
        this.context = context;
        this.from = from;
        this.targets = targets;
        this.typeOverride = typeOverride;
        this.probability = probability;
        this.random = random;
        this.listener = null;
    }

    private Emitter(Emitter base, Handled listener) {
        this.context = base.context;
        this.from = base.from;
        this.targets = base.targets;
        this.typeOverride = base.typeOverride;
        this.probability = base.probability;
        this.random = base.random;
        this.listener = listener;
    }

    /** Told of each event a group handled successfully, before its follow-up events (a command's reply). */
    @FunctionalInterface
    public interface Handled {
        /** The group handled the message at {@code slot} of {@code handled}. */
        void handled(Messages handled, int slot);

        /** The group gave the message up after its failures (dead-lettered or dropped): it is never handled. */
        default void abandoned(Messages abandoned, int slot) {
        }
    }

    /**
     * An emitter that tells {@code listener} of every handled event and then publishes what {@code base}
     * publishes ({@code base} may be null: nothing is published).
     */
    public static Emitter listening(Emitter base, Handled listener, Context context, int from) {
        Emitter b = base != null ? base
                : new Emitter(context, from, new Destination[0], new int[0], new double[0], null);
        return new Emitter(b, listener);
    }

    /**
     * Publishes the follow-up events of one handled event, keeping its key, origin time and id. A
     * published event starts its attempts afresh; one that had been dead-lettered (a repair
     * processor reading a DLQ) is marked repaired.
     */
    public void emit(Messages handled, int slot) {
        emit(handled, slot, null);
    }

    /**
     * Publishes like {@link #emit(Messages, int)}, offering {@code sender} to the targets that hold
     * workers back when full (stages); returns −1 when every follow-up went out, or the index of the
     * target that is full: the sender keeps the handled event and calls {@link #resume} once told
     * there is room.
     */
    public int emit(Messages handled, int slot, Sender sender) {
        if (listener != null) {
            listener.handled(handled, slot);
        }
        return publish(handled, slot, 0, false, sender);
    }

    /** Tells the listener, if any, that the group gave up the event at {@code slot} (dead-lettered or dropped). */
    public void abandoned(Messages m, int slot) {
        if (listener != null) {
            listener.abandoned(m, slot);
        }
    }

    /** Goes on publishing after target {@code full} had no room: offers it again (already drawn), then the rest. */
    public int resume(Messages handled, int slot, int full, Sender sender) {
        return publish(handled, slot, full, true, sender);
    }

    /** Whether some target holds workers back when full (the group then measures its held workers). */
    public boolean backpressured() {
        for (Destination t : targets) {
            if (t.backpressuresWorkers()) {
                return true;
            }
        }
        return false;
    }

    private int publish(Messages handled, int slot, int first, boolean drawn, Sender sender) {
        for (int i = first; i < targets.length; i++) {
            boolean again = drawn && i == first;
            if (!again && probability[i] < 1 && random.nextDouble() >= probability[i]) {
                continue;
            }
            out.copy(0, handled, slot);
            out.setAttempt(0, 0);
            out.setReason(0, handled.reason(slot) == 0 ? 0 : REPAIRED);
            if (typeOverride[i] >= 0) {
                out.setType(0, typeOverride[i]);
            }
            Sender s = sender != null && targets[i].backpressuresWorkers() ? sender : null;
            if (!again) {
                context.moved(from, targets[i].index(), out.key(0), -1);
            }
            if (!targets[i].offer(out, 0, s)) {
                return i;
            }
        }
        return -1;
    }
}
