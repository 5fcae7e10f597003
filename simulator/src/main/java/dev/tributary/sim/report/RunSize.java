package dev.tributary.sim.report;

import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.ProducerSpec;
import dev.tributary.sim.failure.FailureSpec;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.value.ArrivalSpec;
import dev.tributary.sim.value.Durations;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How big a run is before it runs: an over-estimate of the events it will simulate, and a lower bound
 * on the messages it must hold in memory. Commands that simulate refuse a run whose estimate is beyond
 * {@code --max-events} (so {@code poisson(1e308/s)} or {@code duration: 1e30h} is refused in a moment
 * instead of running for ever), or whose messages cannot fit in the heap at all.
 *
 * <p>The event estimate follows the flow: each producer's mean rate × duration arrivals; every channel
 * passes its arrivals to each group reading it (a router to each of its targets); each group completes
 * at most its arrival rate and at most {@code instances / mean service time}, and emits its completions
 * onward, with what its channel's kind makes it publish besides (a command's replies, timeouts ignored). A
 * cycle of emits converges to the groups' capacities. Sampling, on/off switching and each
 * completion count as events too. It is an over-estimate (shared queues and routers count every reader
 * or target in full, and a 10% margin covers the randomness of the counts), which is what a limit needs.
 * The command line and the app's sweep panel both refuse with it.
 */
public final class RunSize {

    /** Default most events one command may simulate, over all its runs: about 2–4 minutes on a laptop core. */
    public static final long DEFAULT_MAX_EVENTS = 2_000_000_000L;
    /** Bytes a waiting message takes in a channel's ring (see MessageRing), at least. */
    static final long BYTES_PER_MESSAGE = 28;
    /**
     * Bytes every element (producer, channel, group) of a finished model keeps at least, whatever the run's
     * length: its histograms and sampled series. Measured at 110–350 KiB; a lower bound is what a refusal needs.
     */
    static final long BYTES_PER_ELEMENT = 64 << 10;
    /** Events per second a core simulates, roughly, for the time figure in messages (see README's bench). */
    static final double EVENTS_PER_SECOND = 10e6;

    private RunSize() {
    }

    /** A run refused before it starts: too many events or too much memory (the command line exits 2). */
    public static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** An over-estimate of the events one run of {@code s} simulates (may be +Infinity). */
    public static double events(Scenario s) {
        double d = s.duration();
        Map<String, Double> producerIn = new HashMap<>();
        double events = 0;
        for (ProducerSpec p : s.producers()) {
            double rate = p.arrivals().meanRate(d);
            producerIn.merge(p.to(), rate, Double::sum);
            events += rate * d;
            if (p.arrivals() instanceof ArrivalSpec.OnOff o) {
                events += 2 * d / (o.meanOn() + o.meanOff()) + 1; // ON/OFF switches
            } else if (p.arrivals() instanceof ArrivalSpec.Schedule sc) {
                events += sc.steps().size();
            }
        }
        events += d / s.sampleInterval() + 2 + s.consumers().size();
        double[] completions = completionRates(s, producerIn);
        for (int g = 0; g < completions.length; g++) {
            events += completions[g] * d * attemptEvents(s.consumers().get(g));
        }
        Map<String, Double> in = arrivals(s, producerIn, completions);
        for (ChannelSpec c : s.channels()) {
            double extra = c.eventsPerArrival(s.consumersOf(c.id()));
            if (extra > 0) {
                events += in.getOrDefault(c.id(), 0.0) * d * extra;
            }
            events += c.ownEvents(in.getOrDefault(c.id(), 0.0), d);
        }
        // the rates are means: a run's own count strays above them by a few square roots, hence the margin
        events = 1.1 * events + 1000;
        return Double.isNaN(events) ? Double.POSITIVE_INFINITY : events;
    }

    /**
     * Events one handled event may cost a group at most: every attempt (the first and each retry)
     * ends in a completion and may wait out a backoff, and each retry stage adds an arrival and a
     * release.
     */
    private static double attemptEvents(ConsumerSpec c) {
        FailureSpec f = c.failures();
        return f == null ? 1 : 2.0 * (1 + f.retries()) + 2.0 * f.stageDelays().size();
    }

    /** Per group (in file order): an upper bound on its long-run completion rate. */
    private static double[] completionRates(Scenario s, Map<String, Double> producerIn) {
        List<ConsumerSpec> groups = s.consumers();
        double[] capacity = new double[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            double mean = groups.get(g).service().mean();
            capacity[g] = mean > 0 ? groups.get(g).instances() / mean : Double.POSITIVE_INFINITY;
        }
        double[] done = new double[groups.size()];
        for (int round = 0; round < 10_000; round++) {
            Map<String, Double> in = arrivals(s, producerIn, done);
            boolean changed = false;
            for (int g = 0; g < groups.size(); g++) {
                double c = Math.min(in.getOrDefault(groups.get(g).from(), 0.0), capacity[g]);
                if (!(Math.abs(c - done[g]) <= 1e-9 * Math.max(1, Math.abs(c)))) {
                    changed = true;
                }
                done[g] = c;
            }
            if (!changed) {
                return done;
            }
        }
        return capacity; // no fixed point reached (a loop of emits): every group at full capacity bounds it
    }

