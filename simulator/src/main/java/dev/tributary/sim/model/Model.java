package dev.tributary.sim.model;

import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Destination;
import dev.tributary.sim.element.Element;
import dev.tributary.sim.element.ElementInfo;
import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.element.Emitter;
import dev.tributary.sim.element.GroupControl;
import dev.tributary.sim.element.ProducerSpec;
import dev.tributary.sim.element.producer.Producer;
import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.engine.EventHandler;
import dev.tributary.sim.fault.FaultKind;
import dev.tributary.sim.fault.FaultSpec;
import dev.tributary.sim.fault.FaultTargets;
import dev.tributary.sim.metrics.TimeSeries;
import dev.tributary.sim.monitor.AlertEvent;
import dev.tributary.sim.monitor.AlertSpec;
import dev.tributary.sim.monitor.Monitor;
import dev.tributary.sim.observe.ModelObserver;
import dev.tributary.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scenario built into runnable elements on its own {@link Engine}. Holds no global state: any
 * number of models may run side by side (each on one thread at a time).
 *
 * <p>Each channel's spec builds its own runtime and the runtime of the groups that read it; the
 * model only wires them (ids to destinations), starts them and drives the clock, the warm-up and
 * the samples. Typical use: {@code Model m = new Model(scenario); m.runToEnd(); m.results()}. A
 * viewer drives it in slices with {@link #runUntil(double)} or {@link #step()} and reads
 * {@link #snapshot()}.
 */
public final class Model {

    private static final int WARMUP = 0;
    private static final int SAMPLE = 1;

    private final Scenario scenario;
    private final Engine engine = new Engine();
    private final Context context;
    private final List<Element> elements = new ArrayList<>();
    private final Map<String, Element> byId = new HashMap<>();
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final Monitor monitor;
    private final double statsStart;
    private boolean started;
    private double lastSample;
    /** Samples taken since {@link #sampleBase}, each {@link #sampleEvery} apart. */
    private long samples;
    private double sampleEvery;
    private double sampleBase;
    private int growAfter;

    /** Builds the scenario with its own seed. */
    public Model(Scenario scenario) {
        this(scenario, scenario.seed());
    }

    /** Builds the scenario with the given seed (replication r uses a seed derived from the scenario's). */
    public Model(Scenario scenario, long seed) {
        this.scenario = scenario;
        this.statsStart = scenario.warmup();
        this.sampleEvery = scenario.sampleInterval();
        this.context = new Context(engine, seed, scenario.keySpace(), scenario.duration());
        if (scenario.brokers() != null) {
            context.setBrokers(new dev.tributary.sim.element.Brokers(scenario.brokers()));
        }
        // every type an event can have, first: a router's rule for a type nobody makes matches nothing
        for (ProducerSpec ps : scenario.producers()) {
            ps.types().keySet().forEach(context::typeIndex);
        }
        for (ConsumerSpec cs : scenario.consumers()) {
            cs.emits().stream().filter(e -> e.type() != null).forEach(e -> context.typeIndex(e.type()));
        }
        for (ChannelSpec c : scenario.channels()) {
            Channel ch = c.build(elements.size(), context);
            add(ch);
            channels.put(c.id(), ch);
        }
        for (Channel ch : channels.values()) {
            ch.connect(channels::get);
        }
        context.setChannels(channels);
        Set<String> faulted = new HashSet<>();
        for (FaultSpec f : scenario.faults()) {
            if (f.kind().target() == FaultKind.Target.GROUP) {
                faulted.add(f.target());
            }
        }
        context.setFaulted(faulted);
        context.setDrainMarks(scenario.faults().stream().flatMap(f -> f.drainsFrom().stream())
                .filter(t -> t < scenario.duration()).mapToDouble(Double::doubleValue).sorted().distinct().toArray());
        for (ConsumerSpec cs : scenario.consumers()) {
            int idx = elements.size();
            ChannelSpec source = scenario.channel(cs.from()).orElseThrow();
            // a group may bring elements of its own (retry stages), indexed right after it
            context.startIndicesAt(idx + 1);
            add(source.subscribe(cs, channels.get(cs.from()), idx, context, emitter(cs, idx, channels)));
            context.takeAddedElements().forEach(this::add);
        }
        for (ChannelSpec c : scenario.channels()) {
            c.built(channels.get(c.id()));
        }
        for (ProducerSpec ps : scenario.producers()) {
            add(new Producer(ps, elements.size(), context, channels.get(ps.to())));
        }
        this.monitor = scenario.alerts() == null ? null : monitor(scenario.alerts());
    }

    /** The watches of the scenario's alerts: each on its element, or on every element its figure applies to. */
    private Monitor monitor(List<AlertSpec> alerts) {
        Set<String> dlqs = new java.util.LinkedHashSet<>();
        for (ConsumerSpec c : scenario.consumers()) {
            if (c.failures() != null && c.failures().dlq() != null) {
                dlqs.add(c.failures().dlq());
            }
        }
        List<Monitor.Watch> watches = new ArrayList<>();
        for (AlertSpec a : alerts) {
            List<String> ids = a.element() != null ? List.of(a.element())
                    : a.figure().ofGroups() ? scenario.consumers().stream().map(ConsumerSpec::id).toList()
                    : List.copyOf(dlqs);
            for (String id : ids) {
                watches.add(new Monitor.Watch(byId.get(id), a.figure(), a.warning(), a.critical()));
            }
        }
        return new Monitor(watches, context);
    }

    private Emitter emitter(ConsumerSpec cs, int idx, Map<String, Channel> channels) {
        if (cs.emits().isEmpty()) {
            return null;
        }
        int n = cs.emits().size();
        Destination[] targets = new Destination[n];
        int[] types = new int[n];
        double[] probs = new double[n];
        for (int i = 0; i < n; i++) {
            ConsumerSpec.EmitSpec e = cs.emits().get(i);
            targets[i] = channels.get(e.to());
            types[i] = e.type() == null ? -1 : context.typeIndex(e.type());
            probs[i] = e.probability();
        }
        return new Emitter(context, idx, targets, types, probs, context.random(cs.id(), "emits"));
    }

    private void add(Element e) {
        elements.add(e);
        byId.put(e.id, e);
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

    /** Sets the observer told of what happens (null removes it). Set it before running. */
    public void setObserver(ModelObserver observer) {
        context.setObserver(observer);
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
        FaultTargets targets = new FaultTargets() {
            @Override
            public GroupControl group(String id) {
                return context.control(id);
            }

            @Override
            public Channel channel(String id) {
                return channels.get(id);
            }

            @Override
            public RateControl producer(String id) {
                return ((Producer) byId.get(id))::rate;
            }

            @Override
            public int indexOf(String id) {
                return byId.get(id).index;
            }

            @Override
            public Context context() {
                return context;
            }
        };
        for (FaultSpec f : scenario.faults()) {
            f.schedule(engine, targets);
        }
        for (Element e : elements) {
            e.start();
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
        if (monitor != null) {
            monitor.check(now);
        }
        samples++;
        // base + k · interval, not a running sum: no drift, so the last sample lands exactly on the end
        double next = sampleBase + (samples + 1) * sampleEvery;
        if (growAfter > 0 && now >= growAfter * sampleEvery) {
            sampleEvery *= 2;
            sampleBase = now;
            samples = 0;
            next = now + sampleEvery;
        }
        if (next <= scenario.duration() + 1e-9) {
            engine.scheduleAt(next, housekeeping, SAMPLE, 0);
        }
    }

    /**
     * Lets the interval between samples grow with the clock, for a viewer that charts a run of any
     * length on a screen of fixed width: each time the clock passes {@code n} intervals the interval
     * doubles, so there are about n samples from t/2 to t at any time t, and a run of length T holds
     * about n · (1 + log2(T / (n · first interval)) / 2) samples of each series however long it is.
     * 0 (the default) keeps the scenario's fixed interval. Sampling changes no statistic. Call it
     * before running.
     */
    public void growSampleInterval(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be at least 0: " + n);
        }
        growAfter = n;
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

    /** Every alert raised and cleared so far, or null when the scenario watches nothing ({@code alerts:} absent). */
    public List<AlertEvent> alerts() {
        return monitor == null ? null : monitor.events();
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
        return e == null ? Map.of() : e.allSeries();
    }
}
