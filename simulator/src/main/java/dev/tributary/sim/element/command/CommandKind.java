package dev.tributary.sim.element.command;

import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.format.Fields;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code type: command}: a point-to-point channel addressed to exactly one handler group, with
 * optional request/reply (each reply carries the command's id as its correlation id).
 */
public final class CommandKind implements ChannelKind {

    /** The type word. */
    public static final String WORD = "command";

    @Override
    public String word() {
        return WORD;
    }

    @Override
    public String summary() {
        return "a command: each message goes to exactly one addressed handler group (a queue: M/M/c);"
                + " optional request/reply with a correlation id and a reply timeout";
    }

    @Override
    public Map<String, String> keys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("reply-to", "a channel that receives one reply per handled command, its correlation id the command's id;"
                + " no replies are sent when absent");
        k.put("reply-timeout", "how long the requester waits for a reply; replies later than this are counted timed out");
        return k;
    }

    @Override
    public ChannelSpec bind(String id, Fields f) {
        String replyTo = f.channelRef("reply-to", false);
        double timeout = f.duration("reply-timeout", 0, false);
        if (id != null && id.equals(replyTo)) {
            f.problem("reply-to", "expected another channel than the command channel itself: its replies would be"
                    + " handled as commands again");
        }
        return id == null ? null : new CommandSpec(id, replyTo, timeout);
    }
}
