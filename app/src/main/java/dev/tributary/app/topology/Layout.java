package dev.tributary.app.topology;

import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.ProducerSpec;
import dev.tributary.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places a scenario's elements in columns by how far downstream they are: producers, then the
 * channels they feed, the groups reading them, the channels those emit to, and so on. Positions
 * are fractions of the canvas (0–1), so the drawing scales with the window.
 */
public final class Layout {

    /** One placed element: its id, kind, column and row, and the centre as fractions of the canvas. */
    public record Node(String id, String kind, int column, int row, double fx, double fy) {
    }

    /** A directed edge between two element ids; {@code deadLetters}: where a group's failed events go (its DLQ). */
    public record Edge(String from, String to, boolean deadLetters) {

        /** An edge that carries the ordinary flow. */
        public Edge(String from, String to) {
            this(from, to, false);
        }
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final int columns;

    private Layout(Map<String, Node> nodes, List<Edge> edges, int columns) {
        this.nodes.putAll(nodes);
        this.edges.addAll(edges);
        this.columns = columns;
    }

    /** Lays out {@code s}. */
    public static Layout of(Scenario s) {
        Map<String, String> kind = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        for (ProducerSpec p : s.producers()) {
            kind.put(p.id(), "producer");
            edges.add(new Edge(p.id(), p.to()));
        }
        for (ChannelSpec c : s.channels()) {
            // drawn by shape, not by kind: a new kind appears with the shape it declares
            kind.put(c.id(), switch (c.drawing().shape()) {
                case QUEUE -> "queue";
                case FAN_OUT -> "topic";
                case LOG -> "stream";
                case ROUTER -> "router";
                case FLOW -> "flow";
                case WINDOW -> "window";
                case STORE -> "store";
            });
            c.forwards().forEach(f -> edges.add(new Edge(c.id(), f.to())));
        }
        for (ConsumerSpec c : s.consumers()) {
            kind.put(c.id(), "group");
            edges.add(new Edge(c.from(), c.id()));
            c.emits().forEach(e -> edges.add(new Edge(c.id(), e.to())));
            if (c.failures() != null && c.failures().dlq() != null && kind.containsKey(c.failures().dlq())) {
                edges.add(new Edge(c.id(), c.failures().dlq(), true));
            }
        }
        Map<String, Integer> depth = new LinkedHashMap<>();
        kind.keySet().forEach(id -> depth.put(id, 0));
        // longest-path depth with a pass limit, so feedback loops cannot spin forever
        for (int pass = 0; pass < kind.size(); pass++) {
            boolean changed = false;
            for (Edge e : edges) {
                int d = depth.get(e.from()) + 1;
                if (d > depth.get(e.to()) && d < kind.size() + 1) {
                    depth.put(e.to(), d);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        int columns = depth.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        Map<Integer, List<String>> byColumn = new LinkedHashMap<>();
        depth.forEach((id, d) -> byColumn.computeIfAbsent(d, k -> new ArrayList<>()).add(id));
        Map<String, Node> nodes = new LinkedHashMap<>();
        byColumn.forEach((col, ids) -> {
            for (int i = 0; i < ids.size(); i++) {
                double fx = (col + 0.5) / columns;
                double fy = (i + 0.5) / ids.size();
                nodes.put(ids.get(i), new Node(ids.get(i), kind.get(ids.get(i)), col, i, fx, fy));
            }
        });
        return new Layout(nodes, edges, columns);
    }

    /** Placed elements by id. */
    public Map<String, Node> nodes() {
        return nodes;
    }

    /** Edges. */
    public List<Edge> edges() {
        return edges;
    }

    /** Number of columns. */
    public int columns() {
        return columns;
    }
}
