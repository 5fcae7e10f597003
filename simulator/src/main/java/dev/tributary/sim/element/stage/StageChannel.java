package dev.tributary.sim.element.stage;

import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Messages;
import dev.tributary.sim.element.Sender;
import dev.tributary.sim.element.queue.QueueSpec;
import dev.tributary.sim.element.queue.QueueStation;
import java.util.Map;

/** A stage at run time: a bounded FIFO whose fullness holds back its senders (block) or rejects (shed). */
final class StageChannel extends Channel {

    final QueueStation station;
    private final StageSpec spec;
    /** SEDA's thread pool controller, or null when every instance runs. */
    final ThreadPoolController pool;

    StageChannel(StageSpec spec, int index, Context context) {
        super(spec.id(), index);
        this.spec = spec;
        this.station = new QueueStation(context, index, spec.capacity(),
                spec.whenFull() == StageSpec.WhenFull.BLOCK ? QueueSpec.Overflow.BLOCK : QueueSpec.Overflow.REJECT);
        if (spec.admission()) {
            station.admitBelow(spec.admitBelow());
        }
        this.pool = spec.pool() == null ? null : new ThreadPoolController(spec.pool(), station, context.engine());
    }

    @Override
    public void start() {
        if (pool != null) {
            pool.start();
        }
    }

    @Override
    public String kind() {
        return StageKind.WORD;
    }

    @Override
    public boolean offer(Messages from, int slot, Sender sender) {
        return station.offer(from, slot, sender);
    }

    @Override
    public boolean backpressuresWorkers() {
        return spec.blocks();
    }

    @Override
    public double gauge(String figure) {
        return figure.equals("size") ? station.queued() + station.busyWorkers() : Double.NaN;
    }

    @Override
    public void reset(double now) {
        station.reset(now);
        if (pool != null) {
            pool.reset(now);
        }
    }

    @Override
    public void sample(double now, double interval) {
        station.sample(this, "", now, interval);
        if (pool != null) {
            pool.sample(this, now);
        }
    }

    @Override
    public void measure(double now, double window, Map<String, Double> out) {
        station.measure(now, window, out);
        if (pool != null) {
            pool.measure(now, out);
        }
    }

    @Override
    public void snapshot(Map<String, Double> out) {
        station.snapshot(out);
        if (pool != null) {
            pool.snapshot(out);
        }
    }
}
