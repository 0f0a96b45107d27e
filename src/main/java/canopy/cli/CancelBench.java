package canopy.cli;

import canopy.engine.CancelledException;
import canopy.engine.CollectiveScheduler;
import canopy.engine.Progress;
import canopy.engine.Schedulers;
import canopy.model.Collective;
import canopy.model.Topology;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench --cancel}: how long the engine takes to stop once cancelled, in each phase. Each algorithm
 * of the registry runs on a worker thread and is cancelled at each moment of a list (0.2, 1, 3, 10 s), a
 * fresh run for each; a run that ends on its own before a moment gives the run's length L, and one more
 * run is cancelled at 0.9 L, as late as the run lasts. A cancel is measured from the request (the flag
 * the run's {@link Progress#isCancelled()} returns from then on, set by this thread as the designer's
 * Cancel button does) to the run's {@link CancelledException} (or its end, if it ended without noticing),
 * and filed under the stage the run last reported.
 */
final class CancelBench {
    /** Cancels that took longer are flagged: issue 10 asks for under a second in every phase. */
    static final long FLAG_NANOS = 1_000_000_000L;
    /** The size auto chooses for (its default): issue 10's auto allreduce row. */
    static final long AUTO_BYTES = 1L << 20;
    /** The phase of a run cancelled before its first report. */
    static final String BEFORE_ANY_REPORT = "(before any report)";
    /** How long to wait for a cancelled run to stop before giving up on it (it keeps running as a daemon). */
    static final long GIVE_UP_NANOS = 120_000_000_000L;

    private CancelBench() {
    }

    /** One algorithm as the bench runs it: the scheduler, its collective and request, and a label. */
    record Algorithm(CollectiveScheduler scheduler, Collective collective, CollectiveScheduler.Request request,
                     String label) {
    }

    /**
     * Every algorithm of the registry (or those named in only) with the collective it is timed on:
     * allgather where it schedules one, otherwise its first collective; an algorithm that takes a message
     * size (auto) runs allreduce at 1 MiB.
     */
    static List<Algorithm> algorithms(List<String> only) {
        List<Algorithm> out = new ArrayList<>();
        for (CollectiveScheduler s : Schedulers.ALL) {
            if (only != null && only.stream().noneMatch(s.name()::equalsIgnoreCase)) {
                continue;
            }
            if (s.options().contains(CollectiveScheduler.Option.MESSAGE_SIZE)) {
                out.add(new Algorithm(s, Collective.ALLREDUCE, CollectiveScheduler.Request.ofMessage(AUTO_BYTES),
                        s.name() + " allreduce 1 MiB"));
            } else {
                Collective c = s.supports(Collective.ALLGATHER) ? Collective.ALLGATHER : s.collectives().iterator().next();
                out.add(new Algorithm(s, c, CollectiveScheduler.Request.DEFAULT, s.name() + " " + c));
            }
        }
        return out;
    }

    /**
     * One cancel: the phase last reported when it was asked, how long the run took to stop, whether it
     * stopped on the cancel (not by running to its end), and where it was a second after the request if
     * it was still going (else null).
     */
    record Cancel(String phase, long latencyNanos, boolean noticed, String where) {
    }

    /** What one algorithm's runs on one topology gave: the cancels, the run's length if a run finished, or why it failed. */
    record Outcome(String label, List<Cancel> cancels, long finishedNanos, String failure) {
    }

    /** The progress of one run: remembers the last stage reported; cancelled once asked. */
    static final class Probe implements Progress {
        private volatile String stage = BEFORE_ANY_REPORT;
        private volatile boolean cancelled;

        @Override
        public void report(String stage, double fraction) {
            this.stage = stage;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        String stage() {
            return stage;
        }

        void cancel() {
            cancelled = true;
        }
    }

    /** One run being measured: started when made, cancelled at most once. */
    interface Trial extends AutoCloseable {
        /** Waits until the run ends or System.nanoTime() reaches deadline; true when it ended. */
        boolean awaitEndBy(long deadline) throws InterruptedException;

        /** The stage the run last reported. */
        String stage();

        /** Asks the run to stop; System.nanoTime() of the request, or -1 when the run had already ended. */
        long requestCancel() throws InterruptedException;

        long startNanos();

        /** System.nanoTime() at the end of a run that ended. */
        long endNanos();

        /** Whether a run that ended stopped on the cancel (rather than running to its end). */
        boolean stoppedOnCancel();

        /** The running thread's stack now. */
        StackTraceElement[] stack();

        /** Why a run that ended failed, or null. */
        String failure() throws InterruptedException;

        @Override
        default void close() {
        }
    }

