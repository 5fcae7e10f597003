package dev.tributary.app.main;

import dev.tributary.sim.scenario.Scenario;
import java.util.function.UnaryOperator;

/**
 * The what-if panel of one run: each change applies at once (the predictions move and the run
 * restarts from t = 0 with the changed scenario); revert goes back to the scenario as loaded.
 */
public final class WhatIfViewModel {

    private final RunViewModel run;

    WhatIfViewModel(RunViewModel run) {
        this.run = run;
    }

    /** Multiplies a producer's rate (applied at once: predictions move, the run restarts). */
    public void setProducerRate(String producerId, double perSecond) {
        change(s -> s.withProducer(producerId, p -> p.withArrivals(
                p.arrivals().scaled(perSecond / p.arrivals().meanRate(s.duration())))));
    }

    /** Sets a group's instance count. */
    public void setInstances(String groupId, int n) {
        change(s -> s.withConsumer(groupId, c -> c.withInstances(Math.max(1, n))));
    }

    /** Sets a group's mean service time, keeping the law's shape. */
    public void setServiceMean(String groupId, double seconds) {
        change(s -> s.withConsumer(groupId, c -> c.withService(c.service().scaled(seconds / c.service().mean()))));
    }

    /** Sets a stream's partition count. */
    public void setPartitions(String streamId, int n) {
        change(s -> s.withChannel(streamId, c -> c.withLanes(Math.max(1, n))));
    }

    /** Goes back to the scenario as loaded. */
    public void revert() {
        if (run.original() != null) {
            run.apply(run.original());
        }
    }

    /** Applies any change to the run's scenario (the run restarts with it). */
    public void change(UnaryOperator<Scenario> change) {
        Scenario s = run.scenarioProperty().get();
        if (s == null) {
            return;
        }
        run.apply(change.apply(s));
    }
}
