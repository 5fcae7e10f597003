package dev.tributary.sim.scenario;

import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.GroupFigures;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.ProducerSpec;
import dev.tributary.sim.format.Fields;
import dev.tributary.sim.value.Calls;
import dev.tributary.sim.value.Durations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binds a scenario's {@code narration:} list: captions at simulated times and predict-then-reveal
 * questions, each checked against the run (its times, its elements, the figures they measure) with
 * located problems like the rest of the binder's.
 */
final class NarrationBinder {

    static final Set<String> CAPTION = Set.of("at", "text", "pause", "highlight");
    static final Set<String> QUESTION = Set.of("at", "ask", "figure", "pause", "highlight");

    /** Figures every producer measures. */
    static final List<String> PRODUCER = List.of("throughput", "produced");
    private static final Pattern PARTITION = Pattern.compile("partitions\\.(\\d+)\\.(lag)");

    private final Fields.Problems problems;

    NarrationBinder(Fields.Problems problems) {
        this.problems = problems;
    }

    /** The {@code narration:} list in time order (entries at the same time keep their file order). */
    List<NarrationStep> bind(Fields top, double duration, double warmup, List<ProducerSpec> producers,
                             Map<String, ChannelSpec> channels, List<ConsumerSpec> consumers) {
        Map<String, List<String>> figures = figures(producers, channels, consumers);
        List<NarrationStep> out = new ArrayList<>();
        for (Fields.Entry e : top.list("narration", false)) {
            Fields f = e.fields(problems, "a mapping such as {at: 0s, text: Watch the queue.} or"
                    + " {at: 10m, ask: \"How long will an order wait?\", figure: payment.Wq}");
            if (f == null) {
                continue;
            }
            int before = problems.list().size();
            boolean ask = f.has("ask");
            if (ask && f.has("text")) {
                f.problem("text", "expected either text (a caption) or ask (a question), not both: make two entries");
                continue;
            }
            f.checkKeys(ask ? QUESTION : CAPTION, ask ? Map.of()
                    : Map.of("figure", "only applies to a question: {at: 10m, ask: \"…?\", figure: payment.Wq}"));
            double at = Double.NaN;
            if (!f.has("at")) {
                f.problem("at", "is missing; expected the simulated time to show it, e.g. at: 10m");
            } else {
                at = f.duration("at", Double.NaN, true);
                if (!Double.isNaN(at) && at > duration) {
                    f.problem("at", "expected a time within the run (at most " + Durations.format(duration) + "); got "
                            + Durations.format(at));
                }
            }
            String text = ask ? f.requiredText("ask", "the question to ask the class")
                    : f.requiredText("text", "the caption to show, or ask: for a question");
            String highlight = f.text("highlight", "the id of an element to highlight", null);
            if (highlight != null && !figures.containsKey(highlight)) {
                f.problem("highlight", "no element with id '" + highlight + "'" + Calls.suggestion(highlight, figures.keySet())
                        + "; the elements are: " + String.join(", ", figures.keySet()));
            }
            boolean pause = pause(f);
            if (!ask) {
                if (problems.list().size() == before) {
                    out.add(NarrationStep.caption(at, text, pause, highlight));
                }
                continue;
            }
            if (f.has("pause") && !pause) {
                f.problem("pause", "a question always pauses the run so the class can answer; remove pause: false");
            }
            if (!Double.isNaN(at) && at <= warmup) {
                f.problem("at", "expected a time after the warm-up (" + Durations.format(warmup) + "): a question reveals"
                        + " what was measured since the warm-up, and at " + Durations.format(at) + " nothing is yet");
            }
            String[] ref = figure(f, figures);
            if (problems.list().size() == before && ref != null) {
                out.add(NarrationStep.question(at, text, ref[0], ref[1], highlight));
            }
        }
        out.sort(Comparator.comparingDouble(NarrationStep::at));
        return out;
    }

    private static boolean pause(Fields f) {
        if (!f.has("pause")) {
            return false;
        }
        String t = f.text("pause", "true or false", "false");
        if (t == null) {
            return false;
        }
        return switch (t.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                f.problem("pause", "expected true or false; got '" + t + "'");
                yield false;
            }
        };
    }

    /** The element id and figure of a question's {@code figure: ELEMENT.FIGURE}, or null (with a problem). */
    private String[] figure(Fields f, Map<String, List<String>> figures) {
        String ref = f.requiredText("figure", "the figure to predict as ELEMENT.FIGURE, such as payment.Wq");
        if (ref == null) {
            return null;
        }
        ref = ref.trim();
        // ids may hold dots themselves: the longest id followed by a dot names the element
        String element = null;
        for (String id : figures.keySet()) {
            if (ref.startsWith(id + ".") && (element == null || id.length() > element.length())) {
                element = id;
            }
        }
        if (element == null) {
            String head = ref.contains(".") ? ref.substring(0, ref.indexOf('.')) : ref;
            f.problem("figure", "expected ELEMENT.FIGURE such as payment.Wq; '" + head + "' is no element"
                    + Calls.suggestion(head, figures.keySet()) + "; the elements are: " + String.join(", ", figures.keySet()));
            return null;
        }
        String name = ref.substring(element.length() + 1);
        List<String> known = figures.get(element);
        var m = PARTITION.matcher(name);
        boolean partition = m.matches() && known.contains("partitions.N." + m.group(2));
        if (!known.contains(name) && !partition) {
            f.problem("figure", "'" + element + "' measures no figure '" + name + "'" + Calls.suggestion(name, known)
                    + "; its figures are: " + String.join(", ", known));
            return null;
        }
        return new String[] {element, name};
    }

    /** The figures a question may ask about, by element id, in file order. */
    static Map<String, List<String>> figures(List<ProducerSpec> producers, Map<String, ChannelSpec> channels,
                                             List<ConsumerSpec> consumers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        channels.forEach((id, c) -> out.put(id, c.figures()));
        for (ConsumerSpec c : consumers) {
            ChannelSpec source = channels.get(c.from());
            out.put(c.id(), source != null ? source.readerFigures(c) : GroupFigures.of(c, List.of()));
        }
        producers.forEach(p -> out.put(p.id(), PRODUCER));
        return out;
    }
}
