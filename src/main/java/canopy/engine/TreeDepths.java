package canopy.engine;

import canopy.model.Direction;
import canopy.model.ScheduleTree;
import canopy.model.TreeEdge;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The depth of each tree of a schedule, in latency (scaled longs, exact: {@link LatencyScale}) and in
 * physical hops, over node indices. Trees that share edge objects (the forest's do) have each edge's
 * path walked once. The time model's fast path: at 1,024 accelerators its fractions and string maps
 * took most of the analysis (25 s of a 45 s run in the designer).
 */
final class TreeDepths {
    private final NetworkGraph g;
    private final LatencyScale scale;
    /** Per edge: {from index, to index, latency, hops}. */
    private final Map<TreeEdge, long[]> edges = new IdentityHashMap<>();
    private final int[] parent;
    private final long[] latency;
    private final int[] hops;
    private final long[] depth;
    private final int[] depthHops;
    private final int[] hasParent;
    private final int[] known;
    private final int[] walk;
    private int stamp;

    TreeDepths(NetworkGraph g, LatencyScale scale) {
        this.g = g;
        this.scale = scale;
        int nodes = g.nodeCount();
        parent = new int[nodes];
        latency = new long[nodes];
        hops = new int[nodes];
        depth = new long[nodes];
        depthHops = new int[nodes];
        hasParent = new int[nodes];
        known = new int[nodes];
        walk = new int[nodes];
    }

    /**
     * {deepest latency (scaled), deepest hop count} of the tree; throws ArithmeticException past a
     * long, IllegalArgumentException for a path over a missing link (the link loads refuse it first).
     */
    long[] of(ScheduleTree tree) {
        stamp++;
        boolean in = tree.direction() == Direction.IN;
        int edgeCount = 0;
        int[] children = new int[tree.edges().size()];
        for (TreeEdge e : tree.edges()) {
            long[] info = edges.computeIfAbsent(e, this::info);
            int child = (int) (in ? info[0] : info[1]);
            parent[child] = (int) (in ? info[1] : info[0]);
            latency[child] = info[2];
            hops[child] = (int) info[3];
            hasParent[child] = stamp;
            children[edgeCount++] = child;
        }
        int root = g.indexOf(tree.root());
        known[root] = stamp;
        depth[root] = 0;
        depthHops[root] = 0;
        long worst = 0;
        int worstHops = 0;
        for (int c = 0; c < edgeCount; c++) {
            int v = children[c];
            int length = 0;
            int x = v;
            // up to a node of known depth, or one without a parent; a cycle stops after every edge
            while (known[x] != stamp && hasParent[x] == stamp && length <= edgeCount) {
                walk[length++] = x;
                x = parent[x];
            }
            long base = known[x] == stamp ? depth[x] : 0;
            int baseHops = known[x] == stamp ? depthHops[x] : 0;
            for (int k = length - 1; k >= 0; k--) {
                int w = walk[k];
                base = Math.addExact(base, latency[w]);
                baseHops += hops[w];
                depth[w] = base;
                depthHops[w] = baseHops;
                known[w] = stamp;
            }
            if (known[v] == stamp) {
                worst = Math.max(worst, depth[v]);
                worstHops = Math.max(worstHops, depthHops[v]);
            }
        }
        return new long[] {worst, worstHops};
    }

    private long[] info(TreeEdge e) {
        return new long[] {g.indexOf(e.from()), g.indexOf(e.to()), scale.path(g, e), e.path().size() - 1};
    }
}
