package canopy.cli;

import canopy.engine.Progress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Engine progress as stage lines on stderr, at most one every half second ("canopy: packing trees 42%").
 * Silent unless enabled: the commands enable it when --progress is given or when the process has a
 * terminal, so tests and pipes stay clean. Never cancelled.
 */
final class StderrProgress implements Progress {
    static final long INTERVAL_NANOS = 500_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final LongSupplier clock;
    private long last;
    private boolean printed;

    StderrProgress(PrintWriter err, boolean enabled) {
        this(err, enabled, System::nanoTime);
    }

    StderrProgress(PrintWriter err, boolean enabled, LongSupplier clock) {
        this.err = err;
        this.enabled = enabled;
        this.clock = clock;
    }

    /** On with --progress; otherwise on only when the process has a terminal (Java 17: System.console()). */
    static StderrProgress forCommand(PrintWriter err, boolean progressOption) {
        return new StderrProgress(err, progressOption || System.console() != null);
    }

    boolean enabled() {
        return enabled;
    }

    @Override
    public synchronized void report(String stage, double fraction) {
        if (!enabled) {
            return;
        }
        long now = clock.getAsLong();
        if (printed && now - last < INTERVAL_NANOS) {
            return;
        }
        printed = true;
        last = now;
        err.println(fraction < 0 ? "canopy: " + stage + " …"
                : String.format(Locale.ROOT, "canopy: %s %.0f%%", stage, Math.min(1, fraction) * 100));
        err.flush();
    }

    /** A line of the command's own (e.g. the benchmark's current case), printed whenever enabled. */
    synchronized void say(String line) {
        if (!enabled) {
            return;
        }
        printed = true;
        last = clock.getAsLong();
        err.println("canopy: " + line);
        err.flush();
    }

    @Override
    public boolean isCancelled() {
        return false;
    }
}
