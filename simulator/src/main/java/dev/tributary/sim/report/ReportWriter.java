package dev.tributary.sim.report;

import dev.tributary.sim.value.Durations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link Report} as JSON (the CLI contract), CSV, or a human-readable table. */
public final class ReportWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Figures whose prediction is checked against the measured interval. */
    public static final List<String> CHECKED = List.of("throughput", "L", "Lq", "W", "Wq", "utilization", "lag",
            "endToEnd.mean", "lossProbability", "blockProbability", "blockedFraction", "backlog", "expiredRate",
            "latency.p50", "latency.p95", "latency.p99",
            "attemptRate", "retryRate", "errorRate", "dlq.throughput", "inBackoff");
    /** Per-partition figures of a stream group that are checked too ({@code partitions.3.W}). */
    private static final List<String> PARTITION_CHECKED = List.of("W", "lag");
    /** Figures that are rates: measured as counts over the window, so known only to 1/window. */
    private static final List<String> RATES = List.of("throughput", "expiredRate", "attemptRate", "retryRate",
            "dlq.throughput");
    /** The family-wise error rate of all the checks of exact predictions together. */
    public static final double FAMILY_ALPHA = 0.05;

    /**
     * One comparison of a prediction with a measured interval.
     *
     * @param exact whether the prediction is labelled exact (a miss is then a bug or bad luck, not an approximation)
     */
    public record Check(String element, String figure, double predicted, double measured, double halfWidth,
                        boolean exact) {
    }

    /** How a report's checks are judged together. */
    public record Checks(List<Check> all, int exact, double widening, double resolution) {

        /** Whether a prediction lies in its measured interval widened for the family (and the counting resolution). */
        public boolean inside(Check c) {
            return Math.abs(c.measured() - c.predicted()) <= tolerance(c, widening);
        }

        /** Whether it lies in the plain 95% interval. */
        public boolean insidePlain(Check c) {
            return Math.abs(c.measured() - c.predicted()) <= tolerance(c, 1);
        }

        private double tolerance(Check c, double widen) {
            // rates are counts over the window (known to one event), and agreement to the four significant
            // digits a table shows counts (a figure that never varied has a half-width of 0)
            double res = RATES.contains(c.figure()) ? resolution : 0;
            return c.halfWidth() * widen + res + 5e-5 * Math.abs(c.predicted());
        }

        /** The mark of a check in a table: ✓ inside, ≈ outside an approximation, ✗ outside an exact prediction. */
        public String mark(Check c) {
            return inside(c) ? "✓" : c.exact() ? "✗" : "≈";
        }

        /** Checks outside the plain 95% interval. */
        public long outsidePlain() {
            return all.stream().filter(c -> !insidePlain(c)).count();
        }
    }
    private static final List<String> TABLE_COLUMNS =
            List.of("throughput", "L", "Lq", "W", "Wq", "utilization", "latency.p99", "lag");

    private ReportWriter() {
    }

    /** The report as a JSON tree. */
    public static ObjectNode toJsonTree(Report r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ObjectNode sc = root.putObject("scenario");
        sc.put("name", r.scenarioName());
        sc.put("file", r.source());
        sc.put("seed", r.seed());
        sc.put("duration", r.duration());
        sc.put("warmup", r.warmup());
        sc.put("suggestedWarmup", r.suggestedWarmup());
        ObjectNode run = root.putObject("run");
        run.put("replications", r.replications());
        run.put("events", r.events());
        run.put("wallSeconds", r.wallSeconds());
        run.put("engineSeconds", r.engineSeconds());
        run.put("eventsPerSecond", r.engineSeconds() > 0 ? Math.round(r.events() / r.engineSeconds()) : 0);
        Checks checks = checks(r);
        if (!checks.all().isEmpty()) {
            ObjectNode cs = run.putObject("checks");
            cs.put("count", checks.all().size());
            cs.put("ofExactPredictions", checks.exact());
            cs.put("interval", String.format(Locale.ROOT, "95%% half-widths × %.3f: Bonferroni over the %d checks of exact"
                    + " predictions, so all of them hold together with 95%% confidence; rates also allow one event over"
                    + " the window, and agreement to four significant digits counts", checks.widening(), checks.exact()));
            cs.put("widening", checks.widening());
            cs.put("outsidePlain95", checks.outsidePlain());
            cs.put("expectedOutsidePlain95ByChance", 0.05 * checks.exact());
            var out = cs.putArray("outsideExact");
            checks.all().stream().filter(c -> c.exact() && !checks.inside(c)).forEach(c -> out.add(c.element() + "." + c.figure()));
        }
        ObjectNode elements = root.putObject("elements");
        for (ElementReport e : r.elements()) {
            ObjectNode el = elements.putObject(e.id());
            el.put("kind", e.kind());
            ObjectNode measured = el.putObject("measured");
            boolean anyHw = e.measured().values().stream().anyMatch(fig -> !Double.isNaN(fig.halfWidth()));
            ObjectNode hw = anyHw ? el.putObject("halfWidth") : null;
            for (Map.Entry<String, Figure> m : e.measured().entrySet()) {
                putDotted(measured, m.getKey(), m.getValue().value());
                if (hw != null && (r.replications() > 1 || !Double.isNaN(m.getValue().halfWidth()))) {
                    putDotted(hw, m.getKey(), m.getValue().halfWidth());
                }
            }
            if (hw != null && r.replications() == 1) {
                el.put("intervals", "batch means (" + dev.tributary.sim.metrics.BatchMeans.BATCHES + " batches) of one run");
            }
            double l = e.value("L");
            double w = e.value("W");
            if (!Double.isNaN(l) && !Double.isNaN(w)) {
                // Little's Law on the measured values: L against λW
                ObjectNode little = el.putObject("little");
                little.put("L", l);
                little.put("lambdaW", e.value("throughput") * w);
            }
            if (!e.predicted().isEmpty()) {
                el.set("predicted", finite(MAPPER.valueToTree(e.predicted())));
                ObjectNode check = null;
                for (Check c : checks.all()) {
                    if (c.element().equals(e.id())) {
                        if (check == null) {
                            check = el.putObject("check");
                        }
                        // does the prediction lie inside the measured interval (family-wise, see run.checks)?
                        putBoolean(check, c.figure(), checks.inside(c));
                    }
                }
            }
            if (!e.perReplication().isEmpty()) {
                ObjectNode each = el.putObject("perReplication");
                e.perReplication().forEach((fig, xs) -> {
                    String[] parts = fig.split("\\.");
                    var arr = parentOf(each, parts).putArray(parts[parts.length - 1]);
                    for (double x : xs) {
                        if (Double.isFinite(x)) {
                            arr.add(x);
                        } else {
                            arr.addNull();
                        }
                    }
                });
            }
        }
        if (r.alerts() != null) {
            // every alert raised and cleared (replication 0), in time order
            var alerts = root.putArray("alerts");
            for (var a : r.alerts()) {
                alerts.add(MAPPER.valueToTree(a.toMap()));
            }
        }
        return root;
    }

    /** Every prediction of a report that can be compared with a measured interval, judged together. */
    public static Checks checks(Report r) {
        List<Check> all = new ArrayList<>();
        for (ElementReport e : r.elements()) {
            if (e.predicted().isEmpty()) {
                continue;
            }
            boolean exact = Boolean.TRUE.equals(e.predicted().get("exact"));
            List<String> figures = new ArrayList<>(CHECKED);
            if (e.predicted().get("partitions") instanceof Map<?, ?> parts) {
                for (Object p : parts.keySet()) {
                    for (String f : PARTITION_CHECKED) {
                        figures.add("partitions." + p + "." + f);
                    }
                }
            }
            for (String fig : figures) {
                double p = e.predictedValue(fig);
                Figure m = e.measured().get(fig);
                if (!Double.isNaN(p) && m != null && !Double.isNaN(m.halfWidth()) && !Double.isNaN(m.value())) {
                    // a sub-block (latency, endToEnd) may say it is only approximate for this run
                    boolean sub = !(fig.contains(".") && e.predicted().get(fig.substring(0, fig.indexOf('.')))
                            instanceof Map<?, ?> block && Boolean.FALSE.equals(block.get("exact")));
                    all.add(new Check(e.id(), fig, p, m.value(), m.halfWidth(), exact && sub));
                }
            }
        }
        int exact = (int) all.stream().filter(Check::exact).count();
        int df = r.replications() > 1 ? r.replications() - 1 : dev.tributary.sim.metrics.BatchMeans.BATCHES - 1;
        var t = new org.apache.commons.math3.distribution.TDistribution(null, df);
        double widen = t.inverseCumulativeProbability(1 - FAMILY_ALPHA / (2 * Math.max(1, exact)))
                / t.inverseCumulativeProbability(0.975);
        double window = r.duration() - r.warmup();
        return new Checks(all, exact, widen, window > 0 ? 1 / window : 0);
    }

    /** The report as indented JSON text. */
    public static String toJson(Report r) {
        try {
            return MAPPER.writeValueAsString(toJsonTree(r)) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Any JSON tree as indented text. */
    public static String json(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The object that holds the last part of a dotted name, created along the way ("a.b.c" → node a.b). */
    private static ObjectNode parentOf(ObjectNode node, String[] parts) {
        ObjectNode n = node;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = n.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = n.putObject(parts[i]);
            }
            n = (ObjectNode) child;
        }
        return n;
    }

    private static void putBoolean(ObjectNode node, String dotted, boolean value) {
        String[] parts = dotted.split("\\.");
        parentOf(node, parts).put(parts[parts.length - 1], value);
    }

    /**
     * JSON has no infinity or NaN, and Jackson would write them as the strings "Infinity" and "NaN":
     * a prediction that diverges (an overloaded station's W) is written as null, like the measured figures.
     */
    private static JsonNode finite(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String k : names) {
                JsonNode child = o.get(k);
                if (child.isNumber() && !Double.isFinite(child.doubleValue())) {
                    o.putNull(k);
                } else {
                    finite(child);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode child = a.get(i);
                if (child.isNumber() && !Double.isFinite(child.doubleValue())) {
                    a.set(i, NullNode.getInstance());
                } else {
                    finite(child);
                }
            }
        }
        return node;
    }

    private static void putDotted(ObjectNode node, String dotted, double value) {
        String[] parts = dotted.split("\\.");
        ObjectNode n = parentOf(node, parts);
        String leaf = parts[parts.length - 1];
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            n.putNull(leaf);
        } else {
            n.put(leaf, value);
        }
    }

    /** One row per element and figure: element,kind,figure,value,halfWidth,predicted. */
    public static String toCsv(Report r) {
        StringBuilder sb = new StringBuilder("element,kind,figure,value,halfWidth,predicted\n");
        for (ElementReport e : r.elements()) {
            for (Map.Entry<String, Figure> m : e.measured().entrySet()) {
                Object p = predictedFor(e, m.getKey());
                sb.append(csv(e.id())).append(',').append(e.kind()).append(',').append(m.getKey()).append(',')
                        .append(num(m.getValue().value())).append(',').append(num(m.getValue().halfWidth())).append(',')
                        .append(p instanceof Number n ? num(n.doubleValue()) : "").append('\n');
            }
        }
        return sb.toString();
    }

    private static Object predictedFor(ElementReport e, String figure) {
        double v = e.predictedValue(figure);
        return Double.isNaN(v) ? null : v;
    }

    /** A plain-text table for a terminal. */
    public static String toTable(Report r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.scenarioName()).append("  (").append(r.source()).append(")\n");
        sb.append(String.format(Locale.ROOT, "seed %d, %s simulated, warm-up %s, %d replication%s, %,d events, %.2f s"
                        + " (%.2f s of engine time)%n",
                r.seed(), dev.tributary.sim.value.Durations.format(r.duration()),
                dev.tributary.sim.value.Durations.format(r.warmup()), r.replications(),
                r.replications() == 1 ? "" : "s", r.events(), r.wallSeconds(), r.engineSeconds()));
        if (r.suggestedWarmup() > r.warmup()) {
            sb.append(String.format(Locale.ROOT, "MSER-5 suggests a warm-up of %s (use --warmup or --auto-warmup)%n",
                    dev.tributary.sim.value.Durations.format(Math.round(r.suggestedWarmup()))));
        }
        sb.append(r.replications() == 1 ? "± = 95% batch-means half-width where shown; use -r N for replications\n"
                : "± = 95% confidence half-width over the replications\n");
        Checks checks = checks(r);
        sb.append(String.format(Locale.ROOT, "✓ the prediction lies inside the measured interval; ≈ outside, but the"
                + " prediction is an approximation (see predict for its error's direction); ✗ outside an exact one%n"));
        if (!checks.all().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%d checks, %d of exact predictions: intervals widened ×%.2f (Bonferroni)"
                            + " so that a correct model shows no ✗ in 19 runs out of 20; at the plain 95%% level about"
                            + " %.1f of those %d would miss by chance (%d miss here)%n", checks.all().size(), checks.exact(),
                    checks.widening(), 0.05 * checks.exact(), checks.exact(),
                    checks.all().stream().filter(c -> c.exact() && !checks.insidePlain(c)).count()));
        }
        sb.append('\n');
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("element", "kind"));
        head.addAll(List.of("thru/s", "L", "Lq", "W s", "Wq s", "util", "p99 s", "lag"));
        rows.add(head.toArray(new String[0]));
        for (ElementReport e : r.elements()) {
            List<String> row = new ArrayList<>(List.of(e.id(), e.kind()));
            for (String c : TABLE_COLUMNS) {
                Figure f = e.measured().get(c);
                row.add(f == null ? "" : cell(f));
            }
            rows.add(row.toArray(new String[0]));
            if (!e.predicted().isEmpty() && e.predicted().get("model") != null) {
                List<String> prow = new ArrayList<>(List.of("  predicted", String.valueOf(e.predicted().get("model"))));
                for (String c : TABLE_COLUMNS) {
                    double pv = e.predictedValue(c);
                    Object p = Double.isNaN(pv) ? null : pv;
                    String mark = checks.all().stream().filter(k -> k.element().equals(e.id()) && k.figure().equals(c))
                            .findFirst().map(k -> " " + checks.mark(k)).orElse("");
                    prow.add(p instanceof Number n ? num3(n.doubleValue()) + mark : "");
                }
                rows.add(prow.toArray(new String[0]));
            }
        }
        int[] width = new int[head.size()];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                String fmt = i < 2 ? "%-" + width[i] + "s" : "%" + width[i] + "s";
                sb.append(String.format(Locale.ROOT, fmt, row[i]));
                sb.append(i + 1 < row.length ? "  " : "\n");
            }
        }
        drainTable(r, sb);
        if (r.alerts() != null) {
            sb.append('\n').append(r.alerts().isEmpty() ? "alerts: none raised\n" : "alerts:\n");
            for (var a : r.alerts()) {
                sb.append(String.format(Locale.ROOT, "  %10s  %-8s %-8s %s %s = %s (threshold %s)%n",
                        Durations.format(a.time()), a.raised() ? "raised" : "cleared", a.level(), a.element(), a.figure(),
                        num3(a.value()), num3(a.threshold())));
            }
        }
        return sb.toString();
    }

    /** One line per group and drain mark: the backlog found, the seconds it took, and the predictions. */
    private static void drainTable(Report r, StringBuilder sb) {
        boolean any = false;
        for (ElementReport e : r.elements()) {
            for (int k = 0; e.measured().containsKey("drains." + k + ".at"); k++) {
                if (!any) {
                    sb.append("\ndrains (until every partition has been empty; predicted from the backlog found:"
                            + " per partition B/(μ − λ), approximate and low; pooled ΣB/(cμ − λ), lower still):\n");
                    any = true;
                }
                String d = "drains." + k + ".";
                double seconds = e.value(d + "seconds");
                sb.append(String.format(Locale.ROOT, "  %-16s from %8s  backlog %8s  drained in %s s  predicted %s s per"
                                + " partition, %s s pooled%n", e.id(), Durations.format(e.value(d + "at")),
                        num3(e.value(d + "backlog")), Double.isNaN(seconds) ? "(not by the end)" : num3(seconds),
                        num3(e.predictedValue(d + "perPartition")),
                        num3(e.predictedValue(d + "pooled"))));
            }
        }
    }

    private static String cell(Figure f) {
        String v = num3(f.value());
        if (!Double.isNaN(f.halfWidth())) {
            v += "±" + num3(f.halfWidth());
        }
        return v;
    }

    static String num3(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 0.001 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.1f" : "%.4g", v);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
