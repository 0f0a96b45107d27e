package canopy.engine;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * {@link FlowNetwork}'s arbitrary-precision twin: Dinic's algorithm on BigInteger capacities, with a
 * flow limit and the source side of a minimum cut. The engine uses it only when a check's capacities
 * do not fit in a long with headroom (bandwidths of very different scales, or with many distinct
 * denominators); everything else runs on the long network. Not thread-safe: use {@link #copy()}.
 */
public final class BigFlowNetwork extends ResidualArcs {
    /** Per arc id: the capacity set. */
    private BigInteger[] original;
    /** Per arc id: what the last query left, made afresh by each query (this path is rare). */
    private BigInteger[] residual;

    private final int[] level;
    private final int[] iter;
    private final int[] queue;
    /** The sink of the last query, for {@link #sourceSide}. */
    private int lastSink;
    private final int[] stackNode;
    private final int[] stackEdge;

    public BigFlowNetwork(int nodeCount, int expectedEdges) {
        super(nodeCount, expectedEdges);
        original = new BigInteger[arcRoom()];
        level = new int[n];
        iter = new int[n];
        queue = new int[n];
        stackNode = new int[n + 1];
        stackEdge = new int[n + 1];
    }

    private BigFlowNetwork(BigFlowNetwork o) {
        super(o);
        original = o.original.clone();
        level = new int[n];
        iter = new int[n];
        queue = new int[n];
        stackNode = new int[n + 1];
        stackEdge = new int[n + 1];
    }

    /** An independent copy with the same edges and capacities (for another thread). */
    public BigFlowNetwork copy() {
        return new BigFlowNetwork(this);
    }

    /** Adds u→v with capacity c (non-negative) and returns its edge id (the reverse is id ^ 1). */
    public int addEdge(int u, int v, BigInteger c) {
        if (c.signum() < 0) {
            throw new IllegalArgumentException("negative capacity " + c);
        }
        int e = addArc(u, v);
        original[e] = c;
        original[e + 1] = BigInteger.ZERO;
        return e;
    }

    @Override
    void growCapacities(int length) {
        original = Arrays.copyOf(original, length);
    }

    @Override
    boolean hasRoom(int e) {
        return residual[e].signum() > 0;
    }

    /** The maximum flow from s to t, or the first value found at or above limit. */
    public BigInteger maxFlow(int s, int t, BigInteger limit) {
        lastSink = t;
        residual = Arrays.copyOf(original, edges);
        BigInteger flow = BigInteger.ZERO;
        while (flow.compareTo(limit) < 0 && bfs(s, t)) {
            System.arraycopy(head, 0, iter, 0, n);
            while (flow.compareTo(limit) < 0) {
                BigInteger f = augment(s, t, limit.subtract(flow));
                if (f.signum() == 0) {
                    break;
                }
                flow = flow.add(f);
            }
        }
        return flow;
    }

    private boolean bfs(int s, int t) {
        Arrays.fill(level, -1);
        level[s] = 0;
        int qh = 0;
        int qt = 0;
        queue[qt++] = s;
        while (qh < qt) {
            int u = queue[qh++];
            for (int e = head[u]; e >= 0; e = next[e]) {
                int v = to[e];
                if (residual[e].signum() > 0 && level[v] < 0) {
                    level[v] = level[u] + 1;
                    if (v == t) {
                        return true;
                    }
                    queue[qt++] = v;
                }
            }
        }
        return level[t] >= 0;
    }

    private BigInteger augment(int s, int t, BigInteger cap) {
        int depth = 0;
        stackNode[0] = s;
        while (true) {
            int u = stackNode[depth];
            if (u == t) {
                BigInteger f = cap;
                for (int i = 0; i < depth; i++) {
                    f = f.min(residual[stackEdge[i]]);
                }
                for (int i = 0; i < depth; i++) {
                    residual[stackEdge[i]] = residual[stackEdge[i]].subtract(f);
                    residual[stackEdge[i] ^ 1] = residual[stackEdge[i] ^ 1].add(f);
                }
                return f;
            }
            boolean advanced = false;
            for (int e = iter[u]; e >= 0; e = next[e]) {
                int v = to[e];
                if (residual[e].signum() > 0 && level[v] == level[u] + 1) {
                    iter[u] = e;
                    stackEdge[depth] = e;
                    stackNode[++depth] = v;
                    advanced = true;
                    break;
                }
            }
            if (!advanced) {
                iter[u] = -1;
                level[u] = -1;
                if (depth == 0) {
                    return BigInteger.ZERO;
                }
                depth--;
                int pu = stackNode[depth];
                iter[pu] = next[iter[pu]];
            }
        }
    }

    /**
     * After a query that did not reach its limit: the source side of a minimum cut, every node from
     * which the last query's sink cannot be reached in the residual graph (the same cut as
     * {@link FlowNetwork#sourceSide}, so both paths name the same bottleneck).
     */
    public boolean[] sourceSide(int s) {
        return cannotReach(lastSink);
    }
}
