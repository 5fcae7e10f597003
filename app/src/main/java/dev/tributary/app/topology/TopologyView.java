package dev.tributary.app.topology;

import dev.tributary.app.run.Snapshot;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Drawing;
import dev.tributary.sim.element.ElementInfo;
import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.theory.ElementPrediction;
import dev.tributary.sim.theory.Prediction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
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
 * logs with their log-end and committed offsets (the gap is the lag) and the member that owns each,
 * consumer instances busy (filled with the colour of the event they serve) or idle, every waiting
 * event as a dot in its queue (a topic: in each subscription's own queue), and events moving along
 * the edges as tokens coloured by key, their flight time following the speed. When more events move
 * per frame than can be followed, tokens give way to edge thickness by throughput. Shapes come from
 * {@link ChannelSpec#drawing()}: the view never asks which kind an element is.
 */
public final class TopologyView extends Pane {

    /** Smallest diagram text size at zoom 1 (px): readable on a classroom projector at 1280x720. */
    static final double MIN_TEXT = 12;
    /** Edge rule and rate labels (px at zoom 1). */
    static final double EDGE_LABEL = MIN_TEXT;
    /** Partition lag rows (px at zoom 1). */
    static final double PARTITION_LABEL = MIN_TEXT;
    /** "DLQ" and "breaker" badges (px at zoom 1). */
    static final double BADGE_LABEL = MIN_TEXT;
    /** The colour legend along the bottom (px at zoom 1). */
    static final double LEGEND_LABEL = MIN_TEXT;
    /** A window's event count, written in its row (px at zoom 1; the row is 13 px high). */
    static final double WINDOW_COUNT = MIN_TEXT;
    /** The "ALERT" tag beside a window's alert badge while it flashes (px at zoom 1). */
    static final double ALERT_TAG = MIN_TEXT;
    /** Wall seconds an alert badge flashes after an alert fires, and a window's tick after it closes. */
    static final double ALERT_FLASH = 1.5;
    static final double CLOSE_FLASH = 0.8;
    /** Wall seconds a token flies at 1×; it follows the speed within {@link #MIN_FLIGHT}–{@link #MAX_FLIGHT}. */
    static final double FLIGHT_AT_1X = 0.6;
    static final double MIN_FLIGHT = 0.12;
    static final double MAX_FLIGHT = 1.2;
    /** Most tokens on screen. */
    static final int MAX_TOKENS = 600;
    /** Waiting events drawn one by one in a queue; beyond, the queue shows a count. */
    static final int DOTS_PER_ROW = 12;
    static final int DOT_ROWS = 2;
    /** Waiting events tracked by key per queue; beyond, only the count is kept. */
    static final int MAX_TRACKED = 2000;

    private final Canvas canvas = new Canvas();
    private Scenario scenario;
    private Layout layout;
    private Map<String, ElementPrediction> predictions = Map.of();
    private Snapshot snapshot;
    private String selected;
    /** The element the narration points at, drawn with a halo; null for none. */
    private String highlighted;
    private Theme theme = Theme.DARK;
    private final List<Token> tokens = new ArrayList<>();
    private final Map<String, ArrayDeque<Dot>> waiting = new HashMap<>();
    private final Map<String, Dot[]> serving = new HashMap<>();
    private long lastSerial = -1;
    /** Alerts fired and windows closed, flashed for a moment when they go up. */
    private final Flashes flashes = new Flashes();
    /** The texts last drawn in each element's box, by element id (what the drawing says in words). */
    private final Map<String, List<String>> captions = new HashMap<>();
    private String drawing;
    private boolean flowMode;
    private Consumer<String> onSelect = id -> { };
    private boolean dirty = true;
    private double drawnW;
    private double drawnH;
    private double zoom = 1;
    /** The share of the zoom the nodes get so that every column fits (see {@link #fitFactor()}). */
    private double fit = 1;
    private double speed = 1;
    private double lastDraw = -1;
    private boolean pending;
    /** Redraws per second at most while no token flies. */
    static final double STILL_HZ = 12;
    /** Redraws per second at most while tokens fly: smooth to the eye, half the painting of every frame. */
    static final double MOVING_HZ = 30;

    private record Token(String from, String to, int lane, Color color, double born, double flight) {
    }

    /** An event shown in a queue or a worker from wall time {@code visibleAt} (when its token lands). */
    private record Dot(int key, double visibleAt) {
    }

    /** An empty view; it sizes its canvas to itself. */
    public TopologyView() {
        getChildren().add(canvas);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        setMinSize(200, 120);
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

    /** Shows another scenario, with theory's predictions for each node's ρ. */
    public void setScenario(Scenario s, Map<String, ElementPrediction> predicted) {
        scenario = s;
        predictions = predicted == null ? Map.of() : predicted;
        layout = s == null ? null : Layout.of(s);
        snapshot = null;
        tokens.clear();
        waiting.clear();
        serving.clear();
        flashes.clear();
        captions.clear();
        lastSerial = -1;
        dirty = true;
    }

    /** Highlights the selected element. */
    public void setSelected(String id) {
        selected = id;
        dirty = true;
    }

    /** Draws a halo around the element the narration points at (null: none). */
    public void setHighlighted(String id) {
        highlighted = id;
        dirty = true;
    }

    /** The element drawn with a halo, or null. */
    public String highlighted() {
        return highlighted;
    }

    /** Switches colours. */
    public void setTheme(Theme t) {
        theme = t;
        dirty = true;
    }

    /** Scales nodes and type (presentation zoom). */
    public void setZoom(double z) {
        zoom = z;
        dirty = true;
    }

    /** The run's speed (simulated seconds per wall second): tokens fly faster when it is higher. */
    public void setSpeed(double simSecondsPerSecond) {
        speed = simSecondsPerSecond;
    }

    /** Wall seconds a token takes to cross an edge at the current speed. */
    public double flightSeconds() {
        return flight(speed);
    }

    static double flight(double speed) {
        return Math.max(MIN_FLIGHT, Math.min(MAX_FLIGHT, FLIGHT_AT_1X / speed));
    }

    /** Whether the view currently draws flow thickness instead of tokens. */
    public boolean flowMode() {
        return flowMode;
    }

    /** Tokens currently on screen. */
    public int tokenCount() {
        return tokens.size();
    }

    /** Waiting events drawn (tracked) for queue {@code id}, or for a topic subscription {@code sub:GROUP}. */
    public int waitingShown(String id) {
        ArrayDeque<Dot> d = waiting.get(id);
        return d == null ? 0 : d.size();
    }

    /** The texts drawn in element {@code id}'s box at the last redraw (its figures in words). */
    public List<String> captions(String id) {
        return List.copyOf(captions.getOrDefault(id, List.of()));
    }

    /** Whether element {@code id}'s alert badge flashes at wall time {@code wallSeconds} (an alert fired just now). */
    public boolean alertFlashing(String id, double wallSeconds) {
        return flashes.since(id + ".alerts", wallSeconds) < ALERT_FLASH;
    }

    /** Whether worker {@code w} of group {@code id} is drawn serving an event of a known key. */
    public boolean servingKnown(String id, int w) {
        Dot[] d = serving.get(id);
        return d != null && w < d.length && d[w] != null && d[w].key() >= 0;
    }

    /**
     * Takes the newest snapshot and every move since the last frame, and redraws; {@code wallSeconds}
     * is the frame time.
     */
    public void render(Snapshot s, List<Snapshot.Move> moves, double wallSeconds) {
        boolean fresh = s != null && s.serial() != lastSerial;
        boolean resized = canvas.getWidth() != drawnW || canvas.getHeight() != drawnH;
        if (fresh && scenario != null) {
            // taken at once, drawn or not: what the moves change in the queues and workers must not be lost
            lastSerial = s.serial();
            snapshot = s;
            flowMode = !s.movesFollowed();
            if (!flowMode) {
                takeMoves(s, moves, wallSeconds);
            } else {
                tokens.clear();
            }
            resync(s);
            takeCounters(s, wallSeconds);
            pending = true;
        }
        // redraw only when something moved: a new snapshot, tokens in flight, or a resize/selection
        if (!pending && tokens.isEmpty() && !dirty && !resized) {
            return;
        }
        // painting the canvas is most of a frame's cost in software rendering: at most MOVING_HZ redraws a
        // second while tokens fly, STILL_HZ when none does (high rates draw flow, not tokens)
        double hz = tokens.isEmpty() ? STILL_HZ : MOVING_HZ;
        if (!dirty && !resized && wallSeconds - lastDraw < 1 / hz) {
            return;
        }
        lastDraw = wallSeconds;
        dirty = false;
        pending = false;
        drawnW = canvas.getWidth();
        drawnH = canvas.getHeight();
        draw(wallSeconds);
    }

    /** Notes the counters that flash when they rise: a window shape's alerts and closed windows. */
    private void takeCounters(Snapshot s, double wall) {
        for (ChannelSpec c : scenario.channels()) {
            if (c.drawing().shape() == Drawing.Shape.WINDOW) {
                Map<String, Double> st = s.state().getOrDefault(c.id(), Map.of());
                flashes.take(c.id() + ".alerts", st.getOrDefault("alerts", 0.0), wall);
                flashes.take(c.id() + ".windows", st.getOrDefault("windows", 0.0), wall);
            }
        }
    }

    /**
     * Whether events that reach a channel of this shape are copied into each reader's own queue: a
     * fan-out copies what arrives, a store what it commits (a move from the store to itself).
     */
    private static boolean copiesOnMove(Drawing.Shape shape, boolean selfMove) {
        return shape == Drawing.Shape.FAN_OUT && !selfMove || shape == Drawing.Shape.STORE && selfMove;
    }

    /** Whether each reader of a channel of this shape has its own queue (drawn on the edge into it). */
    private static boolean ownQueues(Drawing.Shape shape) {
        return shape == Drawing.Shape.FAN_OUT || shape == Drawing.Shape.STORE;
    }

    /** Tokens for the moves of a snapshot, and what they change in the queues and workers once they land. */
    private void takeMoves(Snapshot s, List<Snapshot.Move> moves, double wall) {
        List<ElementInfo> els = s.elements();
        double fl = flight(speed);
        for (Snapshot.Move m : moves) {
            if (m.from() >= els.size() || m.to() >= els.size()) {
                continue;
            }
            String from = els.get(m.from()).id();
            String to = els.get(m.to()).id();
            // a move that happened before the snapshot's time starts that much earlier on screen
            double born = wall + Math.max(-fl, (m.time() - s.now()) / Math.max(speed, 1e-9));
            double lands = born + fl;
            // work being undone (a saga's compensation) travels in the lag colour, whatever its key
            Color c = m.lane() == Drawing.UNDO_LANE ? theme.lag() : keyColor(m.key());
            tokens.add(new Token(from, to, m.lane(), c, born, fl));
            Drawing.Shape toShape = shape(to);
            Drawing.Shape fromShape = shape(from);
            if (toShape == Drawing.Shape.QUEUE && m.from() != m.to()) {
                push(to, new Dot(m.key(), lands));
            } else if (copiesOnMove(toShape, m.from() == m.to())) {
                for (ConsumerSpec g : scenario.consumersOf(to)) {
                    push("sub:" + g.id(), new Dot(m.key(), lands));
                }
            }
            if (isGroup(to)) {
                if (fromShape == Drawing.Shape.QUEUE) {
                    take(from, m.key());
                } else if (ownQueues(fromShape)) {
                    take("sub:" + to, m.key());
                }
                int w = localWorker(to, m.lane());
                Dot[] sv = serving.computeIfAbsent(to, k -> new Dot[Math.max(1, instances(k))]);
                if (w >= 0 && w < sv.length) {
                    sv[w] = new Dot(m.key(), lands);
                }
            }
        }
        while (tokens.size() > MAX_TOKENS) {
            tokens.remove(0);
        }
    }

    private void push(String queue, Dot d) {
        ArrayDeque<Dot> q = waiting.computeIfAbsent(queue, k -> new ArrayDeque<>());
        q.addLast(d);
        while (q.size() > MAX_TRACKED) {
            q.removeFirst();
        }
    }

    /** Removes the event a worker took: the head of the line (FIFO), or the first of that key if they disagree. */
    private void take(String queue, int key) {
        ArrayDeque<Dot> q = waiting.get(queue);
        if (q == null || q.isEmpty()) {
            return;
        }
        if (q.peekFirst().key() == key || key < 0) {
            q.removeFirst();
            return;
        }
        Iterator<Dot> it = q.iterator();
        while (it.hasNext()) {
            if (it.next().key() == key) {
                it.remove();
                return;
            }
        }
        q.removeFirst();
    }

    /** Makes the tracked lines agree with the model's counts (missed moves: unknown keys, drawn grey). */
    private void resync(Snapshot s) {
        for (ChannelSpec c : scenario.channels()) {
            if (c.drawing().shape() == Drawing.Shape.QUEUE) {
                fit(c.id(), s.state().getOrDefault(c.id(), Map.of()).getOrDefault("queued", 0.0));
            }
        }
        for (ConsumerSpec g : scenario.consumers()) {
            Map<String, Double> st = s.state().getOrDefault(g.id(), Map.of());
            if (ownQueues(shape(g.from()))) {
                fit("sub:" + g.id(), st.getOrDefault("queued", 0.0));
            }
            Dot[] sv = serving.get(g.id());
            if (sv != null) {
                for (int w = 0; w < sv.length; w++) {
                    if (st.getOrDefault("worker." + w, 1.0) == 0) {
                        sv[w] = null;
                    }
                }
            }
        }
    }

    private void fit(String queue, double count) {
        int n = (int) Math.min(count, MAX_TRACKED);
        ArrayDeque<Dot> q = waiting.computeIfAbsent(queue, k -> new ArrayDeque<>());
        while (q.size() > n) {
            q.removeFirst();
        }
        while (q.size() < n) {
            q.addFirst(new Dot(-1, 0));
        }
    }

    private Drawing.Shape shape(String id) {
        return scenario.channel(id).map(c -> c.drawing().shape()).orElse(null);
    }

    private boolean isGroup(String id) {
        return scenario.consumers().stream().anyMatch(c -> c.id().equals(id));
    }

    private int instances(String id) {
        return scenario.consumers().stream().filter(c -> c.id().equals(id)).mapToInt(ConsumerSpec::instances)
                .findFirst().orElse(0);
    }

    /** A move's lane as the group's own worker: on a shared queue the lanes count every group's workers. */
    private int localWorker(String groupId, int lane) {
        ConsumerSpec c = scenario.consumers().stream().filter(g -> g.id().equals(groupId)).findFirst().orElse(null);
        if (c == null || shape(c.from()) != Drawing.Shape.QUEUE) {
            return lane;
        }
        int offset = 0;
        for (ConsumerSpec g : scenario.consumersOf(c.from())) {
            if (g.id().equals(groupId)) {
                return lane - offset;
            }
            offset += g.instances();
        }
        return lane;
    }

    private Color keyColor(int key) {
        return key < 0 ? theme.muted() : Color.hsb((key * 137.508) % 360, 0.65, 0.95);
    }

    // ------------------------------------------------------------------ geometry

    private double z(double v) {
        return v * zoom * fit;
    }

    /**
     * How much the nodes shrink so that the fullest column fits the canvas's height (1: not at all):
     * a tall scenario on a short canvas (five rows under a presentation's chart) stays legible instead
     * of stacking its boxes on top of each other.
     */
    private double fitFactor() {
        fit = 1;
        Map<Integer, double[]> columns = new HashMap<>();
        for (Layout.Node n : layout.nodes().values()) {
            double[] c = columns.computeIfAbsent(n.column(), k -> new double[2]);
            c[0]++;
            c[1] = Math.max(c[1], boxHeight(n));
        }
        double f = 1;
        for (double[] c : columns.values()) {
            double spacing = (h() - legendH() - z(4)) / c[0];
            f = Math.min(f, spacing / (c[1] + z(8)));
        }
        return Math.max(0.45, f);
    }

    /** A box's width: 150 before zoom, narrower when the columns are closer (a long line on a small screen). */
    private double boxW() {
        return layout == null ? z(150) : Math.min(z(150), 0.84 * w() / Math.max(1, layout.columns()));
    }

    private double legendH() {
        return z(24);
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
        return z(4) + n.fy() * (h() - legendH() - z(4));
    }

    private int partitionsShown(Layout.Node n) {
        return Math.min(8, scenario.channel(n.id()).orElseThrow().drawing().lanes());
    }

    private double boxHeight(Layout.Node n) {
        return switch (n.kind()) {
            case "stream" -> {
                int p = scenario.channel(n.id()).orElseThrow().drawing().lanes();
                yield z(30 + partitionsShown(n) * 17 + (p > 8 ? 14 : 0));
            }
            case "group" -> z(26 + workerRows(n) * 21 + 20);
            case "queue" -> z(26 + DOT_ROWS * 12 + 20);
            case "window" -> z(26 + windowRows(n) * WINDOW_ROW + 34);
            case "store", "flow" -> z(26 + 4 * 15 + 4);
            default -> z(54);
        };
    }

    /** Height of one window's row (before zoom). */
    private static final double WINDOW_ROW = 15;

    /** Rows of windows drawn: the windows alive at once, as the shape declares (0 for sessions). */
    private int windowRows(Layout.Node n) {
        return Math.min(Drawing.MAX_WINDOWS, scenario.channel(n.id()).orElseThrow().drawing().lanes());
    }

    private int workerRows(Layout.Node n) {
        return (Math.min(16, Math.max(1, instances(n.id()))) + 7) / 8;
    }

    /** Centre of worker {@code w}'s circle in group node {@code n}. */
    private double[] workerCenter(Layout.Node n, int w) {
        int shown = Math.min(16, Math.max(1, instances(n.id())));
        int perRow = Math.min(8, shown);
        double step = Math.min(z(21), (boxW() - z(12)) / perRow);
        double x0 = cx(n) - step * perRow / 2 + step / 2;
        double top = cy(n) - boxHeight(n) / 2 + z(26);
        return new double[] {x0 + (w % perRow) * step, top + (w / perRow) * z(21) + z(9)};
    }

    private double partitionY(Layout.Node n, int p) {
        double top = cy(n) - boxHeight(n) / 2 + z(26);
        return top + Math.min(p, 7) * z(17);
    }

    // ------------------------------------------------------------------ drawing

    private void draw(double now) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(theme.background());
        g.fillRect(0, 0, w(), h());
        if (layout == null) {
            g.setFill(theme.muted());
            g.setFont(Font.font(z(18)));
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("Open a scenario (Ctrl+O) or pick one from Examples", w() / 2, h() / 2);
            return;
        }
        fit = fitFactor();
        Map<String, ElementResult> results = snapshot == null ? Map.of() : snapshot.results();
        for (Layout.Edge e : layout.edges()) {
            drawEdge(g, e, results);
        }
        for (Layout.Node n : layout.nodes().values()) {
            drawNode(g, n, now);
        }
        // a router's rule labels go over the boxes: a label wider than the gap between two boxes
        // would otherwise be half hidden under one of them
        for (Layout.Edge e : layout.edges()) {
            drawRouteLabel(g, e, results);
        }
        drawPartitionOwners(g);
        drawTokens(g, now);
        // the readers' own queues over the tokens that fly into them, so their counts and staleness stay legible
        drawSubscriptions(g, now);
        drawLegend(g);
    }

    private void drawEdge(GraphicsContext g, Layout.Edge e, Map<String, ElementResult> results) {
        Layout.Node a = layout.nodes().get(e.from());
        Layout.Node b = layout.nodes().get(e.to());
        double width = z(2);
        if (flowMode) {
            ElementResult r = results.get(e.to());
            double thr = r == null ? 0 : r.get("throughput");
            width = z(2 + Math.min(14, 3 * Math.log1p(Double.isNaN(thr) ? 0 : thr)));
        }
        // backpressure: the sender waits and what it sends to is full; the edge turns red and thick
        boolean pressed = Figures.waiting(state(e.from())) && scenario.channel(e.to())
                .map(c -> Figures.full(state(e.to()), c.drawing().capacity())).orElse(false);
        Color edge = pressed ? theme.lag() : theme.edge();
        g.setStroke(edge);
        g.setLineWidth(pressed ? Math.max(width, z(5)) : width);
        double x1 = cx(a) + boxW() / 2;
        double x2 = cx(b) - boxW() / 2;
        if (e.deadLetters()) {
            // where the group's failed events go: dashed, in the lag colour, and named
            edge = theme.lag();
            g.setStroke(edge);
            g.setLineDashes(z(7), z(5));
        }
        g.strokeLine(x1, cy(a), x2, cy(b));
        g.setLineDashes();
        arrow(g, x2, cy(b), x1, cy(a), edge);
        if (e.deadLetters()) {
            g.setFill(theme.lag());
            g.setFont(Font.font(null, FontWeight.BOLD, z(BADGE_LABEL)));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText("DLQ", (x1 + x2) / 2, (cy(a) + cy(b)) / 2 - z(4));
            g.setTextBaseline(VPos.BASELINE);
        }
    }

    /** A router's edge carries its rule and the rate it passes on. */
    private void drawRouteLabel(GraphicsContext g, Layout.Edge e, Map<String, ElementResult> results) {
        Layout.Node a = layout.nodes().get(e.from());
        Layout.Node b = layout.nodes().get(e.to());
        double x1 = cx(a) + boxW() / 2;
        double x2 = cx(b) - boxW() / 2;
        ChannelSpec ch = scenario.channel(e.from()).orElse(null);
        if (ch != null && !ch.forwards().isEmpty()) {
            List<ChannelSpec.Forward> fw = ch.forwards();
            ElementResult r = results.get(e.from());
            StringBuilder label = new StringBuilder();
            StringBuilder rates = new StringBuilder();
            double total = 0;
            boolean known = false;
            for (int i = 0; i < fw.size(); i++) {
                if (!fw.get(i).to().equals(e.to())) {
                    continue;
                }
                double share = r == null ? Double.NaN : r.get("routes." + i + ".share");
                if (Double.isNaN(share) && r != null && i == fw.size() - 1) {
                    share = r.get("default.share");
                }
                double rate = r == null ? Double.NaN : share * r.get("throughput");
                if (!label.isEmpty()) {
                    label.append(" + ");
                }
                label.append(fw.get(i).label());
                if (!Double.isNaN(rate)) {
                    total += rate;
                    known = true;
                }
            }
            if (known && r.get("throughput") > 0) { // no rate rather than a made-up 0/s where the element measures no shares
                rates.append(String.format(Locale.ROOT, "%.2f/s  (%.0f%%)", total, 100 * total / r.get("throughput")));
            }
            if (!label.isEmpty()) {
                drawEdgeLabel(g, label.toString(), rates.toString(), x1, cy(a), x2, cy(b));
            }
        }
    }

    /**
     * A router rule and its rate in two short lines, on the edge's last stretch (where the fanned-out
     * edges are furthest apart), on a background so it reads over the line.
     */
    private void drawEdgeLabel(GraphicsContext g, String rule, String rate, double x1, double y1, double x2, double y2) {
        double f = 0.55;
        double mx = x1 + (x2 - x1) * f;
        double room = Math.max(z(70), (x2 - x1) * 0.9 + z(20));
        g.setFont(Font.font(z(EDGE_LABEL)));
        int chars = (int) Math.max(8, room / z(EDGE_LABEL * 0.56));
        List<String> lines = wrap(rule, chars, 2);
        if (!rate.isEmpty()) {
            lines.add(rate);
        }
        int longest = lines.stream().mapToInt(String::length).max().orElse(0);
        double tw = longest * z(EDGE_LABEL * 0.56) + z(6);
        double th = lines.size() * z(EDGE_LABEL + 2) + z(2);
        if (tw <= x2 - x1) {
            mx = Math.max(x1 + tw / 2, Math.min(x2 - tw / 2, mx)); // inside the gap when it fits
        }
        double my = y1 + (y2 - y1) * (x2 != x1 ? (mx - x1) / (x2 - x1) : f); // on the edge
        g.setFill(theme.background().deriveColor(0, 1, 1, 0.85));
        g.fillRoundRect(mx - tw / 2, my - th / 2, tw, th, z(6), z(6));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i < lines.size(); i++) {
            g.setFill(!rate.isEmpty() && i == lines.size() - 1 ? theme.muted() : theme.text());
            g.fillText(lines.get(i), mx, my - th / 2 + z(1) + i * z(EDGE_LABEL + 2));
        }
        g.setTextBaseline(VPos.BASELINE);
    }

    /** Words of {@code text} in at most {@code maxLines} lines of {@code width} characters (the last one trimmed). */
    static List<String> wrap(String text, int width, int maxLines) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            out.add(line.toString());
        }
        if (out.size() > maxLines) {
            String rest = String.join(" ", out.subList(maxLines - 1, out.size()));
            out = new ArrayList<>(out.subList(0, maxLines - 1));
            out.add(rest);
        }
        out.replaceAll(l -> trim(l, width));
        return out;
    }

    private void arrow(GraphicsContext g, double x, double y, double fromX, double fromY, Color colour) {
        double ang = Math.atan2(y - fromY, x - fromX);
        double s = z(9);
        g.setFill(colour);
        g.fillPolygon(new double[] {x, x - s * Math.cos(ang - 0.4), x - s * Math.cos(ang + 0.4)},
                new double[] {y, y - s * Math.sin(ang - 0.4), y - s * Math.sin(ang + 0.4)}, 3);
    }

    private void drawNode(GraphicsContext g, Layout.Node n, double now) {
        double bh = boxHeight(n);
        double bw = boxW();
        double x = cx(n) - bw / 2;
        double y = cy(n) - bh / 2;
        boolean sel = n.id().equals(selected);
        Map<String, Double> st = state(n.id());
        drawing = n.id();
        captions.remove(n.id());
        if (n.id().equals(highlighted)) {
            // a wide halo in the accent of the theme's queues: visible from the back of a room
            double pad = z(7);
            g.setStroke(theme.queue().deriveColor(0, 1, 1, 0.85));
            g.setLineWidth(z(6));
            g.strokeRoundRect(x - pad, y - pad, bw + 2 * pad, bh + 2 * pad, z(18), z(18));
        }
        g.setFill(theme.box());
        g.setStroke(sel ? theme.selected() : theme.boxBorder());
        g.setLineWidth(sel ? z(3) : z(1.5));
        if (n.kind().equals("router")) {
            double[] xs = {cx(n), cx(n) + bw / 2, cx(n), cx(n) - bw / 2};
            double[] ys = {y, cy(n), y + bh, cy(n)};
            g.fillPolygon(xs, ys, 4);
            g.strokePolygon(xs, ys, 4);
        } else {
            double arc = n.kind().equals("producer") ? z(28) : n.kind().equals("topic") ? z(40) : z(10);
            g.fillRoundRect(x, y, bw, bh, arc, arc);
            g.strokeRoundRect(x, y, bw, bh, arc, arc);
        }
        if (Figures.waiting(st)) {
            // waiting for room downstream (backpressure): a thick border in the lag colour, and said in words below
            g.setStroke(theme.lag());
            g.setLineWidth(z(3));
            g.strokeRoundRect(x - z(2), y - z(2), bw + z(4), bh + z(4), z(12), z(12));
        }
        g.setFill(theme.text());
        String title = trim(n.id(), 18);
        g.setFont(Font.font(null, FontWeight.BOLD, Math.min(z(14), (bw - z(8)) / (title.length() * 0.6))));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.fillText(title, cx(n), y + z(5));
        g.setFont(Font.font(z(12)));
        g.setFill(theme.muted());
        int index = indexOf(n.id());
        switch (n.kind()) {
            case "producer" -> drawProducer(g, n, st, y, index);
            case "queue" -> drawQueue(g, n, st, x, y, now);
            case "topic" -> g.fillText(String.format(Locale.ROOT, "topic · %,d in", received(index)), cx(n), y + z(26));
            case "router" -> g.fillText(String.format(Locale.ROOT, "%,d in", received(index)), cx(n), y + z(26));
            case "stream" -> drawStream(g, n, st, x, y);
            case "group" -> drawGroup(g, n, st, y, now);
            case "flow" -> drawFlow(g, n, st, y);
            case "window" -> drawWindow(g, n, st, x, y, now);
            case "store" -> drawStore(g, n, st, y);
            default -> { }
        }
        drawing = null;
        g.setTextBaseline(VPos.BASELINE);
    }

    private int indexOf(String id) {
        if (snapshot == null) {
            return -1;
        }
        for (ElementInfo e : snapshot.elements()) {
            if (e.id().equals(id)) {
                return e.index();
            }
        }
        return -1;
    }

    /** Element {@code id}'s state in the current snapshot (empty before the first). */
    private Map<String, Double> state(String id) {
        return snapshot == null ? Map.of() : snapshot.state().getOrDefault(id, Map.of());
    }

    /** Draws {@code text} and notes it among the captions of the element being drawn. */
    private void say(GraphicsContext g, String text, double x, double y) {
        if (drawing != null) {
            captions.computeIfAbsent(drawing, k -> new ArrayList<>()).add(text);
        }
        g.fillText(text, x, y);
    }

    /** Seconds as people read them: 85 ms, 1.24 s, 12.5 s, 3.2 min. */
    static String seconds(double s) {
        if (Double.isNaN(s)) {
            return "—";
        }
        if (s < 1) {
            return String.format(Locale.ROOT, "%.0f ms", s * 1000);
        }
        if (s < 10) {
            return String.format(Locale.ROOT, "%.2f s", s);
        }
        return s < 120 ? String.format(Locale.ROOT, "%.1f s", s) : String.format(Locale.ROOT, "%.1f min", s / 60);
    }

    /** A producer: what it sent, and whether a full channel holds it back (backpressure reached it). */
    private void drawProducer(GraphicsContext g, Layout.Node n, Map<String, Double> st, double y, int index) {
        say(g, String.format(Locale.ROOT, "%,d sent", sent(index)), cx(n), y + z(24));
        if (st.getOrDefault("blocked", 0.0) > 0) {
            g.setFill(theme.lag());
            g.setFont(Font.font(null, FontWeight.BOLD, z(12.5)));
            say(g, "‖ BLOCKED", cx(n), y + z(38));
        }
    }

    /**
     * A window operator on an event-time axis: one row per window it holds (oldest at the top), spanning
     * its start to its end, filled up to the watermark (the vertical line: now), the allowed lateness
     * after its end in amber, its event count written in it and a red frame once one key reached the
     * alert threshold. A tick flashes when a window closes; the alert count sits in a badge on the
     * corner that flashes red when an alert fires.
     */
    private void drawWindow(GraphicsContext g, Layout.Node n, Map<String, Double> st, double x, double y, double wall) {
        double now = snapshot == null ? 0 : snapshot.now();
        int rows = windowRows(n);
        List<Figures.Window> ws = Figures.windows(st);
        double threshold = st.getOrDefault("threshold", 0.0);
        double left = x + z(8);
        double width = boxW() - z(16);
        double top = y + z(25);
        double rh = z(WINDOW_ROW - 2);
        double[] span = Figures.span(ws, now);
        g.setTextAlign(TextAlignment.LEFT);
        for (int i = 0; i < rows; i++) {
            double ry = top + i * z(WINDOW_ROW);
            g.setFill(theme.idle().deriveColor(0, 1, 1, 0.35));
            g.fillRoundRect(left, ry, width, rh, z(3), z(3));
            if (i >= ws.size() || span == null) {
                continue;
            }
            Figures.Window w = ws.get(i);
            double x0 = left + width * (w.start() - span[0]) / (span[1] - span[0]);
            double x1 = left + width * (w.end() - span[0]) / (span[1] - span[0]);
            double x2 = left + width * (w.close() - span[0]) / (span[1] - span[0]);
            double xf = left + width * (Math.min(now, w.end()) - span[0]) / (span[1] - span[0]);
            g.setFill(theme.idle());
            g.fillRect(x0, ry, x1 - x0, rh);
            g.setFill(theme.queue().deriveColor(0, 1, 1, 0.8));
            g.fillRect(x0, ry, Math.max(0, xf - x0), rh);
            if (x2 > x1) {
                g.setFill(theme.selected().deriveColor(0, 1, 1, w.due(now) ? 0.8 : 0.35));
                g.fillRect(x1, ry, x2 - x1, rh);
            }
            boolean hot = threshold > 0 && w.top() >= threshold;
            if (hot) {
                g.setStroke(theme.lag());
                g.setLineWidth(z(2));
                g.strokeRect(x0, ry, Math.max(x1, x2) - x0, rh);
            }
            g.setFill(theme.text());
            g.setFont(Font.font(null, FontWeight.BOLD, z(WINDOW_COUNT)));
            g.setTextBaseline(VPos.CENTER);
            String count = String.format(Locale.ROOT, "%,d%s", w.events(), hot ? " !" : "");
            double tx = Math.min(x0 + z(3), left + width - count.length() * z(WINDOW_COUNT * 0.62));
            say(g, count, tx, ry + rh / 2);
            g.setTextBaseline(VPos.TOP);
        }
        if (rows > 0 && span != null) {
            double xn = left + width * (now - span[0]) / (span[1] - span[0]);
            g.setStroke(theme.text());
            g.setLineWidth(z(2));
            g.strokeLine(xn, top - z(3), xn, top + rows * z(WINDOW_ROW) - z(1));
        }
        g.setTextAlign(TextAlignment.CENTER);
        double ty = top + rows * z(WINDOW_ROW) + z(2);
        double alerts = st.getOrDefault("alerts", 0.0);
        double held = st.getOrDefault("windowsHeld", (double) ws.size());
        String more = held > ws.size() ? String.format(Locale.ROOT, " (+%,.0f)", held - ws.size()) : "";
        String opened = rows == 0 ? String.format(Locale.ROOT, "%,.0f sessions open", st.getOrDefault("openWindows", 0.0))
                : String.format(Locale.ROOT, "%,.0f windows%s · %,.0f keys", held, more, st.getOrDefault("openWindows", 0.0));
        g.setFill(theme.muted());
        fitText(g, opened, cx(n), ty, boxW() - z(8), 12);
        double late = st.getOrDefault("late", 0.0);
        double dropped = st.getOrDefault("dropped", 0.0);
        g.setFill(late + dropped > 0 ? theme.selected() : theme.muted());
        fitText(g, String.format(Locale.ROOT, "%,.0f late · %,.0f dropped", late, dropped), cx(n), ty + z(15),
                boxW() - z(8), 12);
        if (flashes.since(n.id() + ".windows", wall) < CLOSE_FLASH) {
            // a window just closed and emitted: a tick on the corner
            g.setFill(theme.busy());
            g.setFont(Font.font(null, FontWeight.BOLD, z(18)));
            g.setTextAlign(TextAlignment.LEFT);
            say(g, "✓", x + z(4), y + z(2));
            g.setTextAlign(TextAlignment.CENTER);
        }
        if (threshold > 0) {
            drawAlertBadge(g, n, alerts, x + boxW(), y, flashes.since(n.id() + ".alerts", wall) < ALERT_FLASH);
        }
    }

    /**
     * The alert count in a badge on the top right corner: outlined in red while quiet, filled red with a
     * red glow around the element for a moment after an alert fires (seen from the back of the room; the
     * count and the word say it without the colour).
     */
    private void drawAlertBadge(GraphicsContext g, Layout.Node n, double alerts, double right, double y, boolean firing) {
        String text = String.format(Locale.ROOT, "⚠ %,.0f", alerts);
        g.setFont(Font.font(null, FontWeight.BOLD, z(13)));
        double bw = Math.max(z(40), text.length() * z(8.5) + z(10));
        double bh = z(20);
        double bx = right - bw + z(10);
        double by = y - bh / 2 - z(2);
        if (firing) {
            double bhBox = boxHeight(n);
            g.setStroke(theme.lag().deriveColor(0, 1, 1, 0.8));
            g.setLineWidth(z(5));
            g.strokeRoundRect(cx(n) - boxW() / 2 - z(5), cy(n) - bhBox / 2 - z(5), boxW() + z(10), bhBox + z(10),
                    z(16), z(16));
        }
        g.setFill(firing ? theme.lag() : theme.background());
        g.fillRoundRect(bx, by, bw, bh, bh, bh);
        g.setStroke(theme.lag());
        g.setLineWidth(z(2));
        g.strokeRoundRect(bx, by, bw, bh, bh, bh);
        g.setFill(firing ? Color.WHITE : theme.lag());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        say(g, text, bx + bw / 2, by + bh / 2);
        if (firing) {
            g.setFont(Font.font(null, FontWeight.BOLD, z(ALERT_TAG)));
            g.setTextAlign(TextAlignment.RIGHT);
            say(g, "ALERT", bx - z(4), by + bh / 2);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
    }

    /**
     * An event store: events appended and snapshots taken, the replays that rebuilding aggregates cost,
     * and its writers; each projection's staleness is drawn on the edge into it (its own queue).
     */
    private void drawStore(GraphicsContext g, Layout.Node n, Map<String, Double> st, double y) {
        double appended = st.getOrDefault("appended", 0.0);
        g.setFill(theme.text());
        fitText(g, String.format(Locale.ROOT, "%,.0f appended", appended), cx(n), y + z(24), boxW() - z(8), 12.5);
        g.setFill(theme.muted());
        fitText(g, String.format(Locale.ROOT, "%,.0f snapshots", st.getOrDefault("snapshots", 0.0)), cx(n), y + z(39),
                boxW() - z(8), 12);
        fitText(g, String.format(Locale.ROOT, "%,.0f replayed", st.getOrDefault("replayed", 0.0)), cx(n), y + z(54),
                boxW() - z(8), 12);
        double queued = st.getOrDefault("queued", 0.0);
        fitText(g, String.format(Locale.ROOT, "%.0f/%.0f writing%s", st.getOrDefault("busy", 0.0),
                st.getOrDefault("workers", 0.0), queued > 0 ? String.format(Locale.ROOT, " · %,.0f wait", queued) : ""),
                cx(n), y + z(69), boxW() - z(8), 12);
    }

    private long sent(int index) {
        return snapshot == null ? 0 : snapshot.sentBy(index);
    }

    private long received(int index) {
        return snapshot == null ? 0 : snapshot.receivedBy(index);
    }

    /** Theory's ρ for an element, or NaN. */
    private double rho(String id) {
        ElementPrediction ep = predictions.get(id);
        Prediction p = ep == null ? null : ep.prediction();
        return p == null ? Double.NaN : p.utilization();
    }

    private String rhoText(String id) {
        double r = rho(id);
        return Double.isNaN(r) ? "" : String.format(Locale.ROOT, " · ρ %.2f", r);
    }

    /** A queue: each waiting event a dot coloured by its key, the head at the right (next to leave). */
    private void drawQueue(GraphicsContext g, Layout.Node n, Map<String, Double> st, double x, double y, double now) {
        double queued = st.getOrDefault("queued", 0.0);
        int capacity = scenario.channel(n.id()).orElseThrow().drawing().capacity();
        int cap = capacity == Integer.MAX_VALUE ? -1 : capacity;
        drawDots(g, waiting.get(n.id()), queued, cap, x + z(8), y + z(25), boxW() - z(16), DOT_ROWS, now);
        g.setFill(theme.muted());
        g.setFont(Font.font(z(12)));
        double rho = rho(n.id());
        boolean full = Figures.full(st, capacity);
        if (full) {
            // full: whoever sends here waits (block) or is turned away (shed); a red frame and the word FULL
            g.setStroke(theme.lag());
            g.setLineWidth(z(3));
            g.strokeRoundRect(x + z(5), y + z(22), boxW() - z(10), z(DOT_ROWS * 12 + 6), z(6), z(6));
        }
        g.setFill(rho >= 1 || full ? theme.lag() : theme.muted());
        String count = cap >= 0 ? String.format(Locale.ROOT, "%s%,.0f/%d", full ? "FULL " : "", queued, cap)
                : String.format(Locale.ROOT, "%,.0f", queued);
        String waitingWord = full ? "" : " waiting";
        String line = fits(count + waitingWord + rhoText(n.id()), boxW() - z(8), 12) ? count + waitingWord + rhoText(n.id())
                : fits(count + waitingWord, boxW() - z(8), 12) ? count + waitingWord : count;
        fitText(g, line, cx(n), y + z(27 + DOT_ROWS * 12), boxW() - z(8), 12);
    }

    /**
     * A flow (a saga): how many are in flight, its coordinator's busy workers and waiting decisions
     * when it has one, and how the finished ones ended (✓ completed, ↺ compensated, ✗ failed, t/o timed out).
     */
    private void drawFlow(GraphicsContext g, Layout.Node n, Map<String, Double> st, double y) {
        double w = boxW() - z(8);
        g.setFill(theme.text());
        fitText(g, String.format(Locale.ROOT, "%,.0f in flight", st.getOrDefault("inFlight", 0.0)), cx(n), y + z(23),
                w, 13);
        g.setFill(theme.muted());
        if (st.containsKey("instances")) {
            // the coordinator is a station of its own: its busy instances and the decisions waiting for one
            double queued = st.getOrDefault("queued", 0.0);
            fitText(g, String.format(Locale.ROOT, "coordinator %.0f/%.0f", st.getOrDefault("busy", 0.0), st.get("instances")),
                    (queued > 0 ? String.format(Locale.ROOT, " · %,.0f wait", queued) : "") + rhoText(n.id()), cx(n),
                    y + z(39), w, 11.5);
        } else {
            fitText(g, "no coordinator", cx(n), y + z(39), w, 11.5);
        }
        g.setFill(theme.busy());
        fitText(g, String.format(Locale.ROOT, "✓ %,.0f done", st.getOrDefault("completed", 0.0)),
                String.format(Locale.ROOT, " · %,.0f t/o", st.getOrDefault("timedOut", 0.0)), cx(n), y + z(54), w, 12);
        // compensated (undone) and failed (a compensation failed: needs a person) in the lag colour once any
        double bad = st.getOrDefault("compensated", 0.0) + st.getOrDefault("failed", 0.0);
        g.setFill(bad > 0 ? theme.lag() : theme.muted());
        fitText(g, String.format(Locale.ROOT, "↺ %,.0f undone · ✗ %,.0f", st.getOrDefault("compensated", 0.0),
                st.getOrDefault("failed", 0.0)), cx(n), y + z(69), w, 12);
    }

    /**
     * Draws a line of waiting events in a strip: one dot each (right to left from the head) while they
     * fit, else a fill gauge (linear to a bound, logarithmic otherwise) with the count.
     */
    private void drawDots(GraphicsContext g, ArrayDeque<Dot> line, double count, int capacity, double x, double y,
                          double width, int rows, double now) {
        int perRow = DOTS_PER_ROW;
        double cell = width / perRow;
        double d = Math.min(cell - z(2), z(10));
        int fits = perRow * rows;
        g.setFill(theme.idle());
        for (int r = 0; r < rows; r++) {
            g.fillRoundRect(x, y + r * z(12), width, z(11), z(4), z(4));
        }
        if (capacity > 0 && !flowMode && count <= fits && line != null) {
            // a bounded line: its fill behind the dots, linear to the capacity, from the head (right)
            double frac = Math.min(1, count / capacity);
            g.setFill(theme.queue().deriveColor(0, 1, 1, 0.3));
            g.fillRoundRect(x + width * (1 - frac), y, width * frac, rows * z(12) - z(1), z(4), z(4));
        }
        if (flowMode || count > fits || line == null) {
            double frac = capacity > 0 ? Math.min(1, count / capacity) : Math.min(1, Math.log10(1 + count) / 4);
            g.setFill(theme.queue());
            for (int r = 0; r < rows; r++) {
                double fr = Math.max(0, Math.min(1, frac * rows - r));
                g.fillRoundRect(x + width * (1 - fr), y + r * z(12), width * fr, z(11), z(4), z(4));
            }
            return;
        }
        int i = 0;
        for (Dot dot : line) {
            if (i >= fits) {
                break;
            }
            if (dot.visibleAt() > now) {
                i++;
                continue;
            }
            int col = perRow - 1 - (i % perRow);
            int row = i / perRow;
            g.setFill(keyColor(dot.key()));
            g.fillOval(x + col * cell + (cell - d) / 2, y + row * z(12) + (z(11) - d) / 2, d, d);
            i++;
        }
    }

    /** A topic's subscriptions: each group's own queue, drawn on the edge into the group. */
    private void drawSubscriptions(GraphicsContext g, double now) {
        for (ConsumerSpec c : scenario.consumers()) {
            if (!ownQueues(shape(c.from()))) {
                continue;
            }
            Layout.Node t = layout.nodes().get(c.from());
            Layout.Node gr = layout.nodes().get(c.id());
            if (t == null || gr == null) {
                continue;
            }
            double x1 = cx(t) + boxW() / 2;
            double x2 = cx(gr) - boxW() / 2;
            // a store's reader is a projection: its box also says how stale its read model is, so it takes more room
            boolean projection = shape(c.from()) == Drawing.Shape.STORE;
            double f = projection ? 0.55 : 0.62;
            double mx = x1 + (x2 - x1) * f;
            double my = cy(t) + (cy(gr) - cy(t)) * f;
            double bw = projection ? Math.min(z(130), Math.max(z(40), (x2 - x1) * 0.85))
                    : Math.min(z(96), Math.max(z(40), (x2 - x1) * 0.5));
            double bh = z(projection ? 46 : 34);
            g.setFill(theme.box());
            g.setStroke(theme.boxBorder());
            g.setLineWidth(z(1));
            g.fillRoundRect(mx - bw / 2, my - bh / 2, bw, bh, z(6), z(6));
            g.strokeRoundRect(mx - bw / 2, my - bh / 2, bw, bh, z(6), z(6));
            double queued = snapshot == null ? 0
                    : snapshot.state().getOrDefault(c.id(), Map.of()).getOrDefault("queued", 0.0);
            drawDots(g, waiting.get("sub:" + c.id()), queued, -1, mx - bw / 2 + z(4), my - bh / 2 + z(4), bw - z(8), 1,
                    now);
            g.setFill(theme.muted());
            g.setFont(Font.font(z(EDGE_LABEL)));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.TOP);
            if (projection) {
                drawStaleness(g, c.from(), c.id(), mx, my - bh / 2 + z(16), bw);
            } else {
                g.fillText(String.format(Locale.ROOT, "%,.0f waiting", queued), mx, my - bh / 2 + z(17));
            }
            g.setTextBaseline(VPos.BASELINE);
        }
    }

    /**
     * A projection's staleness under its queue: now (the age of the oldest committed event its read
     * model does not show yet; "up to date" when none) and its mean so far. Red when now is more than
     * twice the mean.
     */
    private void drawStaleness(GraphicsContext g, String store, String reader, double mx, double y, double width) {
        Map<String, Double> st = state(store);
        double now = Figures.stalenessNow(st, reader, snapshot == null ? 0 : snapshot.now());
        double mean = Figures.stalenessMean(st, reader);
        drawing = reader; // said among the projection's own captions
        g.setFill(now > 0 && !Double.isNaN(mean) && now > 2 * mean ? theme.lag() : now > 0 ? theme.text() : theme.busy());
        g.setFont(Font.font(null, FontWeight.BOLD, z(12)));
        String first = now > 0 ? "stale " + seconds(now) : "up to date";
        g.setFont(Font.font(null, FontWeight.BOLD, z(12) * Math.min(1, width / (first.length() * z(12) * 0.6))));
        say(g, first, mx, y);
        g.setFill(theme.muted());
        fitText(g, "mean " + seconds(mean), mx, y + z(14), width - z(4), 11.5);
        drawing = null;
    }

    private static final Color[] GROUP_MARKS = {Color.web("#fbbf24"), Color.web("#a78bfa"), Color.web("#22d3ee"),
        Color.web("#f472b6")};

    /**
     * Each partition is drawn as the tail of its log: the right edge is the log-end offset, and each
     * group's committed offset is a coloured tick; the red stretch between the furthest-behind tick
     * and the end is the lag. The window shown is a little wider than the largest lag, so a lag of
     * 3 and one of 3,000 are both visible. The member that owns the partition is named on its row.
     */
    private void drawStream(GraphicsContext g, Layout.Node n, Map<String, Double> st, double x, double y) {
        int partitions = scenario.channel(n.id()).orElseThrow().drawing().lanes();
        List<ConsumerSpec> groups = scenario.consumersOf(n.id());
        g.setTextAlign(TextAlignment.LEFT);
        int shown = partitionsShown(n);
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
            double py = partitionY(n, p);
            double bw = boxW() - z(20);
            double x0 = x + z(10);
            g.setFill(theme.idle());
            g.fillRect(x0, py, bw, z(13));
            g.setFill(theme.lag());
            g.fillRect(x0 + bw * (1 - lag / window), py, bw * lag / window, z(13));
            for (int k = 0; k < committed.length; k++) {
                double tx = x0 + bw * (1 - (end - committed[k]) / window);
                g.setFill(GROUP_MARKS[k % GROUP_MARKS.length]);
                g.fillRect(tx - z(1.5), py - z(2), z(3), z(17));
            }
            String owner = "";
            if (groups.size() == 1 && snapshot != null) {
                double o = snapshot.state().getOrDefault(groups.get(0).id(), Map.of())
                        .getOrDefault("partition." + p + ".owner", -1.0);
                owner = o >= 0 ? String.format(Locale.ROOT, " → m%d", (int) o + 1) : " → none";
            }
            // with brokers: the partition's leader, or none while its broker is down (producers hold, consumers stall)
            Double leader = st.get("partition." + p + ".leader");
            String led = leader == null ? "" : leader > 0 ? String.format(Locale.ROOT, " · b%d", leader.intValue())
                    : " · no leader";
            if (leader != null && leader <= 0) {
                g.setStroke(theme.lag());
                g.setLineWidth(z(1.5));
                g.strokeRect(x0, py, bw, z(13));
            }
            g.setFill(theme.text());
            g.setTextBaseline(VPos.TOP);
            g.setTextAlign(TextAlignment.LEFT);
            String row = String.format(Locale.ROOT, "p%d lag %,.0f%s%s", p, lag, owner, led);
            // shrink only if the row would spill out of its bar (the estimate fitText uses)
            g.setFont(Font.font(z(PARTITION_LABEL) * Math.min(1, (bw - z(4)) / (row.length() * z(PARTITION_LABEL) * 0.56))));
            g.fillText(row, x0 + z(3), py);
        }
        if (partitions > shown) {
            g.setFill(theme.muted());
            g.fillText("… " + (partitions - shown) + " more partitions", x + z(10), partitionY(n, shown - 1) + z(17));
        }
        g.setTextAlign(TextAlignment.CENTER);
    }

    /** A thin line from each partition to the member of each reading group that owns it. */
    private void drawPartitionOwners(GraphicsContext g) {
        if (snapshot == null) {
            return;
        }
        for (ChannelSpec c : scenario.channels()) {
            if (c.drawing().shape() != Drawing.Shape.LOG) {
                continue;
            }
            Layout.Node sn = layout.nodes().get(c.id());
            List<ConsumerSpec> groups = scenario.consumersOf(c.id());
            for (int k = 0; k < groups.size(); k++) {
                Layout.Node gn = layout.nodes().get(groups.get(k).id());
                Map<String, Double> gs = snapshot.state().getOrDefault(groups.get(k).id(), Map.of());
                for (int p = 0; p < partitionsShown(sn); p++) {
                    double o = gs.getOrDefault("partition." + p + ".owner", -1.0);
                    if (o < 0 || o >= 16) {
                        continue;
                    }
                    double[] to = workerCenter(gn, (int) o);
                    double fx = cx(sn) + boxW() / 2 - z(4);
                    double fy = partitionY(sn, p) + z(6.5);
                    Color mark = GROUP_MARKS[k % GROUP_MARKS.length];
                    g.setStroke(mark.deriveColor(0, 1, 1, 0.55));
                    g.setLineWidth(z(1.2));
                    g.beginPath();
                    g.moveTo(fx, fy);
                    double mid = (fx + to[0]) / 2;
                    g.bezierCurveTo(mid, fy, mid, to[1], to[0] - z(9), to[1]);
                    g.stroke();
                }
            }
        }
    }

    /** Workers: filled with the colour of the event each serves (busy), hollow when idle. */
    private void drawGroup(GraphicsContext g, Layout.Node n, Map<String, Double> st, double y, double now) {
        int instances = (int) (double) st.getOrDefault("instances", (double) instances(n.id()));
        int shown = Math.min(instances, 16);
        Dot[] sv = serving.get(n.id());
        double r = z(8);
        for (int i = 0; i < shown; i++) {
            double[] c = workerCenter(n, i);
            boolean busy = st.getOrDefault("worker." + i, 0.0) > 0;
            Dot d = sv != null && i < sv.length ? sv[i] : null;
            if (st.getOrDefault("worker." + i + ".held", 0.0) > 0) {
                // done, but holding its event for a full stage downstream: a red ring with a pause sign
                g.setFill(theme.background());
                g.fillOval(c[0] - r, c[1] - r, 2 * r, 2 * r);
                g.setStroke(theme.lag());
                g.setLineWidth(z(2.5));
                g.strokeOval(c[0] - r, c[1] - r, 2 * r, 2 * r);
                g.setFill(theme.lag());
                g.fillRect(c[0] - r * 0.45, c[1] - r * 0.5, r * 0.3, r);
                g.fillRect(c[0] + r * 0.15, c[1] - r * 0.5, r * 0.3, r);
            } else if (busy) {
                boolean shownKey = d != null && d.key() >= 0 && d.visibleAt() <= now && !flowMode;
                g.setFill(shownKey ? keyColor(d.key()) : theme.busy());
                g.fillOval(c[0] - r, c[1] - r, 2 * r, 2 * r);
                g.setStroke(theme.busy());
                g.setLineWidth(z(2));
                g.strokeOval(c[0] - r, c[1] - r, 2 * r, 2 * r);
            } else if (st.getOrDefault("worker." + i + ".crashed", 0.0) > 0) {
                // a crashed member: red and crossed out (its partitions wait for the session timeout)
                g.setStroke(theme.lag());
                g.setLineWidth(z(2));
                g.strokeOval(c[0] - r + z(1), c[1] - r + z(1), 2 * r - z(2), 2 * r - z(2));
                g.strokeLine(c[0] - r * 0.6, c[1] - r * 0.6, c[0] + r * 0.6, c[1] + r * 0.6);
                g.strokeLine(c[0] - r * 0.6, c[1] + r * 0.6, c[0] + r * 0.6, c[1] - r * 0.6);
            } else {
                g.setStroke(theme.muted());
                g.setLineWidth(z(1.5));
                g.strokeOval(c[0] - r + z(1), c[1] - r + z(1), 2 * r - z(2), 2 * r - z(2));
            }
        }
        g.setFill(theme.muted());
        g.setFont(Font.font(z(12)));
        String lag = st.containsKey("lag") ? String.format(Locale.ROOT, " · lag %,.0f", st.get("lag")) : "";
        double rho = rho(n.id());
        double held = st.getOrDefault("held", 0.0);
        String busy = String.format(Locale.ROOT, "%d/%d busy", (int) (double) st.getOrDefault("busy", 0.0), instances);
        g.setFill(rho >= 1 || held > 0 ? theme.lag() : theme.muted());
        double ty = y + z(26 + workerRows(n) * 21);
        if (held > 0) {
            // done but holding their events: the stage they emit to is full (backpressure)
            g.setFont(Font.font(null, FontWeight.BOLD, z(12)));
            fitText(g, String.format(Locale.ROOT, "‖ %.0f held", held), " (next full) · " + busy, cx(n), ty,
                    boxW() - z(8), 12);
        } else {
            fitText(g, busy, lag + rhoText(n.id()), cx(n), ty, boxW() - z(8), 12);
        }
        // a circuit breaker that is not closed, in a tab on the top left corner (CLOSED, HALF_OPEN, OPEN)
        double breaker = st.getOrDefault("breaker", 0.0);
        if (breaker > 0) {
            boolean open = breaker >= 2;
            String word = open ? "breaker OPEN" : "breaker HALF-OPEN";
            g.setFont(Font.font(null, FontWeight.BOLD, z(BADGE_LABEL)));
            // measured, not estimated: at 12 px bold an estimate per character cut "OPEN" off the tab
            javafx.scene.text.Text probe = new javafx.scene.text.Text(word);
            probe.setFont(g.getFont());
            double tw = probe.getLayoutBounds().getWidth() + z(10);
            double tx = cx(n) - boxW() / 2 - z(4);
            double tabY = y - z(10);
            g.setFill(open ? theme.lag() : theme.selected());
            g.fillRoundRect(tx, tabY, tw, z(16), z(6), z(6));
            g.setFill(theme.background());
            g.setTextAlign(TextAlignment.LEFT);
            say(g, word, tx + z(5), tabY + z(2));
            g.setTextAlign(TextAlignment.CENTER);
        }
    }

    private void drawTokens(GraphicsContext g, double now) {
        Iterator<Token> it = tokens.iterator();
        double r = z(6);
        while (it.hasNext()) {
            Token t = it.next();
            double age = (now - t.born()) / t.flight();
            if (age > 1) {
                it.remove();
                continue;
            }
            if (age < 0) {
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
            if (a == b && shape(t.from()) != Drawing.Shape.LOG) {
                continue; // a store's commit: its copies appear in the readers' queues
            }
            if (a == b) { // a stream append: drop into the partition's row
                x1 = cx(a) - boxW() / 2 - z(30);
                y1 = cy(a);
                x2 = cx(a) - boxW() / 2 + z(20);
                y2 = partitionY(a, t.lane()) + z(6);
            } else if (a.column() > b.column()) {
                // against the drawn edge (a reply, a compensation going back): from a's left side to b's right
                // side, a little below the edge so that it passes the tokens going forward
                x1 = cx(a) - boxW() / 2;
                y1 = cy(a) + z(8);
                x2 = cx(b) + boxW() / 2;
                y2 = cy(b) + z(8);
            } else if (a.column() == b.column()) {
                // between neighbours in one column (a choreography's events): along their right sides
                x1 = cx(a) + boxW() / 2 + z(8);
                y1 = cy(a);
                x2 = cx(b) + boxW() / 2 + z(8);
                y2 = cy(b);
            } else {
                x1 = cx(a) + boxW() / 2;
                y1 = cy(a);
                x2 = cx(b) - boxW() / 2;
                y2 = cy(b);
                if (b.kind().equals("group") && t.lane() >= 0) {
                    double[] c = workerCenter(b, Math.min(15, Math.max(0, localWorker(t.to(), t.lane()))));
                    x2 = c[0];
                    y2 = c[1];
                }
            }
            double x = x1 + (x2 - x1) * age;
            double y = y1 + (y2 - y1) * age;
            if (t.lane() == Drawing.UNDO_LANE) { // undoing work: a larger ring, not a dot
                g.setStroke(t.color());
                g.setLineWidth(z(3));
                g.strokeOval(x - r * 1.4, y - r * 1.4, 2.8 * r, 2.8 * r);
                continue;
            }
            g.setFill(t.color());
            g.fillOval(x - r, y - r, 2 * r, 2 * r);
        }
    }

    /** What the colours mean, in a strip along the bottom. */
    private void drawLegend(GraphicsContext g) {
        double y = h() - legendH() / 2;
        double x = z(10);
        g.setFont(Font.font(z(LEGEND_LABEL)));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        double r = z(5);
        if (flowMode) {
            g.setFill(theme.muted());
            g.fillText("High rate: edges show throughput, queues show fill (slow down to see single events)", x, y);
            g.setTextBaseline(VPos.BASELINE);
            return;
        }
        // shrink the type if the strip is wider than the canvas (a large zoom on a small window)
        boolean undo = scenario != null && scenario.channels().stream()
                .anyMatch(c -> c.drawing().shape() == Drawing.Shape.FLOW);
        double needed = z(undo ? 720 : 560);
        double fit = Math.min(1, w() / needed);
        double s = zoom * fit;
        g.setFont(Font.font(LEGEND_LABEL * s));
        r = 5 * s;
        for (int k = 0; k < 3; k++) {
            g.setFill(keyColor(k * 7 + 3));
            g.fillOval(x + k * 9 * s, y - r, 2 * r, 2 * r);
        }
        x += 30 * s;
        x = legendText(g, "event: colour = its key", x, y, s);
        g.setFill(theme.muted());
        g.fillOval(x, y - r, 2 * r, 2 * r);
        x = legendText(g, "no key", x + 13 * s, y, s);
        g.setFill(keyColor(5));
        g.fillOval(x, y - r, 2 * r, 2 * r);
        g.setStroke(theme.busy());
        g.setLineWidth(2 * s);
        g.strokeOval(x, y - r, 2 * r, 2 * r);
        x = legendText(g, "busy worker (its event)", x + 13 * s, y, s);
        g.setStroke(theme.muted());
        g.setLineWidth(1.5 * s);
        g.strokeOval(x, y - r, 2 * r, 2 * r);
        x = legendText(g, "idle", x + 13 * s, y, s);
        g.setFill(theme.lag());
        g.fillRect(x, y - r, 14 * s, 2 * r);
        x = legendText(g, "lag, full", x + 17 * s, y, s);
        if (undo) {
            g.setStroke(theme.lag());
            g.setLineWidth(2.5 * s);
            g.strokeOval(x, y - r, 2 * r, 2 * r);
            legendText(g, "undo (compensation)", x + 13 * s, y, s);
        }
        g.setTextBaseline(VPos.BASELINE);
    }

    private double legendText(GraphicsContext g, String text, double x, double y, double s) {
        g.setFill(theme.muted());
        g.fillText(text, x, y);
        return x + text.length() * 6.4 * s + 14 * s;
    }

    /** Centred text in {@code size} (before zoom), smaller if it would be wider than {@code width}. */
    /**
     * Centred {@code text} followed by {@code tail} when both fit in {@code width} at {@code size}; else the
     * text alone (a narrow box keeps what matters legible rather than shrinking everything).
     */
    private void fitText(GraphicsContext g, String text, String tail, double x, double y, double width, double size) {
        boolean both = fits(text + tail, width, size);
        fitText(g, both ? text + tail : text, x, y, width, size);
    }

    /** Whether {@code text} fits in {@code width} at {@code size} (before zoom), by the estimate fitText uses. */
    private boolean fits(String text, double width, double size) {
        return text.length() * z(size) * 0.56 <= width;
    }

    private void fitText(GraphicsContext g, String text, double x, double y, double width, double size) {
        double estimated = text.length() * z(size) * 0.56;
        g.setFont(Font.font(z(size) * Math.min(1, width / estimated)));
        say(g, text, x, y);
    }

    private static String trim(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }

    private String hit(double px, double py) {
        if (layout == null) {
            return null;
        }
        for (Layout.Node n : layout.nodes().values()) {
            double bh = boxHeight(n);
            if (Math.abs(px - cx(n)) <= boxW() / 2 && Math.abs(py - cy(n)) <= bh / 2) {
                return n.id();
            }
        }
        return null;
    }
}
