package canopy.engine;

import java.util.Arrays;
import java.util.PriorityQueue;

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
 * <p>Ranks are compared exactly: loads and bandwidths as whole numbers (bandwidths times the graph's
 * scale, which must fit in a long), products compared in 128 bits.
 */
final class BalancedTreeSearch {
    private final NetworkGraph g;
    private final long[] lat;
    /** bandwidth × the graph's scale: exact whole numbers. */
    private final long[] capacity;

    /**
     * The trees of one build, in accelerator order of their roots. path[r][v]: the arcs of the edge into
     * v in root r's tree, from its parent (null for the root and for switches); load: tree edges per arc,
     * all trees; depth: the deepest tree's latency, in {@link LatencyScale} units.
     */
    record Forest(int[][][] path, long[] load, long depth) {
    }

    /** a's (load + 1) against b's, each over its capacity: exact, in 128 bits. */
    private int compareBusy(long loadA, int a, long loadB, int b) {
        return compare128(loadA + 1, capacity[b], loadB + 1, capacity[a]);
    }

    /** x1 × y1 against x2 × y2, all non-negative, without overflow. */
    private static int compare128(long x1, long y1, long x2, long y2) {
        long hi1 = Math.multiplyHigh(x1, y1);
        long hi2 = Math.multiplyHigh(x2, y2);
        if (hi1 != hi2) {
            return Long.compare(hi1, hi2);
        }
        return Long.compareUnsigned(x1 * y1, x2 * y2);
    }

    /**
     * An offer to settle v under from along arcs, at latency depth; busiest: the arc of the path with the
     * most (load + 1) / bandwidth when offered, busy its load then; over: deeper than the budget.
     */
    private record Offer(int v, int from, int[] arcs, long depth, int busiest, long busy, boolean over) {
    }

    private int compare(Offer x, Offer y) {
        if (x.over != y.over) {
            return x.over ? 1 : -1;
        }
        if (x.over) {
            int c = Long.compare(x.depth, y.depth);
            return c != 0 ? c : compareBusy(x.busy, x.busiest, y.busy, y.busiest);
        }
        int c = compareBusy(x.busy, x.busiest, y.busy, y.busiest);
        return c != 0 ? c : Long.compare(x.depth, y.depth);
    }

    /** A switch reached by a search from (or back to) an accelerator: latency, then the busiest arc so far. */
    private record Reached(int node, long dist, int busiest, long busy) {
    }

    private int compare(Reached x, Reached y) {
        int c = Long.compare(x.dist, y.dist);
        if (c != 0 || x.busiest == y.busiest) {
            return c;
        }
        if (x.busiest < 0 || y.busiest < 0) {
            return x.busiest < 0 ? -1 : 1;
        }
        return compareBusy(x.busy, x.busiest, y.busy, y.busiest);
    }

    // per build, reused by every root and search
    private long[] load;
    private long budget;
    private final long[] depth;
    private final int[] settledBy;
    private final Offer[] best;
    private final Reached[] reached;
    private final int[] searchArc;
    private final int[] searchStamp;
    private int stamp;
    private int rootMark;
    private PriorityQueue<Offer> offers;

    /** Throws ArithmeticException when the graph's scaled bandwidths do not fit in longs. */
    BalancedTreeSearch(NetworkGraph g, LatencyScale latency) {
        this.g = g;
        this.lat = latency.arcs();
        this.capacity = g.scaledCapacities(java.math.BigInteger.ONE);
        int n = g.nodeCount();
        depth = new long[n];
        settledBy = new int[n];
        best = new Offer[n];
        reached = new Reached[n];
        searchArc = new int[n];
        searchStamp = new int[n];
    }

    /**
     * The trees of every root, root r's within eccentricity[r] + slack (latency units) where the loads
     * allow it.
     */
    Forest build(long[] eccentricity, long slack, Progress p) {
        this.load = new long[g.arcCount()];
        int[] acc = g.accelerators();
        int[][][] path = new int[acc.length][][];
        long deepest = 0;
        Arrays.fill(settledBy, -1);
        for (int r = 0; r < acc.length; r++) {
            p.checkCancelled();
            rootMark = r;
            budget = eccentricity[r] + slack;
            path[r] = new int[g.nodeCount()][];
            deepest = Math.max(deepest, grow(acc[r], acc.length, path[r]));
        }
        return new Forest(path, load, deepest);
    }

