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
        int n = routes.size();
        if (n < 2) {
            throw new IllegalArgumentException("a tree needs at least two accelerators");
        }
        List<ScheduleTree> trees = new ArrayList<>();
        List<int[][]> channels = boxChains(g, NcclRings.channels(g, routes));
        if (channels != null) {
            // NCCL: per channel, a chain inside each box and the two trees of ncclGetDtree across boxes
            Rational share = Rational.of(1, 2L * channels.size());
            for (int[][] chains : channels) {
                progress.checkCancelled();
                for (int tree = 1; tree <= 2; tree++) {
                    addTrees(trees, routes, acrossBoxes(n, chains, treeParents(chains.length, tree)), share);
                }
            }
        } else {
            // one rank per node: NCCL's two trees over the ranks, in ring order
            int[] ring = RingScheduler.ringOrder(routes, progress);
            progress.checkCancelled();
            for (int tree = 1; tree <= 2; tree++) {
                int[] rankParent = treeParents(n, tree);
                int[] parent = new int[n];
                for (int r = 0; r < n; r++) {
                    parent[ring[r]] = rankParent[r] < 0 ? -1 : ring[rankParent[r]];
                }
                addTrees(trees, routes, parent, Rational.of(1, 2));
            }
        }
        Rational algbw = new LinkLoads(g, trees, progress).algbw();
        return new Schedule(Collective.ALLREDUCE, ALGORITHM, t.name(), n, algbw, null, List.of(), trees);
    }

    /**
     * Each channel ring cut into its boxes' chains, in ring order, each chain starting where the ring
     * enters the box (NCCL's treeIntra: index 0 talks to the network); null without channels, or when a
     * ring visits a box in more than one run.
     */
    static List<int[][]> boxChains(NetworkGraph g, List<int[]> rings) {
        if (rings == null || rings.isEmpty()) {
            return null;
        }
        int[] acc = g.accelerators();
        List<int[][]> out = new ArrayList<>();
        for (int[] ring : rings) {
            int n = ring.length;
            int start = -1;
            for (int i = 0; i < n && start < 0; i++) {
                if (!java.util.Objects.equals(group(g, acc, ring, i), group(g, acc, ring, (i - 1 + n) % n))) {
                    start = i;
                }
            }
            if (start < 0) {
                return null;
            }
            List<int[]> chains = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            List<Integer> chain = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                int i = (start + k) % n;
                if (!chain.isEmpty() && !java.util.Objects.equals(group(g, acc, ring, i), group(g, acc, ring, (i - 1 + n) % n))) {
                    chains.add(chain.stream().mapToInt(Integer::intValue).toArray());
                    chain.clear();
                }
                if (chain.isEmpty() && !seen.add(group(g, acc, ring, i))) {
                    return null;
                }
                chain.add(ring[i]);
            }
            chains.add(chain.stream().mapToInt(Integer::intValue).toArray());
            out.add(chains.toArray(new int[0][]));
        }
        return out;
    }

    private static String group(NetworkGraph g, int[] acc, int[] ring, int i) {
        return g.group(acc[ring[i]]);
    }

    /**
     * Parent position of every accelerator in one channel's tree: inside a box the chain (each GPU's
     * parent the one before it, as connect.cc's {@code tree.up = treeIntra[i-1]}), and each box's chain
     * head under the head of its parent box in the tree over boxes (connectTrees with the TREE pattern:
     * all network traffic of a box through treeIntra[0]); -1 at the root box's head.
     */
    static int[] acrossBoxes(int n, int[][] chains, int[] boxParent) {
        int[] parent = new int[n];
        java.util.Arrays.fill(parent, -1);
        for (int b = 0; b < chains.length; b++) {
            int[] chain = chains[b];
            parent[chain[0]] = boxParent[b] < 0 ? -1 : chains[boxParent[b]][0];
            for (int i = 1; i < chain.length; i++) {
                parent[chain[i]] = chain[i - 1];
            }
        }
        return parent;
    }

    /** The reduce in-tree and broadcast out-tree over parent (positions; -1 at the root), share each. */
    private static void addTrees(List<ScheduleTree> trees, AcceleratorRoutes routes, int[] parent, Rational share) {
        int root = -1;
        List<TreeEdge> up = new ArrayList<>(parent.length - 1);
        List<TreeEdge> down = new ArrayList<>(parent.length - 1);
        for (int v = 0; v < parent.length; v++) {
            if (parent[v] < 0) {
                root = v;
                continue;
            }
            up.add(new TreeEdge(id(routes, v), id(routes, parent[v]), routes.path(v, parent[v])));
            down.add(new TreeEdge(id(routes, parent[v]), id(routes, v), routes.path(parent[v], v)));
        }
        String r = id(routes, root);
        NetworkGraph g = routes.graph();
        trees.add(SwitchOnlyTrees.of(g, new ScheduleTree(r, Phase.REDUCE, 0, Phase.REDUCE.direction(), share, up)));
        trees.add(SwitchOnlyTrees.of(g, new ScheduleTree(r, Phase.BROADCAST, 0, Phase.BROADCAST.direction(), share,
                down)));
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
