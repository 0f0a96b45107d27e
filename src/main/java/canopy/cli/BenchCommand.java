package canopy.cli;

import canopy.engine.ForestScheduler;
import canopy.engine.NetworkGraph;
import canopy.engine.RingScheduler;
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
                + "allgather runs as many times for comparison."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Only the three small topologies and 32 accelerators; 1 run "
            + "unless --runs is given.")
    boolean quick;

    @Option(names = "--runs", paramLabel = "N",
            description = "Timed runs per topology after the cold one (default: 5; with --quick: 1).")
    Integer runs;

    @Option(names = "--max-accelerators", paramLabel = "N", defaultValue = "256",
            description = "Largest DGX A100 cluster, in accelerators (default: ${DEFAULT-VALUE}; 1024 is opt-in).")
    int maxAccelerators;

    @Option(names = "--sizes", split = ",", paramLabel = "N",
            description = "DGX A100 cluster sizes in accelerators, multiples of 8, instead of 32, 64, 128 … "
                    + "(still capped by --max-accelerators).")
    List<Integer> sizes;

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
               long flowQueries) {
    }

    @Override
    public Integer call() {
        int n = runs == null ? (quick ? 1 : 5) : runs;
        if (n < 1) {
            throw new BadInputException("--runs must be at least 1, not " + n);
        }
        if (maxAccelerators < 2) {
            throw new BadInputException("--max-accelerators must be at least 2, not " + maxAccelerators);
        }
        List<Integer> dgx = new ArrayList<>();
        if (sizes != null) {
            for (int s : sizes) {
                if (s < 8 || s % 8 != 0) {
                    throw new BadInputException("--sizes: " + s + " is not a positive multiple of 8 (DGX A100 boxes of 8 GPUs)");
                }
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
            printRow(out, cells(measure(t, n, p)));
        }
        if (whatif) {
            WhatIfBench.run(out);
        }
        return CanopyCommand.EXIT_OK;
    }

    private static Row measure(Topology t, int runs, StderrProgress p) {
        NetworkGraph g = NetworkGraph.of(t);
        System.gc();
        List<MemoryPoolMXBean> heap = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
                heap.add(pool);
            }
        }
        long start = System.nanoTime();
        ForestScheduler first = new ForestScheduler(p);
        Schedule s = first.schedule(t, Collective.ALLGATHER, 0);
        long cold = System.nanoTime() - start;
        ForestScheduler.Stats stats = first.stats();
        long[] times = new long[runs];
        for (int r = 0; r < runs; r++) {
            p.say("bench: " + t.name() + ", forest run " + (r + 1) + " of " + runs);
            start = System.nanoTime();
            new ForestScheduler(p).schedule(t, Collective.ALLGATHER, 0);
            times[r] = System.nanoTime() - start;
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : heap) {
            peak += pool.getPeakUsage().getUsed();
        }
        long[] ringTimes = new long[runs];
        Schedule ring = null;
        for (int r = 0; r < runs; r++) {
            start = System.nanoTime();
            ring = RingScheduler.schedule(t, Collective.ALLGATHER);
            ringTimes[r] = System.nanoTime() - start;
        }
        String ringRatio = Cli.percent(ring.algbw().divide(s.bound()));
        return new Row(t.name(), t.acceleratorCount(), t.nodes().size() - t.acceleratorCount(), g.arcCount(),
                stats.treesPerRoot(), distinct(s), cold, median(times), median(ringTimes), ringRatio, peak,
                stats.flowQueries());
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
        StringBuilder sb = new StringBuilder("  ");
        for (int c = 0; c < cells.length; c++) {
            sb.append(String.format(Locale.ROOT, "%-" + Math.max(1, WIDTH[c]) + "s  ", cells[c]));
        }
        out.println(sb.toString().stripTrailing());
        out.flush();
    }
}