    /** Arrival rate into each channel given the groups' completion rates (a router passes all it gets to every target). */
    private static Map<String, Double> arrivals(Scenario s, Map<String, Double> producerIn, double[] done) {
        Map<String, Double> base = new HashMap<>(producerIn);
        for (int g = 0; g < s.consumers().size(); g++) {
            ConsumerSpec c = s.consumers().get(g);
            for (ConsumerSpec.EmitSpec e : c.emits()) {
                base.merge(e.to(), done[g] * e.probability(), Double::sum);
            }
            // what the channel's kind makes its readers publish too (a command's replies), all of it: a bound
            int group = g;
            s.channel(c.from()).ifPresent(ch -> ch.readerPublishes(c).forEach(r ->
                    base.merge(r.to(), done[group] * r.probability(), Double::sum)));
            FailureSpec f = s.consumers().get(g).failures();
            if (f != null && f.dlq() != null) {
                base.merge(f.dlq(), done[g], Double::sum); // at most everything it handles is dead-lettered
            }
        }
        // routers never route back to themselves (the binder refuses that), so chains settle in as many passes
        Map<String, Double> cur = base;
        for (int pass = 0; pass <= s.channels().size(); pass++) {
            Map<String, Double> next = new HashMap<>(base);
            for (ChannelSpec c : s.channels()) {
                double rate = cur.getOrDefault(c.id(), 0.0);
                for (ChannelSpec.Forward f : c.forwards()) {
                    next.merge(f.to(), rate, Double::sum);
                }
            }
            if (next.equals(cur)) {
                break;
            }
            cur = next;
        }
        return cur;
    }

    /**
     * A lower bound on the messages one run must hold at its end, as each channel's kind tells it (a
     * queue nobody reads keeps what its producers send, up to its capacity).
     */
    public static double heldMessages(Scenario s) {
        double d = s.duration();
        double held = 0;
        for (ChannelSpec c : s.channels()) {
            double rate = 0;
            for (ProducerSpec p : s.producers()) {
                if (p.to().equals(c.id())) {
                    rate += p.arrivals().meanRate(d);
                }
            }
            held += c.heldAtLeast(rate, d, s.consumersOf(c.id()));
        }
        return held;
    }

    /**
     * Refuses ({@link Refused}) {@code runs} runs of each scenario, plus {@code extraEvents}, if they would
     * simulate more than {@code maxEvents} events, or hold more messages than this JVM's heap can.
     */
    public static void check(List<Scenario> scenarios, int runs, double extraEvents, long maxEvents, String what) {
        double total = extraEvents;
        double held = 0;
        double bytes = 0;
        List<String> parts = new java.util.ArrayList<>();
        for (Scenario s : scenarios) {
            total += events(s) * runs;
            // every replication's model is kept until the report is written; one scenario's are freed before the next
            double h = heldMessages(s) * runs;
            held = Math.max(held, h);
            int elements = s.producers().size() + s.channels().size() + s.consumers().size();
            bytes = Math.max(bytes, h * BYTES_PER_MESSAGE + (double) runs * elements * BYTES_PER_ELEMENT);
            parts.add(String.format(Locale.ROOT, "%s%s of simulated time at %s arrivals per second",
                    runs == 1 ? "" : runs + " runs of ", Durations.format(s.duration()), count(arrivalRate(s))));
        }
        if (!(total <= maxEvents)) {
            throw new Refused(String.format(Locale.ROOT,
                    "%s would simulate about %s events (%s), more than the limit of %s (--max-events, about %s of"
                            + " computing at %s events per second); shorten the run (--duration), lower the rates, or"
                            + " raise the limit with --max-events N",
                    what, count(total), String.join("; ", parts), count(maxEvents),
                    duration(maxEvents / EVENTS_PER_SECOND), count(EVENTS_PER_SECOND)));
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new Refused(String.format(Locale.ROOT,
                    "%s needs at least %s of memory, more than the %s this Java may use (%s; every replication's"
                            + " results are kept until the report is written, a queue nobody reads keeps every event, a"
                            + " stream keeps what its retention covers); use fewer replications, shorten the run"
                            + " (--duration), bound the queue (capacity) or the stream (retention), or give Java more"
                            + " memory (java -Xmx8g -jar ...)",
                    what, bytes(bytes), bytes(heap), held >= 1 ? "at least " + count(held) + " messages held" : runs
                            + " replications"));
        }
    }

    private static double arrivalRate(Scenario s) {
        return s.producers().stream().mapToDouble(p -> p.arrivals().meanRate(s.duration())).sum();
    }

    /** A count in words a person can read: 12,345 or 3.6e+12. */
    public static String count(double n) {
        if (Double.isInfinite(n) || Double.isNaN(n)) {
            return "infinitely many";
        }
        return n < 1e12 ? String.format(Locale.ROOT, "%,.0f", n) : String.format(Locale.ROOT, "%.3g", n);
    }

    public static String bytes(double b) {
        return b >= (1L << 30) ? String.format(Locale.ROOT, "%.1f GiB", b / (1L << 30))
                : String.format(Locale.ROOT, "%.0f MiB", b / (1L << 20));
    }

    /** Seconds as a short wall-clock figure: 45s, 3m 10s, 2h 05m, 3.2 days. */
    public static String duration(double seconds) {
        if (!(seconds < 1e12)) {
            return "for ever";
        }
        long s = Math.round(seconds);
        if (s < 1) {
            return "less than a second";
        }
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        if (s < 86400 * 2) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
        }
        if (s < 86400L * 365 * 2) {
            return String.format(Locale.ROOT, "%.1f days", s / 86400.0);
        }
        return String.format(Locale.ROOT, "%.3g years", s / (86400.0 * 365.25));
    }
}
