package dev.tributary.app.topology;

import dev.tributary.app.run.Snapshot;
import dev.tributary.sim.element.ElementInfo;
import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The architecture drawn on one Canvas (never a node per event): producers, channels, partitions as
 * logs with their log-end and committed offsets (the gap is the lag), consumer instances busy or
 * idle, and events moving along the edges as tokens coloured by key. When more events move per
 * frame than can be followed, tokens give way to edge thickness by throughput.
 */
public final class TopologyView extends Pane {

    /** Seconds a token takes to travel one edge on screen. */
    static final double TOKEN_SECONDS = 0.6;
    /** Most tokens on screen. */
    static final int MAX_TOKENS = 600;
    private static final double BOX_W = 150;

    private final Canvas canvas = new Canvas();
    private Scenario scenario;
    private Layout layout;
    private Snapshot snapshot;
    private String selected;
    private Theme theme = Theme.DARK;
    private final List<Token> tokens = new ArrayList<>();
    private long lastSerial = -1;
    private boolean flowMode;
    private Consumer<String> onSelect = id -> { };
    private boolean dirty = true;
    private double drawnW;
    private double drawnH;

    private record Token(String from, String to, int lane, Color color, double born) {
    }

    /** An empty view; it sizes its canvas to itself. */
    public TopologyView() {
        getChildren().add(canvas);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        setMinSize(200, 150);
        canvas.setOnMouseClicked(e -> {
            String id = hit(e.getX(), e.getY());
            if (id != null) {
                onSelect.accept(id);
            }
        });
    }

    /** Called with an element id when the user clicks it. */
    public void setOnSelect(Consumer<String> handler) {
        this.onSelect = handler;
    }

    /** Shows another scenario. */
    public void setScenario(Scenario s) {
        scenario = s;
        layout = s == null ? null : Layout.of(s);
        snapshot = null;
        tokens.clear();
        lastSerial = -1;
        dirty = true;
    }

    /** Highlights the selected element. */
    public void setSelected(String id) {
        selected = id;
        dirty = true;
    }

    /** Switches colours. */
    public void setTheme(Theme t) {
        theme = t;
        dirty = true;
    }

    /** Whether the view currently draws flow thickness instead of tokens. */
    public boolean flowMode() {
        return flowMode;
    }

    /** Tokens currently on screen. */
    public int tokenCount() {
        return tokens.size();
    }

    /** Takes the newest snapshot and redraws; {@code wallSeconds} is the frame time. */
    public void render(Snapshot s, double wallSeconds) {
        boolean fresh = s != null && s.serial() != lastSerial;
        // redraw only when something moved: a new snapshot, tokens in flight, or a resize/selection
        if (!fresh && tokens.isEmpty() && !dirty && canvas.getWidth() == drawnW && canvas.getHeight() == drawnH) {
            return;
        }
        dirty = false;
        drawnW = canvas.getWidth();
        drawnH = canvas.getHeight();
        if (fresh) {
            lastSerial = s.serial();
            snapshot = s;
            boolean overflow = s.playing() && s.moves().isEmpty() && s.eventsPerSecond() > 0
                    && s.eventsPerSecond() > 50_000;
            flowMode = overflow || s.moves().size() >= dev.tributary.app.run.SimulationRunner.MAX_MOVES_PER_SNAPSHOT;
            if (!flowMode) {
                List<ElementInfo> els = s.elements();
                for (Snapshot.Move m : s.moves()) {
                    if (m.from() >= els.size() || m.to() >= els.size()) {
                        continue;
                    }
                    Color c = m.key() < 0 ? theme.muted() : Color.hsb((m.key() * 137.508) % 360, 0.65, 0.95);
                    tokens.add(new Token(els.get(m.from()).id(), els.get(m.to()).id(), m.lane(), c, wallSeconds));
                }
                while (tokens.size() > MAX_TOKENS) {
                    tokens.remove(0);
                }
            } else {
                tokens.clear();
            }
        }
        draw(wallSeconds);
    }

    private double w() {
        return canvas.getWidth();
    }

    private double h() {
        return canvas.getHeight();
    }

    private double cx(Layout.Node n) {
        return n.fx() * w();
    }

    private double cy(Layout.Node n) {
        return n.fy() * h();
    }

    private double boxHeight(Layout.Node n) {
        if (n.kind().equals("stream") && scenario != null) {
            int p = scenario.channel(n.id()).orElseThrow().drawing().lanes();
            return 34 + Math.min(p, 8) * 16 + (p > 8 ? 14 : 0);
        }
        return n.kind().equals("group") ? 70 : 56;
    }

