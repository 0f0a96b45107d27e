package canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StderrProgressTest {
    @Test
    void printsAtMostOneLineEveryHalfSecond() {
        StringWriter w = new StringWriter();
        AtomicLong now = new AtomicLong();
        StderrProgress p = new StderrProgress(new PrintWriter(w), true, now::get);
        p.report("packing trees", 0.1);
        now.addAndGet(100_000_000L);
        p.report("packing trees", 0.2);
        now.addAndGet(450_000_000L);
        p.report("packing trees", 0.456);
        p.report("bound", -1);
        assertEquals("canopy: packing trees 10%\ncanopy: packing trees 46%\n", w.toString().replace("\r", ""));
        now.addAndGet(600_000_000L);
        p.report("bound", -1);
        assertEquals("canopy: bound …", w.toString().lines().reduce((a, b) -> b).orElse(""));
    }

    @Test
    void silentWhenDisabled() {
        StringWriter w = new StringWriter();
        StderrProgress p = new StderrProgress(new PrintWriter(w), false, () -> 0);
        p.report("packing trees", 0.5);
        p.say("bench: x");
        assertEquals("", w.toString());
    }
}
