package dev.tributary.sim.element.topic;

import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.Messages;
import dev.tributary.sim.element.Sender;
import dev.tributary.sim.element.queue.QueueStation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Publish/subscribe: every subscribed group gets its own copy of each event, in its own queue. */
final class TopicChannel extends Channel {

    final List<QueueStation> subscriptions = new ArrayList<>();
    private long published;
    private long lastSample;

    TopicChannel(String id, int index) {
        super(id, index);
    }

    @Override
    public String kind() {
        return "topic";
    }

    @Override
    public boolean offer(Messages from, int slot, Sender sender) {
        published++;
        for (int i = 0, n = subscriptions.size(); i < n; i++) {
            subscriptions.get(i).offer(from, slot, null);
        }
        return true;
    }

    @Override
    public void reset(double now) {
        published = 0;
        lastSample = 0;
        subscriptions.forEach(s -> s.reset(now));
    }

    @Override
    public void sample(double now, double interval) {
        series("throughput").add(now, (published - lastSample) / interval);
        lastSample = published;
    }

    @Override
    public void measure(double now, double window, Map<String, Double> out) {
        out.put("throughput", published / window);
        out.put("published", (double) published);
        out.put("subscriptions", (double) subscriptions.size());
    }

    @Override
    public void snapshot(Map<String, Double> out) {
        out.put("published", (double) published);
        for (int i = 0; i < subscriptions.size(); i++) {
            out.put("subscription." + i + ".queued", (double) subscriptions.get(i).queued());
        }
    }
}
