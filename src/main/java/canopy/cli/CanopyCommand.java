package canopy.cli;

import canopy.io.InvalidInputException;
import canopy.model.Messages;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code canopy} command. Each subcommand is its own class in this package, registered in
 * {@code subcommands} below. No JavaFX here: canopy.Main runs this without starting the toolkit.
 *
 * <p>Exit codes: 0 success; 2 bad input (usage errors, {@link BadInputException}, a missing file), one
 * line on stderr; 1 internal error, one line and a hint, with the stack trace only under {@code --debug}
 * or {@code CANOPY_DEBUG=1}.
 */
@Command(name = "canopy",
        mixinStandardHelpOptions = true,
        version = "0.1.0",
        description = "Optimal collective-communication schedules (allgather, reduce-scatter, allreduce) "
                + "on accelerator networks.%nRun without arguments to open the designer.",
        commandListHeading = "%nCommands:%n",
        subcommands = {
            BoundCommand.class,
            ScheduleCommand.class,
            ValidateCommand.class,
            VerifyCommand.class,
            AnalyzeCommand.class,
            GenerateCommand.class,
            BenchCommand.class,
            ExportMscclCommand.class,
            DesignerCommand.class,
            WhatIfCommand.class,
            ImportCommand.class,
            ExportGraphmlCommand.class,
            CommandLine.HelpCommand.class,
            BenchUiCommand.class,
            CompareCommand.class,
            RenderCommand.class,
        })
public final class CanopyCommand implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an internal error (also CANOPY_DEBUG=1).")
    boolean debug;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: name one, or see 'canopy --help'.");
    }

    /** A command line with Canopy's error handling and exit codes. */
    public static CommandLine newCommandLine() {
        CommandLine cmd = new CommandLine(new CanopyCommand());
        cmd.setParameterExceptionHandler(CanopyCommand::onParameterException);
        cmd.setExecutionExceptionHandler(CanopyCommand::onExecutionException);
        return cmd;
    }

    /** Runs the command line on these arguments and returns the exit code. */
    public static int run(String... args) {
        CommandLine cmd = newCommandLine();
        try {
            return cmd.execute(args);
        } catch (OutOfMemoryError e) {
            // Thrown past picocli's handlers (an Error): still one line, no stack trace.
            PrintWriter err = cmd.getErr();
            err.println("canopy: out of memory (Java heap of " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB): the input is too large for this heap; a larger one (java -Xmx...) may help");
            err.flush();
            return EXIT_BAD_INPUT;
        } catch (StackOverflowError e) {
            PrintWriter err = cmd.getErr();
            err.println("canopy: internal error: stack overflow (input nested too deeply?); this is a bug");
            err.flush();
            return EXIT_INTERNAL;
        }
    }

    private static int onParameterException(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("canopy: " + Messages.oneLine(e.getMessage()) + " (see 'canopy --help')");
        err.flush();
        return EXIT_BAD_INPUT;
    }

    private static int onExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean badInput = isBadInput(e);
        if (badInput) {
            err.println("canopy: " + Messages.oneLine(badInputMessage(e)));
        } else {
            err.println("canopy: internal error: " + Messages.oneLine(e.toString()));
            if (debugRequested(parseResult)) {
                e.printStackTrace(err);
            } else {
                err.println("canopy: this is a bug; run again with --debug (or CANOPY_DEBUG=1) for the stack trace");
            }
        }
        err.flush();
        return badInput ? EXIT_BAD_INPUT : EXIT_INTERNAL;
    }

    /** Errors the user can fix: exit 2. */
    static boolean isBadInput(Throwable e) {
        return e instanceof BadInputException
                || e instanceof NoSuchFileException
                || e instanceof FileNotFoundException
                || e instanceof InvalidInputException
                || e instanceof canopy.engine.ScheduleTooLargeException
                || e instanceof IOException; // a directory, no permission, a full or read-only file system
    }

    private static String badInputMessage(Throwable e) {
        if (e instanceof NoSuchFileException nsf) {
            return "no such file: " + nsf.getFile();
        }
        if (e instanceof IOException io && !(e instanceof FileNotFoundException)) {
            return "I/O error: " + Cli.reason(io);
        }
        return e.getMessage();
    }

    private static boolean debugRequested(ParseResult parseResult) {
        if ("1".equals(System.getenv("CANOPY_DEBUG"))) {
            return true;
        }
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
