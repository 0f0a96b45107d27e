package canopy.engine;

import canopy.model.Collective;
import canopy.model.Direction;
import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Bandwidth-optimal spanning-tree schedules (ForestColl): bound → integers k and U → switch removal
 * by edge splitting → packing k out-trees per root → unfolding logical edges into physical paths.
 * Reduce-scatter runs the same construction on the reversed links and reverses the trees; allreduce
 * is reduce-scatter (stage 0) then allgather (stage 1).
 */
public final class ForestScheduler {
    /** What one construction did, for the CLI and the benchmark. */
    /**
     * What the last {@link #schedule} call did: trees per root of each half (0 where a collective has
     * no such half), max-flow queries and time spent splitting switches and packing trees.
     */
    public record Stats(long reduceScatterTreesPerRoot, long allgatherTreesPerRoot, long splitFlowQueries,
                        long packFlowQueries, long splitNanos, long packNanos) {
        public long flowQueries() {
            return splitFlowQueries + packFlowQueries;
        }

        /** Trees per root of the larger half. */
        public long treesPerRoot() {
            return Math.max(reduceScatterTreesPerRoot, allgatherTreesPerRoot);
        }
    }

    private final Progress progress;
    private final boolean exactOnly;
    private long splitFlowQueries;
    private long packFlowQueries;
    private long splitNanos;
    private long packNanos;
    private long reduceScatterTreesPerRoot;
    private long allgatherTreesPerRoot;
    private long maxTreesPerRoot;
    private boolean preferShallow;
    /** k of the last half built by {@link #outTrees}. */
    private long lastTreesPerRoot;

    public ForestScheduler(Progress progress) {
        this(progress, false);
    }

    /**
     * exactOnly skips the cheap batched guesses and uses only the exact pair-by-pair splitting and
     * arc-by-arc packing; tests use it to check both paths.
     */
    ForestScheduler(Progress progress, boolean exactOnly) {
        this.progress = progress;
        this.exactOnly = exactOnly;
    }

    public ForestScheduler() {
        this(Progress.NONE);
    }

    /**
     * Prefer shallow trees: an attempt at trees shallow in link latency, still exactly at the bound,
     * made before the plain construction and given up when it would cost more than 64 connectivity
     * checks. Off by default: on 32x DGX A100 with NIC nodes it cuts the deepest allgather tree from
     * 516 to 134 hops in 4 s, but at 1,024 accelerators the attempt costs tens of seconds before it
     * gives up.
     */
    public ForestScheduler preferShallow(boolean prefer) {
        this.preferShallow = prefer;
        return this;
    }

    public Stats stats() {
        return new Stats(reduceScatterTreesPerRoot, allgatherTreesPerRoot, splitFlowQueries, packFlowQueries,
                splitNanos, packNanos);
    }

    /** The optimal schedule of a collective on a valid topology (see canopy.io's validator). */
    public Schedule schedule(Topology topology, Collective collective) {
        return schedule(topology, collective, 0);
    }

    /**
     * The best schedule this construction finds with at most maxTreesPerRoot trees per root
     * (0: no limit, the optimal schedule). When the optimal k exceeds the limit, k is fixed to the
     * limit and the algbw may fall short of the bound; {@link Schedule#ratioToBound()} says by how much.
     */
    public Schedule schedule(Topology topology, Collective collective, long maxTreesPerRoot) {
        this.maxTreesPerRoot = maxTreesPerRoot;
        reduceScatterTreesPerRoot = 0;
        allgatherTreesPerRoot = 0;
        splitFlowQueries = 0;
        packFlowQueries = 0;
        splitNanos = 0;
        packNanos = 0;
        NetworkGraph graph = NetworkGraph.of(topology);
        List<ScheduleTree> trees = new ArrayList<>();
        Bound ag = null;
        Bound rs = null;
        if (collective != Collective.ALLGATHER) {
            rs = CutBound.compute(graph.reversed(), progress);
            Map<TreeEdge, TreeEdge> reversedEdge = new IdentityHashMap<>();
            for (ScheduleTree t : outTrees(graph.reversed(), rs)) {
                trees.add(reverse(t, reversedEdge));
            }
            reduceScatterTreesPerRoot = lastTreesPerRoot;
        }
        if (collective != Collective.REDUCE_SCATTER) {
            ag = CutBound.compute(graph, progress);
            int stage = collective == Collective.ALLREDUCE ? 1 : 0;
            for (ScheduleTree t : outTrees(graph, ag)) {
                trees.add(t.withStage(stage));
            }
            allgatherTreesPerRoot = lastTreesPerRoot;
        }
        if (preferShallow) {
            trees = DepthExchange.lowered(graph, trees, progress);
        }
        Rational bound = switch (collective) {
            case ALLGATHER -> ag.algbw();
            case REDUCE_SCATTER -> rs.algbw();
            case ALLREDUCE -> Bounds.combine(ag.algbw(), rs.algbw());
        };
        Bound cut = collective == Collective.ALLGATHER ? ag
                : collective == Collective.REDUCE_SCATTER ? rs
                : ag.algbw().compareTo(rs.algbw()) <= 0 ? ag : rs;
        Rational algbw = new LinkLoads(graph, trees, progress).algbw();
        boolean limited = maxTreesPerRoot > 0 && algbw.compareTo(bound) <= 0;
        if (!algbw.equals(bound) && !limited) {
            throw new IllegalStateException("forest schedule reaches " + algbw + ", not the bound " + bound);
        }
        return new Schedule(collective, "forest", topology.name(), graph.acceleratorCount(), algbw, bound,
                cut.cut(), trees);
    }

