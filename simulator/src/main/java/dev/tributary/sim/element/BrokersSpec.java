package dev.tributary.sim.element;

/**
 * {@code brokers: {count: 3, failover: 10s}}: the cluster a scenario's streams live on. Each
 * partition has {@code replication} replicas on distinct brokers (Kafka's placement), the first its
 * leader; broker ids are {@code broker-1} … {@code broker-N}.
 *
 * @param count    brokers in the cluster
 * @param failover how long after a leader's broker goes down a replica on a live broker takes over
 *                 (the controller noticing the dead broker, Kafka's broker session timeout, and the election)
 */
public record BrokersSpec(int count, double failover) {

    /** Most brokers a cluster may have. */
    public static final int MAX_COUNT = 1000;
    /** Default failover: about KRaft's broker session timeout (9 s) plus the election. */
    public static final double DEFAULT_FAILOVER = 10;

    /** The id of broker index {@code b} (0-based): {@code broker-(b+1)}. */
    public static String id(int b) {
        return "broker-" + (b + 1);
    }

    /** The index of broker id {@code id}, or −1 when it names none of this cluster. */
    public int indexOf(String id) {
        if (id == null || !id.matches("broker-[1-9][0-9]{0,3}")) {
            return -1;
        }
        int b = Integer.parseInt(id.substring("broker-".length())) - 1;
        return b < count ? b : -1;
    }
}
