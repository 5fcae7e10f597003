package dev.tributary.sim.element;

/** What membership faults can do to one member of a consumer group (instances counted from 1). */
public interface MemberControl {

    /** Instance {@code n} dies without a goodbye (SIGKILL): the group notices at its session timeout. */
    void crash(int n);

    /** Instance {@code n} finishes its record, commits and leaves the group (a graceful shutdown). */
    void stop(int n);

    /** Instance {@code n} starts: a restart of a stopped or crashed member, or a new one (scale out). */
    void start(int n);

    /** Instance {@code n} gets stuck ({@code on}) after its current record and stops polling, or recovers. */
    void pause(int n, boolean on);
}