    /** Allgather out-trees on graph g at its bound. */
    private List<ScheduleTree> outTrees(NetworkGraph g, Bound bound) {
        // x* = P/Q in scaled integer bandwidths b(e); 1/x* = Q/P; d = gcd(P, all b(e)).
        Rational x = CutBound.scaledRatio(bound, g);
        BigInteger p = x.numerator();
        BigInteger q = x.denominator();
        BigInteger[] b = g.scaledBandwidths();
        BigInteger d = p;
        for (int a = 0; a < b.length && !d.equals(BigInteger.ONE); a++) {
            d = d.gcd(b[a]);
        }
        long k;
        long[] capacity;
        if (maxTreesPerRoot > 0 && p.divide(d).compareTo(BigInteger.valueOf(maxTreesPerRoot)) > 0) {
            k = maxTreesPerRoot;
            FixedTreeCount fixed = new FixedTreeCount(g, k, progress);
            capacity = fixed.capacities(x);
            splitFlowQueries += fixed.flowQueries();
        } else {
            // Capacities U·b(e) = Q·b(e)/d: the number of trees each arc may carry; refused up front
            // (ScheduleTooLargeException) when they, or k, do not fit the construction's longs.
            BigInteger[] big = new BigInteger[g.arcCount()];
            for (int a = 0; a < big.length; a++) {
                big[a] = q.multiply(b[a]).divide(d);
            }
            capacity = ForestMagnitudes.check(g, p.divide(d), big, false);
            k = p.divide(d).longValueExact();
        }
        lastTreesPerRoot = k;
        if (preferShallow && !exactOnly) {
            List<ScheduleTree> shallow = packedTrees(g, capacity, k, true);
            if (shallow != null) {
                return shallow;
            }
        }
        return packedTrees(g, capacity, k, false);
    }

    /**
     * Splits the switches off and packs k trees per root. Shallow: an attempt at shallow trees
     * (switches split into several rings, trees grown shallowest among the widest arcs) that gives
     * up, returning null, where it would need the exact construction or more than a few
     * connectivity checks; the plain construction after it costs what it did before the attempt.
     */
    private List<ScheduleTree> packedTrees(NetworkGraph g, long[] capacity, long k, boolean shallow) {
        LogicalGraph logical = new LogicalGraph(g.nodeCount());
        for (int a = 0; a < g.arcCount(); a++) {
            logical.addPhysical(g.arcFrom(a), g.arcTo(a), capacity[a]);
        }
        boolean[] accelerator = new boolean[g.nodeCount()];
        for (int v : g.accelerators()) {
            accelerator[v] = true;
        }
        String[] groups = new String[g.nodeCount()];
        for (int v = 0; v < g.nodeCount(); v++) {
            groups[v] = g.group(v);
        }
        SwitchSplitter splitter = new SwitchSplitter(logical, accelerator, groups, k, !exactOnly, shallow, progress);
        long t0 = System.nanoTime();
        splitter.splitAll();
        splitNanos += System.nanoTime() - t0;
        splitFlowQueries += splitter.flowQueries();

        int[] acc = g.accelerators();
        int n = acc.length;
        int[] compact = new int[g.nodeCount()];
        Arrays.fill(compact, -1);
        for (int i = 0; i < n; i++) {
            compact[acc[i]] = i;
        }
        long[][] cap = new long[n][n];
        for (LogicalGraph.Arc a : logical.arcs()) {
            cap[compact[a.from]][compact[a.to]] = a.capacity;
        }
        if (EngineTrace.ON) {
            EngineTrace.line("logical graph: %s", LogicalGraphTrace.describe(cap));
        }
        TreePacker packer = new TreePacker(cap, shallow ? latencies(g, logical, compact) : null, !exactOnly, shallow,
                progress);
        t0 = System.nanoTime();
        List<TreePacker.PartialTree> packed;
        try {
            packed = packer.pack(k);
        } catch (TreePacker.GaveUpException e) {
            EngineTrace.line("shallow attempt given up after %d flows", packer.flowQueries());
            return null;
        } finally {
            packNanos += System.nanoTime() - t0;
            packFlowQueries += packer.flowQueries();
        }

        List<ScheduleTree> result = new ArrayList<>();
        Map<int[], TreeEdge> edgeOfPath = new IdentityHashMap<>();
        for (TreePacker.PartialTree t : packed) {
            progress.checkCancelled(); // unfolding 1,500 trees of 1,024 paths takes seconds
            result.addAll(unfold(g, logical, acc, t, k, edgeOfPath));
        }
        return result;
    }

