package dev.tributary.sim.element.command;

import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Destination;
import dev.tributary.sim.element.Messages;
import dev.tributary.sim.element.Sender;
import dev.tributary.sim.metrics.LatencyRecorder;
import dev.tributary.sim.metrics.TimeSeries;
import java.util.Map;
import java.util.function.Function;

/**
 * The runtime of a command channel: a queue whose handler's completions are replies. The reply time
 * runs from the command's (last) entry into the channel to its handling; a reply later than the
 * timeout found its requester gone and is counted timed out.
 */
final class CommandChannel extends Channel {

    final Channel queue;
    private final CommandSpec spec;
    private final Context context;
    private final Messages reply = new Messages(1);
    private LatencyRecorder replyTime = new LatencyRecorder();
    private Destination replyTo;
    private long commands;
    private long replies;
    private long timedOut;

    CommandChannel(CommandSpec spec, int index, Channel queue, Context context) {
        super(spec.id(), index);
        this.spec = spec;
        this.queue = queue;
        this.context = context;
    }

    @Override
    public String kind() {
        return CommandKind.WORD;
    }

    @Override
    public void connect(Function<String, Destination> channels) {
        replyTo = spec.replyTo() == null ? null : channels.apply(spec.replyTo());
    }

    @Override
    public boolean offer(Messages from, int slot, Sender sender) {
        commands++;
        return queue.offer(from, slot, sender);
    }

    /** The handler group handled a command: the reply goes back, correlated by the command's id. */
    void replied(Messages handled, int slot) {
        double now = context.now();
        double t = now - handled.enqueued(slot);
        replies++;
        replyTime.record(t);
        if (spec.timeout() > 0 && t > spec.timeout()) {
            timedOut++;
            return; // the requester gave up: nobody takes the reply
        }
        if (replyTo != null) {
            reply.set(0, now, handled.origin(slot), handled.key(slot), handled.type(slot), context.nextMessageId());
            reply.setCorrelation(0, handled.id(slot));
            context.moved(index, replyTo.index(), reply.key(0), -1);
            replyTo.offer(reply, 0, null);
        }
    }

    @Override
    public long redrive(Destination to) {
        return queue.redrive(to);
    }

    @Override
    public double gauge(String figure) {
        return queue.gauge(figure);
    }

    @Override
    public void reset(double now) {
        queue.reset(now);
        commands = 0;
        replies = 0;
        timedOut = 0;
        replyTime = new LatencyRecorder();
    }

    @Override
    public void sample(double now, double interval) {
        queue.sample(now, interval);
    }

    @Override
    public TimeSeries series(String name) {
        return queue.series(name);
    }

    @Override
    public Map<String, TimeSeries> allSeries() {
        return queue.allSeries();
    }

    @Override
    public void measure(double now, double window, Map<String, Double> out) {
        queue.measure(now, window, out);
        out.put("commands", (double) commands);
        out.put("replies", (double) replies);
        out.put("reply.mean", replyTime.mean());
        out.put("reply.p50", replyTime.percentile(50));
        out.put("reply.p95", replyTime.percentile(95));
        out.put("reply.p99", replyTime.percentile(99));
        if (spec.timeout() > 0) {
            out.put("timedOut", (double) timedOut);
        }
    }

    @Override
    public void snapshot(Map<String, Double> out) {
        queue.snapshot(out);
    }
}
