package dev.tributary.sim.fault;

import dev.tributary.sim.format.Fields;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A kind of fault whose only key is {@code for}, how long it lasts (until the end of the run when
 * absent): {@code fail} and {@code down}. It reads that key and hands the span to the kind's maker.
 *
 * @param word    the action word
 * @param summary one sentence on what it does
 * @param target  what the word's value names
 * @param maker   makes the fault of an entry
 */
record LastingKind(String word, String summary, Target target, Maker maker) implements FaultKind {

    /** Makes one entry's fault from its start, target and duration (infinite: until the end). */
    interface Maker {
        /** The fault of one entry. */
        FaultSpec make(double at, String target, double duration, Scope scope);
    }

    @Override
    public Map<String, String> keys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("for", FOR);
        return k;
    }

    @Override
    public FaultSpec bind(double at, String target, Fields f, Scope scope) {
        double d = f.duration("for", Double.POSITIVE_INFINITY, false);
        return maker.make(at, target, d, scope);
    }
}
