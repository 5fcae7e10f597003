package dev.tributary.sim.element;

import java.util.function.Function;

/** The runtime of a channel: an element that takes events. */
public abstract class Channel extends Element implements Destination {

    /** A channel with this id at this index. */
    protected Channel(String id, int index) {
        super(id, index);
    }

    @Override
    public int index() {
        return index;
    }

    /** Resolves the channels this one sends to, once every channel is built (routers). */
    public void connect(Function<String, Destination> channels) {
    }

    /**
     * Moves every event waiting here to {@code to}, each with fresh attempts (a DLQ redrive);
     * returns how many moved. Only kinds whose spec says {@link ChannelSpec#redrivable()} support it.
     */
    public long redrive(Destination to) {
        throw new UnsupportedOperationException(kind() + " cannot redrive");
    }
}
