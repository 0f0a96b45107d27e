package canopy.layout;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A force-directed layout (Fruchterman–Reingold) with a Barnes–Hut quadtree for the repulsion, so a
 * thousand nodes and a few thousand links take a fraction of a second.
 *
 * <p>Links attract their ends (weighted by bandwidth relative to the median link: wide links pull a
 * little harder; links of hubs such as rail switches pull less), every pair of nodes repels. The result
 * is in world units: a node's nearest linked neighbour is typically {@link #EDGE_LENGTH} away (crowded
 * graphs are stretched up to a few times that), no two nodes are closer than {@link #MIN_DISTANCE}, and
 * the top-left corner of the layout is at (0, 0) as for the generators. Connected components are laid
 * out one by one and packed in rows, largest first.
 *
 * <p>Deterministic: the start is the nodes' current positions where they have one, a fixed-seed random
 * placement otherwise, and nothing depends on hash order. Pure computation: no toolkit.
 */
public final class ForceDirectedLayout {
    /** The aimed-at distance between linked nodes, in world units. */
    public static final double EDGE_LENGTH = 90;
    /** No two nodes end up closer than this (world units), fixed nodes aside. */
    public static final double MIN_DISTANCE = 40;
    /** Crowded layouts may be stretched up to this factor beyond EDGE_LENGTH to keep nodes apart. */
    private static final double MAX_STRETCH = 3;

    private static final long SEED = 0x5eedL;
    private static final double THETA = 0.8;
    private static final double COMPONENT_GAP = 120;

    private ForceDirectedLayout() {
    }

    /** Positions (id → {x, y}) of every node of t. */
    public static Map<String, double[]> layout(Topology t) {
        return layout(t, Set.of());
    }

    /**
     * Positions of every node of t; the nodes in fixed that have a position keep it exactly and the
     * others are laid out around them (no rescaling, no packing of components).
     */
    public static Map<String, double[]> layout(Topology t, Set<String> fixed) {
        Graph g = Graph.of(t);
        int n = g.ids.length;
        Map<String, double[]> out = new LinkedHashMap<>();
        if (n == 0) {
            return out;
        }
        boolean[] pinned = new boolean[n];
        boolean anyPinned = false;
        for (int i = 0; i < n; i++) {
            Node node = t.node(g.ids[i]);
            if (fixed.contains(g.ids[i]) && node.x() != null && node.y() != null) {
                pinned[i] = true;
                anyPinned = true;
            }
        }
        double[] x = new double[n];
        double[] y = new double[n];
        start(t, g, pinned, x, y);
        if (anyPinned) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            simulate(g, all, pinned, x, y);
            separate(all, pinned, x, y);
        } else {
            List<int[]> components = g.components();
            for (int[] c : components) {
                simulate(g, c, pinned, x, y);
                scaleToEdgeLength(g, c, x, y);
                separate(c, pinned, x, y);
            }
            pack(components, x, y);
        }
        for (int i = 0; i < n; i++) {
            out.put(g.ids[i], new double[] {x[i], y[i]});
        }
        return out;
    }

    // ---------------------------------------------------------------- start

    /** Current positions where known (fixed ones exact), a seeded random spot otherwise; a little jitter. */
    private static void start(Topology t, Graph g, boolean[] pinned, double[] x, double[] y) {
        int n = g.ids.length;
        Random random = new Random(SEED);
        double side = EDGE_LENGTH * Math.sqrt(n);
        boolean[] known = new boolean[n];
        for (int i = 0; i < n; i++) {
            Node node = t.node(g.ids[i]);
            double rx = random.nextDouble();
            double ry = random.nextDouble();
            double jx = random.nextDouble() - 0.5;
            double jy = random.nextDouble() - 0.5;
            if (node.x() != null && node.y() != null && Double.isFinite(node.x()) && Double.isFinite(node.y())) {
                known[i] = true;
                // jitter breaks symmetric starts (all nodes on one line would stay on it)
                x[i] = node.x() + (pinned[i] ? 0 : jx * EDGE_LENGTH * 0.2);
                y[i] = node.y() + (pinned[i] ? 0 : jy * EDGE_LENGTH * 0.2);
            } else {
                x[i] = rx * side;
                y[i] = ry * side;
            }
        }
        // unknown nodes with a known neighbour start near it
        for (int i = 0; i < n; i++) {
            if (!known[i]) {
                for (int e = g.start[i]; e < g.start[i + 1]; e++) {
                    int j = g.adj[e];
                    if (known[j]) {
                        x[i] = x[j] + (x[i] / side - 0.5) * EDGE_LENGTH;
                        y[i] = y[j] + (y[i] / side - 0.5) * EDGE_LENGTH;
                        break;
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- simulation

    private static void simulate(Graph g, int[] nodes, boolean[] pinned, double[] x, double[] y) {
        int m = nodes.length;
        if (m < 2) {
            return;
        }
        double k = EDGE_LENGTH;
        double k2 = k * k;
        int iterations = m <= 200 ? 300 : m <= 2000 ? 200 : 120;
        double t0 = k * Math.max(2, Math.sqrt(m) / 2);
        double tEnd = k * 0.02;
        double[] dx = new double[m];
        double[] dy = new double[m];
        int[] local = new int[g.ids.length];
        Arrays.fill(local, -1);
        for (int a = 0; a < m; a++) {
            local[nodes[a]] = a;
        }
        double[] px = new double[m];
        double[] py = new double[m];
        QuadTree tree = new QuadTree(m);
        for (int it = 0; it < iterations; it++) {
            double temp = t0 * Math.pow(tEnd / t0, it / (double) (iterations - 1));
            for (int a = 0; a < m; a++) {
                px[a] = x[nodes[a]];
                py[a] = y[nodes[a]];
            }
            tree.build(px, py);
            double cx = 0;
            double cy = 0;
            for (int a = 0; a < m; a++) {
                cx += px[a];
                cy += py[a];
            }
            cx /= m;
            cy /= m;
            for (int a = 0; a < m; a++) {
                double[] f = tree.repulsion(a, px[a], py[a], THETA);
                dx[a] = f[0] * k2;
                dy[a] = f[1] * k2;
                // weak gravity keeps loosely attached parts from drifting off
                dx[a] += (cx - px[a]) * 0.01;
                dy[a] += (cy - py[a]) * 0.01;
            }
            for (int a = 0; a < m; a++) {
                int i = nodes[a];
                for (int e = g.start[i]; e < g.start[i + 1]; e++) {
                    int b = local[g.adj[e]];
                    if (b <= a) {
                        continue; // each undirected edge once
                    }
                    double ex = px[a] - px[b];
                    double ey = py[a] - py[b];
                    double d = Math.sqrt(ex * ex + ey * ey);
                    if (d < 1e-9) {
                        continue;
                    }
                    double f = g.weight[e] * d / k; // |f| = w d² / k, times the unit vector (ex, ey) / d
                    dx[a] -= ex * f;
                    dy[a] -= ey * f;
                    dx[b] += ex * f;
                    dy[b] += ey * f;
                }
            }
            for (int a = 0; a < m; a++) {
                int i = nodes[a];
                if (pinned[i]) {
                    continue;
                }
                double d = Math.sqrt(dx[a] * dx[a] + dy[a] * dy[a]);
                if (d > 1e-12) {
                    double s = Math.min(d, temp) / d;
                    x[i] += dx[a] * s;
                    y[i] += dy[a] * s;
                }
            }
        }
    }

    /**
     * Scales (free layouts only) so that a node's shortest link is typically EDGE_LENGTH: the median
     * over nodes of their shortest link (the mean would be ruled by the long links to hubs like rails).
     * A little more when that leaves many nodes crowded closer than MIN_DISTANCE.
     */
    private static void scaleToEdgeLength(Graph g, int[] nodes, double[] x, double[] y) {
        int m = nodes.length;
        double[] shortest = new double[m];
        double[] cx = new double[m];
        double[] cy = new double[m];
        int count = 0;
        for (int a = 0; a < m; a++) {
            int i = nodes[a];
            cx[a] = x[i];
            cy[a] = y[i];
            double best = Double.POSITIVE_INFINITY;
            for (int e = g.start[i]; e < g.start[i + 1]; e++) {
                int j = g.adj[e];
                best = Math.min(best, Math.hypot(x[i] - x[j], y[i] - y[j]));
            }
            if (best < Double.POSITIVE_INFINITY && best > 1e-9) {
                shortest[count++] = best;
            }
        }
        if (count == 0) {
            return;
        }
        Arrays.sort(shortest, 0, count);
        double s = EDGE_LENGTH / shortest[count / 2];
        double near = nearestNeighbourQuantile(cx, cy, 0.2);
        if (near > 0 && Double.isFinite(near) && near * s < MIN_DISTANCE * 1.1) {
            s = Math.min(MIN_DISTANCE * 1.1 / near, s * MAX_STRETCH);
        }
        for (int i : nodes) {
            x[i] *= s;
            y[i] *= s;
        }
    }

    /** The q-quantile of the distance from each node to its nearest other node (approximate: grid search). */
    private static double nearestNeighbourQuantile(double[] x, double[] y, double q) {
        int n = x.length;
        if (n < 2) {
            return 0;
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, x[i]);
            minY = Math.min(minY, y[i]);
            maxX = Math.max(maxX, x[i]);
            maxY = Math.max(maxY, y[i]);
        }
        double r = Math.max(1e-9, Math.sqrt((maxX - minX + 1e-9) * (maxY - minY + 1e-9) / n));
        Map<Long, List<Integer>> grid = new HashMap<>();
        for (int i = 0; i < n; i++) {
            grid.computeIfAbsent(cell(x[i], y[i], r), c -> new ArrayList<>()).add(i);
        }
        double[] nearest = new double[n];
        for (int i = 0; i < n; i++) {
            long cx = (long) Math.floor(x[i] / r);
            long cy = (long) Math.floor(y[i] / r);
            double best = Double.POSITIVE_INFINITY; // none within r: far, only small distances matter here
            for (long ox = -1; ox <= 1; ox++) {
                for (long oy = -1; oy <= 1; oy++) {
                    List<Integer> others = grid.get(key(cx + ox, cy + oy));
                    if (others != null) {
                        for (int j : others) {
                            if (j != i) {
                                best = Math.min(best, Math.hypot(x[i] - x[j], y[i] - y[j]));
                            }
                        }
                    }
                }
            }
            nearest[i] = best;
        }
        Arrays.sort(nearest);
        return nearest[(int) Math.floor(q * (n - 1))];
    }

    /** Pushes apart free nodes closer than MIN_DISTANCE (grid of MIN_DISTANCE cells, a few rounds). */
    static void separate(int[] nodes, boolean[] pinned, double[] x, double[] y) {
        double r = MIN_DISTANCE * 1.01;
        for (int round = 0; round < 1000; round++) {
            boolean moved = false;
            Map<Long, List<Integer>> grid = new HashMap<>();
            for (int i : nodes) {
                grid.computeIfAbsent(cell(x[i], y[i], r), c -> new ArrayList<>()).add(i);
            }
            for (int i : nodes) {
                long cx = (long) Math.floor(x[i] / r);
                long cy = (long) Math.floor(y[i] / r);
                for (long ox = -1; ox <= 1; ox++) {
                    for (long oy = -1; oy <= 1; oy++) {
                        List<Integer> others = grid.get(key(cx + ox, cy + oy));
                        if (others == null) {
                            continue;
                        }
                        for (int j : others) {
                            if (j <= i || (pinned[i] && pinned[j])) {
                                continue;
                            }
                            double ex = x[j] - x[i];
                            double ey = y[j] - y[i];
                            double d = Math.sqrt(ex * ex + ey * ey);
                            if (d >= r) {
                                continue;
                            }
                            if (d < 1e-9) {
                                // deterministic direction from the indices
                                double a = (i * 0.618034 + j * 0.414214) * 2 * Math.PI;
                                ex = Math.cos(a);
                                ey = Math.sin(a);
                                d = 0;
                            } else {
                                ex /= d;
                                ey /= d;
                            }
                            double push = (r - d) * 0.5 + 0.01;
                            if (pinned[i]) {
                                x[j] += ex * push * 2;
                                y[j] += ey * push * 2;
                            } else if (pinned[j]) {
                                x[i] -= ex * push * 2;
                                y[i] -= ey * push * 2;
                            } else {
                                x[i] -= ex * push;
                                y[i] -= ey * push;
                                x[j] += ex * push;
                                y[j] += ey * push;
                            }
                            moved = true;
                        }
                    }
                }
            }
            if (!moved) {
                return;
            }
        }
    }

    private static long cell(double x, double y, double r) {
        return key((long) Math.floor(x / r), (long) Math.floor(y / r));
    }

    private static long key(long cx, long cy) {
        return (cx << 32) ^ (cy & 0xffffffffL);
    }

    /** Packs the components, largest first, left to right in rows, top-left corner at (0, 0). */
    private static void pack(List<int[]> components, double[] x, double[] y) {
        List<int[]> order = new ArrayList<>(components);
        order.sort((a, b) -> Integer.compare(b.length, a.length)); // stable: ties keep node order
        double totalArea = 0;
        double widest = 0;
        double[][] boxes = new double[order.size()][];
        for (int c = 0; c < order.size(); c++) {
            double minX = Double.POSITIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (int i : order.get(c)) {
                minX = Math.min(minX, x[i]);
                minY = Math.min(minY, y[i]);
                maxX = Math.max(maxX, x[i]);
                maxY = Math.max(maxY, y[i]);
            }
            boxes[c] = new double[] {minX, minY, maxX - minX, maxY - minY};
            totalArea += (maxX - minX + COMPONENT_GAP) * (maxY - minY + COMPONENT_GAP);
            widest = Math.max(widest, maxX - minX);
        }
        double rowWidth = Math.max(widest, Math.sqrt(totalArea) * 1.3);
        double cx = 0;
        double cy = 0;
        double rowHeight = 0;
        for (int c = 0; c < order.size(); c++) {
            double[] b = boxes[c];
            if (cx > 0 && cx + b[2] > rowWidth) {
                cx = 0;
                cy += rowHeight + COMPONENT_GAP;
                rowHeight = 0;
            }
            for (int i : order.get(c)) {
                x[i] += cx - b[0];
                y[i] += cy - b[1];
            }
            cx += b[2] + COMPONENT_GAP;
            rowHeight = Math.max(rowHeight, b[3]);
        }
    }

    // ---------------------------------------------------------------- graph

    /** Undirected simple graph of the topology in node order (CSR), with link weights. */
    static final class Graph {
        final String[] ids;
        final int[] start;
        final int[] adj;
        final double[] weight;

        private Graph(String[] ids, int[] start, int[] adj, double[] weight) {
            this.ids = ids;
            this.start = start;
            this.adj = adj;
            this.weight = weight;
        }

        static Graph of(Topology t) {
            Map<String, Integer> index = new HashMap<>();
            List<String> ids = new ArrayList<>();
            for (Node n : t.nodes()) {
                if (index.putIfAbsent(n.id(), ids.size()) == null) {
                    ids.add(n.id());
                }
            }
            int n = ids.size();
            // sum of bandwidth per unordered pair, both directions of a duplex link counted once
            Map<Long, Double> pairs = new LinkedHashMap<>();
            List<Double> bws = new ArrayList<>();
            for (Link l : t.links()) {
                Integer a = index.get(l.from());
                Integer b = index.get(l.to());
                if (a == null || b == null || a.equals(b)) {
                    continue;
                }
                double bw = l.bandwidth().toDouble();
                if (!(bw > 0) || !Double.isFinite(bw)) {
                    bw = 1;
                }
                long key = Math.min(a, b) * (long) n + Math.max(a, b);
                pairs.merge(key, bw, Double::sum);
            }
            bws.addAll(pairs.values());
            Collections.sort(bws);
            double median = bws.isEmpty() ? 1 : bws.get(bws.size() / 2);
            int[] degree = new int[n];
            for (long key : pairs.keySet()) {
                degree[(int) (key / n)]++;
                degree[(int) (key % n)]++;
            }
            int[] start = new int[n + 1];
            for (int i = 0; i < n; i++) {
                start[i + 1] = start[i] + degree[i];
            }
            int[] fill = Arrays.copyOf(start, n);
            int[] adj = new int[start[n]];
            double[] weight = new double[start[n]];
            for (Map.Entry<Long, Double> p : pairs.entrySet()) {
                int a = (int) (p.getKey() / n);
                int b = (int) (p.getKey() % n);
                // wide links pull harder; links of hubs (a rail switch with hundreds of links) less, or the
                // hubs would crush everything around them into a heap
                double hub = Math.max(1, Math.sqrt(Math.max(degree[a], degree[b]) / 4.0));
                double w = Math.max(0.5, Math.min(2.0, Math.sqrt(p.getValue() / median))) / hub;
                adj[fill[a]] = b;
                weight[fill[a]++] = w;
                adj[fill[b]] = a;
                weight[fill[b]++] = w;
            }
            return new Graph(ids.toArray(new String[0]), start, adj, weight);
        }

        /** Connected components, each in node order, ordered by their first node. */
        List<int[]> components() {
            int n = ids.length;
            int[] comp = new int[n];
            Arrays.fill(comp, -1);
            List<int[]> out = new ArrayList<>();
            int[] queue = new int[n];
            for (int s = 0; s < n; s++) {
                if (comp[s] >= 0) {
                    continue;
                }
                int head = 0;
                int tail = 0;
                queue[tail++] = s;
                comp[s] = out.size();
                while (head < tail) {
                    int i = queue[head++];
                    for (int e = start[i]; e < start[i + 1]; e++) {
                        int j = adj[e];
                        if (comp[j] < 0) {
                            comp[j] = out.size();
                            queue[tail++] = j;
                        }
                    }
                }
                int[] members = Arrays.copyOf(queue, tail);
                Arrays.sort(members);
                out.add(members);
            }
            return out;
        }
    }

    // ---------------------------------------------------------------- Barnes–Hut

    /** A quadtree over points in flat arrays, rebuilt every iteration; cells hold mass and centre of mass. */
    static final class QuadTree {
        private static final int MAX_DEPTH = 40;
        private final int capacity;
        private double[] cellX;
        private double[] cellY;
        private double[] cellSize;
        private double[] massX;
        private double[] massY;
        private int[] mass;
        private int[] child; // 4 per cell, -1 none
        private int[] body; // the single body of a leaf, -1 when internal or empty
        private int cells;
        private final double[] force = new double[2];
        private int[] stack = new int[256];
        private double[] px;
        private double[] py;

        QuadTree(int points) {
            this.capacity = Math.max(16, 4 * points + 16);
            allocate(capacity);
        }

        private void allocate(int cap) {
            cellX = new double[cap];
            cellY = new double[cap];
            cellSize = new double[cap];
            massX = new double[cap];
            massY = new double[cap];
            mass = new int[cap];
            child = new int[4 * cap];
            body = new int[cap];
        }

        private void grow() {
            int cap = cellX.length * 2;
            cellX = Arrays.copyOf(cellX, cap);
            cellY = Arrays.copyOf(cellY, cap);
            cellSize = Arrays.copyOf(cellSize, cap);
            massX = Arrays.copyOf(massX, cap);
            massY = Arrays.copyOf(massY, cap);
            mass = Arrays.copyOf(mass, cap);
            child = Arrays.copyOf(child, 4 * cap);
            body = Arrays.copyOf(body, cap);
        }

        private int newCell(double x, double y, double size) {
            if (cells == cellX.length) {
                grow();
            }
            int c = cells++;
            cellX[c] = x;
            cellY[c] = y;
            cellSize[c] = size;
            massX[c] = 0;
            massY[c] = 0;
            mass[c] = 0;
            body[c] = -1;
            Arrays.fill(child, 4 * c, 4 * c + 4, -1);
            return c;
        }

        void build(double[] px, double[] py) {
            this.px = px;
            this.py = py;
            double minX = Double.POSITIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < px.length; i++) {
                minX = Math.min(minX, px[i]);
                minY = Math.min(minY, py[i]);
                maxX = Math.max(maxX, px[i]);
                maxY = Math.max(maxY, py[i]);
            }
            double size = Math.max(maxX - minX, maxY - minY) * 1.001 + 1e-6;
            cells = 0;
            int root = newCell(minX, minY, size);
            for (int i = 0; i < px.length; i++) {
                insert(root, i, 0);
            }
        }

        private void insert(int root, int i, int depth0) {
            int c = root;
            int depth = depth0;
            while (true) {
                massX[c] += px[i];
                massY[c] += py[i];
                mass[c]++;
                if (mass[c] == 1) {
                    body[c] = i; // empty leaf takes the body
                    return;
                }
                if (body[c] >= 0) {
                    if (depth >= MAX_DEPTH) {
                        body[c] = -1; // (nearly) coincident points share a leaf, counted by mass
                        return;
                    }
                    int old = body[c];
                    body[c] = -1;
                    int q = quadrant(c, px[old], py[old]);
                    int sub = subcell(c, q);
                    massX[sub] += px[old];
                    massY[sub] += py[old];
                    mass[sub] = 1;
                    body[sub] = old;
                } else if (mass[c] - 1 > 0 && isLeafWithoutBody(c)) {
                    return; // a full coincident leaf at max depth
                }
                int q = quadrant(c, px[i], py[i]);
                int next = child[4 * c + q];
                if (next < 0) {
                    next = subcell(c, q);
                }
                c = next;
                depth++;
            }
        }

        private boolean isLeafWithoutBody(int c) {
            return child[4 * c] < 0 && child[4 * c + 1] < 0 && child[4 * c + 2] < 0 && child[4 * c + 3] < 0;
        }

        private int quadrant(int c, double x, double y) {
            double half = cellSize[c] / 2;
            int q = 0;
            if (x >= cellX[c] + half) {
                q |= 1;
            }
            if (y >= cellY[c] + half) {
                q |= 2;
            }
            return q;
        }

        private int subcell(int c, int q) {
            int existing = child[4 * c + q];
            if (existing >= 0) {
                return existing;
            }
            double half = cellSize[c] / 2;
            int sub = newCell(cellX[c] + ((q & 1) != 0 ? half : 0), cellY[c] + ((q & 2) != 0 ? half : 0), half);
            child[4 * c + q] = sub;
            return sub;
        }

        /** Σ over other bodies of (p − q) / |p − q|², approximated by far cells' centres of mass. */
        double[] repulsion(int self, double x, double y, double theta) {
            double fx = 0;
            double fy = 0;
            int top = 0;
            stack[top++] = 0;
            while (top > 0) {
                int c = stack[--top];
                if (mass[c] == 0) {
                    continue;
                }
                if (body[c] >= 0) {
                    int j = body[c];
                    if (j != self) {
                        double ex = x - px[j];
                        double ey = y - py[j];
                        double d2 = ex * ex + ey * ey;
                        if (d2 < 1e-6) {
                            // coincident: a fixed, index-dependent push
                            double a = (self - j) * 2.399963;
                            ex = Math.cos(a) * 1e-3;
                            ey = Math.sin(a) * 1e-3;
                            d2 = 1e-6;
                        }
                        fx += ex / d2;
                        fy += ey / d2;
                    }
                    continue;
                }
                double cx = massX[c] / mass[c];
                double cy = massY[c] / mass[c];
                double ex = x - cx;
                double ey = y - cy;
                double d2 = ex * ex + ey * ey;
                boolean leafGroup = isLeafWithoutBody(c);
                if (leafGroup || cellSize[c] * cellSize[c] < theta * theta * d2) {
                    if (d2 < 1e-6) {
                        continue;
                    }
                    fx += mass[c] * ex / d2;
                    fy += mass[c] * ey / d2;
                    continue;
                }
                for (int q = 0; q < 4; q++) {
                    int ch = child[4 * c + q];
                    if (ch >= 0) {
                        if (top == stack.length) {
                            stack = Arrays.copyOf(stack, top * 2);
                        }
                        stack[top++] = ch;
                    }
                }
            }
            force[0] = fx;
            force[1] = fy;
            return force;
        }
    }
}
