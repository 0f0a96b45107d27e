package canopy.engine;

import java.util.Arrays;

/**
 * A reusable max-flow network on long capacities: push-relabel (see {@link #maxFlow}) with an
 * optional flow limit (most engine checks only need to know whether a flow reaches a threshold), and
 * the source side of a minimum cut. Edges keep their
 * original capacity, so one network answers many queries; {@link #setCapacity} changes one edge
 * between queries. Not thread-safe: each thread uses its own copy ({@link #copy()}).
 */
public final class FlowNetwork extends ResidualArcs {
    /** A capacity no cut of the engine's graphs reaches. */
    public static final long INF = Long.MAX_VALUE / 4;

    /** Per arc id: the capacity set, and what the current query left. */
    private long[] original;
    private long[] residual;

    private int[] level;
    private int[] iter;
    private int[] queue;
    /** Push-relabel state: excess, per-label buckets of active nodes, nodes per label. */
    private long[] excess;
    private int[] bucketHead;
    private int[] bucketNext;
    /** Every node of each label below n, doubly linked, so that the gap rule costs what it removes. */
    private int[] labelHead;
    private int[] labelNext;
    private int[] labelPrev;
    private int maxLabel;
    /** The saturated source of the current query, kept at label n; -1 when none. */
    private int pinned = -1;
    /** The sink of the last query, for {@link #sourceSide}. */
    private int lastSink = -1;

    /** Counts max-flow calls, for the benchmark. */
    private long flowCalls;

    public FlowNetwork(int nodeCount) {
        this(nodeCount, 16);
    }

    public FlowNetwork(int nodeCount, int expectedEdges) {
        super(nodeCount, expectedEdges);
        original = new long[arcRoom()];
        residual = new long[arcRoom()];
        level = new int[n];
        iter = new int[n];
        queue = new int[n];
        allocatePushRelabel();
    }

    private void allocatePushRelabel() {
        excess = new long[n];
        bucketHead = new int[n + 1];
        bucketNext = new int[n];
        labelHead = new int[n + 1];
        labelNext = new int[n];
        labelPrev = new int[n];
    }

    private FlowNetwork(FlowNetwork o) {
        super(o);
        original = o.original.clone();
        residual = o.residual.clone();
        level = new int[n];
        iter = new int[n];
        queue = new int[n];
        allocatePushRelabel();
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
        int e = addArc(u, v);
        original[e] = c;
        original[e + 1] = 0;
        return e;
    }

    @Override
    void growCapacities(int length) {
        original = Arrays.copyOf(original, length);
        residual = Arrays.copyOf(residual, length);
    }

    @Override
    boolean hasRoom(int e) {
        return residual[e] > 0;
    }

    public void setCapacity(int edge, long c) {
        original[edge] = c;
    }

    public long capacity(int edge) {
        return original[edge];
    }

    public long flowCalls() {
        return flowCalls;
    }

