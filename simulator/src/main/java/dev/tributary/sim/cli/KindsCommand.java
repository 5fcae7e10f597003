package dev.tributary.sim.cli;

import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.scenario.ElementKinds;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code kinds}: the channel kinds this build knows, with their keys, straight from the registry. */
@Command(name = "kinds", mixinStandardHelpOptions = true,
        description = "List the channel kinds (the words after 'type:') with the keys each accepts.")
final class KindsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (ChannelKind k : ElementKinds.standard().channels()) {
            out.printf("type: %s%n  %s%n", k.word(), k.summary());
            print(out, k.keys());
            if (!k.consumerKeys().isEmpty()) {
                out.printf("  a consumer of a %s may also have:%n", k.word());
                print(out, k.consumerKeys());
            }
            out.println();
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, Map<String, String> keys) {
        keys.forEach((key, what) -> out.printf("    %-13s %s%n", key, what));
    }
}
