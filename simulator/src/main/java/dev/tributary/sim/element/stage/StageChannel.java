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

    StageChannel(StageSpec spec, int index, Context context) {
        super(spec.id(), index);
        this.spec = spec;
        this.station = new QueueStation(context, index, spec.capacity(),
                spec.whenFull() == StageSpec.WhenFull.BLOCK ? QueueSpec.Overflow.BLOCK : QueueSpec.Overflow.REJECT);
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
        return spec.whenFull() == StageSpec.WhenFull.BLOCK;
    }

    @Override
    public double gauge(String figure) {
        return figure.equals("size") ? station.queued() + station.busyWorkers() : Double.NaN;
    }

    @Override
    public void reset(double now) {
        station.reset(now);
    }

    @Override
    public void sample(double now, double interval) {
        station.sample(this, "", now, interval);
    }

    @Override
    public void measure(double now, double window, Map<String, Double> out) {
        station.measure(now, window, out);
    }

    @Override
    public void snapshot(Map<String, Double> out) {
        station.snapshot(out);
    }
}
