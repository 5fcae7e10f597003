package dev.tributary.sim.theory;

/**
 * Closed forms for a Kafka consumer group in motion: committed lag under periodic commits, the
 * records a crash re-delivers, how long a dead member's partitions wait, and the load on the
 * survivors. All are approximations; each says which way it errs.
 */
public final class GroupDynamics {

    private GroupDynamics() {
    }

    /**
     * Time-average committed lag under auto-commit every {@code interval}: L + λ·interval/2. The
     * committed offset trails the processed position by what was processed since the last commit,
     * λ·age, and the age of the last commit is uniform on [0, interval) (renewal-reward, mean
     * interval/2). Errs low: a busy member commits at its next poll, a little after the interval.
     */
    public static double committedLag(double l, double lambda, double interval) {
        return l + lambda * interval / 2;
    }

    /**
     * Records a crash re-delivers under at-least-once with auto-commit: those its partitions
     * processed since the last commit, λ_p·interval/2 on average (a crash falls uniformly in the
     * commit cycle). Errs low for the same reason as {@link #committedLag}; exact in the mean when
     * the member is never busy at a commit.
     */
    public static double duplicatesPerCrash(double lambdaMember, double interval) {
        return lambdaMember * interval / 2;
    }

    /**
     * Expected time a crashed member's partitions have no live owner. Classic protocol: its session
     * expires {@code sessionTimeout} after its last heartbeat, which came on average half a heartbeat
     * before the crash; then the group syncs. KIP-848 ({@code incremental}): the new owner learns of the
     * partition at its next heartbeat, half a heartbeat later on average. Errs low under eager
     * rebalancing: the sync also waits for every survivor to finish its poll.
     */
    public static double orphanSeconds(double sessionTimeout, double heartbeat, double sync, boolean heartbeatPaced) {
        return sessionTimeout - heartbeat / 2 + (heartbeatPaced ? heartbeat / 2 : sync);
    }

    /**
     * The largest utilisation among members once the partitions are dealt as {@code assignment}
     * (member → partitions) with {@code partitionRates} and service rate {@code mu}: above 1, that
     * member's lag grows without bound (ρ = Σ λ_p / μ over its partitions).
     */
    public static double busiestUtilization(int[][] assignment, double[] partitionRates, double mu) {
        double max = 0;
        for (int[] parts : assignment) {
            double lambda = 0;
            for (int p : parts) {
                lambda += partitionRates[p];
            }
            max = Math.max(max, lambda / mu);
        }
        return max;
    }
}
