package canopy.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The question of the tree packing's exact construction: how many copies of partial tree t the arc
 * x→y admits (see {@link TreePacker}'s class comment for the formula). It reads the packer's
 * capacities and unfinished trees and changes nothing but the trees' cached exits, so two questions
 * may run at once when the caches are filled first ({@link #fillExits}); a question may also be asked
 * as if one more arc had already been taken (the speculative second question of a pair).
 */
final class ArcAdmission {
    /**
     * An answer: the copies admitted of at most limit (t's copies, or fewer when the arc is narrower),
     * and whether a max-flow (of that many edges) was needed.
     */
    record Answer(long copies, long limit, boolean byFlow, long edges) {
    }

    private final int n;
    private final long[][] capacity;
    private final int[][] neighbours;
    private final int[][] inNeighbours;
    private final int arcCount;
    private final List<TreePacker.PartialTree> unfinished;

    ArcAdmission(long[][] capacity, int[][] neighbours, int[][] inNeighbours, int arcCount,
                 List<TreePacker.PartialTree> unfinished) {
        this.n = capacity.length;
        this.capacity = capacity;
        this.neighbours = neighbours;
        this.inNeighbours = inNeighbours;
        this.arcCount = arcCount;
        this.unfinished = unfinished;
    }

    /** The copies x→y admits now. */
    Answer ask(TreePacker.PartialTree t, int x, int y) {
        return ask(t, x, y, -1, -1, 0);
    }

    /**
     * The copies x→y admits once arc hx→hy has given up taken units (hx = −1: none), the unfinished
     * trees otherwise as they are. Tree t's own nodes do not enter the question, only its source x.
     */
    Answer ask(TreePacker.PartialTree t, int x, int y, int hx, int hy, long taken) {
        long cxy = cap(x, y, hx, hy, taken);
        long limit = Math.min(t.multiplicity, cxy);
        long others = 0;
        for (TreePacker.PartialTree o : unfinished) {
            if (o != t) {
                others = Math.addExact(others, o.multiplicity);
            }
        }
        long missing = missing(t, y);
        if (shortcut(t, x, y, limit, missing, hx, hy, taken)) {
            return new Answer(limit, limit, false, 0);
        }
        // A tree that holds y passes its copies straight on to y (x → tree j → y costs nothing), so all
        // such trees are one arc x → y; a tree of one node is entered only at its root. Only trees
        // missing y with more nodes need a node of their own, with an arc to each of their nodes that
        // has an arc with room out of the tree: a path from the tree's node to y leaves the tree by
        // one of them, so arcs to the other nodes add nothing to the flow.
        //
        // Nodes every tree missing y holds join x's side: a set holding one of them is touched by
        // every tree (those holding y touch it at y), so its in-cut needs only the copies of t that
        // x→y carries into it, which x→y itself provides; no cut below the flow's target holds one.
        // Late in a root's exact construction most nodes are such, and the flow runs on the rest.
        boolean[] common = null;
        for (TreePacker.PartialTree o : unfinished) {
            if (o != t && !o.member[y]) {
                if (common == null) {
                    common = o.member.clone();
                } else {
                    boolean[] m = o.member;
                    for (int v = 0; v < n; v++) {
                        common[v] &= m[v];
                    }
                }
            }
        }
        // id[v]: v's node in the flow network; x and the common nodes are node 0.
        int[] id = new int[n];
        int nodes = 1;
        for (int v = 0; v < n; v++) {
            id[v] = v == x || common != null && common[v] ? 0 : nodes++;
        }
        int treeNodes = 0;
        List<int[]> exits = new ArrayList<>();
        for (TreePacker.PartialTree o : unfinished) {
            if (o != t && !o.member[y] && o.size() > 1) {
                int[] e = exits(o);
                int outside = 0;
                for (int v : e) {
                    if (id[v] != 0) {
                        outside++;
                    }
                }
                int[] kept = new int[outside];
                for (int v : e) {
                    if (id[v] != 0) {
                        kept[--outside] = id[v];
                    }
                }
                exits.add(kept);
                if (kept.length > 0) {
                    treeNodes++;
                }
            }
        }
        FlowNetwork net = new FlowNetwork(nodes + treeNodes, arcCount + 16);
        long edges = 0;
        for (int a = 0; a < n; a++) {
            for (int b : neighbours[a]) {
                long c = id[b] == 0 ? 0 : cap(a, b, hx, hy, taken);
                if (c > 0) {
                    net.addEdge(id[a], id[b], c);
                    edges++;
                }
            }
        }
        int sink = id[y];
        if (others - missing > 0) {
            net.addEdge(0, sink, others - missing);
            edges++;
        }
        int node = nodes;
        int tree = 0;
        for (TreePacker.PartialTree o : unfinished) {
            if (o == t || o.member[y]) {
                continue;
            }
            if (o.size() == 1) {
                if (id[o.root] != 0) {
                    net.addEdge(0, id[o.root], o.multiplicity);
                    edges++;
                }
                continue;
            }
            int[] kept = exits.get(tree++);
            if (kept.length == 0) {
                continue;
            }
            net.addEdge(0, node, o.multiplicity);
            edges++;
            for (int v : kept) {
                net.addEdge(node, v, FlowNetwork.INF);
                edges++;
            }
            node++;
        }
        long f = net.maxFlow(0, sink, Math.addExact(others, limit));
        return new Answer(Math.min(limit, f - others), limit, true, edges);
    }

    /** Whether the shortcuts show, without a flow, that x→y takes every copy of t. */
    boolean settlesEveryCopy(TreePacker.PartialTree t, int x, int y) {
        return capacity[x][y] >= t.multiplicity
                && shortcut(t, x, y, t.multiplicity, missing(t, y), -1, -1, 0);
    }

    /** Fills every unfinished tree's cached exits, so that questions running at once only read them. */
    void fillExits() {
        for (TreePacker.PartialTree o : unfinished) {
            if (o.size() > 1) {
                exits(o);
            }
        }
    }

    private long cap(int a, int b, int hx, int hy, long taken) {
        return a == hx && b == hy ? capacity[a][b] - taken : capacity[a][b];
    }

    /** The copies of trees other than t that miss y. */
    private long missing(TreePacker.PartialTree t, int y) {
        long missing = 0;
        for (TreePacker.PartialTree o : unfinished) {
            if (o != t && !o.member[y]) {
                missing = Math.addExact(missing, o.multiplicity);
            }
        }
        return missing;
    }

    /**
     * No flow needed when the paths that surely exist suffice: the arc itself, and x → (tree j) → y
     * for every other tree j that already holds y, so f ≥ c(x,y) + others − missing; then paths of
     * two arcs ({@link #twoArcPaths}).
     */
    private boolean shortcut(TreePacker.PartialTree t, int x, int y, long limit, long missing,
                             int hx, int hy, long taken) {
        long cxy = cap(x, y, hx, hy, taken);
        return cxy - missing >= limit
                || twoArcPaths(t, x, y, hx, hy, taken) >= Math.addExact(missing, limit) - cxy;
    }

    /**
     * The nodes of tree o with an arc with room to a node outside it, or a superset: kept until o
     * grows, since capacities only fall (a node that lost its exits adds a useless arc, never a
     * wrong one). Recomputing it on every flow took 15 % of the packing on 32 PCIe servers.
     */
    private int[] exits(TreePacker.PartialTree o) {
        if (o.exitsAtSize == o.size()) {
            return o.exits;
        }
        int[] out = new int[o.size()];
        int c = 0;
        for (int i = 0; i < o.size(); i++) {
            int v = o.node(i);
            for (int z : neighbours[v]) {
                if (!o.member[z] && capacity[v][z] > 0) {
                    out[c++] = v;
                    break;
                }
            }
        }
        o.exits = Arrays.copyOf(out, c);
        o.exitsAtSize = o.size();
        return o.exits;
    }

    /**
     * A lower bound on what the flow of {@link #ask} carries besides the arc x→y and the trees
     * holding y: paths of two arcs into y, x → u → y and x → (tree j missing y) → u → y for an
     * in-neighbour u of y that j holds, assigned greedily to the arcs u → y (the most constrained
     * first). It settles some questions without a max-flow (32 PCIe servers: the last root's flows
     * 16,643 → 14,960).
     */
    private long twoArcPaths(TreePacker.PartialTree t, int x, int y, int hx, int hy, long taken) {
        int[] in = inNeighbours[y];
        long[] room = new long[in.length];
        for (int k = 0; k < in.length; k++) {
            room[k] = in[k] == x ? 0 : cap(in[k], y, hx, hy, taken);
        }
        long carried = 0;
        for (int k = 0; k < in.length; k++) {
            long c = Math.min(room[k], cap(x, in[k], hx, hy, taken));
            room[k] -= c;
            carried = Math.addExact(carried, c);
        }
        for (int pass = 1; pass <= in.length; pass++) {
            // trees with `pass` candidate in-neighbours, fewest first
            for (TreePacker.PartialTree o : unfinished) {
                if (o == t || o.member[y]) {
                    continue;
                }
                int candidates = 0;
                for (int k = 0; k < in.length; k++) {
                    if (o.member[in[k]] && room[k] > 0) {
                        candidates++;
                    }
                }
                if (candidates != pass) {
                    continue;
                }
                long supply = o.multiplicity;
                for (int k = 0; k < in.length && supply > 0; k++) {
                    if (o.member[in[k]] && room[k] > 0) {
                        long c = Math.min(room[k], supply);
                        room[k] -= c;
                        supply -= c;
                        carried = Math.addExact(carried, c);
                    }
                }
            }
        }
        return carried;
    }
}
