package dev.tributary.sim.element.saga;

import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Topology;
import dev.tributary.sim.theory.ElementPrediction;
import dev.tributary.sim.theory.Flow;
import dev.tributary.sim.theory.Network;
import dev.tributary.sim.theory.Prediction;
import dev.tributary.sim.theory.Station;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A saga in the theory network. Each step's group is a station offered λ·v_i, where v_i, the mean
 * visits to step i per saga, counts its attempts (a geometric number truncated at retries + 1) and
 * the attempts of its compensation (needed when a later step fails). The coordinator is a station
 * offered one decision per start and per reply. The mean completion time is the sum over the steps
 * of the attempts times (step sojourn + coordinator visit), and the mean saga time weighs each
 * branch — completed, or failed at step k and compensated back — by its probability.
 *
 * <p>Approximate: every station is treated as M/G/c fed by a Poisson stream at its total visit rate
 * (Jackson/Kleinrock independence): the merged first attempts, retries and compensations are
 * neither Poisson nor independent of the sojourn they follow; timeouts are assumed never to fire.
 */
final class SagaTheory implements Network.ChannelNode {

    private final SagaSpec spec;
    private final Topology topology;

    SagaTheory(SagaSpec spec, Topology topology) {
        this.spec = spec;
        this.topology = topology;
    }

    @Override
    public String id() {
        return spec.id();
    }

    /** The numbers of the flow that do not depend on waiting times: branch probabilities and visits. */
    record Flows(int n, double[] attempts, double[] attemptsIfOk, double[] success, double[] reach, double[] failAt,
                 double[] compAttempts, double[] compFail, double[] visits, double completed, double compensated,
                 double failed, double stepVisits) {
    }

    /** E[attempts] of an action failing with p per attempt, at most a attempts: (1 − p^a)/(1 − p). */
    static double meanAttempts(double p, int a) {
        return p >= 1 ? a : (1 - Math.pow(p, a)) / (1 - p);
    }

    /** E[attempts | one succeeds within a]: Σ k p^(k−1)(1−p) / (1 − p^a), k = 1 … a. */
    static double meanAttemptsIfOk(double p, int a) {
        if (p <= 0) {
            return 1;
        }
        if (p >= 1) {
            return a;
        }
        double sum = 0;
        for (int k = 1; k <= a; k++) {
            sum += k * Math.pow(p, k - 1) * (1 - p);
        }
        return sum / (1 - Math.pow(p, a));
    }

    Flows flows() {
        int n = spec.steps().size();
        ConsumerSpec[] g = handlers();
        double[] att = new double[n];
        double[] attOk = new double[n];
        double[] succ = new double[n];
        double[] reach = new double[n + 1];
        double[] failAt = new double[n];
        double[] compAtt = new double[n];
        double[] compFail = new double[n];
        reach[0] = 1;
        for (int i = 0; i < n; i++) {
            int a = spec.steps().get(i).retries() + 1;
            double f = g[i] == null || g[i].failures() == null ? 0 : g[i].failures().probability();
            double q = g[i] == null ? 0 : ((StepOptions) g[i].options()).compensationFailures();
            att[i] = meanAttempts(f, a);
            attOk[i] = meanAttemptsIfOk(f, a);
            succ[i] = 1 - Math.pow(f, a);
            reach[i + 1] = reach[i] * succ[i];
            failAt[i] = reach[i] * (1 - succ[i]);
            compAtt[i] = meanAttempts(q, a);
            compFail[i] = Math.pow(q, a);
        }
        double[] visits = new double[n];
        double total = 0;
        double compensated = 0;
        for (int i = 0; i < n; i++) {
            double later = 0;
            for (int k = i + 1; k < n; k++) {
                later += failAt[k];
            }
            visits[i] = reach[i] * att[i] + (spec.steps().get(i).compensation() != null ? later * compAtt[i] : 0);
            total += visits[i];
            double allUndone = 1;
            for (int j = 0; j < i; j++) {
                if (spec.steps().get(j).compensation() != null) {
                    allUndone *= 1 - compFail[j];
                }
            }
            compensated += failAt[i] * allUndone;
        }
        double completed = reach[n];
        return new Flows(n, att, attOk, succ, reach, failAt, compAtt, compFail, visits, completed, compensated,
                1 - completed - compensated, total);
    }

    private ConsumerSpec[] handlers() {
        ConsumerSpec[] g = new ConsumerSpec[spec.steps().size()];
        for (ConsumerSpec c : topology.consumersOf(spec.id())) {
            if (c.options() instanceof StepOptions o && spec.stepIndex(o.step()) >= 0) {
                g[spec.stepIndex(o.step())] = c;
            }
        }
        return g;
    }

    private int stepOf(String group) {
        for (ConsumerSpec c : topology.consumersOf(spec.id())) {
            if (c.id().equals(group) && c.options() instanceof StepOptions o) {
                return spec.stepIndex(o.step());
            }
        }
        return -1;
    }

