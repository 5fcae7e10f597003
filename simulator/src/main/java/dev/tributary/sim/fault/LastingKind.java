package dev.tributary.sim.fault;

import dev.tributary.sim.format.Fields;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A kind of fault whose only key is {@code for}, how long it lasts (until the end of the run when
 * absent): {@code fail} and {@code down}. It reads that key and hands the span to the kind's maker.
 */
final class LastingKind implements FaultKind {

    /** Makes one entry's fault from its start, target and duration (infinite: until the end). */
    interface Maker {
        /** The fault of one entry. */
        FaultSpec make(double at, String target, double duration, Scope scope);
    }

    private final String word;
    private final String summary;
    private final Target target;
    private final Maker maker;

    LastingKind(String word, String summary, Target target, Maker maker) {
        this.word = word;
        this.summary = summary;
        this.target = target;
        this.maker = maker;
    }

    @Override
    public String word() {
        return word;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public Target target() {
        return target;
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
