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
        if (listener != null) {
            listener.handled(handled, slot);
        }
        for (int i = 0; i < targets.length; i++) {
            if (probability[i] < 1 && random.nextDouble() >= probability[i]) {
                continue;
            }
            out.copy(0, handled, slot);
            out.setAttempt(0, 0);
            out.setReason(0, handled.reason(slot) == 0 ? 0 : REPAIRED);
            if (typeOverride[i] >= 0) {
                out.setType(0, typeOverride[i]);
            }
            context.moved(from, targets[i].index(), out.key(0), -1);
            targets[i].offer(out, 0, null);
        }
    }
}
