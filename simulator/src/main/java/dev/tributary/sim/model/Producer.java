package dev.tributary.sim.model;

import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.engine.EventHandler;
import dev.tributary.sim.engine.RandomStream;
import dev.tributary.sim.scenario.ArrivalSpec;
import dev.tributary.sim.scenario.ProducerSpec;
import java.util.Map;

/**
 * Generates events by its arrival process and sends them to its channel. When the channel is a
 * full queue that blocks, the producer holds the event and produces nothing more until
 * {@link #unblock()} (backpressure).
 */
final class Producer extends Element implements EventHandler {

    private static final int ARRIVAL = 0;
    private static final int TOGGLE = 1;
    private static final int STEP = 2;

    private final Engine engine;
    private final Model model;
    private final ArrivalSpec arrivals;
    private final RandomStream arrivalRandom;
    private final RandomStream phaseRandom;
    private final RandomStream keyRandom;
    private final RandomStream typeRandom;
    private final KeySampler keys;
    private final int[] typeIndex;
    private final double[] typeCumulative;
    Destination to;

    private long generation;
    private boolean on = true;
    private int step;
    private boolean blocked;
    private int heldKey;
    private int heldType;
    private long heldId;
    private double heldOrigin;
    private double blockedSince;
    private double blockedTime;
    private long produced;
    private long lastSampleProduced;

    Producer(ProducerSpec spec, int index, Model model, long seed) {
        super(spec.id(), index);
        this.engine = model.engine();
        this.model = model;
        this.arrivals = spec.arrivals();
        this.arrivalRandom = RandomStream.derive(seed, spec.id(), "arrivals");
        this.phaseRandom = RandomStream.derive(seed, spec.id(), "phases");
        this.keyRandom = RandomStream.derive(seed, spec.id(), "keys");
        this.typeRandom = RandomStream.derive(seed, spec.id(), "types");
        this.keys = new KeySampler(spec.keys());
        int n = spec.types().size();
        typeIndex = new int[n];
        typeCumulative = new double[n];
        double total = spec.types().values().stream().mapToDouble(Double::doubleValue).sum();
        double acc = 0;
        int i = 0;
        for (Map.Entry<String, Double> e : spec.types().entrySet()) {
            typeIndex[i] = model.typeIndex(e.getKey());
            acc += e.getValue() / total;
            typeCumulative[i] = acc;
            i++;
        }
        typeCumulative[n - 1] = 1.0;
    }

    @Override
    String kind() {
        return "producer";
    }

    /** Schedules the first arrival. */
    void start() {
        if (arrivals instanceof ArrivalSpec.OnOff o) {
            engine.schedule(phaseRandom.exponential(o.meanOn()), this, TOGGLE, 0);
        }
        scheduleNext();
    }

    private void scheduleNext() {
        if (arrivals instanceof ArrivalSpec.Poisson p) {
            engine.schedule(arrivalRandom.exponential(1 / p.rate()), this, ARRIVAL, generation);
        } else if (arrivals instanceof ArrivalSpec.Constant c) {
            engine.schedule(1 / c.rate(), this, ARRIVAL, generation);
        } else if (arrivals instanceof ArrivalSpec.OnOff o) {
            if (on) {
                engine.schedule(arrivalRandom.exponential(1 / o.rate()), this, ARRIVAL, generation);
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
                engine.scheduleAt(next, this, ARRIVAL, generation);
            } else if (boundary != Double.POSITIVE_INFINITY) {
                engine.scheduleAt(boundary, this, STEP, generation);
            }
        }
    }

    @Override
    public void handle(int kind, long arg) {
        if (kind == TOGGLE) {
            ArrivalSpec.OnOff o = (ArrivalSpec.OnOff) arrivals;
            on = !on;
            generation++;
            engine.schedule(phaseRandom.exponential(on ? o.meanOn() : o.meanOff()), this, TOGGLE, 0);
            if (on && !blocked) {
                scheduleNext();
            }
            return;
        }
        if (arg != generation) {
            return; // an arrival drawn before an OFF switch: void
        }
        if (kind == STEP) {
            step++;
            scheduleNext();
            return;
        }
        double now = engine.now();
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
        long id = model.nextMessageId();
        produced++;
        model.flow(index, to.index(), key, -1);
        if (to.offer(key, type, now, id, this)) {
            scheduleNext();
        } else {
            blocked = true;
            blockedSince = now;
            heldKey = key;
            heldType = type;
            heldId = id;
            heldOrigin = now;
        }
    }

    /** Called by a blocking queue when it has room again: hands over the held event and resumes. */
    void unblock() {
        if (!blocked) {
            return;
        }
        if (to.offer(heldKey, heldType, heldOrigin, heldId, this)) {
            blocked = false;
            blockedTime += engine.now() - blockedSince;
            generation++;
            scheduleNext();
        }
    }

    @Override
    void reset(double now) {
        produced = 0;
        lastSampleProduced = 0;
        blockedTime = 0;
        if (blocked) {
            blockedSince = now;
        }
    }

    @Override
    void sample(double now, double interval) {
        series("throughput").add(now, (produced - lastSampleProduced) / interval);
        lastSampleProduced = produced;
    }

    @Override
    void measure(double now, double window, Map<String, Double> out) {
        out.put("throughput", produced / window);
        out.put("produced", (double) produced);
        double b = blockedTime + (blocked ? now - blockedSince : 0);
        out.put("blockedFraction", b / window);
    }

    @Override
    void snapshot(Map<String, Double> out) {
        out.put("produced", (double) produced);
        out.put("blocked", blocked ? 1.0 : 0.0);
    }
}
