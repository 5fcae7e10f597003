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
    private long failed;

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

    /**
     * The handler group handled a command: the reply goes back, correlated by the command's id, unless
     * it is later than the timeout (its requester gave up: counted timed out, no reply is sent).
     */
    void replied(Messages handled, int slot) {
        double now = context.now();
        double t = now - handled.enqueued(slot);
        replyTime.record(t);
        if (spec.timeout() > 0 && t > spec.timeout()) {
            timedOut++;
            return; // the requester gave up: nobody takes the reply
        }
        replies++;
        if (replyTo != null) {
            reply.set(0, now, handled.origin(slot), handled.key(slot), handled.type(slot), context.nextMessageId());
            reply.setCorrelation(0, handled.id(slot));
            context.moved(index, replyTo.index(), reply.key(0), -1);
            replyTo.offer(reply, 0, null);
        }
    }

    /** The handler gave a command up after its failures: no reply ever comes, so its requester times out. */
    void failed() {
        failed++;
        if (spec.timeout() > 0) {
            timedOut++;
        }
    }

    /** Tells this channel of its handler's handled and abandoned commands. */
    dev.tributary.sim.element.Emitter.Handled listener() {
        return new dev.tributary.sim.element.Emitter.Handled() {
            @Override
            public void handled(Messages handled, int slot) {
                replied(handled, slot);
            }

            @Override
            public void abandoned(Messages abandoned, int slot) {
                failed();
            }
        };
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
        failed = 0;
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
        out.put("failed", (double) failed);
        // queued or with a worker (in service or in a blocking retry's backoff) at the end
        out.put("inFlight", queue.gauge("size"));
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
