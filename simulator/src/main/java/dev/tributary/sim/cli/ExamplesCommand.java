package dev.tributary.sim.cli;

import dev.tributary.sim.scenario.Examples;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code examples}: list the bundled example scenarios. */
@Command(name = "examples", mixinStandardHelpOptions = true,
        description = "List the bundled example scenarios (use them as example:NAME).")
final class ExamplesCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        for (Examples.Example e : Examples.list()) {
            spec.commandLine().getOut().printf("example:%-28s %s%n", e.name(), e.title());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
