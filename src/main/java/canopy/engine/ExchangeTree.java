package canopy.engine;

import canopy.model.Direction;
import canopy.model.Rational;
import canopy.model.ScheduleTree;
import canopy.model.TreeEdge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One schedule tree as {@link DepthExchange} edits it: per accelerator (compact index) the edge that
 * joins it to its parent (the edge into it for an out-tree, out of it for an in-tree), that edge's
 * latency (scaled, exact), and, refreshed after every change, each vertex's latency depth, the height
 * of its subtree and its preorder interval (to ask "is w below v" in O(1)).
 */
final class ExchangeTree {
    private final ScheduleTree source;
    private final Map<String, Integer> index;
    private Rational share;
    final int root;
    final int[] parent;
    final TreeEdge[] edge;
    final long[] latency;
    final long[] depth;
    /** Deepest latency below a vertex, relative to it. */
    final long[] height;
    private final int[] enter;
    private final int[] exit;
    private final int[] preorder;
    private long deepest;
    private int deepestVertex;
    private int deepestCount;

    /** edgeLatency: the scaled latency of an edge's physical path (the time model's rule). */
    ExchangeTree(ScheduleTree source, Map<String, Integer> index, java.util.function.ToLongFunction<TreeEdge> edgeLatency) {
        this.source = source;
        this.index = index;
        this.share = source.share();
        int n = index.size();
        root = vertex(source.root());
        parent = new int[n];
        Arrays.fill(parent, -1);
        edge = new TreeEdge[n];
        latency = new long[n];
        depth = new long[n];
        height = new long[n];
        enter = new int[n];
        exit = new int[n];
        preorder = new int[n];
        boolean in = source.direction() == Direction.IN;
        for (TreeEdge e : source.edges()) {
            int child = vertex(in ? e.from() : e.to());
            int par = vertex(in ? e.to() : e.from());
            if (parent[child] >= 0 || child == root) {
                throw new IllegalArgumentException("tree of " + source.root() + " enters " + e + " twice");
            }
            parent[child] = par;
            edge[child] = e;
            latency[child] = edgeLatency.applyAsLong(e);
        }
        refresh();
    }

    /** A copy of t's current edges carrying part of its share; t keeps the rest. */
    private ExchangeTree(ExchangeTree t, Rational part) {
        source = t.source;
        index = t.index;
        share = part;
        t.share = t.share.subtract(part);
        root = t.root;
        parent = t.parent.clone();
        edge = t.edge.clone();
        latency = t.latency.clone();
        depth = t.depth.clone();
        height = t.height.clone();
        enter = t.enter.clone();
        exit = t.exit.clone();
        preorder = t.preorder.clone();
        deepest = t.deepest;
        deepestVertex = t.deepestVertex;
        deepestCount = t.deepestCount;
    }

    /** Splits part (less than the whole) of this tree's share off into an identical tree, returned. */
    ExchangeTree split(Rational part) {
        if (part.signum() <= 0 || part.compareTo(share) >= 0) {
            throw new IllegalArgumentException("cannot split " + part + " off a share of " + share);
        }
        return new ExchangeTree(this, part);
    }

    Rational share() {
        return share;
    }

    private int vertex(String id) {
        Integer v = index.get(id);
        if (v == null) {
            throw new IllegalArgumentException(id + " is not an accelerator");
        }
        return v;
    }

    ScheduleTree source() {
        return source;
    }

    long deepest() {
        return deepest;
    }

    int deepestVertex() {
        return deepestVertex;
    }

    /** How many vertices lie at the deepest depth. */
    int deepestCount() {
        return deepestCount;
    }

    /** Orders trees by (deepest, how many vertices at it): what the search lowers. */
    static int compareDepth(long deepA, int countA, long deepB, int countB) {
        return deepA != deepB ? Long.compare(deepA, deepB) : Integer.compare(countA, countB);
    }

    /** True when w lies in the subtree of v (v itself included). */
    boolean below(int w, int v) {
        return enter[v] <= enter[w] && enter[w] < exit[v];
    }

    /** The vertices in preorder (parents before children). */
    int[] preorder() {
        return preorder;
    }

    /**
     * Swaps v's parent edge with other's: this tree takes other's edge into v and other takes this one's.
     * The caller has checked that neither new parent lies below v.
     */
    void exchangeAt(int v, ExchangeTree other) {
        int p = parent[v];
        TreeEdge e = edge[v];
        long l = latency[v];
        parent[v] = other.parent[v];
        edge[v] = other.edge[v];
        latency[v] = other.latency[v];
        other.parent[v] = p;
        other.edge[v] = e;
        other.latency[v] = l;
        refresh();
        other.refresh();
    }

    /** Recomputes depths, heights and preorder intervals; throws if the parents no longer form a spanning tree. */
    private void refresh() {
        int n = parent.length;
        int[] firstChild = new int[n];
        int[] nextSibling = new int[n];
        Arrays.fill(firstChild, -1);
        for (int v = n - 1; v >= 0; v--) {
            if (v != root) {
                nextSibling[v] = firstChild[parent[v]];
                firstChild[parent[v]] = v;
            }
        }
        int[] stack = new int[n];
        int top = 0;
        int count = 0;
        stack[top++] = root;
        depth[root] = 0;
        while (top > 0) {
            int v = stack[--top];
            enter[v] = count;
            preorder[count++] = v;
            for (int c = firstChild[v]; c >= 0; c = nextSibling[c]) {
                depth[c] = Math.addExact(depth[v], latency[c]);
                stack[top++] = c;
            }
        }
        if (count != n) {
            throw new IllegalStateException("tree of " + source.root() + " no longer spans");
        }
        Arrays.fill(height, 0);
        int[] size = new int[n];
        deepest = 0;
        deepestVertex = root;
        deepestCount = 0;
        for (int i = n - 1; i >= 0; i--) {
            int v = preorder[i];
            size[v]++;
            exit[v] = enter[v] + size[v];
            if (depth[v] > deepest) {
                deepest = depth[v];
                deepestVertex = v;
                deepestCount = 0;
            }
            if (depth[v] == deepest) {
                deepestCount++;
            }
            if (v != root) {
                size[parent[v]] += size[v];
                height[parent[v]] = Math.max(height[parent[v]], latency[v] + height[v]);
            }
        }
    }

    /** The tree as it now stands, its edges in preorder. */
    ScheduleTree toScheduleTree() {
        List<TreeEdge> edges = new ArrayList<>(parent.length - 1);
        for (int v : preorder) {
            if (v != root) {
                edges.add(edge[v]);
            }
        }
        return new ScheduleTree(source.root(), source.phase(), source.stage(), source.direction(), share, edges);
    }
}