    /** Grows root's tree into path; its depth. */
    private long grow(int root, int accelerators, int[][] path) {
        Arrays.fill(best, null);
        offers = new PriorityQueue<>(this::compare);
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
            if (load[o.busiest] != o.busy || busier(o.arcs, o.busiest)) {
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
            left--;
        }
        return deepest;
    }

    /** True when some arc of arcs is now busier than busiest was when offered. */
    private boolean busier(int[] arcs, int busiest) {
        for (int a : arcs) {
            if (a != busiest && compareBusy(load[a], a, load[busiest], busiest) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Settles u at latency d and offers every accelerator it reaches over switches. */
    private void settle(int u, long d) {
        settledBy[u] = rootMark;
        depth[u] = d;
        PriorityQueue<Reached> queue = startSearch(u);
        while (!queue.isEmpty()) {
            Reached x = queue.poll();
            if (x != reached[x.node]) {
                continue;
            }
            for (int a : g.outArcs(x.node)) {
                int y = g.arcTo(a);
                Reached via = extend(x, a);
                if (!g.isAccelerator(y)) {
                    relax(queue, y, a, via);
                } else if (settledBy[y] != rootMark) {
                    long dd = d + via.dist;
                    Offer o = new Offer(y, u, null, dd, via.busiest, via.busy, dd > budget);
                    if (best[y] == null || compare(o, best[y]) < 0) {
                        best[y] = new Offer(y, u, forwardPath(u, x.node, a), dd, via.busiest, via.busy, dd > budget);
                        offers.add(best[y]);
                    }
                }
            }
        }
    }

    /** The best offer to v from any settled accelerator now, searching backwards from v over switches. */
    private Offer offerBack(int v) {
        PriorityQueue<Reached> queue = startSearch(v);
        Offer found = null;
        while (!queue.isEmpty()) {
            Reached x = queue.poll();
            if (x != reached[x.node]) {
                continue;
            }
            for (int a : g.inArcs(x.node)) {
                int w = g.arcFrom(a);
                Reached via = extend(x, a);
                if (!g.isAccelerator(w)) {
                    relax(queue, w, a, via);
                } else if (settledBy[w] == rootMark) {
                    long dd = depth[w] + via.dist;
                    Offer o = new Offer(v, w, null, dd, via.busiest, via.busy, dd > budget);
                    if (found == null || compare(o, found) < 0) {
                        found = new Offer(v, w, backwardPath(a, x.node), dd, via.busiest, via.busy, dd > budget);
                    }
                }
            }
        }
        return found;
    }

    /** x's path one arc longer. */
    private Reached extend(Reached x, int a) {
        boolean busier = x.busiest < 0 || compareBusy(load[a], a, x.busy, x.busiest) > 0;
        return new Reached(-1, x.dist + lat[a], busier ? a : x.busiest, busier ? load[a] : x.busy);
    }

    private PriorityQueue<Reached> startSearch(int source) {
        stamp++;
        PriorityQueue<Reached> queue = new PriorityQueue<>(this::compare);
        searchStamp[source] = stamp;
        searchArc[source] = -1;
        reached[source] = new Reached(source, 0, -1, 0);
        queue.add(reached[source]);
        return queue;
    }

    private void relax(PriorityQueue<Reached> queue, int x, int arc, Reached via) {
        Reached r = new Reached(x, via.dist, via.busiest, via.busy);
        if (searchStamp[x] == stamp && compare(reached[x], r) <= 0) {
            return;
        }
        searchStamp[x] = stamp;
        searchArc[x] = arc;
        reached[x] = r;
        queue.add(r);
    }

    /** The arcs from u to x along the forward search, then last. */
    private int[] forwardPath(int u, int x, int last) {
        int hops = 1;
        for (int y = x; y != u; y = g.arcFrom(searchArc[y])) {
            hops++;
        }
        int[] arcs = new int[hops];
        arcs[hops - 1] = last;
        int k = hops - 2;
        for (int y = x; y != u; y = g.arcFrom(searchArc[y])) {
            arcs[k--] = searchArc[y];
        }
        return arcs;
    }

    /** first, then the arcs from x on toward the backward search's source. */
    private int[] backwardPath(int first, int x) {
        int hops = 1;
        for (int y = x; searchArc[y] >= 0; y = g.arcTo(searchArc[y])) {
            hops++;
        }
        int[] arcs = new int[hops];
        arcs[0] = first;
        int k = 1;
        for (int y = x; searchArc[y] >= 0; y = g.arcTo(searchArc[y])) {
            arcs[k++] = searchArc[y];
        }
        return arcs;
    }
}
