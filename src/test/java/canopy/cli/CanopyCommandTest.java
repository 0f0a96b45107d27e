package canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

class CanopyCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = CanopyCommand.newCommandLine();
        cmd.addSubcommand(new Failing());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    /** A stand-in subcommand that fails the way real ones may. */
    @Command(name = "fail")
    static final class Failing implements Callable<Integer> {
        @Parameters
        String how;

        @Override
        public Integer call() throws Exception {
            switch (how) {
                case "bad" -> throw new BadInputException("node x: unknown kind 'gpu'");
                case "missing" -> throw new NoSuchFileException("nope.json");
                default -> throw new IllegalStateException("broken invariant");
            }
        }
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        assertEquals(0, run("--help"));
        String usage = out.toString();
        assertTrue(usage.startsWith("Usage: canopy"), usage);
        assertTrue(usage.contains("collective-communication schedules"), usage);
        assertTrue(usage.contains("--version"), usage);
        assertTrue(usage.contains("--debug"), usage);
        assertEquals("", err.toString());
    }

    @Test
    void versionIs010() {
        assertEquals(0, run("--version"));
        assertEquals("0.1.0", out.toString().trim());
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        assertEquals(2, run("--no-such-option"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("canopy: "), err.toString());

        err.getBuffer().setLength(0);
        assertEquals(2, run("no-such-command"));
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("Missing command"), err.toString());
    }

    @Test
    void badInputExitsTwoWithOneLineAndNoStackTrace() {
        assertEquals(2, run("fail", "bad"));
        assertEquals("canopy: node x: unknown kind 'gpu'", err.toString().strip());

        err.getBuffer().setLength(0);
        assertEquals(2, run("fail", "missing"));
        assertEquals("canopy: no such file: nope.json", err.toString().strip());
    }

    @Test
    void internalErrorExitsOneWithHintAndNoStackTrace() {
        assertEquals(1, run("fail", "boom"));
        String text = err.toString();
        assertTrue(text.startsWith("canopy: internal error: java.lang.IllegalStateException: broken invariant"), text);
        assertTrue(text.contains("--debug"), text);
        assertFalse(text.contains("\tat "), text);
    }

    @Test
    void debugPrintsTheStackTrace() {
        assertEquals(1, run("--debug", "fail", "boom"));
        assertTrue(err.toString().contains("\tat "), err.toString());

        err.getBuffer().setLength(0);
        assertEquals(1, run("fail", "--debug", "boom"));
        assertTrue(err.toString().contains("\tat "), err.toString());
    }
}
