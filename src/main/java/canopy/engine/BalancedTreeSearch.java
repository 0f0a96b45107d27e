package canopy.engine;

import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.function.DoubleConsumer;

/**
 * One out-tree per accelerator, each within a latency budget (its root's latency eccentricity plus a
 * slack), every accelerator hung from the parent whose edge lands on the least loaded links. The trees'
 * vertices are the accelerators; an edge is a path between two of them through switches only (or one
 * direct link), so an accelerator that relays is its successors' parent, as formats.md requires.
 *
 * <p>Roots in accelerator order, each tree seeing the loads of the trees before it and its own. Per
 * root, a Prim search over accelerators: an offer is a settled accelerator plus its shortest switch-only
 * path to an unsettled one (fewest loaded among equally short), ranked by the path's busiest link
 * ((tree edges on it + 1) / bandwidth), then by depth; offers deeper than the budget come after all
 * others, shallowest first, so every accelerator is reached. Each edge puts one more load on every link
 * of its path (a switch does not replicate, so two edges from one parent load the shared links twice),
 * so loads grow while trees grow and an offer made earlier may since have become busier. Loads only
 * grow, so a recorded rank never overstates: a popped offer whose rank has grown is replaced by a fresh
 * search backwards from its accelerator and pushed again.
 *
 * <p>On a cluster of boxes this enters a box at a few GPUs (a NIC already carrying a copy ranks below
 * a box's own links) and fans out inside it over its own links, as deep as the slack allows; the
 * shortest-path trees instead enter at every GPU of the root's rail and crowd every NIC.
 *
 * <p>Ranks are doubles, (load + 1) × (1 / bandwidth): they only steer the search. What the trees cost is
 * measured exactly afterwards ({@link BalancedTrees} chooses among builds by the exact time model).
 */
final class BalancedTreeSearch {
    /**
     * Work (DAG entries and arcs visited) between two cancel checks within a root: about 1.6 ms on a
     * 1,024-accelerator fat tree (k=16), one of whose roots takes some 8 s, 5,000 checks.
     */
    static final long CHECK_EVERY = 1 << 18;

    private final NetworkGraph g;
    private final long[] lat;
    private final double[] inverseBw;

    /**
     * The trees of one build, in accelerator order of their roots. path[r][v]: the arcs of the edge into
     * v in root r's tree, from its parent (null for the root and for switches); load: tree edges per arc,
     * all trees; depth: the deepest tree's latency, in {@link LatencyScale} units.
     */
    record Forest(int[][][] path, long[] load, long depth) {
    }

    /**
     * An offer to settle v under from along arcs, at latency depth; rank: its busiest arc's (load + 1) /
     * bandwidth when offered; over: deeper than the budget.
     */
    private record Offer(int v, int from, int[] arcs, long depth, double rank, boolean over) {
    }

    private static int compare(Offer x, Offer y) {
        return compare(x.over, x.rank, x.depth, y.over, y.rank, y.depth);
    }

    /** Within the budget before over it; within it the least busy first, then the shallowest; over it the shallowest first. */
    private static int compare(boolean overX, double rankX, long depthX, boolean overY, double rankY, long depthY) {
        if (overX != overY) {
            return overX ? 1 : -1;
        }
        int c = overX ? Long.compare(depthX, depthY) : Double.compare(rankX, rankY);
        if (c != 0) {
            return c;
        }
        return overX ? Double.compare(rankX, rankY) : Long.compare(depthX, depthY);
    }

    // per build, reused by every root and search
    private long[] load;
    private long budget;
    private final long[] depth;
    private final int[] settledBy;
    private final Offer[] best;
    /** Per node, its DAG of switch-only paths out of it and into it (accelerators only; built when first needed). */
    private final SwitchPathDag[] outPaths;
    private final SwitchPathDag[] inPaths;
    private final NetworkGraph reversed;
    /** Per DAG entry of the pass under way: the rank of the chosen path into it and the predecessor chosen. */
    private double[] rankOf = new double[16];
    private int[] chosen = new int[16];
    private int rootMark;
    private PriorityQueue<Offer> offers;
    // the build under way: its progress, its cancel checks' pace, and how far it is
    private Progress progress;
    private DoubleConsumer done;
    private CheckPacer pacer;
    private long rootsGrown;
    private long rootsToGrow;
    private int settledInRoot;

