package dev.tributary.sim.report;

import dev.tributary.sim.value.Durations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
            "endToEnd.mean", "lossProbability", "latency.p50", "latency.p95", "latency.p99", "attemptRate", "retryRate",
            "errorRate", "dlq.throughput", "inBackoff");
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
        run.put("eventsPerSecond", r.wallSeconds() > 0 ? Math.round(r.events() / r.wallSeconds()) : 0);
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
                el.set("predicted", MAPPER.valueToTree(e.predicted()));
                ObjectNode check = null;
                for (String fig : CHECKED) {
                    double p = e.predictedValue(fig);
                    Figure m = e.measured().get(fig);
                    if (!Double.isNaN(p) && m != null && !Double.isNaN(m.halfWidth())) {
                        if (check == null) {
                            check = el.putObject("check");
                        }
                        // does the prediction lie inside the measured 95% interval?
                        putBoolean(check, fig, Math.abs(m.value() - p) <= m.halfWidth());
                    }
                }
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
        sb.append(String.format(Locale.ROOT, "seed %d, %s simulated, warm-up %s, %d replication%s, %,d events, %.2f s of engine time%n",
                r.seed(), dev.tributary.sim.value.Durations.format(r.duration()),
                dev.tributary.sim.value.Durations.format(r.warmup()), r.replications(),
                r.replications() == 1 ? "" : "s", r.events(), r.wallSeconds()));
        if (r.suggestedWarmup() > r.warmup()) {
            sb.append(String.format(Locale.ROOT, "MSER-5 suggests a warm-up of %s (use --warmup or --auto-warmup)%n",
                    dev.tributary.sim.value.Durations.format(Math.round(r.suggestedWarmup()))));
        }
        sb.append(r.replications() == 1 ? "± = 95% batch-means half-width where shown; use -r N for replications\n"
                : "± = 95% confidence half-width over the replications\n");
        sb.append("✓ / ✗ = the prediction lies inside / outside the measured interval\n\n");
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
                    Object p = e.predicted().get(c);
                    Figure m = e.measured().get(c);
                    String mark = "";
                    if (p instanceof Number n && m != null && !Double.isNaN(m.halfWidth())) {
                        mark = Math.abs(m.value() - n.doubleValue()) <= m.halfWidth() ? " ✓" : " ✗";
                    }
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
