package dev.tributary.sim.failure;

import dev.tributary.sim.value.Durations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a consumer group's processing fails and what happens next (the {@code failures:} block).
 *
 * @param probability the failure probability of one attempt (when {@code byType} is empty)
 * @param byType      event type → failure probability of one attempt; types not named never fail
 * @param poison      share of events whose payload fails every attempt
 * @param failedCost  the share of a service time that a failed attempt takes (1 = as long as a success)
 * @param retries     attempts after the first
 * @param backoff     the wait before each retry (blocking and requeue)
 * @param mode        what a failed attempt with attempts left does
 * @param stageDelays for {@link RetryMode#RETRY_TOPICS}: the delay of each retry stage (one per retry)
 * @param dlq         the channel that receives events out of attempts, or null (they are dropped and counted)
 */
public record FailureSpec(double probability, Map<String, Double> byType, double poison, double failedCost,
                          int retries, Backoff backoff, RetryMode mode, List<Double> stageDelays, String dlq) {

    /** Most retries a group may make. */
    public static final int MAX_RETRIES = 100;

    public FailureSpec {
        byType = Collections.unmodifiableMap(new LinkedHashMap<>(byType));
        stageDelays = List.copyOf(stageDelays);
    }

    /** The failure probability of one attempt of an event of this type (poison aside). */
    public double probabilityOf(String type) {
        return byType.isEmpty() ? probability : byType.getOrDefault(type, 0.0);
    }

    /** The number of retry stages (retry topics), 0 in the other modes. */
    public int stages() {
        return mode == RetryMode.RETRY_TOPICS ? retries : 0;
    }

    /** The id of the group's retry stage {@code k} (1-based): {@code GROUP-retry-k}. */
    public static String stageId(String group, int k) {
        return group + "-retry-" + k;
    }

    /** The ids of a group's retry stages. */
    public List<String> stageIds(String group) {
        List<String> out = new ArrayList<>();
        for (int k = 1; k <= stages(); k++) {
            out.add(stageId(group, k));
        }
        return out;
    }

    /** In words, for the app's details panel and reasons. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (byType.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "fails with p = %s", num(probability)));
        } else {
            sb.append("fails with p = ").append(byType);
        }
        if (poison > 0) {
            sb.append(", poison ").append(num(poison));
        }
        sb.append(", ").append(retries).append(retries == 1 ? " retry" : " retries");
        if (retries > 0) {
            sb.append(" (").append(mode.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            if (mode == RetryMode.RETRY_TOPICS) {
                sb.append(": ").append(String.join(", ", stageDelays.stream().map(Durations::format).toList()));
            } else {
                sb.append(", backoff ").append(backoff.describe());
            }
            sb.append(')');
        }
        sb.append(dlq == null ? ", then dropped" : ", then DLQ " + dlq);
        return sb.toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