    BalancedTreeSearch(NetworkGraph g, LatencyScale latency) {
        this.g = g;
        this.lat = latency.arcs();
        this.inverseBw = new double[g.arcCount()];
        for (int a = 0; a < inverseBw.length; a++) {
            inverseBw[a] = 1 / g.bandwidth(a).toDouble();
        }
        int n = g.nodeCount();
        depth = new long[n];
        settledBy = new int[n];
        Arrays.fill(settledBy, -1);
        best = new Offer[n];
        outPaths = new SwitchPathDag[n];
        inPaths = new SwitchPathDag[n];
        reversed = g.reversed();
    }

    /**
     * The trees of every root, root r's within eccentricity[r] + slack (latency units) where the loads
     * allow it. Each pass after the first takes every tree out in turn and grows it again among all the
     * others' loads, which the first pass's early trees never saw. Checks p's cancel within each root
     * too, and tells done how far the build is (0..1) when it does.
     */
    Forest build(long[] eccentricity, long slack, int passes, Progress p, DoubleConsumer done) {
        this.load = new long[g.arcCount()];
        this.progress = p;
        this.done = done;
        this.pacer = new CheckPacer(CHECK_EVERY);
        int[] acc = g.accelerators();
        rootsGrown = 0;
        rootsToGrow = (long) passes * acc.length;
        int[][][] path = new int[acc.length][][];
        long[] treeDepth = new long[acc.length];
        for (int pass = 0; pass < passes; pass++) {
            for (int r = 0; r < acc.length; r++, rootsGrown++) {
                p.checkCancelled();
                if (path[r] != null) {
                    for (int[] arcs : path[r]) {
                        for (int a : arcs == null ? new int[0] : arcs) {
                            load[a]--;
                        }
                    }
                }
                rootMark++;
                budget = eccentricity[r] + slack;
                path[r] = new int[g.nodeCount()][];
                treeDepth[r] = grow(acc[r], acc.length, path[r]);
            }
        }
        long deepest = 0;
        for (long d : treeDepth) {
            deepest = Math.max(deepest, d);
        }
        return new Forest(path, load, deepest);
    }

    /** Grows root's tree into path; its depth. */
    private long grow(int root, int accelerators, int[][] path) {
        Arrays.fill(best, null);
        offers = new PriorityQueue<>(BalancedTreeSearch::compare);
        settledInRoot = 0;
        settle(root, 0);
        long deepest = 0;
        for (int left = accelerators - 1; left > 0; ) {
            Offer o = offers.poll();
            if (o == null) {
                throw new IllegalArgumentException(g.id(root) + " cannot reach every accelerator");
            }
            if (settledBy[o.v] == rootMark || best[o.v] != o) {
                continue;
            }
            Offer now = fresh(o);
            if (now != o) {
                best[o.v] = offerBack(o.v);
                if (best[o.v] != null) {
                    offers.add(best[o.v]);
                }
                continue;
            }
            for (int a : o.arcs) {
                load[a]++;
            }
            path[o.v] = o.arcs;
            deepest = Math.max(deepest, o.depth);
            settle(o.v, o.depth);
            settledInRoot++;
            left--;
        }
        return deepest;
    }

    /** o itself when its rank is as offered, else o ranked by the loads now (only ever busier). */
    private Offer fresh(Offer o) {
        double rank = rank(o.arcs);
        return rank == o.rank ? o : new Offer(o.v, o.from, o.arcs, o.depth, rank, o.over);
    }

    private double rank(int[] arcs) {
        double rank = 0;
        for (int a : arcs) {
            rank = Math.max(rank, (load[a] + 1) * inverseBw[a]);
        }
        return rank;
    }

