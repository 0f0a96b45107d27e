package canopy.engine;

import canopy.model.Rational;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact optimal allgather bound of a graph by Dinkelbach iteration over max-flows
 * (algorithm.md §1): x* = min over S of B⁺(S)/|S ∩ Vc|, algbw = N·x*. A candidate x = p/q is tested
 * on integer capacities q·b(e) with a source feeding every accelerator p: x ≤ x* exactly when every
 * accelerator receives a flow of N·p. The min cut of a failing accelerator is a set with a smaller
 * ratio, which becomes the next candidate. Use {@link NetworkGraph#reversed()} for reduce-scatter.
 */
public final class CutBound {
    /**
     * A check runs on longs when every arc capacity q·b(e) and the flow it needs, N·p (which bounds
     * every flow, excess and residual inside a max-flow), are at most this, leaving a factor 4 of
     * headroom below Long.MAX_VALUE. Otherwise it runs on BigIntegers ({@link BigFlowNetwork}).
     */
    static final BigInteger LONG_LIMIT = BigInteger.ONE.shiftLeft(61);

    private final NetworkGraph graph;
    /** Scaled integer bandwidths ({@link NetworkGraph#scaledBandwidths()}). */
    private final BigInteger[] capacity;
    /** The same as longs, or null when some do not fit. */
    private final long[] longCapacity;
    /** The largest capacity; whether Σ capacity fits in a long (then cut sums are long sums). */
    private final BigInteger largest;
    private final boolean totalFitsLong;
    private final Rational scale;
    private final ParallelFlows flows;
    /** The candidate of the iteration: the set, the bandwidth leaving it (scaled), its accelerators. */
    private boolean[] best;
    private BigInteger bestB;
    private int bestK;
    private final Progress progress;
    /** How many checks ran on BigIntegers, for tests. */
    private int bigChecks;
    /** Max-flows run (each over the whole graph), for tests; the proofs of the sinks they skip. */
    private long flowCount;
    private SinkProofs proofs;

    private CutBound(NetworkGraph graph, Progress progress) {
        this.graph = graph;
        this.scale = graph.scale();
        this.capacity = graph.scaledBandwidths();
        BigInteger sum = BigInteger.ZERO;
        BigInteger max = BigInteger.ZERO;
        for (BigInteger c : capacity) {
            sum = sum.add(c);
            max = max.max(c);
        }
        this.largest = max;
        this.totalFitsLong = sum.bitLength() < 63;
        long[] lc = null;
        if (max.bitLength() < 63) {
            lc = new long[capacity.length];
            for (int a = 0; a < lc.length; a++) {
                lc[a] = capacity[a].longValueExact();
            }
        }
        this.longCapacity = lc;
        this.flows = new ParallelFlows();
        this.progress = progress;
    }

    public static Bound compute(NetworkGraph graph) {
        return compute(graph, Progress.NONE);
    }

    public static Bound compute(NetworkGraph graph, Progress progress) {
        return new CutBound(graph, progress).run();
    }

    /** For tests: the bound and how many of its checks ran on BigIntegers. */
    static Object[] computeCountingBigChecks(NetworkGraph graph) {
        CutBound c = new CutBound(graph, Progress.NONE);
        Bound b = c.run();
        return new Object[] {b, c.bigChecks};
    }

    /** For tests: the bound and how many max-flows over the whole graph its checks ran. */
    static long flowsOf(NetworkGraph graph) {
        CutBound c = new CutBound(graph, Progress.NONE);
        c.run();
        return c.flowCount;
    }

    /** The bound in the scaled integer units of {@link NetworkGraph#scaledCapacities}: x* = num/den. */
    static Rational scaledRatio(Bound b, NetworkGraph g) {
        return b.algbw().multiply(g.scale()).divide(g.acceleratorCount());
    }

    /** B⁺(S) in scaled units. */
    private BigInteger leaving(boolean[] side) {
        if (totalFitsLong) {
            long b = 0;
            for (int a = 0; a < graph.arcCount(); a++) {
                if (side[graph.arcFrom(a)] && !side[graph.arcTo(a)]) {
                    b += longCapacity[a];
                }
            }
            return BigInteger.valueOf(b);
        }
        BigInteger b = BigInteger.ZERO;
        for (int a = 0; a < graph.arcCount(); a++) {
            if (side[graph.arcFrom(a)] && !side[graph.arcTo(a)]) {
                b = b.add(capacity[a]);
            }
        }
        return b;
    }

    private Bound run() {
        int[] acc = graph.accelerators();
        int n = acc.length;
        if (n < 2) {
            throw new IllegalArgumentException("the bound needs at least two accelerators");
        }
        // Start from the best single-accelerator cut.
        int bestV = minimalArcSum(acc, true);
        best = new boolean[graph.nodeCount()];
        best[bestV] = true;
        bestB = leaving(best);
        bestK = 1;
        if (bestB.signum() == 0) {
            return result(best, bestB, bestK);
        }
        // Cheap candidates before any flow: all but one accelerator (a ring's or a fat tree's
        // bottleneck; of those, the one whose left-out accelerator receives least), each group and
        // all but each group (boxes). The iteration below only ever lowers the candidate, so a good
        // start saves whole rounds of N max-flows.
        boolean[] allButOne = new boolean[graph.nodeCount()];
        java.util.Arrays.fill(allButOne, true);
        allButOne[minimalArcSum(acc, false)] = false;
        offer(allButOne, acc);
        for (boolean[] side : groupSides()) {
            offer(side, acc);
        }
        while (true) {
            progress.checkCancelled();
            progress.report("bound", -1);
            // Test x = bestB / bestK in lowest terms: capacities q·b(e), source arcs p, need N·p.
            BigInteger g = bestB.gcd(BigInteger.valueOf(bestK));
            BigInteger p = bestB.divide(g);
            BigInteger q = BigInteger.valueOf(bestK).divide(g);
            BigInteger need = p.multiply(BigInteger.valueOf(n));
            List<boolean[]> cuts = fitsLong(p, q, need) ? longCheck(acc, p.longValueExact(), q.longValueExact(),
                    need.longValueExact()) : bigCheck(acc, p, q, need);
            boolean improved = false;
            for (boolean[] side : cuts) {
                if (side != null) {
                    improved |= offer(side, acc);
                }
            }
            if (!improved) {
                return result(best, bestB, bestK);
            }
        }
    }

    /** The accelerator with the least bandwidth out of it (out) or into it (!out). */
    private int minimalArcSum(int[] acc, boolean out) {
        int bestV = -1;
        BigInteger least = null;
        for (int v : acc) {
            BigInteger sum = BigInteger.ZERO;
            long sumLong = 0;
            for (int a : out ? graph.outArcs(v) : graph.inArcs(v)) {
                if (totalFitsLong) {
                    sumLong += longCapacity[a];
                } else {
                    sum = sum.add(capacity[a]);
                }
            }
            if (totalFitsLong) {
                sum = BigInteger.valueOf(sumLong);
            }
            if (bestV < 0 || sum.compareTo(least) < 0) {
                least = sum;
                bestV = v;
            }
        }
        return bestV;
    }

    /** Each group's nodes, and all nodes but each group's. */
    private List<boolean[]> groupSides() {
        int nodes = graph.nodeCount();
        java.util.Map<String, boolean[]> groups = new java.util.LinkedHashMap<>();
        for (int v = 0; v < nodes; v++) {
            String g = graph.group(v);
            if (g != null) {
                groups.computeIfAbsent(g, x -> new boolean[nodes])[v] = true;
            }
        }
        List<boolean[]> sides = new ArrayList<>();
        if (groups.size() > 4096) {
            return sides; // each costs a pass over the arcs
        }
        for (boolean[] member : groups.values()) {
            boolean[] rest = new boolean[nodes];
            for (int v = 0; v < nodes; v++) {
                rest[v] = !member[v];
            }
            sides.add(member);
            sides.add(rest);
        }
        return sides;
    }

    /**
     * Makes side the candidate when it holds some but not all accelerators and its ratio
     * B⁺(S)/|S ∩ Vc| is below the candidate's; true when it did.
     */
    private boolean offer(boolean[] side, int[] acc) {
        int k = 0;
        for (int v : acc) {
            if (side[v]) {
                k++;
            }
        }
        if (k == 0 || k == acc.length) {
            return false;
        }
        BigInteger b = leaving(side);
        if (b.multiply(BigInteger.valueOf(bestK)).compareTo(bestB.multiply(BigInteger.valueOf(k))) >= 0) {
            return false;
        }
        bestB = b;
        bestK = k;
        best = side;
        return true;
    }

    /** True when q·b(e) for every arc and N·p are at most {@link #LONG_LIMIT}. */
    private boolean fitsLong(BigInteger p, BigInteger q, BigInteger need) {
        return longCapacity != null && largest.multiply(q).compareTo(LONG_LIMIT) <= 0
                && need.compareTo(LONG_LIMIT) <= 0;
    }

    private List<boolean[]> longCheck(int[] acc, long p, long q, long need) {
        int s = graph.nodeCount();
        FlowNetwork net = new FlowNetwork(s + 1, graph.arcCount() + graph.acceleratorCount());
        for (int a = 0; a < graph.arcCount(); a++) {
            net.addEdge(graph.arcFrom(a), graph.arcTo(a), longCapacity[a] * q);
        }
        for (int v : acc) {
            net.addEdge(s, v, p);
        }
        ParallelFlows.Query<boolean[]> cutOf = (f, v) -> {
            if (f.maxFlow(s, v, need) >= need) {
                return null;
            }
            return java.util.Arrays.copyOf(f.sourceSide(s), graph.nodeCount());
        };
        // The hub's own flow first: when it passes, SinkProofs proves most other sinks without
        // theirs. A proven sink's flow would have reached N·p, so it adds no cut: the cuts below
        // (those of the unproven sinks, in accelerator order) are exactly those of all N flows.
        int hub = acc[0];
        if (!totalFitsLong || cutOf.run(net, hub) != null) {
            flowCount += acc.length;
            return flows.forEachSink(net, acc, cutOf, progress);
        }
        flowCount++;
        long started = System.nanoTime();
        boolean[] proven = proofs().proven(hub, chainThreshold(p, q, acc.length), progress);
        int[] rest = java.util.Arrays.stream(acc).filter(v -> !proven[v]).toArray();
        flowCount += rest.length;
        EngineTrace.line("bound check x = %d/%d: %d of %d sinks proven by %d small flows (%d arcs visited, %.3f s),"
                + " %d max-flows", p, q, acc.length - rest.length, acc.length, proofs.checks(), proofs.visits(),
                (System.nanoTime() - started) / 1e9, rest.length + 1);
        return flows.forEachSink(net, rest, cutOf, progress);
    }

    /** Built once per bound (its arrays are as long as the graph's). */
    private SinkProofs proofs() {
        if (proofs == null) {
            proofs = new SinkProofs(graph, longCapacity);
        }
        return proofs;
    }

    /**
     * T = ⌈(N − 1)·p / q⌉, the flow that proves a node (see {@link SinkProofs}), or
     * Long.MAX_VALUE when it does not fit (no sum of capacities reaches it then).
     */
    static long chainThreshold(long p, long q, int n) {
        BigInteger[] qr = BigInteger.valueOf(p).multiply(BigInteger.valueOf(n - 1)).divideAndRemainder(BigInteger.valueOf(q));
        BigInteger t = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
        return t.bitLength() < 63 ? t.longValueExact() : Long.MAX_VALUE;
    }

    private List<boolean[]> bigCheck(int[] acc, BigInteger p, BigInteger q, BigInteger need) {
        bigChecks++;
        int s = graph.nodeCount();
        BigFlowNetwork net = new BigFlowNetwork(s + 1, graph.arcCount() + graph.acceleratorCount());
        for (int a = 0; a < graph.arcCount(); a++) {
            net.addEdge(graph.arcFrom(a), graph.arcTo(a), capacity[a].multiply(q));
        }
        for (int v : acc) {
            net.addEdge(s, v, p);
        }
        return ParallelFlows.forEachSink(net, BigFlowNetwork::copy, acc, (f, v) -> {
            if (f.maxFlow(s, v, need).compareTo(need) >= 0) {
                return null;
            }
            return java.util.Arrays.copyOf(f.sourceSide(s), graph.nodeCount());
        }, progress);
    }

    private Bound result(boolean[] side, BigInteger b, int k) {
        int n = graph.acceleratorCount();
        Rational cutBandwidth = Rational.of(b).divide(scale);
        Rational algbw = cutBandwidth.multiply(Rational.of(n, k));
        List<String> cut = new ArrayList<>();
        for (int v = 0; v < graph.nodeCount(); v++) {
            if (side[v]) {
                cut.add(graph.id(v));
            }
        }
        return new Bound(algbw, cut, cutBandwidth, k);
    }
}
