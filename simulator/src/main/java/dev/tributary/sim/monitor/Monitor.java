package dev.tributary.sim.monitor;

import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Element;
import dev.tributary.sim.observe.ModelEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Watches figures against warning and critical thresholds at every sample of a run, as a
 * monitoring system scrapes them: a level is raised at the first sample where the figure is at or
 * above its threshold and cleared at the first sample where it is below again. Each raise and clear
 * is kept (for the report) and told to the observer.
 */
public final class Monitor {

    /** One figure of one element under watch. */
    public static final class Watch {
        private final Element element;
        private final AlertSpec.Figure figure;
        private final double warning;
        private final double critical;
        private boolean warningOn;
        private boolean criticalOn;

        /** Watches {@code figure} of {@code element}. */
        public Watch(Element element, AlertSpec.Figure figure, double warning, double critical) {
            this.element = element;
            this.figure = figure;
            this.warning = warning;
            this.critical = critical;
        }
    }

    private final List<Watch> watches;
    private final Context context;
    private final List<AlertEvent> events = new ArrayList<>();

    /** A monitor of {@code watches}, telling {@code context}'s observer. */
    public Monitor(List<Watch> watches, Context context) {
        this.watches = List.copyOf(watches);
        this.context = context;
    }

    /** Checks every watch at {@code now} (right after the elements took their samples). */
    public void check(double now) {
        for (Watch w : watches) {
            double v = w.element.gauge(w.figure.gauge());
            if (Double.isNaN(v)) {
                continue;
            }
            boolean warn = v >= w.warning;
            boolean crit = v >= w.critical;
            if (warn && !w.warningOn) {
                event(now, w, "warning", true, v, w.warning);
            }
            if (crit && !w.criticalOn) {
                event(now, w, "critical", true, v, w.critical);
            }
            if (!crit && w.criticalOn) {
                event(now, w, "critical", false, v, w.critical);
            }
            if (!warn && w.warningOn) {
                event(now, w, "warning", false, v, w.warning);
            }
            w.warningOn = warn;
            w.criticalOn = crit;
        }
    }

    private void event(double now, Watch w, String level, boolean raised, double v, double threshold) {
        events.add(new AlertEvent(now, w.element.id, w.figure.word(), level, raised, v, threshold));
        if (context.observed()) {
            context.tell(raised ? new ModelEvent.AlertRaised(now, w.element.index, w.figure.word(), level, v)
                    : new ModelEvent.AlertCleared(now, w.element.index, w.figure.word(), level, v));
        }
    }

    /** Every alert raised and cleared so far, in time order. */
    public List<AlertEvent> events() {
        return Collections.unmodifiableList(events);
    }
}
