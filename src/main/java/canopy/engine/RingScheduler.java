package canopy.engine;

import canopy.model.Collective;
import canopy.model.Direction;
import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;

import java.util.ArrayList;
import java.util.List;

/**
 * The ring baseline (NCCL's ring algorithm) in the schedule format of formats.md.
 *
 * <p><b>Ring order.</b> Each ordered pair of accelerators is routed along its widest, then shortest,
 * path (switches only in between when possible, otherwise through other accelerators). The ring starts
 * at the first accelerator and repeatedly visits the nearest unvisited accelerator (fewest relayed
 * routes, then widest, then fewest hops, then file order); 2-opt then reverses ring segments while
 * that lowers, lexicographically, the ring's (number of relayed hops, Σ 1/bandwidth of its hops, Σ
 * hops). Deterministic.
 *
 * <p><b>Trees.</b> allgather: for every root an out-tree that is the path along the ring from the root;
 * reduce-scatter: for every root an in-tree, the path along the ring ending at the root; allreduce:
 * reduce-scatter in stage 0, then allgather in stage 1. Each tree edge is a ring hop with its route.
 * Each root's share goes clockwise, counter-clockwise, or is split: the candidates are all clockwise,
 * all counter-clockwise, 1/2–1/2 and the split f = T_ccw / (T_cw + T_ccw) that balances the two
 * directions' times; the fastest by exact link loads wins (ties: the earlier in this list).
 *
 * <p>algbw is exact ({@link LinkLoads}); bound is left null for the caller; bottleneck_cut is empty.
 */
public final class RingScheduler {
    public static final String ALGORITHM = "ring";

    private RingScheduler() {
    }

