package dev.tributary.sim.element;

import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.engine.RandomStream;
import dev.tributary.sim.observe.ModelEvent;
import dev.tributary.sim.observe.ModelObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * What a running element may use of its model: the clock and scheduling, its random streams, event
 * type indices, message ids, and the observer. Handed to every element at build time, so that no
 * element calls back into the model.
 */
public final class Context {

    private final Engine engine;
    private final long seed;
    private final int keySpace;
    private final double horizon;
    private final Map<String, Integer> typeIndex = new LinkedHashMap<>();
    private long nextId;
    private ModelObserver observer;
    private Map<String, Channel> channels = Map.of();
    private Set<String> faulted = Set.of();
    private final Map<String, GroupControl> controls = new HashMap<>();
    private final Map<String, MemberControl> members = new HashMap<>();
    private int nextIndex;
    private final List<Element> added = new ArrayList<>();
    private double[] drainMarks = new double[0];
    private Brokers brokers;

    /**
     * A context over {@code engine} for a run seeded {@code seed}, whose keys are 0 … keySpace−1 and
     * which ends at simulated time {@code horizon}.
     */
    public Context(Engine engine, long seed, int keySpace, double horizon) {
        this.engine = engine;
        this.seed = seed;
        this.keySpace = keySpace;
        this.horizon = horizon;
    }

    /** When the run ends, in simulated seconds (nothing scheduled later happens). */
    public double horizon() {
        return horizon;
    }

    /** The engine, for scheduling. */
    public Engine engine() {
        return engine;
    }

    /** The clock, in simulated seconds. */
    public double now() {
        return engine.now();
    }

    /** Largest key count of any producer. */
    public int keySpace() {
        return keySpace;
    }

    /**
     * The random stream of one element for one purpose, derived from the seed, the element id and
     * the purpose: changing one element never changes another's numbers (common random numbers).
     */
    public RandomStream random(String elementId, String purpose) {
        return RandomStream.derive(seed, elementId, purpose);
    }

    /** Index of an event type name (at most 255 distinct types per scenario: 8 bits in a message). */
    public int typeIndex(String name) {
        Integer i = typeIndex.get(name);
        if (i == null) {
            if (typeIndex.size() >= 255) {
                throw new IllegalArgumentException("more than 255 event types in one scenario");
            }
            i = typeIndex.size();
            typeIndex.put(name, i);
        }
        return i;
    }

    /** Index of an already known event type, or −2 (matching no event) when no producer or emit makes it. */
    public int knownTypeIndex(String name) {
        Integer i = typeIndex.get(name);
        return i == null ? -2 : i;
    }

    /** A new message id (ids grow with production order, which is what per-key order is checked against). */
    public long nextMessageId() {
        return nextId++;
    }

    /** Sets the channels, once all are built, so that groups can find their dead-letter channels. */
    public void setChannels(Map<String, Channel> built) {
        this.channels = Map.copyOf(built);
    }

    /** The runtime of channel {@code id} (null when unknown or not built yet). */
    public Channel channel(String id) {
        return channels.get(id);
    }

    /** Sets the ids of the groups some fault acts on (they need the failure machinery even without failures). */
    public void setFaulted(Set<String> groupIds) {
        this.faulted = Set.copyOf(groupIds);
    }

    /** Whether a fault acts on group {@code id}. */
    public boolean faulted(String id) {
        return faulted.contains(id);
    }

    /**
     * Sets the times, in order, from which backlogs are drained and measured (a fault's end, a rate
     * change): elements that measure drain times read them at build time.
     */
    public void setDrainMarks(double[] times) {
        this.drainMarks = times.clone();
    }

    /** The times from which drain times are measured (empty when nothing disturbs the run). */
    public double[] drainMarks() {
        return drainMarks.clone();
    }

    /** Sets the cluster the streams live on (null: no {@code brokers:}, partitions are always available). */
    public void setBrokers(Brokers b) {
        this.brokers = b;
    }

    /** The cluster, or null when the scenario names none. */
    public Brokers brokers() {
        return brokers;
    }

    /** Registers what faults may do to group {@code id}. */
    public void register(String groupId, GroupControl control) {
        controls.put(groupId, control);
    }

    /** Registers what membership faults may do to the members of group {@code id}. */
    public void registerMembers(String groupId, MemberControl control) {
        members.put(groupId, control);
    }

    /** What membership faults may do to group {@code id}'s members, or null when its kind has no members to fault. */
    public MemberControl members(String groupId) {
        return members.get(groupId);
    }

    /** What faults may do to group {@code id}, or null when it registered nothing. */
    public GroupControl control(String groupId) {
        return controls.get(groupId);
    }

    /** Element indices handed out by {@link #addElement} start here (the model sets it before each build step). */
    public void startIndicesAt(int index) {
        nextIndex = index;
    }

    /**
     * Builds an element a kind adds beside the one it was asked for (a group's retry stages), with the
     * next free index; the model takes them with {@link #takeAddedElements()}.
     */
    public <E extends Element> E addElement(IntFunction<E> build) {
        E e = build.apply(nextIndex++);
        added.add(e);
        return e;
    }

    /** The elements added since the last call, in index order. */
    public List<Element> takeAddedElements() {
        List<Element> out = List.copyOf(added);
        added.clear();
        return out;
    }

    /** Sets the observer (null removes it). */
    public void setObserver(ModelObserver observer) {
        this.observer = observer;
    }

    /** Whether anybody listens (check before building an event). */
    public boolean observed() {
        return observer != null;
    }

    /** Tells the observer that an event moved (nothing is created when nobody listens). */
    public void moved(int from, int to, int key, int lane) {
        ModelObserver o = observer;
        if (o != null) {
            o.moved(engine.now(), from, to, key, lane);
        }
    }

    /** Tells the observer of a happening (build it only when {@link #observed()}). */
    public void tell(ModelEvent event) {
        ModelObserver o = observer;
        if (o != null) {
            o.on(event);
        }
    }
}
