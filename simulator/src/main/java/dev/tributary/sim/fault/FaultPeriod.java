package dev.tributary.sim.fault;

import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.observe.ModelEvent;

/**
 * A fault in force for a while: its effect goes on at its start and off at its end (none when it
 * lasts to the end of the run), and an observer is told of each change under the fault's word.
 */
final class FaultPeriod {

    /** What the fault does when it comes into force ({@code on}) and when it ends. */
    @FunctionalInterface
    interface Effect {
        /** Applies the fault ({@code on}) or lifts it. */
        void set(boolean on);
    }

    private FaultPeriod() {
    }

    /** Schedules {@code effect} on at {@code at} and off at {@code at + duration} (if finite), on element {@code index}. */
    static void schedule(Engine engine, FaultTargets targets, double at, double duration, int index, String word,
                         Effect effect) {
        engine.scheduleAt(at, (kind, arg) -> change(engine, targets, index, word, effect, true), 0, 0);
        if (Double.isFinite(duration)) {
            engine.scheduleAt(at + duration, (kind, arg) -> change(engine, targets, index, word, effect, false), 0, 0);
        }
    }

    private static void change(Engine engine, FaultTargets targets, int index, String word, Effect effect, boolean on) {
        effect.set(on);
        if (targets.context().observed()) {
            targets.context().tell(new ModelEvent.FaultChanged(engine.now(), index, word, on));
        }
    }
}