    private Prediction station(Network.Group g, Network net) {
        int i = stepOf(g.id());
        double lambda = net.inflowOf(spec.id()).rate() * (i < 0 ? 0 : flows().visits()[i]);
        Prediction p = new Station(lambda, 1, g.instances(), g.service(), Integer.MAX_VALUE).predict();
        return p.named(p.model(), "the step's group as " + p.model() + " offered λ·v = " + Network.fmt(lambda)
                        + "/s: the saga's rate times the step's mean attempts and compensation attempts per saga")
                .approximate("saga: the step's first attempts, retries and compensations are treated as one Poisson"
                        + " stream (they are neither Poisson nor independent)", Prediction.Errs.EITHER);
    }

    private Prediction coordinator(Network net) {
        double lambda = net.inflowOf(spec.id()).rate() * (1 + flows().stepVisits());
        return new Station(lambda, 1, spec.instances(), spec.decision(), Integer.MAX_VALUE).predict()
                .approximate("saga: the starts and the replies are treated as one Poisson stream of decisions",
                        Prediction.Errs.EITHER);
    }

    @Override
    public Network.GroupLoad load(Network.Group g, Network net) {
        Prediction p = station(g, net);
        int i = stepOf(g.id());
        Flow in = net.inflowOf(spec.id()).scaled(i < 0 ? 0 : flows().visits()[i]);
        return new Network.GroupLoad(in, p.lambda(), p.throughput(), 1, false, p);
    }

    @Override
    public ElementPrediction group(Network.Group g, Network net) {
        return new ElementPrediction(g.id(), "consumer-group", station(g, net), Map.of());
    }

    @Override
    public ElementPrediction channel(Network net) {
        Flows f = flows();
        double lambda = net.inflowOf(spec.id()).rate();
        Prediction coord = spec.orchestrated() ? coordinator(net) : null;
        double wc = coord == null ? 0 : coord.W();
        boolean stable = coord == null || coord.stable();
        double[] w = new double[f.n()];
        for (ConsumerSpec c : topology.consumersOf(spec.id())) {
            int i = stepOf(c.id());
            if (i >= 0) {
                Prediction p = new Station(lambda * f.visits()[i], 1, c.instances(), c.service(), Integer.MAX_VALUE)
                        .predict();
                w[i] = p.W();
                stable &= p.stable();
            }
        }
        // completed: every step succeeds; each attempt is one step sojourn plus one coordinator decision (its reply)
        double done = wc;
        for (int i = 0; i < f.n(); i++) {
            done += f.attemptsIfOk()[i] * (w[i] + wc);
        }
        // failed at step k: the steps before it, its own attempts (all failed), then the compensations back
        double mean = f.completed() * done;
        for (int k = 0; k < f.n(); k++) {
            double t = wc;
            for (int i = 0; i < k; i++) {
                t += f.attemptsIfOk()[i] * (w[i] + wc);
            }
            t += (spec.steps().get(k).retries() + 1) * (w[k] + wc);
            for (int j = 0; j < k; j++) {
                if (spec.steps().get(j).compensation() != null) {
                    t += f.compAttempts()[j] * (w[j] + wc);
                }
            }
            mean += f.failAt()[k] * t;
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        List<String> caveats = new ArrayList<>();
        caveats.add((spec.orchestrated() ? "each step and the coordinator are M/G/c stations" : "each step is an M/G/c station")
                + " fed by Poisson streams at their visit rates (Kleinrock's independence); the merged attempts and"
                + " compensations are not Poisson");
        if (spec.steps().stream().anyMatch(s -> s.timeout() > 0)) {
            caveats.add("timeouts are assumed never to fire: where they do, the run has more retries and timed-out"
                    + " sagas than predicted, and the prediction's completion time errs low");
        }
        extra.put("model", spec.orchestrated() ? "saga (orchestration)" : "saga (choreography)");
        extra.put("reason", (spec.orchestrated()
                ? "completion time = Σ attempts × (step sojourn + coordinator decision) + the start's decision"
                : "completion time = Σ attempts × step sojourn (no coordinator)")
                + "; the compensation branch weighted by each step's failure probability");
        extra.put("exact", false);
        extra.put("errs", Prediction.Errs.EITHER);
        extra.put("caveats", caveats);
        extra.put("stable", stable);
        extra.put("throughput", lambda);
        extra.put("completedShare", f.completed());
        extra.put("compensatedShare", f.compensated());
        extra.put("failedShare", f.failed());
        extra.put("completionTime", Map.of("mean", done));
        extra.put("W", mean);
        extra.put("L", lambda * mean);
        extra.put("messagesPerSaga", spec.orchestrated() ? 1 + 2 * f.stepVisits() : f.stepVisits());
        if (coord != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("utilization", coord.utilization());
            c.put("W", coord.W());
            extra.put("coordinator", c);
        }
        return new ElementPrediction(spec.id(), SagaKind.WORD, null, extra);
    }
}
