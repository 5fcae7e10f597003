package dev.tributary.sim.scenario;

import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.ProducerSpec;
import dev.tributary.sim.element.Topology;
import dev.tributary.sim.fault.FaultSpec;
import dev.tributary.sim.monitor.AlertSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One architecture, as loaded from a scenario file: immutable and already validated.
 *
 * @param faults the fault timeline (fail, slow, redrive …), in file order
 * @param alerts the alerts to watch, or null when the file has no {@code alerts:} (nothing is watched)
 * @param source where it was read from (a path or a resource name), for messages
 * @param narration the captions and questions of {@code narration:}, in time order (empty when none)
 * @param brokers the cluster the streams live on, or null when the file has no {@code brokers:}
 */
public record Scenario(
        String name,
        String description,
        long seed,
        double duration,
        double warmup,
        double sampleInterval,
        List<ProducerSpec> producers,
        List<ChannelSpec> channels,
        List<ConsumerSpec> consumers,
        List<FaultSpec> faults,
        List<AlertSpec> alerts,
        String source,
        List<NarrationStep> narration,
        dev.tributary.sim.element.BrokersSpec brokers) implements Topology {

    /** Defaults written down once: used when a file leaves the key out. */
    public static final long DEFAULT_SEED = 1;
    /** Default simulated time: one hour. */
    public static final double DEFAULT_DURATION = 3600;
    /** Number of samples taken over a run when the file names no {@code sample} interval. */
    public static final int DEFAULT_SAMPLES = 500;

    public Scenario {
        producers = List.copyOf(producers);
        channels = List.copyOf(channels);
        consumers = List.copyOf(consumers);
        faults = List.copyOf(faults);
        alerts = alerts == null ? null : List.copyOf(alerts);
        narration = narration == null ? List.of() : List.copyOf(narration);
    }

    /** A scenario without narration or brokers. */
    public Scenario(String name, String description, long seed, double duration, double warmup, double sampleInterval,
                    List<ProducerSpec> producers, List<ChannelSpec> channels, List<ConsumerSpec> consumers,
                    List<FaultSpec> faults, List<AlertSpec> alerts, String source) {
        this(name, description, seed, duration, warmup, sampleInterval, producers, channels, consumers, faults, alerts,
                source, List.of(), null);
    }

    /** A scenario without faults or alerts. */
    public Scenario(String name, String description, long seed, double duration, double warmup, double sampleInterval,
                    List<ProducerSpec> producers, List<ChannelSpec> channels, List<ConsumerSpec> consumers, String source) {
        this(name, description, seed, duration, warmup, sampleInterval, producers, channels, consumers, List.of(), null,
                source);
    }

    @Override
    public boolean faulted(String groupId) {
        if (faults.isEmpty()) {
            return false;
        }
        // everything downstream of what a fault disturbs: groups' emits and DLQs, channels' forwards and
        // readers (one pass over the wiring, then a search: linear in the scenario's size)
        java.util.Map<String, List<String>> next = new java.util.HashMap<>();
        for (ConsumerSpec c : consumers) {
            List<String> out = next.computeIfAbsent(c.id(), k -> new ArrayList<>());
            c.emits().forEach(e -> out.add(e.to()));
            if (c.failures() != null && c.failures().dlq() != null) {
                out.add(c.failures().dlq());
            }
            next.computeIfAbsent(c.from(), k -> new ArrayList<>()).add(c.id());
        }
        for (ChannelSpec ch : channels) {
            ch.forwards().forEach(f -> next.computeIfAbsent(ch.id(), k -> new ArrayList<>()).add(f.to()));
        }
        java.util.Set<String> hit = new java.util.HashSet<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>();
        faults.forEach(f -> todo.addAll(f.disturbs()));
        while (!todo.isEmpty()) {
            String id = todo.poll();
            if (hit.add(id)) {
                todo.addAll(next.getOrDefault(id, List.of()));
            }
        }
        return hit.contains(groupId);
    }

    /** The channel with this id, if any. */
    public Optional<ChannelSpec> channel(String id) {
        return channels.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The consumers (groups) reading from channel {@code channelId}, in file order. */
    @Override
    public List<ConsumerSpec> consumersOf(String channelId) {
        return consumers.stream().filter(c -> c.from().equals(channelId)).toList();
    }

    /** The producers writing to channel {@code channelId}, in file order. */
    @Override
    public List<ProducerSpec> producersTo(String channelId) {
        return producers.stream().filter(p -> p.to().equals(channelId)).toList();
    }

    /** Largest key count of any producer (0 when no producer uses keys). */
    public int keySpace() {
        return producers.stream().mapToInt(p -> p.keys().count()).max().orElse(0);
    }

    /** A copy with another seed. */
    public Scenario withSeed(long newSeed) {
        return new Scenario(name, description, newSeed, duration, warmup, sampleInterval, producers, channels,
                consumers, faults, alerts, source, narration, brokers);
    }

    /** A copy with another duration (the sample interval keeps its count of samples if it was defaulted). */
    public Scenario withDuration(double newDuration) {
        double w = Math.min(warmup, newDuration / 2);
        return new Scenario(name, description, seed, newDuration, w, sampleInterval * newDuration / duration,
                producers, channels, consumers, faults, alerts, source, narration, brokers);
    }

    /** A copy with another interval between time-series samples. */
    public Scenario withSampleInterval(double interval) {
        return new Scenario(name, description, seed, duration, warmup, interval, producers, channels, consumers,
                faults, alerts, source, narration, brokers);
    }

    /** A copy with another warm-up. */
    public Scenario withWarmup(double newWarmup) {
        return new Scenario(name, description, seed, duration, newWarmup, sampleInterval, producers, channels,
                consumers, faults, alerts, source, narration, brokers);
    }

    /** A copy with one producer replaced by {@code change} applied to it. */
    public Scenario withProducer(String id, UnaryOperator<ProducerSpec> change) {
        List<ProducerSpec> list = new ArrayList<>();
        for (ProducerSpec p : producers) {
            list.add(p.id().equals(id) ? change.apply(p) : p);
        }
        return new Scenario(name, description, seed, duration, warmup, sampleInterval, list, channels, consumers,
                faults, alerts, source, narration, brokers);
    }

    /** A copy with one consumer replaced by {@code change} applied to it. */
    public Scenario withConsumer(String id, UnaryOperator<ConsumerSpec> change) {
        List<ConsumerSpec> list = new ArrayList<>();
        for (ConsumerSpec c : consumers) {
            list.add(c.id().equals(id) ? change.apply(c) : c);
        }
        return new Scenario(name, description, seed, duration, warmup, sampleInterval, producers, channels, list,
                faults, alerts, source, narration, brokers);
    }

    /** A copy with one channel replaced by {@code change} applied to it. */
    public Scenario withChannel(String id, UnaryOperator<ChannelSpec> change) {
        List<ChannelSpec> list = new ArrayList<>();
        for (ChannelSpec c : channels) {
            list.add(c.id().equals(id) ? change.apply(c) : c);
        }
        return new Scenario(name, description, seed, duration, warmup, sampleInterval, producers, list, consumers,
                faults, alerts, source, narration, brokers);
    }
}