    /** The ring schedule of collective c on topology t. */
    public static Schedule schedule(Topology t, Collective c) {
        NetworkGraph g = NetworkGraph.of(t);
        AcceleratorRoutes routes = new AcceleratorRoutes(g);
        int[] ring = ringOrder(routes);
        int n = ring.length;
        if (n < 2) {
            throw new IllegalArgumentException("a ring needs at least two accelerators");
        }
        List<List<String>> cw = new ArrayList<>(n);
        List<List<String>> ccw = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            cw.add(routes.path(ring[k], ring[(k + 1) % n]));
            ccw.add(routes.path(ring[(k + 1) % n], ring[k]));
        }
        Rational f = clockwiseFraction(g, cw, ccw);
        List<ScheduleTree> trees = new ArrayList<>();
        if (c == Collective.REDUCE_SCATTER || c == Collective.ALLREDUCE) {
            addTrees(trees, Phase.REDUCE_SCATTER, 0, routes, ring, cw, ccw, f);
        }
        if (c == Collective.ALLGATHER || c == Collective.ALLREDUCE) {
            addTrees(trees, Phase.ALLGATHER, c == Collective.ALLREDUCE ? 1 : 0, routes, ring, cw, ccw, f);
        }
        Rational algbw = new LinkLoads(g, trees).algbw();
        return new Schedule(c, ALGORITHM, t.name(), n, algbw, null, List.of(), trees);
    }

    /** The ring order the scheduler uses: accelerator ids, the ring running from each to the next. */
    public static List<String> ringOrder(Topology t) {
        NetworkGraph g = NetworkGraph.of(t);
        AcceleratorRoutes routes = new AcceleratorRoutes(g);
        int[] ring = ringOrder(routes);
        List<String> out = new ArrayList<>(ring.length);
        for (int p : ring) {
            out.add(g.id(routes.node(p)));
        }
        return out;
    }

    /** Accelerator positions (indices into graph.accelerators()) in ring order. */
    static int[] ringOrder(AcceleratorRoutes routes) {
        int n = routes.size();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && !routes.reachable(i, j)) {
                    NetworkGraph g = routes.graph();
                    throw new IllegalArgumentException("accelerator " + g.id(routes.node(j))
                            + " cannot be reached from " + g.id(routes.node(i)));
                }
            }
        }
        long[] inv = routes.inverseBandwidthCosts();
        int[] ring = new int[n];
        boolean[] used = new boolean[n];
        if (n == 0) {
            return ring;
        }
        ring[0] = 0;
        used[0] = true;
        for (int k = 1; k < n; k++) {
            int u = ring[k - 1];
            int best = -1;
            for (int v = 0; v < n; v++) {
                if (!used[v] && (best < 0 || nearer(routes, u, v, best))) {
                    best = v;
                }
            }
            ring[k] = best;
            used[best] = true;
        }
        twoOpt(routes, inv, ring);
        return ring;
    }

    private static boolean nearer(AcceleratorRoutes r, int u, int v, int best) {
        if (r.relayed(u, v) != r.relayed(u, best)) {
            return !r.relayed(u, v);
        }
        if (r.widestLevel(u, v) != r.widestLevel(u, best)) {
            return r.widestLevel(u, v) < r.widestLevel(u, best);
        }
        return r.hops(u, v) < r.hops(u, best);
    }

    /** 2-opt with asymmetric costs: reversing ring[i+1..j] also turns the hops inside the segment. */
    private static void twoOpt(AcceleratorRoutes r, long[] inv, int[] ring) {
        int n = ring.length;
        if (n < 4) {
            return;
        }
        long[][] pf = new long[3][n];
        long[][] pb = new long[3][n];
        long[] d = new long[3];
        long[] tmp = new long[3];
        prefixes(r, inv, ring, pf, pb);
        int moves = 0;
        int maxMoves = 50 * n;
        boolean improved = true;
        while (improved && moves < maxMoves) {
            improved = false;
            for (int i = 0; i < n - 2 && moves < maxMoves; i++) {
                for (int j = i + 2; j < n && moves < maxMoves; j++) {
                    int a = ring[i];
                    int b = ring[i + 1];
                    int c = ring[j];
                    int e = ring[(j + 1) % n];
                    if (e == a) {
                        continue; // reversing everything but ring[0] only turns the ring round
                    }
                    Arrays3.zero(d);
                    Arrays3.add(d, cost(r, inv, a, c, tmp), 1);
                    Arrays3.add(d, cost(r, inv, b, e, tmp), 1);
                    Arrays3.add(d, cost(r, inv, a, b, tmp), -1);
                    Arrays3.add(d, cost(r, inv, c, e, tmp), -1);
                    for (int q = 0; q < 3; q++) {
                        d[q] += (pb[q][j] - pb[q][i + 1]) - (pf[q][j] - pf[q][i + 1]);
                    }
                    if (Arrays3.negative(d)) {
                        for (int x = i + 1, y = j; x < y; x++, y--) {
                            int s = ring[x];
                            ring[x] = ring[y];
                            ring[y] = s;
                        }
                        prefixes(r, inv, ring, pf, pb);
                        moves++;
                        improved = true;
                    }
                }
            }
        }
    }

    /** pf[q][k] = Σ_{m<k} component q of cost(ring[m] → ring[m+1]); pb the same for the reverse hops. */
    private static void prefixes(AcceleratorRoutes r, long[] inv, int[] ring, long[][] pf, long[][] pb) {
        long[] tmp = new long[3];
        for (int q = 0; q < 3; q++) {
            pf[q][0] = 0;
            pb[q][0] = 0;
        }
        for (int k = 0; k + 1 < ring.length; k++) {
            cost(r, inv, ring[k], ring[k + 1], tmp);
            for (int q = 0; q < 3; q++) {
                pf[q][k + 1] = pf[q][k] + tmp[q];
            }
            cost(r, inv, ring[k + 1], ring[k], tmp);
            for (int q = 0; q < 3; q++) {
                pb[q][k + 1] = pb[q][k] + tmp[q];
            }
        }
    }

    private static long[] cost(AcceleratorRoutes r, long[] inv, int u, int v, long[] out) {
        out[0] = r.relayed(u, v) ? 1 : 0;
        out[1] = inv[r.widestLevel(u, v)];
        out[2] = r.hops(u, v);
        return out;
    }

    /** Tiny helpers on lexicographic cost triples. */
    private static final class Arrays3 {
        static void zero(long[] d) {
            d[0] = 0;
            d[1] = 0;
            d[2] = 0;
        }

        static void add(long[] d, long[] x, int sign) {
            for (int q = 0; q < 3; q++) {
                d[q] += sign * x[q];
            }
        }

        static boolean negative(long[] d) {
            for (int q = 0; q < 3; q++) {
                if (d[q] != 0) {
                    return d[q] < 0;
                }
            }
            return false;
        }
    }

    /**
     * The clockwise part of each root's share. Every hop of one direction carries (N-1)/N of its
     * direction's part of the buffer, so the load of an arc is (N-1)/N × (f × cw[a] + (1-f) × ccw[a])
     * where cw[a] / ccw[a] count the clockwise / counter-clockwise hops routed over it.
     */
    static Rational clockwiseFraction(NetworkGraph g, List<List<String>> cw, List<List<String>> ccw) {
        int[] cwCount = hopCounts(g, cw);
        int[] ccwCount = hopCounts(g, ccw);
        Rational tCw = time(g, cwCount, ccwCount, Rational.ONE);
        Rational tCcw = time(g, cwCount, ccwCount, Rational.ZERO);
        List<Rational> candidates = new ArrayList<>(List.of(Rational.ONE, Rational.ZERO, Rational.of(1, 2)));
        Rational balanced = tCcw.divide(tCw.add(tCcw));
        if (!candidates.contains(balanced)) {
            candidates.add(balanced);
        }
        Rational best = null;
        Rational bestTime = null;
        for (Rational f : candidates) {
            Rational time = time(g, cwCount, ccwCount, f);
            if (bestTime == null || time.compareTo(bestTime) < 0) {
                best = f;
                bestTime = time;
            }
        }
        return best;
    }

    private static int[] hopCounts(NetworkGraph g, List<List<String>> hops) {
        int[] count = new int[g.arcCount()];
        for (List<String> p : hops) {
            for (int i = 0; i + 1 < p.size(); i++) {
                count[g.arc(g.indexOf(p.get(i)), g.indexOf(p.get(i + 1)))]++;
            }
        }
        return count;
    }

    /** max over arcs of (f × cw + (1-f) × ccw) / bandwidth: the stage time up to the factor (N-1)/N. */
    private static Rational time(NetworkGraph g, int[] cw, int[] ccw, Rational f) {
        Rational worst = Rational.ZERO;
        Rational rest = Rational.ONE.subtract(f);
        for (int a = 0; a < g.arcCount(); a++) {
            if (cw[a] == 0 && ccw[a] == 0) {
                continue;
            }
            Rational load = f.multiply(cw[a]).add(rest.multiply(ccw[a]));
            worst = worst.max(load.divide(g.bandwidth(a)));
        }
        return worst;
    }

    private static void addTrees(List<ScheduleTree> trees, Phase phase, int stage, AcceleratorRoutes routes,
                                 int[] ring, List<List<String>> cw, List<List<String>> ccw, Rational f) {
        int n = ring.length;
        NetworkGraph g = routes.graph();
        Rational rest = Rational.ONE.subtract(f);
        for (int k = 0; k < n; k++) {
            String root = g.id(routes.node(ring[k]));
            if (f.signum() > 0) {
                trees.add(new ScheduleTree(root, phase, stage, phase.direction(), f,
                        pathTree(routes, ring, cw, ccw, k, true, phase.direction())));
            }
            if (rest.signum() > 0) {
                trees.add(new ScheduleTree(root, phase, stage, phase.direction(), rest,
                        pathTree(routes, ring, cw, ccw, k, false, phase.direction())));
            }
        }
    }

    /**
     * The path tree of root ring[k]. Out-trees leave the root along the ring (clockwise: k → k+1 → …);
     * in-trees run along the ring and end at the root (clockwise: k+1 → k+2 → … → k).
     */
    private static List<TreeEdge> pathTree(AcceleratorRoutes routes, int[] ring, List<List<String>> cw,
                                           List<List<String>> ccw, int k, boolean clockwise, Direction dir) {
        int n = ring.length;
        NetworkGraph g = routes.graph();
        List<TreeEdge> edges = new ArrayList<>(n - 1);
        for (int step = 0; step < n - 1; step++) {
            int from;
            if (dir == Direction.OUT) {
                from = clockwise ? (k + step) % n : ((k - step) % n + n) % n;
            } else {
                from = clockwise ? (k + 1 + step) % n : ((k - 1 - step) % n + n) % n;
            }
            int to = clockwise ? (from + 1) % n : (from - 1 + n) % n;
            // cw.get(m) runs ring[m] → ring[m+1]; ccw.get(m) runs ring[m+1] → ring[m]
            List<String> path = clockwise ? cw.get(from) : ccw.get(to);
            edges.add(new TreeEdge(g.id(routes.node(ring[from])), g.id(routes.node(ring[to])), path));
        }
        return edges;
    }
}