    /** Settles u at latency d and offers every accelerator it reaches over switches. */
    private void settle(int u, long d) {
        settledBy[u] = rootMark;
        depth[u] = d;
        if (outPaths[u] == null) {
            outPaths[u] = SwitchPathDag.from(g, lat, u);
            spend(g.arcCount());
        }
        SwitchPathDag dag = outPaths[u];
        pass(dag);
        for (int i = 1; i < dag.size(); i++) {
            int y = dag.node[i];
            if (!g.isAccelerator(y) || settledBy[y] == rootMark) {
                continue;
            }
            long dd = d + dag.dist[i];
            Offer current = best[y] == null ? null : fresh(best[y]);
            if (current == null || compare(dd > budget, rankOf[i], dd, current.over, current.rank, current.depth) < 0) {
                best[y] = new Offer(y, u, path(dag, i, false), dd, rankOf[i], dd > budget);
                offers.add(best[y]);
            }
        }
    }

    /** The best offer to v from any settled accelerator now, over the switch-only paths into v. */
    private Offer offerBack(int v) {
        if (inPaths[v] == null) {
            inPaths[v] = SwitchPathDag.from(reversed, lat, v);
            spend(g.arcCount());
        }
        SwitchPathDag dag = inPaths[v];
        pass(dag);
        Offer found = null;
        for (int i = 1; i < dag.size(); i++) {
            int w = dag.node[i];
            if (!g.isAccelerator(w) || settledBy[w] != rootMark) {
                continue;
            }
            long dd = depth[w] + dag.dist[i];
            if (found == null || compare(dd > budget, rankOf[i], dd, found.over, found.rank, found.depth) < 0) {
                found = new Offer(v, w, path(dag, i, true), dd, rankOf[i], dd > budget);
            }
        }
        return found;
    }

    /**
     * One pass over dag in entry order: per entry, among its shortest paths, the one whose busiest arc is
     * least busy now (its rank, rankOf), and the predecessor taken (chosen).
     */
    private void pass(SwitchPathDag dag) {
        spend(dag.size() + dag.predArc.length);
        if (rankOf.length < dag.size()) {
            rankOf = new double[dag.size()];
            chosen = new int[dag.size()];
        }
        rankOf[0] = 0;
        for (int i = 1; i < dag.size(); i++) {
            double bestRank = Double.POSITIVE_INFINITY;
            int bestPred = -1;
            for (int k = dag.predStart[i]; k < dag.predStart[i + 1]; k++) {
                int a = dag.predArc[k];
                double rank = Math.max(rankOf[dag.predEntry[k]], (load[a] + 1) * inverseBw[a]);
                if (rank < bestRank) {
                    bestRank = rank;
                    bestPred = k;
                }
            }
            rankOf[i] = bestRank;
            chosen[i] = bestPred;
        }
    }

    /**
     * Counts work done (a DAG built: about its graph's arcs; a pass: its entries and arcs); when a check
     * is due, reports how far the build is and stops if cancelled.
     */
    private void spend(long units) {
        if (pacer.due(units)) {
            done.accept((rootsGrown + (double) settledInRoot / g.acceleratorCount()) / rootsToGrow);
            progress.checkCancelled();
        }
    }

    /**
     * The arcs of the path the last pass chose into entry i, in the graph's direction: from the source
     * to i, or (into: a DAG of paths into its source) from i to the source.
     */
    private int[] path(SwitchPathDag dag, int i, boolean into) {
        int hops = 0;
        for (int e = i; e != 0; e = dag.predEntry[chosen[e]]) {
            hops++;
        }
        int[] arcs = new int[hops];
        int k = into ? 0 : hops - 1;
        for (int e = i; e != 0; e = dag.predEntry[chosen[e]]) {
            arcs[k] = dag.predArc[chosen[e]];
            k += into ? 1 : -1;
        }
        return arcs;
    }
}
