package dev.tributary.sim.fault;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry of fault kinds, keyed by their action words; and the words planned for later. */
public final class FaultKinds {

    private static final List<FaultKind> STANDARD = List.of(FailFault.KIND, SlowFault.KIND, Redrive.KIND,
            MemberFault.CRASH, MemberFault.STOP, MemberFault.START, MemberFault.PAUSE, RateFault.KIND, DownFault.KIND);
    private static final Map<String, String> LATER = Map.of();

    private FaultKinds() {
    }

    /** The fault kinds Tributary ships, in registration order. */
    public static List<FaultKind> standard() {
        return STANDARD;
    }

    /** The kind whose action word is {@code word}, if any. */
    public static Optional<FaultKind> of(String word) {
        return STANDARD.stream().filter(k -> k.word().equals(word)).findFirst();
    }

    /** Action words of the format that later work will give meaning to, with what they will do. */
    public static Map<String, String> later() {
        return new LinkedHashMap<>(LATER);
    }
}
