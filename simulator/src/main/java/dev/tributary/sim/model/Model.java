package dev.tributary.sim.model;

import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.engine.EventHandler;
import dev.tributary.sim.engine.RandomStream;
import dev.tributary.sim.metrics.TimeSeries;
import dev.tributary.sim.scenario.ChannelSpec;
import dev.tributary.sim.scenario.ConsumerSpec;
import dev.tributary.sim.scenario.ProducerSpec;
import dev.tributary.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario built into runnable elements on its own {@link Engine}. Holds no global state: any
 * number of models may run side by side (each on one thread at a time).
 *
 * <p>Typical use: {@code Model m = new Model(scenario); m.runToEnd(); m.results()}. A viewer drives
 * it in slices with {@link #runUntil(double)} or {@link #step()} and reads {@link #snapshot()}.
 */
public final class Model {

    private static final int WARMUP = 0;
    private static final int SAMPLE = 1;

    private final Scenario scenario;
    private final Engine engine = new Engine();
    private final List<Element> elements = new ArrayList<>();
    private final Map<String, Element> byId = new HashMap<>();
    private final List<Producer> producers = new ArrayList<>();
    private final List<StreamGroup> streamGroups = new ArrayList<>();
    private final Map<String, Integer> typeIndex = new LinkedHashMap<>();
    private final double statsStart;
    private long nextId;
    private FlowListener flowListener;
    private boolean started;
    private double lastSample;
    private long samples;

    /** Builds the scenario with its own seed. */
    public Model(Scenario scenario) {
        this(scenario, scenario.seed());
    }

    /** Builds the scenario with the given seed (replication r uses a seed derived from the scenario's). */
    public Model(Scenario scenario, long seed) {
        this.scenario = scenario;
        this.statsStart = scenario.warmup();
        int keySpace = scenario.keySpace();
        Map<String, Destination> destinations = new HashMap<>();
        Map<String, QueueStation> queueStations = new HashMap<>();
        for (ChannelSpec c : scenario.channels()) {
            int idx = elements.size();
            Element e;
            if (c instanceof ChannelSpec.QueueSpec q) {
                QueueChannel qc = new QueueChannel(q, idx, this);
                queueStations.put(q.id(), qc.station);
                e = qc;
            } else if (c instanceof ChannelSpec.TopicSpec t) {
                e = new TopicChannel(t.id(), idx);
            } else if (c instanceof ChannelSpec.StreamSpec s) {
                e = new StreamChannel(s, idx, this, seed, keySpace);
            } else {
                e = new RouterChannel((ChannelSpec.RouterSpec) c, idx, this, seed);
            }
            add(e);
            destinations.put(c.id(), (Destination) e);
        }
        for (ChannelSpec c : scenario.channels()) {
            if (c instanceof ChannelSpec.RouterSpec r) {
                RouterChannel rc = (RouterChannel) byId.get(r.id());
                rc.targets = r.routes().stream().map(x -> destinations.get(x.to())).toArray(Destination[]::new);
                rc.fallback = r.defaultTo() == null ? null : destinations.get(r.defaultTo());
            }
        }
        for (ConsumerSpec cs : scenario.consumers()) {
            int idx = elements.size();
            Element source = byId.get(cs.from());
            RandomStream service = RandomStream.derive(seed, cs.id(), "service");
            Element group;
            if (source instanceof StreamChannel sc) {
                StreamGroup g = new StreamGroup(cs, idx, sc, this, seed, keySpace);
                sc.groups.add(g);
                streamGroups.add(g);
                g.emitter = emitter(cs, idx, destinations, seed);
                group = g;
            } else if (source instanceof TopicChannel tc) {
                QueueStation sub = new QueueStation(this, tc.index, Integer.MAX_VALUE, ChannelSpec.Overflow.REJECT);
                ConsumerGroup g = new ConsumerGroup(cs, idx, sub, keySpace);
                g.topicSubscription = true;
                sub.addWorkers(g, cs.service(), service, cs.instances());
                tc.subscriptions.add(sub);
                g.emitter = emitter(cs, idx, destinations, seed);
                group = g;
            } else {
                QueueStation st = queueStations.get(cs.from());
                ConsumerGroup g = new ConsumerGroup(cs, idx, st, keySpace);
                st.addWorkers(g, cs.service(), service, cs.instances());
                g.emitter = emitter(cs, idx, destinations, seed);
                group = g;
            }
            add(group);
        }
        for (Element e : elements) {
            if (e instanceof ConsumerGroup g) {
                g.shareTimesWithStationIfSole();
            }
        }
        for (ProducerSpec ps : scenario.producers()) {
            Producer p = new Producer(ps, elements.size(), this, seed);
            p.to = destinations.get(ps.to());
            producers.add(p);
            add(p);
        }
    }

    private Emitter emitter(ConsumerSpec cs, int idx, Map<String, Destination> destinations, long seed) {
        if (cs.emits().isEmpty()) {
            return null;
        }
        int n = cs.emits().size();
        Destination[] targets = new Destination[n];
        int[] types = new int[n];
        double[] probs = new double[n];
        for (int i = 0; i < n; i++) {
            ConsumerSpec.EmitSpec e = cs.emits().get(i);
            targets[i] = destinations.get(e.to());
            types[i] = e.type() == null ? -1 : typeIndex(e.type());
            probs[i] = e.probability();
        }
        return new Emitter(this, idx, targets, types, probs, RandomStream.derive(seed, cs.id(), "emits"));
    }

    private void add(Element e) {
        elements.add(e);
        byId.put(e.id, e);
    }

    Engine engine() {
        return engine;
    }

    long nextMessageId() {
        return nextId++;
    }

    /** Index of an event type name (at most 255 distinct types per scenario: 8 bits in a message). */
    int typeIndex(String name) {
        Integer i = typeIndex.get(name);
        if (i == null) {
            if (typeIndex.size() >= 255) {
                throw new IllegalArgumentException("more than 255 event types in one scenario");
            }
            i = typeIndex.size();
            typeIndex.put(name, i);
        }
        return i;
    }

    void flow(int from, int to, int key, int lane) {
        FlowListener l = flowListener;
        if (l != null) {
            l.moved(from, to, key, lane, engine.now());
        }
    }

    /** The scenario this model was built from. */
    public Scenario scenario() {
        return scenario;
    }

    /** The engine's clock, in simulated seconds. */
    public double now() {
        return engine.now();
    }

    /** Events executed so far. */
    public long events() {
        return engine.executed();
    }

    /** Sets the listener told of every hop (null removes it). Set it before running. */
    public void setFlowListener(FlowListener listener) {
        this.flowListener = listener;
    }

    /** Every element in index order. */
    public List<ElementInfo> elements() {
        return elements.stream().map(e -> new ElementInfo(e.index, e.id, e.kind())).toList();
    }

    /** The engine, for run control (pause from another thread, progress listener). */
    public Engine control() {
        return engine;
    }

    private void startIfNeeded() {
        if (started) {
            return;
        }
        started = true;
        if (scenario.warmup() > 0) {
            engine.scheduleAt(scenario.warmup(), housekeeping, WARMUP, 0);
        }
        engine.scheduleAt(scenario.sampleInterval(), housekeeping, SAMPLE, 0);
        for (StreamGroup g : streamGroups) {
            g.start();
        }
        for (Producer p : producers) {
            p.start();
        }
    }

    /** The end of the warm-up and the periodic samples: the model's own events. */
    private final EventHandler housekeeping = (kind, arg) -> {
        if (kind == WARMUP) {
            for (Element e : elements) {
                e.reset(engine.now());
            }
        } else {
            takeSample();
        }
    };

    private void takeSample() {
        double now = engine.now();
        double interval = now - lastSample;
        lastSample = now;
        for (Element e : elements) {
            e.sample(now, interval);
        }
        samples++;
        // k · interval, not a running sum: no drift, so the last sample lands exactly on the end
        double next = (samples + 1) * scenario.sampleInterval();
        if (next <= scenario.duration() + 1e-9) {
            engine.scheduleAt(next, housekeeping, SAMPLE, 0);
        }
    }

    /** Runs until simulated time {@code t} (capped at the scenario's duration); false if paused first. */
    public boolean runUntil(double t) {
        startIfNeeded();
        return engine.runUntil(Math.min(t, scenario.duration()));
    }

    /** Runs the whole scenario. */
    public void runToEnd() {
        runUntil(scenario.duration());
    }

    /** Executes one event (if it is due before the end); returns whether one ran. */
    public boolean step() {
        startIfNeeded();
        if (engine.nextTime() > scenario.duration()) {
            return false;
        }
        return engine.step();
    }

    /** Whether the clock has reached the scenario's duration. */
    public boolean finished() {
        return engine.now() >= scenario.duration() || (started && engine.pending() == 0);
    }

    /** Measured figures for every element, over the time since warm-up (or the start). */
    public List<ElementResult> results() {
        double now = engine.now();
        // statistics cover the time since the warm-up, or since the start while still inside it
        double window = Math.max(1e-12, now >= statsStart ? now - statsStart : now);
        List<ElementResult> out = new ArrayList<>();
        for (Element e : elements) {
            Map<String, Double> m = new LinkedHashMap<>();
            e.measure(now, window, m);
            out.add(new ElementResult(e.id, e.kind(), m));
        }
        return out;
    }

    /** The current state of every element (queue lengths, busy workers, offsets), by element id. */
    public Map<String, Map<String, Double>> snapshot() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (Element e : elements) {
            Map<String, Double> m = new LinkedHashMap<>();
            e.snapshot(m);
            out.put(e.id, m);
        }
        return out;
    }

    /** The sampled series of one element, by series name (empty if the id is unknown). */
    public Map<String, TimeSeries> series(String elementId) {
        Element e = byId.get(elementId);
        return e == null ? Map.of() : java.util.Collections.unmodifiableMap(e.series);
    }
}
