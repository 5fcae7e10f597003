package dev.tributary.sim.element.command;

import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Drawing;
import dev.tributary.sim.element.Element;
import dev.tributary.sim.element.Emitter;
import dev.tributary.sim.element.Topology;
import dev.tributary.sim.element.queue.QueueSpec;
import dev.tributary.sim.theory.Network;
import dev.tributary.sim.value.Durations;
import java.util.ArrayList;
import java.util.List;

/**
 * A command channel: an unbounded FIFO read by exactly one handler group. From the queueing view it
 * is a queue (the same station and theory node); what it adds is the rule of one addressee and the
 * request/reply bookkeeping.
 *
 * @param replyTo the channel receiving replies, or null for none
 * @param timeout the requester's reply timeout in seconds, or 0 for none
 */
public record CommandSpec(String id, String replyTo, double timeout) implements ChannelSpec {

    private static final CommandKind KIND = new CommandKind();

    @Override
    public ChannelKind kind() {
        return KIND;
    }

    private QueueSpec queue() {
        return new QueueSpec(id, QueueSpec.UNBOUNDED, QueueSpec.Overflow.REJECT);
    }

    @Override
    public List<ReaderProblem> checkReaders(List<ConsumerSpec> readers) {
        List<ReaderProblem> out = new ArrayList<>();
        if (readers.isEmpty()) {
            out.add(new ReaderProblem(null, "type", "a command channel needs exactly one handler group; no consumer"
                    + " reads '" + id + "' (add one with from: " + id + ", or make it a queue or topic)"));
        }
        for (int i = 1; i < readers.size(); i++) {
            out.add(new ReaderProblem(readers.get(i).id(), "from", "'" + id + "' is a command channel, already handled"
                    + " by group '" + readers.get(0).id() + "': a command goes to exactly one handler group; expected"
                    + " more instances of '" + readers.get(0).id() + "', or a topic for an event that every subscriber"
                    + " receives"));
        }
        return out;
    }

    /** Its handler sends one reply per handled command to {@code replyTo}, except those later than the timeout. */
    @Override
    public List<ReaderPublish> readerPublishes(ConsumerSpec reader) {
        return replyTo == null ? List.of()
                : List.of(new ReaderPublish(replyTo, 1, timeout > 0 ? timeout : Double.POSITIVE_INFINITY,
                        "reply-to"));
    }

    /** A command channel measures a queue's figures and its request/reply counts (replies only with reply-to). */
    @Override
    public List<String> figures() {
        List<String> f = new ArrayList<>(List.of("throughput", "arrivalRate", "L", "Lq", "W", "Wq", "utilization",
                "latency.p50", "latency.p95", "latency.p99", "maxQueue", "backlog", "commands"));
        if (replyTo != null) {
            f.addAll(List.of("replies", "timedOut", "reply.mean", "reply.p50", "reply.p95", "reply.p99"));
        }
        return f;
    }

    @Override
    public Drawing drawing() {
        return new Drawing(Drawing.Shape.QUEUE, 1, QueueSpec.UNBOUNDED);
    }

    @Override
    public String describe() {
        String s = "command to one handler";
        if (replyTo != null) {
            s += ", replies to " + replyTo;
        }
        if (timeout > 0) {
            s += ", reply timeout " + Durations.format(timeout);
        }
        return s;
    }

    @Override
    public Channel build(int index, Context context) {
        return new CommandChannel(this, index, queue().build(index, context), context);
    }

    @Override
    public Element subscribe(ConsumerSpec c, Channel runtime, int index, Context context, Emitter emitter) {
        CommandChannel ch = (CommandChannel) runtime;
        return queue().subscribe(c, ch.queue, index, context, Emitter.listening(emitter, ch.listener(), context, index));
    }

    @Override
    public void built(Channel runtime) {
        queue().built(((CommandChannel) runtime).queue);
    }

    @Override
    public Network.ChannelNode theory(Topology topology) {
        return queue().theory(topology);
    }
}
