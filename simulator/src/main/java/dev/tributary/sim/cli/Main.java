package dev.tributary.sim.cli;

import dev.tributary.sim.format.ScenarioException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless runner: {@code java -jar tributary.jar run|validate|predict|plan|compare|bench|examples}.
 * Exit codes: 0 ok, 2 invalid input (the message says why), 1 internal failure.
 */
@Command(name = "tributary", mixinStandardHelpOptions = true, version = "Tributary 0.1.0",
        description = "Simulate event-driven architectures and compare them with queueing theory.",
        subcommands = {RunCommand.class, ValidateCommand.class, PredictCommand.class, PlanCommand.class, CompareCommand.class, BenchCommand.class,
                ExamplesCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code for invalid input. */
    public static final int INVALID_INPUT = 2;
    /** Exit code for an internal failure. */
    public static final int INTERNAL_ERROR = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the CLI and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (for tests and embedding). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            if (ex instanceof ScenarioException se) {
                err.println(se.getMessage());
                return INVALID_INPUT;
            }
            if (ex instanceof InvalidInputException ie) {
                err.println("error: " + ie.getMessage());
                return INVALID_INPUT;
            }
            if (ex instanceof java.io.IOException io) {
                err.println("error: cannot write output: " + io.getMessage());
                return INVALID_INPUT;
            }
            err.println("internal error: " + ex);
            if (System.getenv("TRIBUTARY_DEBUG") != null) {
                ex.printStackTrace(err);
            } else {
                err.println("(set TRIBUTARY_DEBUG=1 for the stack trace, and please report it)");
            }
            return INTERNAL_ERROR;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
