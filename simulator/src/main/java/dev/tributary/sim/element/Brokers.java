package dev.tributary.sim.element;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/** The brokers of a running model: which are up, and who wants to hear when one goes down or comes back. */
public final class Brokers {

    /** Told when a broker goes down or comes back. */
    public interface Listener {
        /** Broker {@code broker} (index) went down ({@code up} false) or came back. */
        void brokerChanged(int broker, boolean up);
    }

    private final BrokersSpec spec;
    private final boolean[] up;
    private final List<Listener> listeners = new ArrayList<>();

    /** Every broker of {@code spec} up. */
    public Brokers(BrokersSpec spec) {
        this.spec = spec;
        this.up = new boolean[spec.count()];
        java.util.Arrays.fill(up, true);
    }

    /** The cluster's settings. */
    public BrokersSpec spec() {
        return spec;
    }

    /** Whether broker {@code b} is up. */
    public boolean up(int b) {
        return up[b];
    }

    /** Registers a listener (a stream, at build time). */
    public void listen(Listener l) {
        listeners.add(l);
    }

    /** Takes broker {@code b} down or brings it back, and tells every listener (nothing if it already was so). */
    public void set(int b, boolean isUp) {
        if (up[b] == isUp) {
            return;
        }
        up[b] = isUp;
        for (Listener l : listeners) {
            l.brokerChanged(b, isUp);
        }
    }

    /** Calls {@code each} with every broker that is down. */
    public void forEachDown(IntConsumer each) {
        for (int b = 0; b < up.length; b++) {
            if (!up[b]) {
                each.accept(b);
            }
        }
    }
}
