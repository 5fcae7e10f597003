package dev.tributary.sim.cli;

import dev.tributary.sim.report.RunSize;
import dev.tributary.sim.format.ScenarioException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless runner: {@code java -jar tributary.jar run|validate|predict|plan|compare|sweep|bench|examples}.
 * Exit codes: 0 ok, 2 invalid input (the message says why), 1 internal failure.
 */
@Command(name = "tributary", mixinStandardHelpOptions = true, version = "Tributary 0.1.0",
        description = "Simulate event-driven architectures and compare them with queueing theory.",
        subcommands = {RunCommand.class, ValidateCommand.class, PredictCommand.class, PlanCommand.class, CompareCommand.class, SweepCommand.class, BenchCommand.class,
                ExamplesCommand.class, KindsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    /** Exit code for invalid input. */
    public static final int INVALID_INPUT = 2;
    /** Exit code for an internal failure. */
    public static final int INTERNAL_ERROR = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code tributary} alone: no command was given, which is a usage error. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("error: expected a command such as 'run', 'validate' or 'plan'");
        spec.commandLine().usage(err);
        err.flush();
        return INVALID_INPUT;
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
        cl.setExecutionExceptionHandler((ex, line, parse) -> handle(ex, err));
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // picocli lets errors through; they must not end in a stack trace either
            code = handle(e, err);
        }
        out.flush();
        err.flush();
        return code;
    }

    /** The exit code for what a command threw, with its message on {@code err} (never a stack trace unless asked). */
    static int handle(Throwable ex, PrintWriter err) {
        if (ex instanceof ScenarioException se) {
            err.println(se.getMessage());
            return INVALID_INPUT;
        }
        if (ex instanceof InvalidInputException || ex instanceof RunSize.Refused) {
            err.println("error: " + ex.getMessage());
            return INVALID_INPUT;
        }
        if (ex instanceof java.io.IOException io) {
            err.println("error: cannot write output: " + io.getMessage());
            return INVALID_INPUT;
        }
        for (Throwable c = ex; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                // a run whose backlog outgrew the heap: too big for this machine (or this -Xmx), not a bug
                err.printf(java.util.Locale.ROOT, "error: the run ran out of memory (this Java may use %s): its"
                        + " backlogs, replications or series outgrew it; shorten the run (--duration), use fewer"
                        + " replications, bound the queues (capacity) or give Java more memory (java -Xmx8g -jar ...)%n",
                        RunSize.bytes(Runtime.getRuntime().maxMemory()));
                return INVALID_INPUT;
            }
        }
        err.println("internal error: " + ex);
        if (System.getenv("TRIBUTARY_DEBUG") != null) {
            ex.printStackTrace(err);
        } else {
            err.println("(set TRIBUTARY_DEBUG=1 for the stack trace, and please report it)");
        }
        return INTERNAL_ERROR;
    }
}