    private void draw(double now) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(theme.background());
        g.fillRect(0, 0, w(), h());
        if (layout == null) {
            g.setFill(theme.muted());
            g.setFont(Font.font(18));
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("Open a scenario (Ctrl+O) or pick one from Examples", w() / 2, h() / 2);
            return;
        }
        Map<String, ElementResult> results = snapshot == null ? Map.of() : snapshot.results();
        for (Layout.Edge e : layout.edges()) {
            Layout.Node a = layout.nodes().get(e.from());
            Layout.Node b = layout.nodes().get(e.to());
            double width = 2;
            if (flowMode) {
                ElementResult r = results.get(e.to());
                double thr = r == null ? 0 : r.get("throughput");
                width = 2 + Math.min(14, 3 * Math.log1p(Double.isNaN(thr) ? 0 : thr));
            }
            g.setStroke(theme.edge());
            g.setLineWidth(width);
            double x1 = cx(a) + BOX_W / 2;
            double x2 = cx(b) - BOX_W / 2;
            g.strokeLine(x1, cy(a), x2, cy(b));
            arrow(g, x2, cy(b), x1, cy(a));
        }
        for (Layout.Node n : layout.nodes().values()) {
            drawNode(g, n);
        }
        Iterator<Token> it = tokens.iterator();
        while (it.hasNext()) {
            Token t = it.next();
            double age = (now - t.born()) / TOKEN_SECONDS;
            if (age > 1) {
                it.remove();
                continue;
            }
            Layout.Node a = layout.nodes().get(t.from());
            Layout.Node b = layout.nodes().get(t.to());
            if (a == null || b == null) {
                continue;
            }
            double x1;
            double y1;
            double x2;
            double y2;
            if (a == b) { // a stream append: drop into the partition's row
                x1 = cx(a) - BOX_W / 2 - 30;
                y1 = cy(a);
                x2 = cx(a) - BOX_W / 2 + 20;
                y2 = partitionY(a, t.lane());
            } else {
                x1 = cx(a) + BOX_W / 2;
                y1 = cy(a);
                x2 = cx(b) - BOX_W / 2;
                y2 = cy(b);
            }
            double x = x1 + (x2 - x1) * age;
            double y = y1 + (y2 - y1) * age;
            g.setFill(t.color());
            g.fillOval(x - 6, y - 6, 12, 12);
        }
        if (flowMode) {
            g.setFill(theme.muted());
            g.setFont(Font.font(13));
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText("High rate: edges show throughput, queues show fill (slow down to see single events)", 12, h() - 10);
        }
    }

    private double partitionY(Layout.Node n, int p) {
        double top = cy(n) - boxHeight(n) / 2 + 28;
        return top + Math.min(p, 7) * 16 + 8;
    }

    private void arrow(GraphicsContext g, double x, double y, double fromX, double fromY) {
        double ang = Math.atan2(y - fromY, x - fromX);
        double s = 9;
        g.setFill(theme.edge());
        g.fillPolygon(new double[] {x, x - s * Math.cos(ang - 0.4), x - s * Math.cos(ang + 0.4)},
                new double[] {y, y - s * Math.sin(ang - 0.4), y - s * Math.sin(ang + 0.4)}, 3);
    }

    private void drawNode(GraphicsContext g, Layout.Node n) {
        double bh = boxHeight(n);
        double x = cx(n) - BOX_W / 2;
        double y = cy(n) - bh / 2;
        boolean sel = n.id().equals(selected);
        Map<String, Double> st = snapshot == null ? Map.of() : snapshot.state().getOrDefault(n.id(), Map.of());
        g.setFill(theme.box());
        g.setStroke(sel ? theme.selected() : theme.boxBorder());
        g.setLineWidth(sel ? 3 : 1.5);
        if (n.kind().equals("router")) {
            double[] xs = {cx(n), cx(n) + BOX_W / 2, cx(n), cx(n) - BOX_W / 2};
            double[] ys = {y, cy(n), y + bh, cy(n)};
            g.fillPolygon(xs, ys, 4);
            g.strokePolygon(xs, ys, 4);
        } else {
            double arc = n.kind().equals("producer") ? 28 : n.kind().equals("topic") ? 40 : 10;
            g.fillRoundRect(x, y, BOX_W, bh, arc, arc);
            g.strokeRoundRect(x, y, BOX_W, bh, arc, arc);
        }
        g.setFill(theme.text());
        g.setFont(Font.font(null, FontWeight.BOLD, 14));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.fillText(trim(n.id()), cx(n), y + 5);
        g.setFont(Font.font(12));
        g.setFill(theme.muted());
        switch (n.kind()) {
            case "producer" -> g.fillText(String.format(Locale.ROOT, "%,.0f sent", st.getOrDefault("produced", 0.0)),
                    cx(n), y + 26);
            case "queue" -> drawQueue(g, n, st, x, y);
            case "topic" -> g.fillText(String.format(Locale.ROOT, "topic · %,.0f", st.getOrDefault("published", 0.0)),
                    cx(n), y + 26);
            case "router" -> g.fillText("router", cx(n), y + 26);
            case "stream" -> drawStream(g, n, st, x, y);
            case "group" -> drawGroup(g, n, st, x, y);
            default -> { }
        }
        g.setTextBaseline(VPos.BASELINE);
    }

    private void drawQueue(GraphicsContext g, Layout.Node n, Map<String, Double> st, double x, double y) {
        double queued = st.getOrDefault("queued", 0.0);
        int capacity = scenario.channel(n.id()).orElseThrow().drawing().capacity();
        int cap = capacity == Integer.MAX_VALUE ? -1 : capacity;
        int cells = 12;
        double cw = (BOX_W - 20) / cells;
        // fill: linear up to the capacity, or logarithmic for unbounded queues so 10 and 10,000 both read
        double frac = cap > 0 ? queued / Math.max(1, cap) : Math.log10(1 + queued) / 4;
        int filled = (int) Math.ceil(Math.min(1, frac) * cells);
        for (int i = 0; i < cells; i++) {
            g.setFill(i < filled ? theme.queue() : theme.idle());
            g.fillRect(x + 10 + i * cw, y + 26, cw - 2, 12);
        }
        g.setFill(theme.muted());
        g.fillText(String.format(Locale.ROOT, "%,.0f waiting%s", queued, cap > 0 ? " / " + cap : ""), cx(n), y + 40);
    }

    private static final Color[] GROUP_MARKS = {Color.web("#fbbf24"), Color.web("#a78bfa"), Color.web("#22d3ee"),
        Color.web("#f472b6")};

    /**
     * Each partition is drawn as the tail of its log: the right edge is the log-end offset, and each
     * group's committed offset is a coloured tick; the red stretch between the furthest-behind tick
     * and the end is the lag. The window shown is a little wider than the largest lag, so a lag of
     * 3 and one of 3,000 are both visible.
     */
    private void drawStream(GraphicsContext g, Layout.Node n, Map<String, Double> st, double x, double y) {
        int partitions = scenario.channel(n.id()).orElseThrow().drawing().lanes();
        List<ConsumerSpec> groups = scenario.consumersOf(n.id());
        g.setTextAlign(TextAlignment.LEFT);
        int shown = Math.min(8, partitions);
        for (int p = 0; p < shown; p++) {
            double end = st.getOrDefault("partition." + p + ".end", 0.0);
            double[] committed = new double[groups.size()];
            double lag = 0;
            for (int k = 0; k < groups.size(); k++) {
                Map<String, Double> gs = snapshot == null ? Map.of()
                        : snapshot.state().getOrDefault(groups.get(k).id(), Map.of());
                committed[k] = gs.getOrDefault("partition." + p + ".committed", end);
                lag = Math.max(lag, end - committed[k]);
            }
            double window = Math.max(20, 1.25 * lag);
            double py = y + 26 + p * 16;
            double bw = BOX_W - 20;
            double x0 = x + 10;
            g.setFill(theme.idle());
            g.fillRect(x0, py, bw, 12);
            g.setFill(theme.lag());
            g.fillRect(x0 + bw * (1 - lag / window), py, bw * lag / window, 12);
            for (int k = 0; k < committed.length; k++) {
                double tx = x0 + bw * (1 - (end - committed[k]) / window);
                g.setFill(GROUP_MARKS[k % GROUP_MARKS.length]);
                g.fillRect(tx - 1.5, py - 2, 3, 16);
            }
            g.setFill(theme.text());
            g.setFont(Font.font(10));
            g.fillText(String.format(Locale.ROOT, "p%d end %,.0f lag %,.0f", p, end, lag), x0 + 3, py);
        }
        if (partitions > shown) {
            g.setFill(theme.muted());
            g.fillText("… " + (partitions - shown) + " more partitions", x + 10, y + 26 + shown * 16);
        }
        g.setTextAlign(TextAlignment.CENTER);
    }

    private void drawGroup(GraphicsContext g, Layout.Node n, Map<String, Double> st, double x, double y) {
        int instances = (int) (double) st.getOrDefault("instances", 1.0);
        int shown = Math.min(instances, 16);
        double r = 9;
        double total = shown * (2 * r + 4);
        double start = cx(n) - Math.min(total, BOX_W - 10) / 2;
        double step = Math.min(2 * r + 4, (BOX_W - 10) / Math.max(1, shown));
        for (int i = 0; i < shown; i++) {
            boolean busy = st.getOrDefault("worker." + i, 0.0) > 0;
            g.setFill(busy ? theme.busy() : theme.idle());
            g.fillOval(start + i * step, y + 26, Math.min(2 * r, step - 2), Math.min(2 * r, step - 2));
        }
        g.setFill(theme.muted());
        String lag = st.containsKey("lag") ? String.format(Locale.ROOT, " · lag %,.0f", st.get("lag")) : "";
        g.fillText(String.format(Locale.ROOT, "%d/%d busy%s", (int) (double) st.getOrDefault("busy", 0.0), instances, lag),
                cx(n), y + 50);
    }

    private static String trim(String s) {
        return s.length() > 18 ? s.substring(0, 17) + "…" : s;
    }

    private String hit(double px, double py) {
        if (layout == null) {
            return null;
        }
        for (Layout.Node n : layout.nodes().values()) {
            double bh = boxHeight(n);
            if (Math.abs(px - cx(n)) <= BOX_W / 2 && Math.abs(py - cy(n)) <= bh / 2) {
                return n.id();
            }
        }
        return null;
    }
}
