package dev.tributary.sim.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Publish/subscribe: every subscribed group gets its own copy of each event, in its own queue. */
final class TopicChannel extends Element implements Destination {

    final List<QueueStation> subscriptions = new ArrayList<>();
    private long published;
    private long lastSample;

    TopicChannel(String id, int index) {
        super(id, index);
    }

    @Override
    String kind() {
        return "topic";
    }

    @Override
    public boolean offer(int key, int type, double origin, long id, Producer sender) {
        published++;
        for (int i = 0, n = subscriptions.size(); i < n; i++) {
            subscriptions.get(i).offer(key, type, origin, id, null);
        }
        return true;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    void reset(double now) {
        published = 0;
        lastSample = 0;
        subscriptions.forEach(s -> s.reset(now));
    }

    @Override
    void sample(double now, double interval) {
        series("throughput").add(now, (published - lastSample) / interval);
        lastSample = published;
    }

    @Override
    void measure(double now, double window, Map<String, Double> out) {
        out.put("throughput", published / window);
        out.put("published", (double) published);
        out.put("subscriptions", (double) subscriptions.size());
    }

    @Override
    void snapshot(Map<String, Double> out) {
        out.put("published", (double) published);
        for (int i = 0; i < subscriptions.size(); i++) {
            out.put("subscription." + i + ".queued", (double) subscriptions.get(i).queued());
        }
    }
}
