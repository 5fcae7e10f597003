package dev.tributary.sim.element.window;

import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Drawing;
import dev.tributary.sim.element.Element;
import dev.tributary.sim.element.Emitter;
import dev.tributary.sim.element.Topology;
import dev.tributary.sim.theory.Network;
import dev.tributary.sim.value.Durations;
import java.util.ArrayList;
import java.util.List;

/**
 * A windowing operator: per key, event-time windows of {@code shape}, an allowed {@code lateness},
 * an optional event-type {@code filter}, where the aggregates go ({@code to}), an alert threshold
 * (0 for none) and where the alerts go.
 */
public record WindowSpec(String id, Shape shape, double lateness, String filter, String to, int threshold,
                         String alertsTo) implements ChannelSpec {

    private static final WindowKind KIND = new WindowKind();
    /** The event type of an emitted aggregate. */
    public static final String WINDOW_TYPE = "window";
    /** The event type of an emitted alert. */
    public static final String ALERT_TYPE = "alert";

    /**
     * The window's shape: aligned windows of {@code size} starting every {@code advance} (tumbling when
     * they are equal), or a session closed by a {@code size} gap without events.
     */
    public record Shape(boolean session, double size, double advance) {

        /** The text form. */
        public String describe() {
            if (session) {
                return "session(" + Durations.format(size) + ")";
            }
            return size == advance ? "tumbling(" + Durations.format(size) + ")"
                    : "sliding(" + Durations.format(size) + ", " + Durations.format(advance) + ")";
        }
    }

    @Override
    public ChannelKind kind() {
        return KIND;
    }

    @Override
    public List<Forward> forwards() {
        List<Forward> out = new ArrayList<>();
        if (to != null) {
            out.add(new Forward("windows", to));
        }
        if (alertsTo != null) {
            out.add(new Forward("alerts", alertsTo));
        }
        return out;
    }

    @Override
    public boolean holdsEvents() {
        return false;
    }

    /** Aligned windows: a due time and a closing per advance; sessions: at most two timers per event. */
    @Override
    public double ownEvents(double rate, double duration) {
        return shape.session() ? 2 * rate * duration + 1 : 2 * (duration + shape.size() + lateness) / shape.advance() + 4;
    }

    @Override
    public Drawing drawing() {
        // one row per window alive at once (those whose end plus lateness is still ahead); sessions have none
        int alive = shape.session() ? 0 : (int) Math.ceil((shape.size() + lateness) / shape.advance() - 1e-9);
        return new Drawing(Drawing.Shape.WINDOW, Math.min(Drawing.MAX_WINDOWS, alive), Integer.MAX_VALUE);
    }

    @Override
    public String describe() {
        return shape.describe() + (lateness > 0 ? ", lateness " + Durations.format(lateness) : "")
                + (filter == null ? "" : ", " + filter + " only")
                + (threshold > 0 ? ", alert at " + threshold + " per window" : "");
    }

    @Override
    public Channel build(int index, Context context) {
        return new WindowChannel(this, index, context);
    }

    @Override
    public Element subscribe(ConsumerSpec c, Channel runtime, int index, Context context, Emitter emitter) {
        throw new IllegalStateException("a window holds no events; the scenario binder refuses consumers of " + id);
    }

    @Override
    public Network.ChannelNode theory(Topology topology) {
        return new WindowTheory(this);
    }
}
