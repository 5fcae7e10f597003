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
import java.util.Map;
import java.util.Set;
import dev.tributary.sim.element.ProducerSpec;

/**
 * A windowing operator: per key, event-time windows of {@code shape}, an allowed {@code lateness},
 * an optional event-type {@code filter}, where the aggregates go ({@code to}), an alert threshold
 * on the count (0 for none), where the alerts go, and an alert threshold on the sum of the events'
 * amounts (0 for none; at most one of the two is set).
 */
public record WindowSpec(String id, Shape shape, double lateness, String filter, String to, int threshold,
                         String alertsTo, double sum) implements ChannelSpec {

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
            out.add(new Forward("windows", to, false));
        }
        if (alertsTo != null) {
            out.add(new Forward("alerts", alertsTo, false));
        }
        return out;
    }

    /** Whether it alerts at all (on the count or on the sum). */
    public boolean alerts() {
        return threshold > 0 || sum > 0;
    }

    @Override
    public Map<String, String> typesMatched() {
        return filter == null ? Map.of() : Map.of("filter", filter);
    }

    @Override
    public Set<String> typesMade() {
        return Set.of(WINDOW_TYPE, ALERT_TYPE);
    }

    /** A sum rule needs every producer whose events reach the window to give them an amount. */
    @Override
    public List<ReaderProblem> checkFeeders(List<ProducerSpec> feeders) {
        if (sum <= 0) {
            return List.of();
        }
        if (feeders.isEmpty()) {
            return List.of(new ReaderProblem(null, "alert", "a sum rule adds up the events' amounts, but no producer's"
                    + " events reach '" + id + "' (a window's aggregates and alerts, a command's replies and a saga's"
                    + " messages carry no amount); expected a producer with an amount upstream, or a count rule"));
        }
        List<String> none = feeders.stream().filter(p -> p.amount() == null).map(ProducerSpec::id).toList();
        if (none.isEmpty()) {
            return List.of();
        }
        return List.of(new ReaderProblem(null, "alert", "a sum rule adds up the events' amounts, but the events of "
                + String.join(", ", none.stream().map(p -> "'" + p + "'").toList()) + " reach '" + id + "' without one;"
                + " expected an amount on " + (none.size() == 1 ? "that producer" : "those producers")
                + " (amount: exponential(250)), or a count rule"));
    }

    @Override
    public boolean holdsEvents() {
        return false;
    }

    /**
     * Work per event beyond its arrival, for run-size estimates: an aligned window counts each event in
     * each of the ceil(size / advance) windows that contain it, and each of those may later emit one
     * aggregate for its key; a session counts it once (its timers are in {@link #ownEvents}).
     */
    @Override
    public double eventsPerArrival(List<ConsumerSpec> readers) {
        return shape.session() ? 0 : 2 * Math.ceil(shape.size() / shape.advance() - 1e-9);
    }

    /** Aligned windows: a due time and a closing per advance; sessions: at most two timers per event. */
    @Override
    public double ownEvents(double rate, double duration) {
        return shape.session() ? 2 * rate * duration + 1 : 2 * (duration + shape.size() + lateness) / shape.advance() + 4;
    }

    /** What a window measures: windows, late and dropped events, open state, output and (with a rule) alerts. */
    @Override
    public java.util.List<String> figures() {
        java.util.List<String> f = new java.util.ArrayList<>(java.util.List.of("throughput", "arrivalRate", "windows",
                "outputRate", "openWindows", "maxOpenWindows", "late", "dropped"));
        if (alerts()) {
            f.addAll(java.util.List.of("alerts", "alertRate", "alertLatency.mean", "alertLatency.p50",
                    "alertLatency.p99"));
        }
        return f;
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
                + (threshold > 0 ? ", alert at " + threshold + " per window" : "")
                + (sum > 0 ? ", alert at a sum of " + Network.fmt(sum) + " per window" : "");
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
        return new WindowTheory(this, sum > 0 ? topology.feeders(id) : List.of(), topology.duration());
    }
}