    /**
     * The maximum flow from s to t, or limit when the maximum is at least limit. Highest-label
     * push-relabel, first phase only (a maximum preflow gives the value and the minimum cut), with
     * global relabelling and the gap rule; s starts with an excess of limit, as if fed by one arc of
     * that capacity. Unlike augmenting paths it does not pay a phase per unit of path length, which
     * matters on the ring-like graphs that switch splitting makes (thousands of hops around).
     */
    public long maxFlow(int s, int t, long limit) {
        flowCalls++;
        lastSink = t;
        System.arraycopy(original, 0, residual, 0, edges);
        if (s == t || limit <= 0) {
            return Math.max(0, limit);
        }
        Arrays.fill(excess, 0);
        long supply = 0;
        for (int e = head[s]; e >= 0 && supply <= limit; e = next[e]) {
            supply += residual[e];
        }
        boolean saturate = supply <= limit;
        if (saturate) {
            // The source's arcs carry no more than the limit: saturate them all and keep s out of
            // play (the classic start). A source of high degree (every accelerator) would otherwise
            // be relabelled once per distance and scanned whole each time.
            for (int e = head[s]; e >= 0; e = next[e]) {
                long f = residual[e];
                if (f > 0) {
                    residual[e] = 0;
                    residual[e ^ 1] += f;
                    excess[to[e]] += f;
                }
            }
            excess[s] = 0;
        } else {
            excess[s] = limit;
        }
        pinned = saturate ? s : -1; // s at label n: never relabelled, never active
        globalRelabel(t);
        if (!saturate && level[s] >= n) {
            return 0;
        }
        int maxActive = maxLabel;
        long work = 0;
        long relabelEvery = 6L * n + edges / 2;
        while (maxActive >= 0) {
            int u = bucketHead[maxActive];
            if (u < 0) {
                maxActive--;
                continue;
            }
            bucketHead[maxActive] = bucketNext[u];
            if (level[u] != maxActive || excess[u] == 0) {
                continue; // left behind by the gap rule
            }
            // Discharge u.
            int lu = level[u];
            while (excess[u] > 0) {
                int e = iter[u];
                for (; e >= 0; e = next[e]) {
                    int v = to[e];
                    if (residual[e] > 0 && level[v] == lu - 1) {
                        long f = Math.min(excess[u], residual[e]);
                        residual[e] -= f;
                        residual[e ^ 1] += f;
                        excess[u] -= f;
                        if (v != t && excess[v] == 0) {
                            bucketNext[v] = bucketHead[lu - 1];
                            bucketHead[lu - 1] = v;
                            maxActive = Math.max(maxActive, lu - 1);
                        }
                        excess[v] += f;
                        if (excess[u] == 0) {
                            break;
                        }
                    }
                }
                if (excess[u] == 0) {
                    iter[u] = e;
                    break;
                }
                // Relabel u: one above its lowest residual neighbour.
                int lowest = n;
                for (int d = head[u]; d >= 0; d = next[d]) {
                    work++;
                    if (residual[d] > 0 && level[to[d]] < lowest) {
                        lowest = level[to[d]];
                    }
                }
                int old = lu;
                unlink(u);
                lu = Math.min(n, lowest + 1);
                if (labelHead[old] < 0) {
                    // Gap: nothing at label old is left, so nothing above it reaches t.
                    for (int l = old + 1; l <= maxLabel; l++) {
                        for (int v = labelHead[l]; v >= 0; v = labelNext[v]) {
                            level[v] = n;
                        }
                        labelHead[l] = -1;
                    }
                    maxLabel = old - 1;
                    lu = n;
                }
                level[u] = lu;
                if (lu >= n) {
                    break;
                }
                link(u, lu);
                iter[u] = head[u];
            }
            if (excess[t] >= limit) {
                return limit;
            }
            if (excess[u] > 0 && lu < n) {
                bucketNext[u] = bucketHead[lu];
                bucketHead[lu] = u;
            }
            maxActive = Math.max(maxActive, lu < n ? lu : -1);
            if (work > relabelEvery) {
                work = 0;
                globalRelabel(t);
                maxActive = maxLabel;
            }
            while (maxActive >= 0 && bucketHead[maxActive] < 0) {
                maxActive--;
            }
        }
        return Math.min(limit, excess[t]);
    }

    /**
     * Exact distances to t in the residual graph (n where t is out of reach), the current arcs
     * reset, and the active nodes (excess, not t, t in reach) put back into their buckets.
     */
    private void globalRelabel(int t) {
        Arrays.fill(level, n);
        Arrays.fill(labelHead, -1);
        Arrays.fill(bucketHead, -1);
        level[t] = 0;
        maxLabel = 0;
        int qh = 0;
        int qt = 0;
        queue[qt++] = t;
        while (qh < qt) {
            int v = queue[qh++];
            int lv = level[v] + 1;
            for (int e = head[v]; e >= 0; e = next[e]) {
                int u = to[e];
                if (level[u] == n && residual[e ^ 1] > 0 && u != pinned) {
                    level[u] = lv;
                    maxLabel = lv;
                    queue[qt++] = u;
                }
            }
        }
        for (int i = 0; i < qt; i++) {
            int v = queue[i];
            link(v, level[v]);
            iter[v] = head[v];
            if (v != t && excess[v] > 0) {
                bucketNext[v] = bucketHead[level[v]];
                bucketHead[level[v]] = v;
            }
        }
    }

    private void link(int v, int l) {
        int h = labelHead[l];
        labelNext[v] = h;
        labelPrev[v] = -1;
        if (h >= 0) {
            labelPrev[h] = v;
        }
        labelHead[l] = v;
        if (l > maxLabel) {
            maxLabel = l;
        }
    }

    private void unlink(int v) {
        int p = labelPrev[v];
        int q = labelNext[v];
        if (p >= 0) {
            labelNext[p] = q;
        } else {
            labelHead[level[v]] = q;
        }
        if (q >= 0) {
            labelPrev[q] = p;
        }
    }

    public long maxFlow(int s, int t) {
        return maxFlow(s, t, INF);
    }

    /**
     * After a query that did not reach its limit: the source side of a minimum cut, every node from
     * which the last query's sink cannot be reached in the residual graph.
     */
    public boolean[] sourceSide(int s) {
        return cannotReach(lastSink);
    }
}
