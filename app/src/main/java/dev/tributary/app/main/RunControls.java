package dev.tributary.app.main;

/** What the run keys (Space, →, R, + and −) drive: one run, or several in lockstep. */
public interface RunControls {

    /** Plays or pauses. */
    void togglePlay();

    /** Runs one event. */
    void step();

    /** Back to t = 0. */
    void reset();

    /** One speed step faster. */
    void faster();

    /** One speed step slower. */
    void slower();
}