    /**
     * Each logical arc's latency in µs: the slowest of the physical paths its units stand for, links
     * without latency_us counting 1 µs (the time model's default). The packing prefers trees shallow
     * in it.
     */
    private static double[][] latencies(NetworkGraph g, LogicalGraph logical, int[] compact) {
        int n = 0;
        for (int c : compact) {
            n = Math.max(n, c + 1);
        }
        double[][] latency = new double[n][n];
        for (LogicalGraph.Arc a : logical.arcs()) {
            double worst = 0;
            for (LogicalGraph.Piece p : a.pieces) {
                double sum = 0;
                for (int i = 0; i + 1 < p.path.length; i++) {
                    double l = g.latencyUs(g.arc(p.path[i], p.path[i + 1]));
                    sum += Double.isNaN(l) ? 1.0 : l;
                }
                worst = Math.max(worst, sum);
            }
            latency[compact[a.from]][compact[a.to]] = worst;
        }
        return latency;
    }

    /**
     * Gives each copy of tree t its physical paths. Edge by edge, the copies take units of the
     * logical arc in order; copies whose units stand for different paths become different trees, so
     * the copy range splits at every boundary of any edge's runs. Trees share one TreeEdge per
     * physical path (edgeOfPath, keyed by the logical graph's path arrays): at 4,096 accelerators a
     * forest has 17 million edges over some ten thousand paths.
     */
    private static List<ScheduleTree> unfold(NetworkGraph g, LogicalGraph logical, int[] acc,
                                             TreePacker.PartialTree t, long k, Map<int[], TreeEdge> edgeOfPath) {
        long c = t.multiplicity;
        int edges = t.arcs();
        List<List<LogicalGraph.Piece>> pieces = new ArrayList<>();
        TreeSet<Long> cuts = new TreeSet<>();
        cuts.add(0L);
        cuts.add(c);
        for (int e = 0; e < edges; e++) {
            List<LogicalGraph.Piece> taken = logical.take(acc[t.arcFrom(e)], acc[t.arcTo(e)], c);
            pieces.add(taken);
            long at = 0;
            for (LogicalGraph.Piece p : taken) {
                at += p.count;
                cuts.add(at);
            }
        }
        List<ScheduleTree> out = new ArrayList<>();
        Long previous = null;
        for (long cut : cuts) {
            if (previous != null) {
                long start = previous;
                List<TreeEdge> treeEdges = new ArrayList<>(edges);
                for (int e = 0; e < edges; e++) {
                    int[] path = pieceAt(pieces.get(e), start);
                    treeEdges.add(edgeOfPath.computeIfAbsent(path, p -> edgeAlong(g, p)));
                }
                out.add(new ScheduleTree(g.id(acc[t.root]), Phase.ALLGATHER, 0, Direction.OUT,
                        Rational.of(cut - start, k), treeEdges));
            }
            previous = cut;
        }
        return out;
    }

    private static TreeEdge edgeAlong(NetworkGraph g, int[] path) {
        List<String> ids = new ArrayList<>(path.length);
        for (int v : path) {
            ids.add(g.id(v));
        }
        return new TreeEdge(ids.get(0), ids.get(ids.size() - 1), ids);
    }

    private static TreeEdge reversed(TreeEdge e) {
        List<String> path = new ArrayList<>(e.path());
        java.util.Collections.reverse(path);
        return new TreeEdge(e.to(), e.from(), path);
    }

    private static int[] pieceAt(List<LogicalGraph.Piece> pieces, long copy) {
        long at = 0;
        for (LogicalGraph.Piece p : pieces) {
            at += p.count;
            if (copy < at) {
                return p.path;
            }
        }
        throw new IllegalStateException("copy " + copy + " beyond the units taken");
    }

    /**
     * An out-tree built on reversed links, turned into the reduce-scatter in-tree it stands for; trees
     * share each reversed edge as they shared the edge (reversedEdge).
     */
    private static ScheduleTree reverse(ScheduleTree t, Map<TreeEdge, TreeEdge> reversedEdge) {
        List<TreeEdge> edges = new ArrayList<>(t.edges().size());
        for (TreeEdge e : t.edges()) {
            edges.add(reversedEdge.computeIfAbsent(e, ForestScheduler::reversed));
        }
        return new ScheduleTree(t.root(), Phase.REDUCE_SCATTER, 0, Direction.IN, t.share(), edges);
    }
}
