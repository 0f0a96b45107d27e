package canopy.cli;

import canopy.engine.CancelledException;
import canopy.engine.ForestScheduler;
import canopy.engine.NetworkGraph;
import canopy.engine.Progress;
import canopy.engine.RingScheduler;
import canopy.generate.TopologyClasses;
import canopy.generate.TopologyGenerators;
import canopy.model.Collective;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Rational;
import canopy.model.Topology;
import canopy.model.TreeEdge;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code canopy bench}: forest allgather (and ring, for comparison) on generated topologies of growing
 * size, timed in this process.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time the engine on generated topologies: 2x DGX A100, 2x MI250, an 8x8 torus, then "
                + "DGX A100 clusters of 32, 64, 128, 256 … accelerators up to --max-accelerators.",
            "Per topology: the first (cold) forest allgather run is reported on its own; then --runs more "
                + "runs give the median. 'cold' is cold for the topology, in a JVM the earlier rows have "
                + "already warmed; only the first row is a cold process. Peak heap is the sum of the heap "
                + "pools' peak use during the row's runs (best effort; a GC runs before each row). Ring "
                + "allgather runs as many times for comparison.",
            "--scale: instead, these topology classes (three-tier fat tree, dragonfly, 3D torus, "
                + "random regular graph, heterogeneous leaf-spine, PCIe-tree servers, DGX A100, DGX H100 pod and "
                + "MI250 with NIC nodes, import nccl-xml of a DGX A100) at 256 and 1,024 accelerators "
                + "(--max-accelerators 4096 adds 4,096), forest allgather only.",
            "A row that runs past --row-timeout is cancelled through the engine's progress and printed as "
                + "'over N s'; the bench goes on.",
            "--cancel: instead, how fast a cancel stops each algorithm, per phase, on the --scale classes at "
                + "1,024 accelerators (--designer: also the Schedule panel's Cancel)."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Only the three small topologies and 32 accelerators; 1 run "
            + "unless --runs is given.")
    boolean quick;

    @Option(names = "--runs", paramLabel = "N",
            description = "Timed runs per topology after the cold one (default: 5; with --quick: 1).")
    Integer runs;

    @Option(names = "--max-accelerators", paramLabel = "N",
            description = "Largest DGX A100 cluster, in accelerators (default: 256; 1024 is opt-in); with --scale, "
                    + "the largest size (default: 1024; 4096 is opt-in).")
    Integer maxAccelerators;

    @Option(names = "--sizes", split = ",", paramLabel = "N",
            description = "DGX A100 cluster sizes in accelerators, multiples of 8, instead of 32, 64, 128 … "
                    + "(still capped by --max-accelerators); with --scale, the sizes (16 to 65536) instead of "
                    + "256, 1024, 4096.")
    List<Integer> sizes;

    @Option(names = "--scale", description = "Time the topology classes of real clusters at 256 and 1,024 accelerators "
            + "(and 4,096 with --max-accelerators 4096) instead of the usual rows.")
    boolean scale;

    @Option(names = "--only", split = ",", paramLabel = "CLASS",
            description = "With --scale, only these classes: ${COMPLETION-CANDIDATES}.",
            completionCandidates = ScaleClasses.class)
    List<String> only;

    @Option(names = "--row-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Cancel a row that runs longer and print it as 'over SECONDS s' (default: ${DEFAULT-VALUE}).")
    double rowTimeout;

    @Option(names = "--cancel", description = "Measure how fast a cancel stops the engine, per phase: every algorithm "
            + "on the --scale classes at 1,024 accelerators (--sizes, --only pick others), cancelled at each of "
            + "--cancel-at and late in a run that ends sooner; a table per class, cancels over 1 s flagged.")
    boolean cancel;

    @Option(names = "--cancel-at", split = ",", paramLabel = "SECONDS",
            description = "With --cancel, when to cancel, in seconds from the start, ascending (default: 0.2,1,3,10).")
    List<Double> cancelAt;

    @Option(names = "--algorithms", split = ",", paramLabel = "NAME",
            description = "With --cancel, only these algorithms: ${COMPLETION-CANDIDATES}.",
            completionCandidates = AlgorithmNames.class)
    List<String> algorithms;

    @Option(names = "--designer", description = "With --cancel, also the designer's Cancel: the Schedule panel's "
            + "forest allgather (its view-model on a worker and a UI thread, no window), timed to its cancelled state.")
    boolean designer;

    static final class AlgorithmNames extends ArrayList<String> {
        AlgorithmNames() {
            super(canopy.engine.Schedulers.names());
        }
    }

    static final class ScaleClasses extends ArrayList<String> {
        ScaleClasses() {
            super(ScaleBench.CLASSES);
        }
    }

    @Mixin
    ProgressOption progress;

    @Option(names = "--fat-trees", description = "Also two-level fat trees of 16 hosts a leaf and 8 spines (25 GB/s "
            + "hosts, 50 GB/s uplinks: full bisection) of 128, 256, 512 … hosts up to --max-accelerators.")
    boolean fatTrees;

    @Option(names = "--whatif", description = "Also time 'whatif --upgrade-rank' on 2x MI250 (with and without "
            + "tight-cut proofs).")
    boolean whatif;

    /** The fat trees' shape: 16 hosts under each leaf, every leaf linked to each of 8 spines. */
    static final int FAT_TREE_HOSTS_PER_LEAF = 16;
    static final int FAT_TREE_SPINES = 8;

    /** One measured row. */
    record Row(String topology, int accelerators, int switches, int arcs, long treesPerRoot, int distinctTrees,
               long coldNanos, long medianNanos, long ringMedianNanos, String ringRatio, long peakHeapBytes,
               long flowQueries, String over) {
    }

    @Override
    public Integer call() {
        int n = runs == null ? (quick ? 1 : 5) : runs;
        if (n < 1) {
            throw new BadInputException("--runs must be at least 1, not " + n);
        }
        if (!(rowTimeout > 0) || rowTimeout > 1e6) {
            throw new BadInputException("--row-timeout must be a number of seconds above 0 and at most 1000000, not "
                    + rowTimeout);
        }
        if (cancel) {
            return cancel();
        }
        if (cancelAt != null || algorithms != null || designer) {
            throw new BadInputException((cancelAt != null ? "--cancel-at" : algorithms != null ? "--algorithms"
                    : "--designer") + " is for --cancel");
        }
        if (scale) {
            return scale(n);
        }
        if (only != null) {
            throw new BadInputException("--only is for --scale");
        }
        int maxAccelerators = this.maxAccelerators == null ? 256 : this.maxAccelerators;
        // bounded by the generators' limit, so the doubling loops below cannot overflow an int
        if (maxAccelerators < 2 || maxAccelerators > TopologyClasses.MAX_ACCELERATORS) {
            throw new BadInputException("--max-accelerators must be from 2 to " + TopologyClasses.MAX_ACCELERATORS
                    + ", not " + maxAccelerators);
        }
        List<Integer> dgx = new ArrayList<>();
        if (sizes != null) {
            for (int s : sizes) {
                if (s < 8 || s % 8 != 0) {
                    throw new BadInputException("--sizes: " + s + " is not a positive multiple of 8 (DGX A100 boxes of 8 GPUs)");
                }
                requireWithin(s, maxAccelerators);
                dgx.add(s);
            }
        } else {
            for (int s = 32; s <= (quick ? 32 : maxAccelerators); s *= 2) {
                dgx.add(s);
            }
        }
        List<Supplier<Topology>> cases = new ArrayList<>();
        cases.add(() -> TopologyGenerators.dgxA100(2));
        cases.add(() -> TopologyGenerators.mi250(2));
        cases.add(TopologyGenerators::torus);
        for (int s : dgx) {
            if (s <= maxAccelerators) {
                cases.add(() -> TopologyGenerators.dgxA100(s / 8));
            }
        }
        if (fatTrees) {
            for (int hosts = 128; hosts <= maxAccelerators; hosts *= 2) {
                int leaves = hosts / FAT_TREE_HOSTS_PER_LEAF;
                cases.add(() -> TopologyGenerators.fatTree(leaves, FAT_TREE_HOSTS_PER_LEAF, FAT_TREE_SPINES,
                        Rational.of(25), Rational.of(50)));
            }
        }
        StderrProgress p = progress.toStderr();
        PrintWriter out = spec.commandLine().getOut();
        out.println("forest allgather: cold = first run; median of " + n + " further run" + (n == 1 ? "" : "s")
                + "; Java " + Runtime.version().feature() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        out.flush();
        printRow(out, HEADER);
        for (Supplier<Topology> c : cases) {
            Topology t = c.get();
            p.say("bench: " + t.name());
            Row row = measure(t, t.name(), n, p, true, limitNanos());
            printRow(out, row.over() == null ? cells(row) : overCells(row, HEADER.length));
        }
        if (whatif) {
            WhatIfBench.run(out);
        }
        return CanopyCommand.EXIT_OK;
    }

    private long limitNanos() {
        return (long) Math.min(Long.MAX_VALUE / 4.0, rowTimeout * 1e9);
    }

    /** bench --scale: the classes of issue 10, forest allgather only, each row under --row-timeout. */
    private int scale(int n) {
        if (fatTrees || whatif || quick) {
            throw new BadInputException((fatTrees ? "--fat-trees" : whatif ? "--whatif" : "--quick")
                    + " does not go with --scale");
        }
        requireKnownClasses();
        int max = maxAccelerators == null ? 1024 : maxAccelerators;
        if (max < 16 || max > TopologyClasses.MAX_ACCELERATORS) {
            throw new BadInputException("--max-accelerators must be from 16 to " + TopologyClasses.MAX_ACCELERATORS
                    + " with --scale, not " + max);
        }
        List<Integer> at = new ArrayList<>();
        for (int s : sizes != null ? sizes : List.of(256, 1024, 4096)) {
            if (s < 16 || s > TopologyClasses.MAX_ACCELERATORS) {
                throw new BadInputException("--sizes: " + s + " is not from 16 to " + TopologyClasses.MAX_ACCELERATORS);
            }
            if (sizes != null) {
                requireWithin(s, max);
            }
            if (s <= max) {
                at.add(s);
            }
        }
        StderrProgress p = progress.toStderr();
        PrintWriter out = spec.commandLine().getOut();
        out.println("forest allgather: cold = first run; median of " + n + " further run" + (n == 1 ? "" : "s")
                + "; rows over " + trim(rowTimeout) + " s are cancelled; Java " + Runtime.version().feature() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        out.flush();
        printRow(out, Arrays.copyOf(HEADER, SCALE_COLUMNS));
        for (ScaleBench.Case c : ScaleBench.cases(at, only)) {
            p.say("bench: " + c.label());
            Topology t = c.topology().get();
            Row row = measure(t, c.label(), n, p, false, limitNanos());
            printRow(out, row.over() == null ? Arrays.copyOf(cells(row), SCALE_COLUMNS) : overCells(row, SCALE_COLUMNS));
        }
        return CanopyCommand.EXIT_OK;
    }

    private void requireKnownClasses() {
        if (only != null) {
            for (String c : only) {
                if (!ScaleBench.CLASSES.contains(c)) {
                    throw new BadInputException("--only: unknown class '" + c + "'; expected some of "
                            + String.join(", ", ScaleBench.CLASSES));
                }
            }
        }
    }

    /** bench --cancel: cancel latency per phase, every algorithm, on the --scale classes (CancelBench). */
    private int cancel() {
        if (scale || fatTrees || whatif || quick || runs != null || maxAccelerators != null) {
            throw new BadInputException((scale ? "--scale" : fatTrees ? "--fat-trees" : whatif ? "--whatif"
                    : quick ? "--quick" : runs != null ? "--runs" : "--max-accelerators") + " does not go with --cancel");
        }
        requireKnownClasses();
        List<Integer> at = sizes != null ? sizes : List.of(1024);
        for (int s : at) {
            if (s < 16 || s > TopologyClasses.MAX_ACCELERATORS) {
                throw new BadInputException("--sizes: " + s + " is not from 16 to " + TopologyClasses.MAX_ACCELERATORS);
            }
        }
        List<Double> moments = cancelAt != null ? cancelAt : List.of(0.2, 1.0, 3.0, 10.0);
        for (int i = 0; i < moments.size(); i++) {
            double m = moments.get(i);
            if (!(m > 0) || m > 3600 || i > 0 && !(m > moments.get(i - 1))) {
                throw new BadInputException("--cancel-at: seconds above 0, at most 3600, ascending; not "
                        + moments);
            }
        }
        if (algorithms != null) {
            for (String a : algorithms) {
                if (canopy.engine.Schedulers.names().stream().noneMatch(a::equalsIgnoreCase)) {
                    throw new BadInputException("--algorithms: unknown algorithm '" + a + "'; expected some of "
                            + String.join(", ", canopy.engine.Schedulers.names()));
                }
            }
        }
        StderrProgress p = progress.toStderr();
        PrintWriter out = spec.commandLine().getOut();
        out.println("cancel latency: from the request to the engine's CancelledException, by the phase last reported; "
                + "cancelled at " + moments.stream().map(BenchCommand::trim).collect(Collectors.joining(", "))
                + " s and at 0.9 of a run that ends sooner; Java " + Runtime.version().feature() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        out.flush();
        int flagged;
        try {
            flagged = CancelBench.run(ScaleBench.cases(at, only), CancelBench.algorithms(algorithms), moments,
                    designer, out, p);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        out.println(flagged == 0 ? "every cancel stopped within 1 s" : flagged + " row" + (flagged == 1 ? "" : "s")
                + " with a cancel over 1 s");
        return CanopyCommand.EXIT_OK;
    }

    /** A size asked for with --sizes is run or refused, never dropped without a word. */
    private void requireWithin(int size, int max) {
        if (size > max) {
            throw new BadInputException("--sizes: " + size + " is above --max-accelerators " + max
                    + (maxAccelerators == null ? " (the default)" : "") + "; raise --max-accelerators to run it");
        }
    }

    /** Columns of a --scale row: no ring columns (a ring of 4,096 would not fit the heap). */
    static final int SCALE_COLUMNS = 10;

    /**
     * The engine's progress with a deadline: cancelled once the row has run for its limit (the engine
     * stops at its next check and throws CancelledException).
     */
    static final class RowDeadline implements Progress {
        private final Progress out;
        private final long deadline;

        RowDeadline(Progress out, long limitNanos) {
            this.out = out;
            this.deadline = System.nanoTime() + limitNanos;
        }

        @Override
        public void report(String stage, double fraction) {
            out.report(stage, fraction);
        }

        @Override
        public boolean isCancelled() {
            return System.nanoTime() - deadline > 0;
        }

        /** How long ago the deadline passed (negative: still ahead). */
        long pastDeadlineNanos() {
            return System.nanoTime() - deadline;
        }
    }

    /**
     * Measures one row: a cold forest allgather, then {@code runs} more for the median, then (withRing) the
     * ring as often. The forest runs share one deadline, limitNanos from the start; past it the run in
     * progress is cancelled and the row comes back with {@link Row#over()} set.
     */
    private Row measure(Topology t, String label, int runs, StderrProgress p, boolean withRing, long limitNanos) {
        NetworkGraph g = NetworkGraph.of(t);
        System.gc();
        List<MemoryPoolMXBean> heap = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
                heap.add(pool);
            }
        }
        int switches = t.nodes().size() - t.acceleratorCount();
        RowDeadline deadline = new RowDeadline(p, limitNanos);
        long start = System.nanoTime();
        long cold = -1;
        ForestScheduler.Stats stats = null;
        Schedule s = null;
        long[] times = new long[runs];
        try {
            ForestScheduler first = new ForestScheduler(deadline);
            s = first.schedule(t, Collective.ALLGATHER, 0);
            cold = System.nanoTime() - start;
            stats = first.stats();
            for (int r = 0; r < runs; r++) {
                p.say("bench: " + label + ", forest run " + (r + 1) + " of " + runs);
                start = System.nanoTime();
                new ForestScheduler(deadline).schedule(t, Collective.ALLGATHER, 0);
                times[r] = System.nanoTime() - start;
            }
        } catch (CancelledException e) {
            long late = deadline.pastDeadlineNanos();
            String over = "over " + trim(limitNanos / 1e9) + " s"
                    + (late > 5_000_000_000L ? " (stopped " + Cli.seconds(late) + " late)" : "");
            return new Row(label, t.acceleratorCount(), switches, g.arcCount(), stats == null ? -1 : stats.treesPerRoot(),
                    s == null ? -1 : distinct(s), cold, -1, -1, null, peakHeap(heap),
                    stats == null ? -1 : stats.flowQueries(), over);
        }
        long peak = peakHeap(heap);
        long ringMedian = -1;
        String ringRatio = null;
        if (withRing) {
            long[] ringTimes = new long[runs];
            Schedule ring = null;
            for (int r = 0; r < runs; r++) {
                start = System.nanoTime();
                ring = RingScheduler.schedule(t, Collective.ALLGATHER);
                ringTimes[r] = System.nanoTime() - start;
            }
            ringMedian = median(ringTimes);
            ringRatio = Cli.percent(ring.algbw().divide(s.bound()));
        }
        return new Row(label, t.acceleratorCount(), switches, g.arcCount(), stats.treesPerRoot(), distinct(s), cold,
                median(times), ringMedian, ringRatio, peak, stats.flowQueries(), null);
    }

    private static long peakHeap(List<MemoryPoolMXBean> heap) {
        long peak = 0;
        for (MemoryPoolMXBean pool : heap) {
            peak += pool.getPeakUsage().getUsed();
        }
        return peak;
    }

    /** 300 for 300.0, 0.5 for 0.5. */
    static String trim(double seconds) {
        return seconds == Math.rint(seconds) && Math.abs(seconds) < 1e15 ? Long.toString((long) seconds)
                : Double.toString(seconds);
    }

    /** A row cancelled past its limit: what is known, "over N s" where the time would be. */
    private static String[] overCells(Row r, int columns) {
        String[] c = {r.topology(), Integer.toString(r.accelerators()), Integer.toString(r.switches()),
            Integer.toString(r.arcs()), r.treesPerRoot() < 0 ? "-" : Long.toString(r.treesPerRoot()),
            r.distinctTrees() < 0 ? "-" : Integer.toString(r.distinctTrees()),
            r.coldNanos() < 0 ? r.over() : Cli.seconds(r.coldNanos()), r.coldNanos() < 0 ? "-" : r.over(),
            String.format(Locale.ROOT, "%d MiB", r.peakHeapBytes() >> 20),
            r.flowQueries() < 0 ? "-" : Long.toString(r.flowQueries()), "-", "-"};
        return Arrays.copyOf(c, columns);
    }

    /** Trees with different roots or edge sets (several schedule trees may share a shape, split by path). */
    static int distinct(Schedule s) {
        Set<List<Object>> shapes = new HashSet<>();
        for (ScheduleTree tree : s.trees()) {
            Set<List<String>> edges = new HashSet<>();
            for (TreeEdge e : tree.edges()) {
                edges.add(List.of(e.from(), e.to()));
            }
            shapes.add(List.of(tree.root(), edges));
        }
        return shapes.size();
    }

    static long median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    static final String[] HEADER = {"topology", "accel", "switches", "arcs", "trees/root", "distinct trees",
        "cold", "median", "peak heap", "flow queries", "ring median", "ring algbw"};
    /** Column widths: rows are printed as they are measured, so the widths are fixed. */
    private static final int[] WIDTH = {42, 5, 8, 5, 10, 14, 9, 9, 9, 12, 11, 0};

    private static String[] cells(Row r) {
        return new String[] {r.topology(), Integer.toString(r.accelerators()), Integer.toString(r.switches()),
            Integer.toString(r.arcs()), Long.toString(r.treesPerRoot()), Integer.toString(r.distinctTrees()),
            Cli.seconds(r.coldNanos()), Cli.seconds(r.medianNanos()),
            String.format(Locale.ROOT, "%d MiB", r.peakHeapBytes() >> 20), Long.toString(r.flowQueries()),
            Cli.seconds(r.ringMedianNanos()), r.ringRatio() + " of bound"};
    }

    private static void printRow(PrintWriter out, String[] cells) {
        printRow(out, cells, WIDTH);
    }

    /** One row of a table of fixed column widths (0: as wide as the cell), left-aligned. */
    static void printRow(PrintWriter out, String[] cells, int[] widths) {
        StringBuilder sb = new StringBuilder("  ");
        for (int c = 0; c < cells.length; c++) {
            sb.append(String.format(Locale.ROOT, "%-" + Math.max(1, widths[c]) + "s  ", cells[c]));
        }
        out.println(sb.toString().stripTrailing());
        out.flush();
    }
}
