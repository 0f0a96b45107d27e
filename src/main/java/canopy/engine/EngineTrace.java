package canopy.engine;

/**
 * Diagnostic lines on stderr about where the engine's time goes (rounds of switch splitting, their
 * checks and repairs, switches split pair by pair, roots packed the exact way), printed only when
 * the environment variable CANOPY_TRACE is set. For profiling new topology classes; not an interface.
 */
final class EngineTrace {
    static final boolean ON = System.getenv("CANOPY_TRACE") != null;

    private EngineTrace() {
    }

    /** This thread's CPU time (wall time where the JVM does not measure it): phases timed under load. */
    static long cpuNanos() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        return bean.isCurrentThreadCpuTimeSupported() ? bean.getCurrentThreadCpuTime() : System.nanoTime();
    }

    static void line(String format, Object... args) {
        if (ON) {
            System.err.printf(format + "%n", args);
        }
    }
}
