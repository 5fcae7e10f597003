package dev.tributary.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EngineTest {

    @Test
    void eventsRunInTimeOrderAndTiesInInsertionOrder() {
        Engine e = new Engine();
        List<String> log = new ArrayList<>();
        EventHandler h = (kind, arg) -> log.add(kind + "@" + e.now() + "#" + arg);
        e.scheduleAt(2.0, h, 1, 0);
        e.scheduleAt(1.0, h, 2, 0);
        e.scheduleAt(2.0, h, 3, 0);
        e.scheduleAt(1.0, h, 4, 0);
        e.scheduleAt(0.5, h, 5, 7);
        e.runUntil(10);
        assertThat(log).containsExactly("5@0.5#7", "2@1.0#0", "4@1.0#0", "1@2.0#0", "3@2.0#0");
        assertThat(e.executed()).isEqualTo(5);
        assertThat(e.now()).isEqualTo(10.0);
    }

    @Test
    void heapKeepsTotalOrderUnderRandomLoad() {
        Engine e = new Engine();
        RandomStream r = new RandomStream(1);
        double[] last = {-1};
        long[] count = {0};
        EventHandler h = new EventHandler() {
            @Override
            public void handle(int kind, long arg) {
                assertThat(e.now()).isGreaterThanOrEqualTo(last[0]);
                last[0] = e.now();
                if (count[0]++ < 200_000) {
                    e.schedule(r.nextInt(4) == 0 ? 0 : r.exponential(1), this, 0, 0);
                }
            }
        };
        for (int i = 0; i < 1000; i++) {
            e.schedule(r.exponential(1), h, 0, 0);
        }
        e.runUntil(Double.POSITIVE_INFINITY);
        assertThat(e.executed()).isEqualTo(200_000 + 1000);
        assertThat(e.pending()).isZero();
    }

    @Test
    void stepRunsExactlyOneEvent() {
        Engine e = new Engine();
        int[] n = {0};
        EventHandler h = (k, a) -> n[0]++;
        e.schedule(1, h, 0, 0);
        e.schedule(2, h, 0, 0);
        assertThat(e.step()).isTrue();
        assertThat(n[0]).isEqualTo(1);
        assertThat(e.now()).isEqualTo(1.0);
        assertThat(e.step()).isTrue();
        assertThat(e.step()).isFalse();
    }

    @Test
    void runUntilStopsBeforeLaterEventsAndResumes() {
        Engine e = new Engine();
        List<Double> times = new ArrayList<>();
        EventHandler h = (k, a) -> times.add(e.now());
        e.scheduleAt(1, h, 0, 0);
        e.scheduleAt(5, h, 0, 0);
        e.runUntil(3);
        assertThat(times).containsExactly(1.0);
        assertThat(e.now()).isEqualTo(3.0);
        e.runUntil(6);
        assertThat(times).containsExactly(1.0, 5.0);
    }

    @Test
    @Timeout(120)
    void pauseRequestedFromAnotherThreadStopsTheRun() throws Exception {
        Engine e = new Engine();
        CountDownLatch handlerRunning = new CountDownLatch(1);
        CountDownLatch pauseRequested = new CountDownLatch(1);
        long[] pausedAt = {-1};
        EventHandler h = new EventHandler() {
            @Override
            public void handle(int kind, long arg) {
                if (arg == 10) {
                    // hand over to the other thread and wait until it has requested the pause:
                    // no timing assumption, the request is certainly made while the run is under way
                    handlerRunning.countDown();
                    try {
                        assertThat(pauseRequested.await(60, TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(ex);
                    }
                    pausedAt[0] = e.executed();
                }
                e.schedule(1e-6, this, 0, arg + 1);
            }
        };
        e.schedule(0, h, 0, 0);
        Thread pauser = new Thread(() -> {
            try {
                handlerRunning.await();
                e.requestPause();
                pauseRequested.countDown();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        pauser.start();
        boolean reached = e.runUntil(Double.POSITIVE_INFINITY);
        pauser.join();
        assertThat(reached).isFalse();
        // honoured at the next check, within CHECK_EVERY events of the request
        assertThat(pausedAt[0]).isEqualTo(11);
        assertThat(e.executed()).isBetween(pausedAt[0], pausedAt[0] + Engine.CHECK_EVERY);
        assertThat(e.executed() % Engine.CHECK_EVERY).isZero();
        long before = e.executed();
        assertThat(e.runUntil(e.now() + 1e-3)).isTrue();
        assertThat(e.executed()).isGreaterThan(before);
    }

    @Test
    void pauseRequestedByAHandlerStopsTheRunAtTheNextCheck() {
        Engine e = new Engine();
        EventHandler h = new EventHandler() {
            @Override
            public void handle(int kind, long arg) {
                if (arg == 5000) {
                    e.requestPause();
                }
                e.schedule(1, this, 0, arg + 1);
            }
        };
        e.schedule(0, h, 0, 0);
        assertThat(e.runUntil(Double.POSITIVE_INFINITY)).isFalse();
        assertThat(e.executed()).isEqualTo(5 * Engine.CHECK_EVERY);
        assertThat(e.now()).isEqualTo(5 * Engine.CHECK_EVERY - 1.0);
        // a new run clears the old request
        assertThat(e.runUntil(e.now() + 10)).isTrue();
        assertThat(e.executed()).isEqualTo(5 * Engine.CHECK_EVERY + 10);
    }

    @Test
    void progressListenerHearsTheEnd() {
        Engine e = new Engine();
        double[] seen = {-1};
        e.setProgressListener((now, events) -> seen[0] = now);
        e.schedule(1, (k, a) -> { }, 0, 0);
        e.runUntil(4);
        assertThat(seen[0]).isEqualTo(4.0);
    }

    @Test
    void aRegisteredHandlerKeepsItsIdAndReceivesEventsScheduledByIt() {
        Engine e = new Engine();
        List<String> seen = new ArrayList<>();
        EventHandler a = (k, arg) -> seen.add("a" + k + ":" + arg + "@" + e.now());
        EventHandler b = (k, arg) -> seen.add("b" + k + ":" + arg + "@" + e.now());
        int ia = e.register(a);
        int ib = e.register(b);
        assertThat(ia).isNotEqualTo(ib);
        assertThat(e.register(a)).isEqualTo(ia);
        e.schedule(2, ia, 1, 10);
        e.scheduleAt(1, ib, 2, 20);
        long cancelled = e.schedule(3, ia, 3, 30);
        e.schedule(1.5, a, 4, 40); // by reference: the same handler, the same id
        assertThat(e.cancel(cancelled)).isTrue();
        e.runUntil(10);
        assertThat(seen).containsExactly("b2:20@1.0", "a4:40@1.5", "a1:10@2.0");
        assertThatThrownBy(() -> e.schedule(1, ib + 1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.schedule(1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.register(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void schedulingInThePastIsRefused() {
        Engine e = new Engine();
        e.scheduleAt(2, (k, a) -> { }, 0, 0);
        e.runUntil(3);
        assertThatThrownBy(() -> e.scheduleAt(1, (k, a) -> { }, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.schedule(Double.NaN, (k, a) -> { }, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCancelledEventNeverRunsAndIsNotCounted() {
        Engine e = new Engine();
        List<Long> ran = new ArrayList<>();
        EventHandler h = (k, a) -> ran.add(a);
        long a = e.scheduleAt(1, h, 0, 1);
        long b = e.scheduleAt(2, h, 0, 2);
        long c = e.scheduleAt(3, h, 0, 3);
        assertThat(e.isPending(b)).isTrue();
        assertThat(e.cancel(b)).isTrue();
        assertThat(e.isPending(b)).isFalse();
        assertThat(e.cancel(b)).as("cancelling twice").isFalse();
        assertThat(e.pending()).isEqualTo(2);
        e.runUntil(10);
        assertThat(ran).containsExactly(1L, 3L);
        assertThat(e.executed()).isEqualTo(2);
        assertThat(e.pending()).isZero();
        assertThat(e.isPending(a)).isFalse();
        assertThat(e.isPending(c)).isFalse();
        assertThat(e.cancel(a)).as("cancelling an event that ran").isFalse();
    }

    @Test
    void aStaleHandleDoesNotCancelTheSlotsNewOccupant() {
        Engine e = new Engine();
        List<Long> ran = new ArrayList<>();
        EventHandler h = (k, a) -> ran.add(a);
        long first = e.schedule(1, h, 0, 1);
        assertThat(e.step()).isTrue();
        long second = e.schedule(1, h, 0, 2); // reuses the freed slot
        assertThat((int) second).as("same slot").isEqualTo((int) first);
        assertThat(second).isNotEqualTo(first);
        assertThat(e.isPending(first)).isFalse();
        assertThat(e.cancel(first)).isFalse();
        assertThat(e.isPending(second)).isTrue();
        assertThat(e.cancel(second)).isTrue();
        long third = e.schedule(1, h, 0, 3); // the cancelled slot is still in the heap, so this one is new
        assertThat(e.cancel(second)).isFalse();
        assertThat(e.isPending(third)).isTrue();
        e.runUntil(10);
        assertThat(ran).containsExactly(1L, 3L);
        // after the cancelled entry is dropped its slot is reused; the old handle stays stale
        long fourth = e.schedule(1, h, 0, 4);
        assertThat(e.cancel(second)).isFalse();
        assertThat(e.cancel(third)).isFalse();
        assertThat(e.isPending(fourth)).isTrue();
        e.runUntil(20);
        assertThat(ran).containsExactly(1L, 3L, 4L);
    }

    @Test
    void meaninglessHandlesAreHarmless() {
        Engine e = new Engine();
        long h = e.schedule(1, (k, a) -> { }, 0, 0);
        assertThat(h).isNotEqualTo(Engine.NO_EVENT);
        for (long bogus : new long[] {Engine.NO_EVENT, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 12345L, h + 1, h ^ (1L << 32)}) {
            assertThat(e.isPending(bogus)).as("%x", bogus).isFalse();
            assertThat(e.cancel(bogus)).as("%x", bogus).isFalse();
        }
        assertThat(e.isPending(h)).isTrue();
        assertThat(e.pending()).isEqualTo(1);
    }

    @Test
    void cancellingTheHeadUpdatesNextTimeAndPending() {
        Engine e = new Engine();
        EventHandler h = (k, a) -> { };
        long head = e.scheduleAt(1, h, 0, 0);
        long second = e.scheduleAt(2, h, 0, 0);
        e.scheduleAt(3, h, 0, 0);
        assertThat(e.nextTime()).isEqualTo(1.0);
        assertThat(e.cancel(head)).isTrue();
        assertThat(e.pending()).isEqualTo(2);
        assertThat(e.nextTime()).isEqualTo(2.0);
        assertThat(e.cancel(second)).isTrue();
        assertThat(e.pending()).isEqualTo(1);
        assertThat(e.nextTime()).isEqualTo(3.0);
        assertThat(e.step()).isTrue();
        assertThat(e.now()).isEqualTo(3.0);
        assertThat(e.pending()).isZero();
        assertThat(e.nextTime()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void cancellingEverythingLeavesNothingAndDoesNotMoveTheClock() {
        Engine e = new Engine();
        long[] handles = new long[100];
        for (int i = 0; i < handles.length; i++) {
            handles[i] = e.scheduleAt(1 + i, (k, a) -> { throw new AssertionError("ran"); }, 0, i);
        }
        for (long handle : handles) {
            assertThat(e.cancel(handle)).isTrue();
        }
        assertThat(e.pending()).isZero();
        assertThat(e.nextTime()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(e.step()).isFalse();
        assertThat(e.runUntil(Double.POSITIVE_INFINITY)).isTrue();
        assertThat(e.now()).isZero();
        assertThat(e.executed()).isZero();
    }

    @Test
    void stepSkipsCancelledEventsAndRunsExactlyOneLiveEvent() {
        Engine e = new Engine();
        List<Long> ran = new ArrayList<>();
        EventHandler h = (k, a) -> ran.add(a);
        long a = e.scheduleAt(1, h, 0, 1);
        long b = e.scheduleAt(2, h, 0, 2);
        e.scheduleAt(3, h, 0, 3);
        e.scheduleAt(4, h, 0, 4);
        e.cancel(a);
        e.cancel(b);
        assertThat(e.step()).isTrue();
        assertThat(ran).containsExactly(3L);
        assertThat(e.now()).isEqualTo(3.0);
        assertThat(e.executed()).isEqualTo(1);
        assertThat(e.step()).isTrue();
        assertThat(ran).containsExactly(3L, 4L);
        assertThat(e.step()).isFalse();
    }

    @Test
    void aHandlerCanCancelAnEventOfTheSameInstant() {
        Engine e = new Engine();
        List<String> ran = new ArrayList<>();
        long[] victim = {Engine.NO_EVENT};
        EventHandler h = (k, a) -> {
            ran.add("e" + a);
            if (a == 1) {
                assertThat(e.cancel(victim[0])).isTrue();
            }
        };
        e.scheduleAt(1, h, 0, 1);
        victim[0] = e.scheduleAt(1, h, 0, 2);
        e.scheduleAt(1, h, 0, 3);
        e.runUntil(1);
        assertThat(ran).containsExactly("e1", "e3");
    }

    @Test
    void orderingClassesDecideTiesAtTheSameInstant() {
        Engine e = new Engine();
        List<String> log = new ArrayList<>();
        EventHandler h = (kind, arg) -> log.add(kind + "@" + e.now());
        e.scheduleAt(1.0, h, 1, 0);                       // NORMAL, scheduled first
        e.scheduleAt(1.0, Engine.MAX_ORDER, h, 2, 0);     // last at 1.0
        e.scheduleAt(1.0, Engine.NORMAL - 1, h, 3, 0);    // a fault: before ordinary events at 1.0
        e.scheduleAt(1.0, Engine.NORMAL, h, 4, 0);        // same class as kind 1: insertion order
        e.scheduleAt(1.0, Engine.MIN_ORDER, h, 5, 0);     // first at 1.0
        e.scheduleAt(0.5, Engine.MAX_ORDER, h, 6, 0);     // time still comes first
        e.schedule(2.0, Engine.MIN_ORDER, h, 7, 0);       // a later time, whatever its class
        e.runUntil(10);
        assertThat(log).containsExactly("6@0.5", "5@1.0", "3@1.0", "1@1.0", "4@1.0", "2@1.0", "7@2.0");
    }

    @Test
    void aCrashAtTIsProcessedBeforeACompletionScheduledEarlierForT() {
        Engine e = new Engine();
        List<String> log = new ArrayList<>();
        e.scheduleAt(5, (k, a) -> log.add("completion"), 0, 0);
        e.scheduleAt(5, Engine.NORMAL - 1, (k, a) -> log.add("crash"), 0, 0);
        e.runUntil(10);
        assertThat(log).containsExactly("crash", "completion");
    }

    @Test
    void orderingClassesOutsideTheRangeAreRefused() {
        Engine e = new Engine();
        EventHandler h = (k, a) -> { };
        for (int bad : new int[] {-1, Engine.MAX_ORDER + 1, 127, 128, 255, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> e.schedule(1, bad, h, 0, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> e.scheduleAt(1, bad, h, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(e.pending()).isZero();
        assertThat(e.schedule(1, Engine.MIN_ORDER, h, 0, 0)).isNotEqualTo(Engine.NO_EVENT);
        assertThat(e.scheduleAt(1, Engine.MAX_ORDER, h, 0, 0)).isNotEqualTo(Engine.NO_EVENT);
        assertThat(e.pending()).isEqualTo(2);
    }

    @Test
    void aNullHandlerIsRefused() {
        Engine e = new Engine();
        assertThatThrownBy(() -> e.schedule(1, null, 0, 0)).isInstanceOf(NullPointerException.class);
        assertThat(e.pending()).isZero();
    }

    /** One event of the reference model: ordered by (time, order, seq), as the engine promises. */
    private record Ref(double time, int order, long seq, long id) implements Comparable<Ref> {
        @Override
        public int compareTo(Ref o) {
            int c = Double.compare(time, o.time);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(order, o.order);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    @Test
    void randomScheduleAndCancelMatchAReferenceModelExactly() {
        for (long seed = 1; seed <= 10; seed++) {
            checkAgainstReference(seed, 20_000, 5, 3);  // the heap grows; most cancels hit recent events
        }
        for (long seed = 11; seed <= 20; seed++) {
            checkAgainstReference(seed, 20_000, 4, 5);  // cancel-heavy: cancelled entries pile up and get compacted
        }
    }

    @Test
    void aListThatGrowsAndShrinksAcrossItsSwitchSizesKeepsTheReferenceOrder() {
        // the list is a sorted run while short and a heap while long (switching at 64 and 32 entries):
        // phases of growth and shrinkage take it across both sizes again and again, with ties, cancels
        // and handlers scheduling while the running event's entry is still held
        for (long seed = 21; seed <= 26; seed++) {
            int crossings = checkAgainstReference(seed, 40_000, -1, 1);
            assertThat(crossings).as("seed %d: times the list went from under 20 to over 80 entries", seed)
                    .isGreaterThanOrEqualTo(10);
        }
    }

    /**
     * Drives the engine and a sorted-set reference with the same random mix of schedules (coarse
     * times so that ties are common, random classes), cancels (live, already run, already cancelled)
     * and steps (weights out of 10: schedule, cancel, the rest step), from outside and from inside
     * handlers, and requires the same execution sequence, pending counts and next times throughout. A
     * schedule weight of -1 alternates phases: scheduling until over 80 entries are pending, then
     * mostly stepping until under 20 are. Returns how many times the pending count went from under
     * 20 to over 80.
     */
    private static int checkAgainstReference(long seed, int operations, int scheduleWeight, int cancelWeight) {
        Engine e = new Engine();
        RandomStream r = new RandomStream(seed);
        TreeSet<Ref> ref = new TreeSet<>();
        java.util.Map<Long, Ref> live = new java.util.HashMap<>();   // id -> pending ref entry
        List<Long> handles = new ArrayList<>();                       // every handle ever issued, by id
        List<Long> engineLog = new ArrayList<>();
        long[] seq = {0};
        EventHandler[] handler = new EventHandler[1];
        Runnable scheduleOne = () -> {
            double time = e.now() + r.nextInt(8) * 0.25;              // ties are common
            int order = r.nextInt(3) == 0 ? Engine.NORMAL : r.nextInt(Engine.MAX_ORDER + 1);
            long id = handles.size();
            long h = r.nextInt(2) == 0
                    ? (order == Engine.NORMAL && r.nextInt(2) == 0 ? e.scheduleAt(time, handler[0], 0, id) : e.scheduleAt(time, order, handler[0], 0, id))
                    : (order == Engine.NORMAL && r.nextInt(2) == 0 ? e.schedule(time - e.now(), handler[0], 0, id) : e.schedule(time - e.now(), order, handler[0], 0, id));
            handles.add(h);
            Ref entry = new Ref(time, order, seq[0]++, id);
            ref.add(entry);
            live.put(id, entry);
        };
        Runnable cancelOne = () -> {
            if (handles.isEmpty()) {
                return;
            }
            // half the time one of the latest handles (mostly live), else any handle ever issued (mostly stale)
            int n = handles.size();
            long id = r.nextInt(2) == 0 ? n - 1 - r.nextInt(Math.min(n, 64)) : r.nextInt(n);
            boolean expected = live.containsKey(id);
            assertThat(e.isPending(handles.get((int) id))).isEqualTo(expected);
            assertThat(e.cancel(handles.get((int) id))).as("seed %d cancel %d", seed, id).isEqualTo(expected);
            if (expected) {
                ref.remove(live.remove(id));
            }
        };
        handler[0] = (kind, arg) -> {
            engineLog.add(arg);
            // while a handler runs, its own entry is still in the heap until replaced or removed: the list
            // must not show it (pending, next time), and cancels that compact the heap must not free it twice
            assertThat(e.pending()).as("seed %d in a handler", seed).isEqualTo(ref.size());
            int what = r.nextInt(6);
            if (what == 0) {
                scheduleOne.run();
            } else if (what == 1) {
                cancelOne.run();
            } else if (what == 2) {
                scheduleOne.run();
                scheduleOne.run();
                cancelOne.run();
            } else if (what == 3) {
                for (int i = 0; i < 40; i++) {
                    cancelOne.run();
                }
                scheduleOne.run();
            } else if (what == 4) {
                assertThat(e.nextTime()).isEqualTo(ref.isEmpty() ? Double.POSITIVE_INFINITY : ref.first().time());
                scheduleOne.run();
            }
        };
        List<Long> refLog = new ArrayList<>();
        boolean growing = true;
        int crossings = 0;
        for (int op = 0; op < operations; op++) {
            int what = r.nextInt(10);
            int weight = scheduleWeight;
            if (scheduleWeight < 0) {
                if (growing && ref.size() > 80) {
                    growing = false;
                    crossings++;
                } else if (!growing && ref.size() < 20) {
                    growing = true;
                }
                weight = growing ? 7 : 1;
            }
            if (what < weight) {
                scheduleOne.run();
            } else if (what < weight + cancelWeight) {
                cancelOne.run();
            } else {
                // step: the reference pops its head; the handler may change both models identically
                // (the handler's own schedules and cancels update both models through scheduleOne/cancelOne)
                Ref next = ref.pollFirst();
                if (next != null) {
                    live.remove(next.id()); // running: no longer cancellable
                    refLog.add(next.id());
                }
                boolean ran = e.step();
                assertThat(ran).isEqualTo(next != null);
                if (next != null) {
                    assertThat(e.now()).isEqualTo(next.time());
                }
            }
            assertThat(e.pending()).as("seed %d op %d", seed, op).isEqualTo(ref.size());
            assertThat(e.nextTime()).isEqualTo(ref.isEmpty() ? Double.POSITIVE_INFINITY : ref.first().time());
            assertThat(engineLog.size()).as("seed %d op %d", seed, op).isEqualTo(refLog.size());
            if (!refLog.isEmpty()) {
                assertThat(engineLog.get(engineLog.size() - 1)).isEqualTo(refLog.get(refLog.size() - 1));
            }
        }
        assertThat(engineLog).isEqualTo(refLog);
        // drain: the rest must run in exactly the reference order
        while (!ref.isEmpty() || e.pending() > 0) {
            Ref next = ref.pollFirst();
            assertThat(next).isNotNull();
            live.remove(next.id());
            refLog.add(next.id());
            assertThat(e.step()).isTrue();
        }
        assertThat(engineLog).isEqualTo(refLog);
        assertThat(e.step()).isFalse();
        assertThat(e.executed()).isEqualTo(refLog.size());
        for (long h : handles) {
            assertThat(e.isPending(h)).isFalse();
        }
        return crossings;
    }

    @Test
    void runUntilSkipsCancelledEventsInReferenceOrder() {
        Engine e = new Engine();
        RandomStream r = new RandomStream(42);
        TreeSet<Ref> ref = new TreeSet<>();
        List<Long> engineLog = new ArrayList<>();
        EventHandler h = (k, a) -> engineLog.add(a);
        long[] handles = new long[50_000];
        Ref[] refs = new Ref[handles.length];
        for (int i = 0; i < handles.length; i++) {
            double t = r.nextInt(1000) * 0.5;
            int order = r.nextInt(Engine.MAX_ORDER + 1);
            handles[i] = e.scheduleAt(t, order, h, 0, i);
            refs[i] = new Ref(t, order, i, i);
            ref.add(refs[i]);
        }
        // cancel most of them, enough to trigger in-place compaction more than once
        for (int i = 0; i < handles.length; i++) {
            if (r.nextInt(10) < 8) {
                assertThat(e.cancel(handles[i])).isTrue();
                ref.remove(refs[i]);
            }
        }
        assertThat(e.pending()).isEqualTo(ref.size());
        e.runUntil(250);
        List<Long> refLog = new ArrayList<>();
        while (!ref.isEmpty() && ref.first().time() <= 250) {
            refLog.add(ref.pollFirst().id());
        }
        assertThat(engineLog).isEqualTo(refLog);
        assertThat(e.executed()).isEqualTo(refLog.size());
        assertThat(e.now()).isEqualTo(250.0);
        e.runUntil(Double.POSITIVE_INFINITY);
        while (!ref.isEmpty()) {
            refLog.add(ref.pollFirst().id());
        }
        assertThat(engineLog).isEqualTo(refLog);
        assertThat(e.pending()).isZero();
    }

    @Test
    void theDefaultClassKeepsInsertionOrderAmongTies() {
        // existing callers schedule without a class; they must keep exactly today's order
        Engine e = new Engine();
        List<Long> log = new ArrayList<>();
        EventHandler h = (k, a) -> log.add(a);
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            if (i % 2 == 0) {
                e.scheduleAt(1, h, 0, i);
            } else {
                e.scheduleAt(1, Engine.NORMAL, h, 0, i);
            }
            expected.add(i);
        }
        e.runUntil(2);
        assertThat(log).isEqualTo(expected);
    }
}
