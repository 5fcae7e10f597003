package dev.tributary.sim.report;

import dev.tributary.sim.element.ElementInfo;
import dev.tributary.sim.observe.ModelEvent;
import dev.tributary.sim.observe.ModelObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * Writes a model's events as CSV, one line each ({@code time,event,element,to,key,lane,count}), up to
 * a limit: a run's own account of what happened, for a spreadsheet or a diff between two designs.
 * Element columns hold ids, not indices.
 */
public final class EventTrace implements ModelObserver {

    /** The CSV header line. */
    public static final String HEADER = "time,event,element,to,key,lane,count";

    private final Writer out;
    private final List<ElementInfo> elements;
    private final long limit;
    private long written;

    /** A trace into {@code out} of a model whose elements are {@code elements}, stopping after {@code limit} events. */
    public EventTrace(Writer out, List<ElementInfo> elements, long limit) {
        this.out = out;
        this.elements = elements;
        this.limit = limit;
        line(HEADER);
    }

    /** Events written so far. */
    public long written() {
        return written;
    }

    @Override
    public void on(ModelEvent event) {
        if (written > limit) {
            return;
        }
        if (written == limit) {
            line("# trace stopped after " + limit + " events (--trace-limit)");
            written++;
            return;
        }
        written++;
        if (event instanceof ModelEvent.Moved m) {
            row(m.time(), "moved", id(m.from()), id(m.to()), m.key(), m.lane(), 1);
        } else if (event instanceof ModelEvent.Rejected r) {
            row(r.time(), "rejected", id(r.element()), "", r.key(), -1, 1);
        } else if (event instanceof ModelEvent.Dropped d) {
            row(d.time(), "dropped", id(d.element()), "", d.key(), -1, 1);
        } else if (event instanceof ModelEvent.Expired x) {
            row(x.time(), "expired", id(x.element()), "", -1, x.partition(), x.count());
        } else {
            row(event.time(), event.getClass().getSimpleName().toLowerCase(Locale.ROOT), "", "", -1, -1, 1);
        }
    }

    private String id(int index) {
        return index >= 0 && index < elements.size() ? elements.get(index).id() : "";
    }

    private void row(double time, String what, String element, String to, int key, int lane, long count) {
        line(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%s,%d", Double.toString(time), what, element, to,
                key < 0 ? "" : "key-" + key, lane < 0 ? "" : Integer.toString(lane), count));
    }

    private void line(String s) {
        try {
            out.write(s);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the event trace: " + e.getMessage(), e);
        }
    }
}
