package dev.tributary.sim.element.producer;

import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Destination;
import dev.tributary.sim.element.Element;
import dev.tributary.sim.element.Messages;
import dev.tributary.sim.element.ProducerSpec;
import dev.tributary.sim.element.Sender;
import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.engine.EventHandler;
import dev.tributary.sim.engine.RandomStream;
import dev.tributary.sim.value.ArrivalSpec;
import dev.tributary.sim.element.ProducerSpec;
import java.util.Map;

/**
 * Generates events by its arrival process and sends them to its channel. When the channel is a
 * full queue that blocks, the producer holds the event and produces nothing more until
 * {@link #unblock()} (backpressure).
 */
public final class Producer extends Element implements EventHandler, Sender {

    private static final int ARRIVAL = 0;
    private static final int TOGGLE = 1;
    private static final int STEP = 2;

    private final Engine engine;
    /** This element's id in the engine: scheduling by id stores no reference (see {@link Engine#register}). */
    private final int handler;
    private final Context context;
    private final ArrivalSpec arrivals;
    /** 1 / rate of a Poisson producer, divided once here rather than on every arrival (the same double). */
    private final double poissonMean;
    private final RandomStream arrivalRandom;
    private final RandomStream phaseRandom;
    private final RandomStream keyRandom;
    private final RandomStream typeRandom;
    private final Distribution amount;
    private final RandomStream amountRandom;
    private final KeySampler keys;
    private final int[] typeIndex;
    private final double[] typeCumulative;
    private final Destination to;
    /** The event being offered, or held while the channel is full. */
    private final Messages held = new Messages(1);

    /** The pending arrival (or schedule step), cancelled when an OFF period starts. */
    private long next = Engine.NO_EVENT;
    private boolean on = true;
    private int step;
    private boolean blocked;
    private double blockedSince;
    private double blockedTime;
    private long produced;
    private long lastSampleProduced;
    /** The rate a rate-change fault imposes, or NaN while the producer follows its own process. */
    private double override = Double.NaN;
    private Object overrideOwner;
    /** When the last event was made (a constant producer keeps its spacing from it after a change). */
    private double lastArrival;
    /** Whether the scenario has brokers (then records may wait for a leader, and may fail). */
    private final boolean clustered;
    private final int bufferLimit;
    private final double deliveryTimeout;
    private int buffered;
    private int bufferedMax;
    private long failed;

    /** A producer of element {@code index} sending to {@code to}. */
    public Producer(ProducerSpec spec, int index, Context context, Destination to) {
        super(spec.id(), index);
        this.engine = context.engine();
        this.handler = engine.register(this);
        this.context = context;
        this.to = to;
        this.arrivals = spec.arrivals();
        this.poissonMean = arrivals instanceof ArrivalSpec.Poisson p ? 1 / p.rate() : Double.NaN;
        this.clustered = context.brokers() != null;
        this.bufferLimit = spec.buffer();
        this.deliveryTimeout = spec.deliveryTimeout();
        this.arrivalRandom = context.random(spec.id(), "arrivals");
        this.phaseRandom = context.random(spec.id(), "phases");
        this.keyRandom = context.random(spec.id(), "keys");
        this.typeRandom = context.random(spec.id(), "types");
        this.amount = spec.amount();
        this.amountRandom = amount == null ? null : context.random(spec.id(), "amounts");
        this.keys = new KeySampler(spec.keys());
        int n = spec.types().size();
        typeIndex = new int[n];
        typeCumulative = new double[n];
        double total = spec.types().values().stream().mapToDouble(Double::doubleValue).sum();
        double acc = 0;
        int i = 0;
        for (Map.Entry<String, Double> e : spec.types().entrySet()) {
            typeIndex[i] = context.typeIndex(e.getKey());
            acc += e.getValue() / total;
            typeCumulative[i] = acc;
            i++;
        }
        typeCumulative[n - 1] = 1.0;
    }

    @Override
    public String kind() {
        return "producer";
    }

    /** Schedules the first arrival. */
    @Override
    public void start() {
        if (arrivals instanceof ArrivalSpec.OnOff o) {
            engine.schedule(phaseRandom.exponential(o.meanOn()), handler, TOGGLE, 0);
        }
        scheduleNext();
    }

    private void scheduleNext() {
        if (override == override) { // a rate change is in force (not NaN)
            scheduleOverridden();
            return;
        }
        if (arrivals instanceof ArrivalSpec.Poisson) {
            next = engine.schedule(arrivalRandom.exponential(poissonMean), handler, ARRIVAL, 0);
        } else if (arrivals instanceof ArrivalSpec.Constant c) {
            next = engine.schedule(1 / c.rate(), handler, ARRIVAL, 0);
        } else if (arrivals instanceof ArrivalSpec.OnOff o) {
            if (on) {
                next = engine.schedule(arrivalRandom.exponential(1 / o.rate()), handler, ARRIVAL, 0);
            }
        } else if (arrivals instanceof ArrivalSpec.Schedule s) {
            // Poisson at the rate in force; if the next arrival would cross a step boundary, stop at
            // the boundary and draw again there (exact, by the memoryless property).
            while (step + 1 < s.steps().size() && s.steps().get(step + 1).at() <= engine.now()) {
                step++;
            }
            double rate = s.steps().get(step).rate();
            double boundary = step + 1 < s.steps().size() ? s.steps().get(step + 1).at() : Double.POSITIVE_INFINITY;
            double next = rate > 0 ? engine.now() + arrivalRandom.exponential(1 / rate) : Double.POSITIVE_INFINITY;
            if (next < boundary) {
                this.next = engine.scheduleAt(next, handler, ARRIVAL, 0);
            } else if (boundary != Double.POSITIVE_INFINITY) {
                this.next = engine.scheduleAt(boundary, handler, STEP, 0);
            }
        }
    }