    /** Starts a run. */
    @FunctionalInterface
    interface Start {
        Trial start() throws InterruptedException;
    }

    /** One engine run through the registry on a worker thread, timed to its end. */
    static final class EngineRun implements Trial {
        private final Probe probe = new Probe();
        private final Thread worker;
        private volatile long endNanos;
        private volatile boolean wasCancelled;
        private volatile Throwable failure;
        private final long startNanos;

        EngineRun(Topology t, Algorithm a) {
            worker = new Thread(() -> {
                try {
                    Schedulers.run(a.scheduler(), t, a.collective(), a.request(), probe, null);
                } catch (CancelledException e) {
                    wasCancelled = true;
                } catch (Throwable e) { // an engine error or out of memory: reported, the bench goes on
                    failure = e;
                } finally {
                    endNanos = System.nanoTime();
                }
            }, "canopy-cancel-bench");
            worker.setDaemon(true);
            startNanos = System.nanoTime();
            worker.start();
        }

        @Override
        public boolean awaitEndBy(long deadline) throws InterruptedException {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                worker.join(left / 1_000_000, (int) (left % 1_000_000));
            }
            return !worker.isAlive();
        }

        @Override
        public String stage() {
            return probe.stage();
        }

        @Override
        public long requestCancel() {
            long asked = System.nanoTime();
            probe.cancel();
            return asked;
        }

        @Override
        public long startNanos() {
            return startNanos;
        }

        @Override
        public long endNanos() {
            return endNanos;
        }

        @Override
        public boolean stoppedOnCancel() {
            return wasCancelled;
        }

        @Override
        public StackTraceElement[] stack() {
            return worker.getStackTrace();
        }

        @Override
        public String failure() {
            return failure == null ? null : describe(failure);
        }
    }

    /**
     * Cancels run now and waits for it to stop: the cancel (latency -1 when it did not stop within
     * {@link #GIVE_UP_NANOS}), or null when it ended before the request. A run still going a second after
     * the request has its place sampled then (the first frame of the project's code on its stack).
     */
    static Cancel cancel(Trial run) throws InterruptedException {
        String phase = run.stage();
        long asked = run.requestCancel();
        if (asked < 0) {
            return null;
        }
        String where = null;
        if (!run.awaitEndBy(asked + FLAG_NANOS)) {
            where = where(run.stack());
            if (!run.awaitEndBy(asked + GIVE_UP_NANOS)) {
                return new Cancel(phase, -1, false, where);
            }
        }
        long end = run.endNanos();
        return end < asked ? null : new Cancel(phase, end - asked, run.stoppedOnCancel(), where);
    }

    /** How many of the project's frames {@link #where} names. */
    static final int FRAMES_NAMED = 3;

