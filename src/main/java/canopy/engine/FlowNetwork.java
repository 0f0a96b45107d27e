package canopy.engine;

import java.util.Arrays;

/**
 * A reusable max-flow network on long capacities: Dinic's algorithm with an iterative blocking-flow
 * search, an optional flow limit (stop as soon as the flow reaches it — most engine checks only need
 * to know whether a flow reaches a threshold), and the source side of a minimum cut. Edges keep their
 * original capacity, so one network answers many queries; {@link #setCapacity} changes one edge
 * between queries. Not thread-safe: each thread uses its own copy ({@link #copy()}).
 */
public final class FlowNetwork {
    /** A capacity no cut of the engine's graphs reaches. */
    public static final long INF = Long.MAX_VALUE / 4;

    private final int n;
    private int[] head;
    private int[] next;
    private int[] to;
    private long[] original;
    private long[] residual;
    private int edges;

    private int[] level;
    private int[] iter;
    private int[] queue;
    private int[] stackNode;
    private int[] stackEdge;

    /** Counts max-flow calls, for the benchmark. */
    private long flowCalls;

    public FlowNetwork(int nodeCount) {
        this(nodeCount, 16);
    }

    public FlowNetwork(int nodeCount, int expectedEdges) {
        n = nodeCount;
        head = new int[n];
        Arrays.fill(head, -1);
        int cap = Math.max(4, 2 * expectedEdges);
        next = new int[cap];
        to = new int[cap];
        original = new long[cap];
        residual = new long[cap];
        level = new int[n];
        iter = new int[n];
        queue = new int[n];
        stackNode = new int[n + 1];
        stackEdge = new int[n + 1];
    }

    private FlowNetwork(FlowNetwork o) {
        n = o.n;
        head = o.head.clone();
        next = o.next.clone();
        to = o.to.clone();
        original = o.original.clone();
        residual = o.residual.clone();
        edges = o.edges;
        level = new int[n];
        iter = new int[n];
        queue = new int[n];
        stackNode = new int[n + 1];
        stackEdge = new int[n + 1];
    }

    /** An independent copy with the same edges and capacities (for another thread). */
    public FlowNetwork copy() {
        return new FlowNetwork(this);
    }

    public int nodeCount() {
        return n;
    }

    /** Adds u→v with capacity c and returns its edge id (the reverse residual edge is id ^ 1). */
    public int addEdge(int u, int v, long c) {
        if (edges + 2 > to.length) {
            int cap = to.length * 2;
            next = Arrays.copyOf(next, cap);
            to = Arrays.copyOf(to, cap);
            original = Arrays.copyOf(original, cap);
            residual = Arrays.copyOf(residual, cap);
        }
        int e = edges;
        to[e] = v;
        original[e] = c;
        next[e] = head[u];
        head[u] = e;
        to[e + 1] = u;
        original[e + 1] = 0;
        next[e + 1] = head[v];
        head[v] = e + 1;
        edges += 2;
        return e;
    }

    public void setCapacity(int edge, long c) {
        original[edge] = c;
    }

    public long capacity(int edge) {
        return original[edge];
    }

    /** Flow on an edge after the last query. */
    public long flow(int edge) {
        return original[edge] - residual[edge];
    }

    public long flowCalls() {
        return flowCalls;
    }

    /** The maximum flow from s to t, or the first value found at or above limit. */
    public long maxFlow(int s, int t, long limit) {
        flowCalls++;
        System.arraycopy(original, 0, residual, 0, edges);
        long flow = 0;
        while (flow < limit && bfs(s, t)) {
            System.arraycopy(head, 0, iter, 0, n);
            while (flow < limit) {
                long f = augment(s, t, limit - flow);
                if (f == 0) {
                    break;
                }
                flow += f;
            }
        }
        return flow;
    }

    public long maxFlow(int s, int t) {
        return maxFlow(s, t, INF);
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
                if (residual[e] > 0 && level[v] < 0) {
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

    /** One augmenting path in the level graph (iterative DFS), pushing at most cap. */
    private long augment(int s, int t, long cap) {
        int depth = 0;
        stackNode[0] = s;
        while (true) {
            int u = stackNode[depth];
            if (u == t) {
                long f = cap;
                for (int i = 0; i < depth; i++) {
                    f = Math.min(f, residual[stackEdge[i]]);
                }
                for (int i = 0; i < depth; i++) {
                    residual[stackEdge[i]] -= f;
                    residual[stackEdge[i] ^ 1] += f;
                }
                return f;
            }
            boolean advanced = false;
            for (int e = iter[u]; e >= 0; e = next[e]) {
                int v = to[e];
                if (residual[e] > 0 && level[v] == level[u] + 1) {
                    iter[u] = e;
                    stackEdge[depth] = e;
                    stackNode[++depth] = v;
                    advanced = true;
                    break;
                }
            }
            if (!advanced) {
                iter[u] = -1;
                level[u] = -1; // dead end: never enter it again in this phase
                if (depth == 0) {
                    return 0;
                }
                depth--;
                int pu = stackNode[depth];
                iter[pu] = next[iter[pu]];
            }
        }
    }

    /** After a query that did not reach its limit: the nodes reachable from s in the residual graph. */
    public boolean[] sourceSide(int s) {
        boolean[] seen = new boolean[n];
        seen[s] = true;
        int qh = 0;
        int qt = 0;
        queue[qt++] = s;
        while (qh < qt) {
            int u = queue[qh++];
            for (int e = head[u]; e >= 0; e = next[e]) {
                int v = to[e];
                if (residual[e] > 0 && !seen[v]) {
                    seen[v] = true;
                    queue[qt++] = v;
                }
            }
        }
        return seen;
    }
}
