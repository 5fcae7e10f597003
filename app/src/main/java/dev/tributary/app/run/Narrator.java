package dev.tributary.app.run;

import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.ElementInfo;
import dev.tributary.sim.observe.ModelEvent;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.value.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Says in one sentence what a single step did, from what the model told its observer during the
 * step and how the elements' state changed: "t = 47.4 s: departure from payment worker 2; the next
 * waiting event starts (3 still waiting)". Knows no element kind: it reads moves, the scenario's
 * consumers and the state's counters.
 */
public final class Narrator {

    private Narrator() {
    }

    /**
     * The sentence for a step that ended at {@code now}.
     *
     * @param ran    whether an event was executed at all
     * @param events what the observer was told during the step
     * @param before every element's state before the step
     * @param after  every element's state after it
     */
    public static String describe(Scenario scenario, List<ElementInfo> elements, boolean ran, double now,
                                  List<ModelEvent> events, Map<String, Map<String, Double>> before,
                                  Map<String, Map<String, Double>> after) {
        String at = "t = " + time(now) + ": ";
        if (!ran) {
            return at + "nothing is left to happen before the end of the run.";
        }
        Set<String> groups = scenario.consumers().stream().map(ConsumerSpec::id).collect(Collectors.toSet());
        List<String> parts = new ArrayList<>();
        // a departure: a group finished one event (its completions went up)
        List<ModelEvent.Moved> moves = events.stream().filter(e -> e instanceof ModelEvent.Moved)
                .map(e -> (ModelEvent.Moved) e).toList();
        for (ConsumerSpec c : scenario.consumers()) {
            double done = value(after, c.id(), "completions") - value(before, c.id(), "completions");
            if (done < 1) {
                continue;
            }
            ModelEvent.Moved next = moves.stream().filter(m -> name(elements, m.to()).equals(c.id())).findFirst()
                    .orElse(null);
            int worker = next != null ? localWorker(scenario, c, next.lane()) : finishedWorker(before, after, c.id());
            String who = "departure from " + c.id() + (worker >= 0 ? " worker " + (worker + 1) : "");
            double waiting = waitingFor(scenario, c, after);
            if (next != null) {
                parts.add(who + "; the next waiting event starts"
                        + (Double.isNaN(waiting) ? "" : " (" + count(waiting) + " still waiting)"));
            } else {
                parts.add(who + "; nothing is waiting, so the worker goes idle");
            }
            moves = moves.stream().filter(m -> m != next).toList();
        }
        for (int i = 0; i < moves.size(); i++) {
            ModelEvent.Moved m = moves.get(i);
            String from = name(elements, m.from());
            String to = name(elements, m.to());
            String key = m.key() >= 0 ? " (key " + m.key() + ")" : "";
            ModelEvent.Moved onward = i + 1 < moves.size() ? moves.get(i + 1) : null;
            if (onward != null && onward.from() == m.to() && onward.key() == m.key() && m.from() != m.to()
                    && groups.contains(name(elements, onward.to()))) {
                // straight through: an idle worker takes the newcomer at once
                String g = name(elements, onward.to());
                ConsumerSpec c = scenario.consumers().stream().filter(x -> x.id().equals(g)).findFirst().orElseThrow();
                parts.add(from + " sends an event" + key + " to " + to + "; " + g + " worker "
                        + (localWorker(scenario, c, onward.lane()) + 1) + " was idle and starts serving it at once");
                i++;
                continue;
            }
            if (m.from() == m.to()) {
                parts.add("the event is appended to partition " + m.lane() + " of " + to);
            } else if (groups.contains(to)) {
                ConsumerSpec c = scenario.consumers().stream().filter(g -> g.id().equals(to)).findFirst().orElseThrow();
                parts.add(to + " worker " + (localWorker(scenario, c, m.lane()) + 1) + " takes an event" + key
                        + " from " + from + " and starts serving it");
            } else {
                double waiting = value(after, to, "queued");
                parts.add(from + " sends an event" + key + " to " + to
                        + (!Double.isNaN(waiting) && waiting > 0 ? " (" + count(waiting) + " waiting there now)" : ""));
            }
        }
        for (ModelEvent e : events) {
            if (e instanceof ModelEvent.Rejected r) {
                parts.add(name(elements, r.element()) + " is full and refuses the event");
            } else if (e instanceof ModelEvent.Dropped d) {
                parts.add(name(elements, d.element()) + " is full and drops its oldest event");
            } else if (e instanceof ModelEvent.Expired x) {
                parts.add("retention deletes " + x.count() + " unread records of partition " + x.partition() + " of "
                        + name(elements, x.element()));
            }
        }
        if (parts.isEmpty()) {
            if (scenario.warmup() > 0 && Math.abs(now - scenario.warmup()) < 1e-9) {
                return at + "the warm-up ends: the statistics start over from here (the counters keep counting).";
            }
            return at + "the model samples every chart series; no event moves.";
        }
        String text = String.join("; ", parts);
        return at + Character.toLowerCase(text.charAt(0)) + text.substring(1) + ".";
    }

    /** Simulated time as a reader wants it: 47.4 s, 12 m 3.5 s, 2 h 5 m. */
    public static String time(double t) {
        // truncated like the clock in the tool bar, so both read the same
        if (t < 10) {
            return String.format(Locale.ROOT, "%.2f s", Math.floor(t * 100) / 100);
        }
        if (t < 60) {
            return String.format(Locale.ROOT, "%.1f s", Math.floor(t * 10) / 10);
        }
        if (t < 3600) {
            return String.format(Locale.ROOT, "%d m %.1f s", (long) (t / 60), Math.floor(t % 60 * 10) / 10);
        }
        return Durations.format(Math.floor(t));
    }

    private static String count(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String name(List<ElementInfo> elements, int index) {
        return index >= 0 && index < elements.size() ? elements.get(index).id() : "?";
    }

    private static double value(Map<String, Map<String, Double>> state, String id, String key) {
        Double v = state.getOrDefault(id, Map.of()).get(key);
        return v == null ? Double.NaN : v;
    }

    /** Waiting events in front of group {@code c}: its channel's line, or its own subscription's. */
    private static double waitingFor(Scenario s, ConsumerSpec c, Map<String, Map<String, Double>> state) {
        double own = value(state, c.id(), "queued");
        return Double.isNaN(own) ? value(state, c.from(), "queued") : own;
    }

    /** The worker whose busy flag went from 1 to 0 in the step, or -1. */
    private static int finishedWorker(Map<String, Map<String, Double>> before, Map<String, Map<String, Double>> after,
                                      String id) {
        for (int w = 0; ; w++) {
            double b = value(before, id, "worker." + w);
            if (Double.isNaN(b)) {
                return -1;
            }
            if (b > 0 && value(after, id, "worker." + w) == 0) {
                return w;
            }
        }
    }

    /**
     * A move's lane as the group's own worker number: on a queue shared by several groups the lanes
     * count the workers of every group in file order.
     */
    static int localWorker(Scenario s, ConsumerSpec c, int lane) {
        boolean shared = s.channel(c.from()).map(ch -> ch.drawing().shape()
                == dev.tributary.sim.element.Drawing.Shape.QUEUE).orElse(false);
        if (!shared) {
            return lane;
        }
        int offset = 0;
        for (ConsumerSpec g : s.consumersOf(c.from())) {
            if (g.id().equals(c.id())) {
                return lane - offset;
            }
            offset += g.instances();
        }
        return lane;
    }
}
