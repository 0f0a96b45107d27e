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
 * <p><b>Channels.</b> On a cluster of boxes (groups of one size) the rings are the channels NCCL's ring
 * search builds, one per NIC, each leaving a box and entering the next on one rail through different
 * GPUs, in NVLink/NVSwitch order inside a box: see {@link NcclRings}, which follows NVIDIA/nccl
 * src/graph/search.cc ({@code ncclTopoCompute}, {@code ncclTopoSearchRecNet},
 * {@code ncclTopoSearchNextGpuSort}, {@code ncclTopoSearchCheckNet}), connect.cc
 * ({@code connectRings}, the odd-node channel swap of crossNic 2), rings.cc ({@code ncclBuildRings})
 * and paths.cc (the routes the search sorts by). Rings of rotated boxes (below) stay candidates; the
 * best by exact link loads wins, NCCL's channels on ties.
 *
 * <p><b>Ring order.</b> Each ordered pair of accelerators is routed along its widest, then shortest,
 * path (switches only in between when possible, otherwise through other accelerators). The base ring
 * starts at the first accelerator and repeatedly visits the nearest unvisited accelerator (fewest
 * relayed routes, then widest, then fewest hops, then file order); 2-opt then reverses ring segments
 * while that lowers, lexicographically, the ring's (number of relayed hops, Σ 1/bandwidth of its hops,
 * Σ hops). Deterministic. Without boxes (fat trees, tori, …) this single ring is the schedule.
 *
 * <p><b>Trees.</b> allgather: for every root an out-tree that is the path along the ring from the root;
 * reduce-scatter: for every root an in-tree, the path along the ring ending at the root; allreduce:
 * reduce-scatter in stage 0, then allgather in stage 1. Each tree edge is a ring hop with its route.
 * Each root's share goes clockwise, counter-clockwise, or is split: the candidates are all clockwise,
 * all counter-clockwise, 1/2–1/2 and the split that balances the two directions' times; the fastest
 * by exact link loads wins (ties: the earlier in this list). A root's share is divided equally among
 * the rings, or, past {@link #MAX_TREE_EDGES} tree edges, sent whole along one ring.
 *
 * <p>algbw is exact ({@link LinkLoads}); bound is left null for the caller; bottleneck_cut is empty.
 */
public final class RingScheduler implements CollectiveScheduler {
    public static final String ALGORITHM = "ring";

    @Override
    public String name() {
        return ALGORITHM;
    }

    @Override
    public String description() {
        return "NCCL's ring algorithm over NCCL-style channels (baseline)";
    }

    @Override
    public java.util.Set<Collective> collectives() {
        return java.util.EnumSet.allOf(Collective.class);
    }

    @Override
    public ScheduleResult build(Topology t, Collective c, Request request, Progress p) {
        return ScheduleResult.of(schedule(t, c, p));
    }

    /** Most tree edges a ring schedule may hold: more rings stop paying for their memory long before. */
    private static final long MAX_TREE_EDGES = 2_000_000;

    /**
     * The ring schedule of collective c on topology t. Candidates: on a cluster of uniform boxes, the
     * channels NCCL's ring search builds ({@link NcclRings}); then 1, 2, 4, … rings, ring j being the
     * base ring with every run of accelerators of one group (box) rotated by j. The candidate whose
     * exact link loads give the shortest time wins (ties: the earlier, so NCCL's channels first).
     * Each root's share is divided equally among the rings, or, when that would exceed
     * {@link #MAX_TREE_EDGES} tree edges, each root sends its whole share along one ring (ring
     * index = the root's file position modulo the number of rings).
     */
    public static Schedule schedule(Topology t, Collective c) {
        return schedule(t, c, Progress.NONE);
    }

    /** {@link #schedule(Topology, Collective)}, reporting to and stopping on p between candidates. */
    static Schedule schedule(Topology t, Collective c, Progress progress) {
        NetworkGraph g = NetworkGraph.of(t);
        progress.report("routing accelerator pairs", -1);
        AcceleratorRoutes routes = new AcceleratorRoutes(g, progress);
        progress.checkCancelled();
        progress.report("ordering the ring", -1);
        int[] base = ringOrder(routes, progress);
        progress.checkCancelled();
        int n = base.length;
        if (n < 2) {
            throw new IllegalArgumentException("a ring needs at least two accelerators");
        }
        List<List<int[]>> candidates = new ArrayList<>();
        List<int[]> nccl = NcclRings.channels(g, routes);
        if (nccl != null && !nccl.isEmpty()) {
            candidates.add(nccl);
        }
        int longestRun = longestGroupRun(g, routes, base);
        for (int rings = 1; rings <= longestRun; rings = rings == longestRun ? rings + 1 : Math.min(2 * rings, longestRun)) {
            List<int[]> set = new ArrayList<>();
            for (int j = 0; j < rings; j++) {
                set.add(rotateGroupRuns(g, routes, base, j));
            }
            candidates.add(set);
        }
        Plan best = null;
        for (int i = 0; i < candidates.size(); i++) {
            progress.report("weighing ring sets", (double) i / candidates.size());
            progress.checkCancelled();
            List<int[]> rings = candidates.get(i);
            Plan p = plan(g, routes, rings, c, progress);
            if (best == null || p.time.compareTo(best.time) < 0) {
                best = p;
            }
        }
        // a million edges at 1,024 accelerators: seconds of its own, so it is a stage that stops on cancel
        progress.report("assembling the trees", -1);
        List<ScheduleTree> trees = best.trees(routes, c, progress);
        Rational algbw = new LinkLoads(g, trees, progress).algbw();
        return new Schedule(c, ALGORITHM, t.name(), n, algbw, null, List.of(), trees);
    }

    /** Rings with their routed hops, how roots are spread over them, the direction split and the time. */
    private static final class Plan {
        List<int[]> rings;
        List<List<List<String>>> cw = new ArrayList<>();
        List<List<List<String>>> ccw = new ArrayList<>();
        boolean assigned;
        Rational f;
        Rational time;

        List<ScheduleTree> trees(AcceleratorRoutes routes, Collective c, Progress progress) {
            int r = rings.size();
            List<ScheduleTree> trees = new ArrayList<>();
            Rational part = assigned ? Rational.ONE : Rational.of(1, r);
            for (int j = 0; j < r; j++) {
                int ring = assigned ? j : -1;
                if (c == Collective.REDUCE_SCATTER || c == Collective.ALLREDUCE) {
                    addTrees(trees, Phase.REDUCE_SCATTER, 0, routes, rings.get(j), cw.get(j), ccw.get(j), f, part,
                            ring, r, progress);
                }
                if (c == Collective.ALLGATHER || c == Collective.ALLREDUCE) {
                    addTrees(trees, Phase.ALLGATHER, c == Collective.ALLREDUCE ? 1 : 0, routes, rings.get(j),
                            cw.get(j), ccw.get(j), f, part, ring, r, progress);
                }
            }
            return trees;
        }
    }

    /**
     * Routes the rings' hops and chooses root spreading and direction split by exact link loads; stops on
     * progress between hops (each hop is two searches of the whole graph: at 1,024 accelerators a set of
     * rings took seconds, past a cancel).
     */
    private static Plan plan(NetworkGraph g, AcceleratorRoutes routes, List<int[]> rings, Collective c,
                             Progress progress) {
        Plan p = new Plan();
        p.rings = rings;
        int n = rings.get(0).length;
        List<int[][]> cwArcs = new ArrayList<>();
        List<int[][]> ccwArcs = new ArrayList<>();
        for (int[] ring : rings) {
            List<List<String>> cw = new ArrayList<>(n);
            List<List<String>> ccw = new ArrayList<>(n);
            int[][] cwA = new int[n][];
            int[][] ccwA = new int[n][];
            for (int k = 0; k < n; k++) {
                progress.checkCancelled();
                cw.add(routes.path(ring[k], ring[(k + 1) % n]));
                ccw.add(routes.path(ring[(k + 1) % n], ring[k]));
                cwA[k] = g.arcsAlong(cw.get(k));
                ccwA[k] = g.arcsAlong(ccw.get(k));
            }
            p.cw.add(cw);
            p.ccw.add(ccw);
            cwArcs.add(cwA);
            ccwArcs.add(ccwA);
        }
        int phases = c == Collective.ALLREDUCE ? 2 : 1;
        p.assigned = false;
        choose(g, p, cwArcs, ccwArcs, c);
        int dirs = p.f.signum() == 0 || p.f.equals(Rational.ONE) ? 1 : 2;
        if (rings.size() > 1 && (long) phases * dirs * rings.size() * n * (n - 1) > MAX_TREE_EDGES) {
            p.assigned = true;
            choose(g, p, cwArcs, ccwArcs, c);
        }
        return p;
    }

    /**
     * Sets p.f and p.time: hop loads counted per arc in units of M / (N × rings) for each phase and
     * direction; f from {1, 0, 1/2, the split balancing the two directions}, least total time first.
     */
    private static void choose(NetworkGraph g, Plan p, List<int[][]> cwArcs, List<int[][]> ccwArcs, Collective c) {
        int r = p.rings.size();
        int n = p.rings.get(0).length;
        List<long[][]> phaseCounts = new ArrayList<>(); // per phase: {cw, ccw}
        for (Phase phase : new Phase[] {Phase.REDUCE_SCATTER, Phase.ALLGATHER}) {
            boolean used = phase == Phase.REDUCE_SCATTER
                    ? c == Collective.REDUCE_SCATTER || c == Collective.ALLREDUCE
                    : c == Collective.ALLGATHER || c == Collective.ALLREDUCE;
            if (!used) {
                continue;
            }
            long[] cw = new long[g.arcCount()];
            long[] ccw = new long[g.arcCount()];
            for (int j = 0; j < r; j++) {
                int[] ring = p.rings.get(j);
                int roots = 0;
                if (p.assigned) {
                    for (int v : ring) {
                        roots += isRoot(v, j, r) ? 1 : 0;
                    }
                }
                for (int m = 0; m < n; m++) {
                    int a = ring[m];
                    int b = ring[(m + 1) % n];
                    long wCw;
                    long wCcw;
                    if (!p.assigned) {
                        wCw = n - 1;
                        wCcw = n - 1;
                    } else if (phase == Phase.ALLGATHER) {
                        // a path out-tree skips the hop into its root
                        wCw = (long) r * (roots - (isRoot(b, j, r) ? 1 : 0));
                        wCcw = (long) r * (roots - (isRoot(a, j, r) ? 1 : 0));
                    } else {
                        // a path in-tree skips the hop out of its root
                        wCw = (long) r * (roots - (isRoot(a, j, r) ? 1 : 0));
                        wCcw = (long) r * (roots - (isRoot(b, j, r) ? 1 : 0));
                    }
                    for (int arc : cwArcs.get(j)[m]) {
                        cw[arc] += wCw;
                    }
                    for (int arc : ccwArcs.get(j)[m]) {
                        ccw[arc] += wCcw;
                    }
                }
            }
            phaseCounts.add(new long[][] {cw, ccw});
        }
        Rational scale = Rational.of(1, (long) n * r);
        Rational tCw = total(g, phaseCounts, Rational.ONE);
        Rational tCcw = total(g, phaseCounts, Rational.ZERO);
        List<Rational> candidates = new ArrayList<>(List.of(Rational.ONE, Rational.ZERO, Rational.of(1, 2)));
        Rational balanced = tCcw.divide(tCw.add(tCcw));
        if (!candidates.contains(balanced)) {
            candidates.add(balanced);
        }
        p.f = null;
        for (Rational f : candidates) {
            Rational time = total(g, phaseCounts, f).multiply(scale);
            if (p.f == null || time.compareTo(p.time) < 0) {
                p.f = f;
                p.time = time;
            }
        }
    }

    /** Whether accelerator position v sends its share along ring j of r (assigned mode). */
    private static boolean isRoot(int v, int j, int r) {
        return v % r == j;
    }

    /** Σ over phases of max over arcs of (f × cw + (1-f) × ccw) / bandwidth. */
    private static Rational total(NetworkGraph g, List<long[][]> phaseCounts, Rational f) {
        Rational sum = Rational.ZERO;
        Rational rest = Rational.ONE.subtract(f);
        for (long[][] counts : phaseCounts) {
            Rational worst = Rational.ZERO;
            for (int a = 0; a < g.arcCount(); a++) {
                if (counts[0][a] == 0 && counts[1][a] == 0) {
                    continue;
                }
                Rational load = f.multiply(counts[0][a]).add(rest.multiply(counts[1][a]));
                worst = worst.max(load.divide(g.bandwidth(a)));
            }
            sum = sum.add(worst);
        }
        return sum;
    }

    /**
     * The boxes in ring order: the accelerators of each group (an ungrouped accelerator is a box of
     * its own), each box's members in file order. Null when some group is not one contiguous stretch
     * of the base ring, where rotating boxes would not make sense.
     */
    private static List<int[]> boxes(NetworkGraph g, AcceleratorRoutes routes, int[] ring) {
        int n = ring.length;
        String[] key = new String[n];
        for (int k = 0; k < n; k++) {
            String group = g.group(routes.node(ring[k]));
            key[k] = group == null ? "\u0000" + k : group;
        }
        int start = 0;
        while (start < n && key[start].equals(key[(start - 1 + n) % n])) {
            start++;
        }
        if (start == n) {
            start = 0; // one box holds everything
        }
        List<int[]> boxes = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<Integer> current = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = (start + i) % n;
            if (!current.isEmpty() && !key[k].equals(key[(k - 1 + n) % n])) {
                boxes.add(sortedMembers(current));
                current.clear();
            }
            if (current.isEmpty() && !seen.add(key[k])) {
                return null;
            }
            current.add(ring[k]);
        }
        boxes.add(sortedMembers(current));
        return boxes;
    }

    private static int[] sortedMembers(List<Integer> positions) {
        return positions.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The size of the largest box, or 1 when the boxes cannot be rotated. */
    private static int longestGroupRun(NetworkGraph g, AcceleratorRoutes routes, int[] ring) {
        List<int[]> boxes = boxes(g, routes, ring);
        int longest = 1;
        if (boxes != null && boxes.size() > 1) {
            for (int[] box : boxes) {
                longest = Math.max(longest, box.length);
            }
        }
        return longest;
    }

    /**
     * Ring j of a set of parallel rings (NCCL's channels): it enters box 0 at its j-th accelerator,
     * and leaves each box from the first accelerator after its entry (in the box's cyclic order) that
     * reaches the next box's entry without relaying through another accelerator — the next box is
     * entered at the accelerator in the same position of its box as the exit, which on rail-optimised
     * clusters is the same rail. The rings thus cross between boxes through different accelerators
     * and NICs. Inside a box the ring visits the others in cyclic order from the entry.
     */
    private static int[] rotateGroupRuns(NetworkGraph g, AcceleratorRoutes routes, int[] ring, int j) {
        List<int[]> boxes = boxes(g, routes, ring);
        if (j == 0 || boxes == null || boxes.size() < 2) {
            return ring;
        }
        int[] out = new int[ring.length];
        int at = 0;
        int first = boxes.get(0)[j % boxes.get(0).length];
        int entry = first;
        for (int b = 0; b < boxes.size(); b++) {
            int[] m = boxes.get(b);
            int p = indexOf(m, entry);
            int exit = entry;
            for (int step = 1; step < m.length; step++) {
                int x = m[(p + step) % m.length];
                exit = x;
                if (!routes.relayed(x, next(boxes, b, x, first))) {
                    break;
                }
            }
            out[at++] = entry;
            for (int step = 1; step < m.length; step++) {
                int x = m[(p + step) % m.length];
                if (x != exit) {
                    out[at++] = x;
                }
            }
            if (exit != entry) {
                out[at++] = exit;
            }
            entry = next(boxes, b, exit, first);
        }
        return out;
    }

    /** Where the ring enters after leaving box b from x: the same position in box b+1, or back at first. */
    private static int next(List<int[]> boxes, int b, int x, int first) {
        if (b + 1 == boxes.size()) {
            return first;
        }
        int[] m = boxes.get(b);
        int[] nextBox = boxes.get(b + 1);
        return nextBox[indexOf(m, x) % nextBox.length];
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        throw new IllegalStateException("not a member: " + v);
    }

    /** The ring order the scheduler uses: accelerator ids, the ring running from each to the next. */
    public static List<String> ringOrder(Topology t) {
        NetworkGraph g = NetworkGraph.of(t);
        AcceleratorRoutes routes = new AcceleratorRoutes(g);
        int[] ring = ringOrder(routes, Progress.NONE);
        List<String> out = new ArrayList<>(ring.length);
        for (int p : ring) {
            out.add(g.id(routes.node(p)));
        }
        return out;
    }

    /** Accelerator positions (indices into graph.accelerators()) in ring order; stops on progress. */
    static int[] ringOrder(AcceleratorRoutes routes, Progress progress) {
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
            progress.checkCancelled();
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
        twoOpt(routes, inv, ring, progress);
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

    /**
     * 2-opt with asymmetric costs: reversing ring[i+1..j] also turns the hops inside the segment. Stops
     * on progress at each i (up to 50 n moves of O(n) each: seconds at 1,024 accelerators).
     */
    private static void twoOpt(AcceleratorRoutes r, long[] inv, int[] ring, Progress progress) {
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
                progress.checkCancelled();
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

    private static void addTrees(List<ScheduleTree> trees, Phase phase, int stage, AcceleratorRoutes routes,
                                 int[] ring, List<List<String>> cw, List<List<String>> ccw, Rational f,
                                 Rational part, int onlyRing, int rings, Progress progress) {
        int n = ring.length;
        NetworkGraph g = routes.graph();
        Rational rest = Rational.ONE.subtract(f).multiply(part);
        f = f.multiply(part);
        for (int k = 0; k < n; k++) {
            progress.checkCancelled();
            if (onlyRing >= 0 && !isRoot(ring[k], onlyRing, rings)) {
                continue;
            }
            String root = g.id(routes.node(ring[k]));
            if (f.signum() > 0) {
                trees.add(SwitchOnlyTrees.of(g, new ScheduleTree(root, phase, stage, phase.direction(), f,
                        pathTree(routes, ring, cw, ccw, k, true, phase.direction()))));
            }
            if (rest.signum() > 0) {
                trees.add(SwitchOnlyTrees.of(g, new ScheduleTree(root, phase, stage, phase.direction(), rest,
                        pathTree(routes, ring, cw, ccw, k, false, phase.direction()))));
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
