package dev.tributary.sim.cli;

import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.format.ScenarioException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate FILE...}: check scenario files without running them. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check scenario files; print every problem with file, line, column and key. Exit 2 if any is invalid.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "SCENARIO", description = "Scenario files (or example:NAME).")
    List<String> files;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        int code = 0;
        for (String f : files) {
            try {
                Scenario s = ScenarioArgs.load(f);
                spec.commandLine().getOut().println(f + ": ok (" + count(s.producers().size(), "producer") + ", "
                        + count(s.channels().size(), "channel") + ", " + count(s.consumers().size(), "consumer group") + ")");
            } catch (ScenarioException e) {
                spec.commandLine().getErr().println(e.getMessage());
                code = Main.INVALID_INPUT;
            }
        }
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return code;
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