    /**
     * "TreePacker.java:630 < ForestScheduler.java:221": the innermost frames of the project's own code
     * (at most {@link #FRAMES_NAMED}, innermost first), or "?" when none.
     */
    static String where(StackTraceElement[] stack) {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement e : stack) {
            if (e.getClassName().startsWith("canopy.") && frames.size() < FRAMES_NAMED) {
                frames.add(e.getFileName() == null ? e.getClassName() : e.getFileName() + ":" + e.getLineNumber());
            }
        }
        return frames.isEmpty() ? "?" : String.join(" < ", frames);
    }

    /**
     * A trial of start, cancelled at each of moments (seconds, ascending) in turn until a run ends on its
     * own, then once more at 0.9 of that run's length if that is later than the last moment cancelled.
     */
    static Outcome measure(String label, Start start, List<Double> moments) throws InterruptedException {
        List<Cancel> cancels = new ArrayList<>();
        double lastCancelled = 0;
        for (double m : moments) {
            Cancel c;
            long length;
            System.gc(); // each run starts with a clean heap, so a collection the last one left is not timed
            try (Trial run = start.start()) {
                if (run.awaitEndBy(run.startNanos() + (long) (m * 1e9))) {
                    if (run.failure() != null) {
                        return new Outcome(label, cancels, -1, run.failure());
                    }
                    length = run.endNanos() - run.startNanos();
                    c = null;
                } else {
                    c = cancel(run);
                    length = c == null ? run.endNanos() - run.startNanos() : -1;
                }
            }
            if (c != null && c.latencyNanos() < 0) {
                return new Outcome(label, cancels, -1, "did not stop within " + Cli.seconds(GIVE_UP_NANOS)
                        + " of a cancel in " + c.phase() + ", at " + c.where());
            }
            if (c != null) {
                cancels.add(c);
                lastCancelled = m;
                continue;
            }
            double late = 0.9 * length / 1e9;
            if (late > lastCancelled) {
                System.gc();
                try (Trial run = start.start()) {
                    if (!run.awaitEndBy(run.startNanos() + (long) (late * 1e9))) {
                        Cancel last = cancel(run);
                        if (last != null && last.latencyNanos() >= 0) {
                            cancels.add(last);
                        }
                    }
                }
            }
            return new Outcome(label, cancels, length, null);
        }
        return new Outcome(label, cancels, -1, null);
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** One line of a class's table: the cancels of one algorithm in one phase. */
    record PhaseRow(String algorithm, String phase, int cancels, long medianNanos, long maxNanos, boolean allNoticed,
                    String slowestWhere) {
        boolean flagged() {
            return maxNanos > FLAG_NANOS;
        }
    }

    /** The cancels of outcomes grouped by algorithm and phase, in the order they were first seen. */
    static List<PhaseRow> rows(List<Outcome> outcomes) {
        List<PhaseRow> out = new ArrayList<>();
        for (Outcome o : outcomes) {
            Map<String, List<Cancel>> byPhase = new LinkedHashMap<>();
            for (Cancel c : o.cancels()) {
                byPhase.computeIfAbsent(c.phase(), k -> new ArrayList<>()).add(c);
            }
            for (Map.Entry<String, List<Cancel>> e : byPhase.entrySet()) {
                long[] latencies = e.getValue().stream().mapToLong(Cancel::latencyNanos).toArray();
                Cancel slowest = e.getValue().get(0);
                for (Cancel c : e.getValue()) {
                    slowest = c.latencyNanos() > slowest.latencyNanos() ? c : slowest;
                }
                out.add(new PhaseRow(o.label(), e.getKey(), latencies.length, BenchCommand.median(latencies),
                        slowest.latencyNanos(), e.getValue().stream().allMatch(Cancel::noticed), slowest.where()));
            }
        }
        return out;
    }

    static final String[] HEADER = {"algorithm", "phase when cancelled", "cancels", "median", "max", ""};
    private static final int[] WIDTH = {30, 42, 7, 9, 9, 0};

    /**
     * Runs every case with every algorithm (and, with designer, the Schedule panel's forest allgather)
     * and prints a table per case as it finishes; returns how many rows were flagged (a cancel over a
     * second).
     */
    static int run(List<ScaleBench.Case> cases, List<Algorithm> algorithms, List<Double> moments, boolean designer,
                   PrintWriter out, StderrProgress p) throws InterruptedException {
        int flagged = 0;
        for (ScaleBench.Case c : cases) {
            p.say("bench --cancel: " + c.label());
            Topology t = c.topology().get();
            List<Outcome> outcomes = new ArrayList<>();
            for (Algorithm a : algorithms) {
                p.say("bench --cancel: " + c.label() + ", " + a.label());
                outcomes.add(measure(a.label(), () -> new EngineRun(t, a), moments));
            }
            if (designer) {
                p.say("bench --cancel: " + c.label() + ", " + DesignerCancelTrial.LABEL);
                outcomes.add(measure(DesignerCancelTrial.LABEL, () -> new DesignerCancelTrial(t), moments));
            }
            out.println(c.label() + ", " + t.acceleratorCount() + " accelerators:");
            flagged += print(out, outcomes, moments.get(moments.size() - 1));
        }
        return flagged;
    }

    /** One case's table, then how each run went uncancelled; returns how many rows were flagged. */
    private static int print(PrintWriter out, List<Outcome> outcomes, double lastMoment) {
        int flagged = 0;
        BenchCommand.printRow(out, HEADER, WIDTH);
        for (PhaseRow r : rows(outcomes)) {
            flagged += r.flagged() ? 1 : 0;
            BenchCommand.printRow(out, new String[] {r.algorithm(), r.phase(), Integer.toString(r.cancels()),
                millis(r.medianNanos()), millis(r.maxNanos()),
                ((r.flagged() ? "OVER 1 s" + (r.slowestWhere() == null ? "" : ", at " + r.slowestWhere() + " 1 s after")
                        : "") + (r.allNoticed() ? "" : " (ran to its end)")).strip()}, WIDTH);
        }
        List<String> notes = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.failure() != null) {
                notes.add(o.label() + " failed: " + o.failure());
            } else if (o.finishedNanos() >= 0) {
                notes.add(o.label() + " " + Cli.seconds(o.finishedNanos()));
            } else {
                notes.add(o.label() + " over " + BenchCommand.trim(lastMoment) + " s");
            }
        }
        out.println("  uncancelled: " + String.join("; ", notes));
        out.flush();
        return flagged;
    }

    /** "12.3 ms". */
    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
