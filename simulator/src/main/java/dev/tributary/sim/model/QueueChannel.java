package dev.tributary.sim.model;

import dev.tributary.sim.scenario.ChannelSpec.QueueSpec;
import java.util.Map;

/** A point-to-point queue: one shared FIFO, all its consumers' instances compete for it. */
final class QueueChannel extends Element implements Destination {

    final QueueSpec spec;
    final QueueStation station;

    QueueChannel(QueueSpec spec, int index, Model model) {
        super(spec.id(), index);
        this.spec = spec;
        this.station = new QueueStation(model, index, spec.capacity(), spec.overflow());
    }

    @Override
    String kind() {
        return "queue";
    }

    @Override
    public boolean offer(int key, int type, double origin, long id, Producer sender) {
        return station.offer(key, type, origin, id, sender);
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    void reset(double now) {
        station.reset(now);
    }

    @Override
    void sample(double now, double interval) {
        station.sample(this, "", now, interval);
    }

    @Override
    void measure(double now, double window, Map<String, Double> out) {
        station.measure(now, window, out);
    }

    @Override
    void snapshot(Map<String, Double> out) {
        station.snapshot(out);
    }
}
