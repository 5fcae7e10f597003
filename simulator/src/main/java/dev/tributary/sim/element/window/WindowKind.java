package dev.tributary.sim.element.window;

import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.format.Fields;
import dev.tributary.sim.value.Durations;
import dev.tributary.sim.value.Parsed;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code type: window}: a stream-processing operator that counts events per key in event-time
 * windows (tumbling, sliding, session), emits each window's aggregate when it closes and raises an
 * alert when a window's count crosses a threshold (CEP). It holds nothing: what it emits goes on.
 */
public final class WindowKind implements ChannelKind {

    /** The type word. */
    public static final String WORD = "window";
    /** Keys of an {@code alert} rule. */
    public static final Set<String> ALERT_KEYS = Set.of("count", "rate", "sum");
    private static final Pattern SHAPE = Pattern.compile("\\s*(tumbling|sliding|session)\\s*\\(([^)]*)\\)\\s*");
    /** Most windows an event may belong to (size / advance). */
    static final int MAX_OVERLAP = 1000;
    /** Most windows of one key alive at once ((size + lateness) / advance). */
    static final int MAX_ALIVE = 10_000;

    @Override
    public String word() {
        return WORD;
    }

    @Override
    public String summary() {
        return "stream processing: counts events per key in event-time windows (tumbling, sliding, session) with an"
                + " allowed lateness, emits each window's aggregate and raises threshold alerts";
    }

    @Override
    public Map<String, String> keys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("window", "tumbling(SIZE), sliding(SIZE, ADVANCE) or session(GAP); required");
        k.put("lateness", "allowed lateness: how long after its end a window still takes late events (default 0s)");
        k.put("filter", "an event type: only events of this type enter the windows (default: every event)");
        k.put("to", "the channel that receives each window's aggregate (type window) when it closes");
        k.put("alert", "a threshold rule: {count: N}, {rate: R} (N = R x size) or {sum: X} (the events' amounts in the"
                + " window add up to X or more; every producer feeding it needs an amount), fired once per window and key");
        k.put("alerts-to", "the channel that receives the alert events (type alert)");
        return k;
    }

    @Override
    public ChannelSpec bind(String id, Fields f) {
        WindowSpec.Shape shape = f.value("window", WindowKind::shape, "tumbling(SIZE), sliding(SIZE, ADVANCE) or"
                + " session(GAP)", true);
        double lateness = f.duration("lateness", 0, true);
        String filter = f.has("filter") ? f.text("filter", "an event type", null) : null;
        String to = f.has("to") ? f.channelRef("to", false) : null;
        String alertsTo = f.has("alerts-to") ? f.channelRef("alerts-to", false) : null;
        int threshold = 0;
        double sum = 0;
        Fields a = f.mapping("alert", "a rule such as {count: 5}, {rate: 1/s} or {sum: 1000}");
        if (a != null) {
            a.checkKeys(ALERT_KEYS, Map.of());
            int rules = (a.has("count") ? 1 : 0) + (a.has("rate") ? 1 : 0) + (a.has("sum") ? 1 : 0);
            if (rules != 1) {
                a.problem("expected exactly one of 'count', 'rate' or 'sum' in an alert rule");
            } else if (a.has("sum")) {
                sum = a.number("sum", Double.NaN, "a total amount above 0, such as 1000");
                if (!(sum > 0) || Double.isInfinite(sum)) {
                    if (!Double.isNaN(sum)) {
                        a.problem("sum", "expected a total amount above 0, such as 1000; got " + sum);
                    }
                    sum = 0;
                }
            } else if (a.has("count")) {
                threshold = a.integer("count", 1, 1_000_000_000, 1, "a count of 1 or more events");
            } else if (shape != null && shape.session()) {
                a.problem("rate", "a session window has no fixed size; expected {count: N}");
            } else if (shape != null) {
                Double rate = a.value("rate", WindowKind::rate, "a rate such as 1/s or 5/m", true);
                if (rate != null) {
                    threshold = (int) Math.max(1, Math.ceil(rate * shape.size() - 1e-9));
                }
            }
        }
        if (shape != null && !shape.session() && (shape.size() + lateness) / shape.advance() > MAX_ALIVE) {
            f.problem("lateness", "keeps more than " + MAX_ALIVE + " windows alive at once ((size + lateness) / advance);"
                    + " expected a lateness of at most " + Durations.format(MAX_ALIVE * shape.advance() - shape.size()));
        }
        if (alertsTo != null && a == null) {
            f.problem("alerts-to", "needs an 'alert' rule to fire; add alert: {count: N}");
        }
        return id == null || shape == null || Double.isNaN(lateness) ? null
                : new WindowSpec(id, shape, lateness, filter, to, threshold, alertsTo, sum);
    }

    private static Parsed<Double> rate(String text) {
        double r = Durations.parseRate(text.trim());
        return Double.isNaN(r) || !(r > 0) || Double.isInfinite(r) ? Parsed.error("expected a rate above 0 such as 1/s"
                + " or 5/m; got '" + text + "'") : Parsed.of(r);
    }

    /** Parses the {@code window} value. */
    static Parsed<WindowSpec.Shape> shape(String text) {
        Matcher m = SHAPE.matcher(text);
        String expected = "expected tumbling(SIZE), sliding(SIZE, ADVANCE) or session(GAP), e.g. sliding(5m, 1m); got '"
                + text + "'";
        if (!m.matches()) {
            return Parsed.error(expected);
        }
        String[] args = m.group(2).split(",");
        double[] d = new double[args.length];
        for (int i = 0; i < args.length; i++) {
            d[i] = Durations.parseDuration(args[i].trim());
            if (!(d[i] > 0) || Double.isInfinite(d[i])) {
                return Parsed.error("expected a duration above 0 such as 5m; got '" + args[i].trim() + "' in '" + text + "'");
            }
        }
        return switch (m.group(1)) {
            case "tumbling" -> d.length == 1 ? Parsed.of(new WindowSpec.Shape(false, d[0], d[0]))
                    : Parsed.error("tumbling takes one duration, the size; " + expected);
            case "session" -> d.length == 1 ? Parsed.of(new WindowSpec.Shape(true, d[0], d[0]))
                    : Parsed.error("session takes one duration, the gap; " + expected);
            default -> {
                if (d.length != 2) {
                    yield Parsed.error("sliding takes two durations, size and advance; " + expected);
                }
                if (d[1] > d[0]) {
                    yield Parsed.error("a sliding window's advance must not exceed its size; got '" + text + "'");
                }
                if (d[0] / d[1] > MAX_OVERLAP) {
                    yield Parsed.error("a sliding window may overlap at most " + MAX_OVERLAP + " others (size / advance);"
                            + " got '" + text + "'");
                }
                yield Parsed.of(new WindowSpec.Shape(false, d[0], d[1]));
            }
        };
    }
}