    /** The next arrival at the overriding rate: the process keeps its shape (see {@code RateFault}). */
    private void scheduleOverridden() {
        if (!(override > 0)) {
            next = Engine.NO_EVENT;
            return;
        }
        if (arrivals instanceof ArrivalSpec.Constant) {
            next = engine.scheduleAt(Math.max(engine.now(), lastArrival + 1 / override), handler, ARRIVAL, 0);
        } else if (!(arrivals instanceof ArrivalSpec.OnOff) || on) {
            next = engine.schedule(arrivalRandom.exponential(1 / override), handler, ARRIVAL, 0);
        }
    }

    /**
     * A rate-change fault: from now on events come at {@code perSecond} (NaN: back to the producer's
     * own process, unless another change, by another {@code owner}, came since).
     */
    public void rate(double perSecond, Object owner) {
        if (perSecond != perSecond && owner != overrideOwner) {
            return;
        }
        override = perSecond;
        overrideOwner = perSecond != perSecond ? null : owner;
        if (blocked) {
            return; // the held event goes first; unblock() draws the next at the rate then in force
        }
        engine.cancel(next);
        next = Engine.NO_EVENT;
        scheduleNext();
    }

    @Override
    public void handle(int kind, long arg) {
        if (kind == TOGGLE) {
            ArrivalSpec.OnOff o = (ArrivalSpec.OnOff) arrivals;
            on = !on;
            engine.cancel(next); // an arrival drawn before an OFF switch never happens
            engine.schedule(phaseRandom.exponential(on ? o.meanOn() : o.meanOff()), handler, TOGGLE, 0);
            if (on && !blocked) {
                scheduleNext();
            }
            return;
        }
        if (kind == STEP) {
            step++;
            scheduleNext();
            return;
        }
        double now = engine.now();
        lastArrival = now;
        int key = keys.next(keyRandom);
        int type = typeIndex[0];
        if (typeIndex.length > 1) {
            double u = typeRandom.nextDouble();
            int i = 0;
            while (typeCumulative[i] < u) {
                i++;
            }
            type = typeIndex[i];
        }
        long id = context.nextMessageId();
        produced++;
        if (context.observed()) { // the arguments are not worked out when nobody listens (every event passes here)
            context.moved(index, to.index(), key, -1);
        }
        held.set(0, now, now, key, type, id);
        if (amount != null) {
            held.setAmount(0, amount.sample(amountRandom));
        }
        if (to.offer(held, 0, this)) {
            scheduleNext();
        } else {
            blocked = true;
            blockedSince = now;
        }
    }

    /** Called by a blocking queue when it has room again: hands over the held event and resumes. */
    @Override
    public void unblock() {
        if (!blocked) {
            return;
        }
        if (to.offer(held, 0, this)) {
            blocked = false;
            blockedTime += engine.now() - blockedSince;
            scheduleNext();
        }
    }

    @Override
    public int bufferLimit() {
        return bufferLimit;
    }

    @Override
    public double deliveryTimeout() {
        return deliveryTimeout;
    }

    @Override
    public void buffered(int delta) {
        buffered += delta;
        bufferedMax = Math.max(bufferedMax, buffered);
    }

    @Override
    public void failed(long n) {
        failed += n;
    }

    @Override
    public void reset(double now) {
        produced = 0;
        failed = 0;
        bufferedMax = buffered;
        lastSampleProduced = 0;
        blockedTime = 0;
        if (blocked) {
            blockedSince = now;
        }
    }

    @Override
    public void sample(double now, double interval) {
        series("throughput").add(now, (produced - lastSampleProduced) / interval);
        lastSampleProduced = produced;
    }

    @Override
    public void measure(double now, double window, Map<String, Double> out) {
        out.put("throughput", produced / window);
        out.put("produced", (double) produced);
        double b = blockedTime + (blocked ? now - blockedSince : 0);
        out.put("blockedFraction", b / window);
        if (clustered) {
            out.put("failed", (double) failed);
            out.put("buffered", (double) bufferedMax);
            out.put("bufferedAtEnd", (double) buffered);
        }
    }

    @Override
    public void snapshot(Map<String, Double> out) {
        out.put("produced", (double) produced);
        out.put("blocked", blocked ? 1.0 : 0.0);
        if (clustered) {
            out.put("buffered", (double) buffered);
            out.put("failed", (double) failed);
        }
    }
}
