package canopy.engine;

import canopy.model.Collective;
import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;

import java.util.ArrayList;
import java.util.List;

/**
 * NCCL's double binary tree for allreduce, in the schedule format of formats.md.
 *
 * <p>Ranks are the positions of the accelerators in {@link RingScheduler}'s ring order, so that the
 * many rank r ↔ r±1 edges join physical neighbours. Tree 1 is NCCL's {@code ncclGetBtree}: rank 0 is
 * the root with the single child 2^⌊log2(N-1)⌋, and any other rank r, with lowest set bit b, has parent
 * (r xor b) | 2b, or r xor b when that is not below N; odd ranks are leaves. Tree 2 is NCCL's
 * {@code ncclGetDtree}: tree 1 mirrored (rank r ↦ N-1-r) when N is even, shifted by one (r ↦ r+1 mod N)
 * when N is odd; so (for even N) every rank is a leaf in one tree and interior in the other.
 *
 * <p>Each tree carries half of the buffer: a {@code reduce} in-tree (child → parent) and a
 * {@code broadcast} out-tree (parent → child), share 1/2 each, all four in stage 0 (NCCL pipelines the
 * reduction and the broadcast). Edges are routed like the ring's hops: widest, then shortest path,
 * switches preferred. algbw is exact; bound is null; bottleneck_cut is empty.
 */
public final class DoubleBinaryTreeScheduler implements CollectiveScheduler {
    public static final String ALGORITHM = "double-binary-tree";

    @Override
    public String name() {
        return ALGORITHM;
    }

    @Override
    public String description() {
        return "NCCL's double binary tree (baseline)";
    }

    @Override
    public java.util.Set<Collective> collectives() {
        return java.util.EnumSet.of(Collective.ALLREDUCE);
    }

    @Override
    public ScheduleResult build(Topology t, Collective c, Request request, Progress p) {
        return ScheduleResult.of(schedule(t, p));
    }

    /** The double binary tree allreduce schedule on t. */
    public static Schedule schedule(Topology t) {
        return schedule(t, Progress.NONE);
    }

    static Schedule schedule(Topology t, Progress progress) {
        NetworkGraph g = NetworkGraph.of(t);
        progress.report("routing accelerator pairs", -1);
        AcceleratorRoutes routes = new AcceleratorRoutes(g, progress);
        progress.checkCancelled();
        progress.report("ordering ranks", -1);
        int[] ring = RingScheduler.ringOrder(routes);
        progress.checkCancelled();
        int n = ring.length;
        if (n < 2) {
            throw new IllegalArgumentException("a tree needs at least two accelerators");
        }
        int[][] parents = {treeParents(n, 1), treeParents(n, 2)};
        Rational half = Rational.of(1, 2);
        List<ScheduleTree> trees = new ArrayList<>();
        for (int[] parent : parents) {
            int rootRank = -1;
            List<TreeEdge> up = new ArrayList<>(n - 1);
            List<TreeEdge> down = new ArrayList<>(n - 1);
            for (int r = 0; r < n; r++) {
                if (parent[r] < 0) {
                    rootRank = r;
                    continue;
                }
                int child = ring[r];
                int par = ring[parent[r]];
                up.add(new TreeEdge(id(routes, child), id(routes, par), routes.path(child, par)));
                down.add(new TreeEdge(id(routes, par), id(routes, child), routes.path(par, child)));
            }
            String root = id(routes, ring[rootRank]);
            trees.add(new ScheduleTree(root, Phase.REDUCE, 0, Phase.REDUCE.direction(), half, up));
            trees.add(new ScheduleTree(root, Phase.BROADCAST, 0, Phase.BROADCAST.direction(), half, down));
        }
        Rational algbw = new LinkLoads(g, trees).algbw();
        return new Schedule(Collective.ALLREDUCE, ALGORITHM, t.name(), n, algbw, null, List.of(), trees);
    }

    private static String id(AcceleratorRoutes routes, int position) {
        return routes.graph().id(routes.node(position));
    }

    /**
     * parent[r] of every rank r in tree 1 or 2 of NCCL's double binary tree over n ranks; -1 at the
     * root.
     */
    public static int[] treeParents(int n, int tree) {
        int[] parent = new int[n];
        for (int r = 0; r < n; r++) {
            if (tree == 1) {
                parent[r] = btreeParent(n, r);
            } else if (n % 2 == 0) {
                int p = btreeParent(n, n - 1 - r);
                parent[r] = p < 0 ? -1 : n - 1 - p;
            } else {
                int p = btreeParent(n, (r - 1 + n) % n);
                parent[r] = p < 0 ? -1 : (p + 1) % n;
            }
        }
        return parent;
    }

    /** ncclGetBtree's parent of rank r among n ranks; -1 for rank 0, the root. */
    static int btreeParent(int n, int r) {
        if (r == 0) {
            return -1;
        }
        int bit = Integer.lowestOneBit(r);
        int up = (r ^ bit) | (bit << 1);
        if (up >= n) {
            up = r ^ bit;
        }
        return up;
    }
}
