package dev.tributary.sim.sweep;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.sim.report.ElementReport;
import dev.tributary.sim.report.Figure;
import dev.tributary.sim.report.Report;
import dev.tributary.sim.scenario.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A finished sweep, {@code plan}'s points run to {@code result}, with the figure to chart: its table,
 * CSV, JSON and chart data. The command line and the app write the same files from it.
 */
public record SweepReport(SweepPlan plan, Sweep.Result result, SweepFigure figure) {

    /** One point's line of the table: its values, and the figure's mean, 95% half-width and prediction (NaN where none). */
    public record Row(List<String> settings, double mean, double halfWidth, double predicted) {
        public Row {
            settings = List.copyOf(settings);
        }
    }

    /** The chosen figure at every point, in point order. */
    public List<Row> rows() {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < plan.settings().size(); i++) {
            ElementReport e = element(i);
            out.add(new Row(plan.settings().get(i), e.value(figure.figure()), e.halfWidth(figure.figure()),
                    e.predictedValue(figure.figure())));
        }
        return out;
    }

    private ElementReport element(int point) {
        return result.reports().get(point).element(figure.element()).orElseThrow();
    }

    /** The chart's title: the figure, the first parameter, the scenario and the replications. */
    public String title() {
        Report first = result.reports().get(0);
        return String.format(Locale.ROOT, "%s against %s — %s (%d replications a point)", figure.name(),
                plan.parameters().get(0).name(), first.scenarioName(), first.replications());
    }

    /** One row per point, element and figure: the settings, the mean, its 95% half-width and the prediction. */
    public String csv() {
        StringBuilder sb = new StringBuilder();
        for (Parameter p : plan.parameters()) {
            sb.append(p.name()).append(',');
        }
        sb.append("element,figure,mean,halfWidth,predicted\n");
        List<Report> reports = result.reports();
        for (int i = 0; i < reports.size(); i++) {
            String prefix = String.join(",", plan.settings().get(i).stream().map(SweepReport::csvCell).toList()) + ",";
            for (ElementReport e : reports.get(i).elements()) {
                for (Map.Entry<String, Figure> f : e.measured().entrySet()) {
                    sb.append(prefix).append(csvCell(e.id())).append(',').append(f.getKey()).append(',')
                            .append(number(f.getValue().value())).append(',')
                            .append(number(f.getValue().halfWidth())).append(',')
                            .append(number(e.predictedValue(f.getKey()))).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** The parameters, the figure and every point's settings and figures ({@code mean}, {@code halfWidth}, {@code predicted}). */
    public ObjectNode json() {
        Report first = result.reports().get(0);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("scenario", first.scenarioName());
        root.put("seed", first.seed());
        root.put("replications", first.replications());
        root.put("figure", figure.name());
        ArrayNode ps = root.putArray("parameters");
        for (Parameter p : plan.parameters()) {
            ObjectNode o = ps.addObject();
            o.put("name", p.name());
            ArrayNode vs = o.putArray("values");
            p.values().forEach(vs::add);
        }
        ArrayNode points = root.putArray("points");
        for (int i = 0; i < plan.settings().size(); i++) {
            ObjectNode pt = points.addObject();
            ObjectNode set = pt.putObject("settings");
            for (int k = 0; k < plan.parameters().size(); k++) {
                set.put(plan.parameters().get(k).name(), plan.settings().get(i).get(k));
            }
            ObjectNode els = pt.putObject("elements");
            for (ElementReport e : result.reports().get(i).elements()) {
                ObjectNode eo = els.putObject(e.id());
                eo.put("kind", e.kind());
                for (Map.Entry<String, Figure> f : e.measured().entrySet()) {
                    ObjectNode fo = eo.putObject(f.getKey());
                    put(fo, "mean", f.getValue().value());
                    put(fo, "halfWidth", f.getValue().halfWidth());
                    put(fo, "predicted", e.predictedValue(f.getKey()));
                }
            }
        }
        return root;
    }

    /** The chart of the figure against the first parameter, one curve per value of the second. */
    public SweepChart.Chart chart() {
        List<Parameter> params = plan.parameters();
        Parameter p0 = params.get(0);
        int n0 = p0.values().size();
        int curves = plan.settings().size() / n0;
        Map<String, SweepChart.Curve> out = new LinkedHashMap<>();
        for (int c = 0; c < curves; c++) {
            double[] x = new double[n0];
            double[] mean = new double[n0];
            double[] hw = new double[n0];
            double[] pred = new double[n0];
            String label = figure.name();
            for (int i = 0; i < n0; i++) {
                int point = i * curves + c; // the first parameter varies slowest
                double xi = p0.x(i);
                x[i] = Double.isNaN(xi) ? i + 1 : xi;
                ElementReport e = element(point);
                mean[i] = e.value(figure.figure());
                hw[i] = e.halfWidth(figure.figure());
                pred[i] = e.predictedValue(figure.figure());
                if (params.size() == 2) {
                    label = params.get(1).name() + "=" + plan.settings().get(point).get(1);
                }
            }
            out.put(label, new SweepChart.Curve(label, x, mean, hw, pred));
        }
        boolean positions = Double.isNaN(p0.x(0));
        return new SweepChart.Chart(title(), p0.name() + (positions ? " (value number: "
                + String.join(", ", p0.values()) + ")" : ""), figure.name(), List.copyOf(out.values()));
    }

    private static String number(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "" : Double.toString(v);
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static void put(ObjectNode o, String k, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(k);
        } else {
            o.put(k, v);
        }
    }
}
