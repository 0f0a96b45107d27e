package canopy.engine;

import canopy.model.Rational;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * Routes between accelerators for the baseline schedulers: for every ordered pair, the widest path
 * (largest bottleneck bandwidth), and among the widest the shortest (fewest hops). Paths whose
 * intermediate nodes are all switches are preferred; a pair that has none is routed through other
 * accelerators too (they forward the data, as NCCL's PXN does), and is marked as relayed; a tree built
 * on such routes goes through {@link SwitchOnlyTrees}, which makes the forwarding accelerators its vertices.
 *
 * <p>Bandwidth levels are compared exactly (Rational); a route is found by one breadth-first search per
 * distinct bandwidth level, so building the table costs O(N × levels × arcs) time and O(N²) memory.
 */
final class AcceleratorRoutes {
    private final NetworkGraph graph;
    private final int[] acc;
    /** Distinct arc bandwidths, widest first. */
    private final Rational[] levels;
    private final int[] arcLevel;
    /** [i][j]: level index of the widest i→j route (smaller = wider), -1 on the diagonal. */
    private final int[][] widest;
    private final int[][] hops;
    private final boolean[][] relayed;

    AcceleratorRoutes(NetworkGraph graph) {
        this(graph, Progress.NONE);
    }

    /** Checks p between sources, so that a cancelled baseline stops while routing. */
    AcceleratorRoutes(NetworkGraph graph, Progress p) {
        this.graph = graph;
        this.acc = graph.accelerators();
        TreeSet<Rational> distinct = new TreeSet<>(Collections.reverseOrder());
        for (int a = 0; a < graph.arcCount(); a++) {
            distinct.add(graph.bandwidth(a));
        }
        levels = distinct.toArray(new Rational[0]);
        arcLevel = new int[graph.arcCount()];
        for (int a = 0; a < graph.arcCount(); a++) {
            arcLevel[a] = Arrays.binarySearch(levels, graph.bandwidth(a), Collections.reverseOrder());
        }
        int n = acc.length;
        int[] position = new int[graph.nodeCount()];
        Arrays.fill(position, -1);
        for (int i = 0; i < n; i++) {
            position[acc[i]] = i;
        }
        widest = new int[n][n];
        hops = new int[n][n];
        relayed = new boolean[n][n];
        int[] dist = new int[graph.nodeCount()];
        int[] queue = new int[graph.nodeCount()];
        for (int i = 0; i < n; i++) {
            p.checkCancelled();
            Arrays.fill(widest[i], Integer.MAX_VALUE);
            widest[i][i] = -1;
            int left = n - 1;
            for (int pass = 0; pass < 2 && left > 0; pass++) {
                boolean relay = pass == 1;
                for (int level = 0; level < levels.length && left > 0; level++) {
                    bfs(acc[i], level, relay, dist, queue, null);
                    for (int j = 0; j < n; j++) {
                        if (widest[i][j] == Integer.MAX_VALUE && dist[acc[j]] >= 0) {
                            widest[i][j] = level;
                            hops[i][j] = dist[acc[j]];
                            relayed[i][j] = relay;
                            left--;
                        }
                    }
                }
            }
        }
    }

    /**
     * Breadth-first search from src over arcs at least as wide as levels[level]; without relay only
     * switches (and src) forward. Fills dist (-1 = unreached) and, when given, the arc into each node.
     */
    private void bfs(int src, int level, boolean relay, int[] dist, int[] queue, int[] parentArc) {
        Arrays.fill(dist, -1);
        dist[src] = 0;
        int head = 0;
        int tail = 0;
        queue[tail++] = src;
        while (head < tail) {
            int u = queue[head++];
            if (u != src && !relay && graph.isAccelerator(u)) {
                continue;
            }
            for (int a : graph.outArcs(u)) {
                int v = graph.arcTo(a);
                if (arcLevel[a] <= level && dist[v] < 0) {
                    dist[v] = dist[u] + 1;
                    if (parentArc != null) {
                        parentArc[v] = a;
                    }
                    queue[tail++] = v;
                }
            }
        }
    }

    NetworkGraph graph() {
        return graph;
    }

    int size() {
        return acc.length;
    }

    /** Node index of the accelerator at position i (file order). */
    int node(int i) {
        return acc[i];
    }

    boolean reachable(int i, int j) {
        return widest[i][j] != Integer.MAX_VALUE;
    }

    int widestLevel(int i, int j) {
        return widest[i][j];
    }

    int levelCount() {
        return levels.length;
    }

    Rational level(int l) {
        return levels[l];
    }

    int hops(int i, int j) {
        return hops[i][j];
    }

    boolean relayed(int i, int j) {
        return relayed[i][j];
    }

    /**
     * An exact integer cost per level proportional to 1 / bandwidth (K / bandwidth with K the least
     * common multiple of the scaled bandwidths). When K is too large for longs the costs are rounded
     * (still decreasing in bandwidth); they only steer heuristics, never a reported figure.
     */
    long[] inverseBandwidthCosts() {
        BigInteger scale = graph.bandwidthScale();
        BigInteger[] b = new BigInteger[levels.length];
        BigInteger lcm = BigInteger.ONE;
        for (int l = 0; l < levels.length; l++) {
            b[l] = levels[l].multiply(Rational.of(scale)).numerator();
            lcm = lcm.divide(lcm.gcd(b[l])).multiply(b[l]);
        }
        long[] cost = new long[levels.length];
        BigInteger limit = BigInteger.ONE.shiftLeft(40);
        if (lcm.compareTo(limit) <= 0) {
            for (int l = 0; l < levels.length; l++) {
                cost[l] = lcm.divide(b[l]).longValueExact();
            }
        } else {
            BigInteger top = BigInteger.ONE.shiftLeft(20).multiply(b[0]);
            for (int l = 0; l < levels.length; l++) {
                cost[l] = top.divide(b[l]).min(limit).longValue() + l;
            }
        }
        return cost;
    }

    /** The node ids of the route from accelerator position i to j (i ≠ j, reachable). */
    List<String> path(int i, int j) {
        if (!reachable(i, j) || i == j) {
            throw new IllegalArgumentException(graph.id(acc[j]) + " cannot be reached from " + graph.id(acc[i]));
        }
        int[] dist = new int[graph.nodeCount()];
        int[] queue = new int[graph.nodeCount()];
        int[] parentArc = new int[graph.nodeCount()];
        bfs(acc[i], widest[i][j], relayed[i][j], dist, queue, parentArc);
        List<String> path = new ArrayList<>(dist[acc[j]] + 1);
        int v = acc[j];
        while (v != acc[i]) {
            path.add(graph.id(v));
            v = graph.arcFrom(parentArc[v]);
        }
        path.add(graph.id(acc[i]));
        Collections.reverse(path);
        return path;
    }
}
