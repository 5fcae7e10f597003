package dev.tributary.sim.element.queue;

import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Destination;
import dev.tributary.sim.element.Messages;
import dev.tributary.sim.element.Sender;
import java.util.Map;

/** A point-to-point queue: one shared FIFO, all its consumers' instances compete for it. */
final class QueueChannel extends Channel {

    final QueueStation station;

    QueueChannel(QueueSpec spec, int index, Context context) {
        super(spec.id(), index);
        this.station = new QueueStation(context, index, spec.capacity(), spec.overflow());
        station.visibilityTimeout(spec.visibilityTimeout());
    }

    @Override
    public String kind() {
        return "queue";
    }

    @Override
    public boolean offer(Messages from, int slot, Sender sender) {
        return station.offer(from, slot, sender);
    }

    @Override
    public long redrive(Destination to) {
        return station.redrive(to);
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
