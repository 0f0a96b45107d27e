package canopy.engine;

import java.util.Arrays;
import java.util.Random;

/**
 * Proves most sinks of a {@link CutBound} check without their max-flow (issue 10: the check is N
 * max-flows over the whole graph, Θ(N·m), 8,192 of them for a 4,096-ring's two bounds). The check
 * asks, for a candidate x = p/q, whether every accelerator u receives N·p from a source s that feeds
 * p into each accelerator over arcs of capacity q·b(e), i.e. whether every set S ∌ u has
 * q·B⁺(S) + p·|accelerators outside S| ≥ N·p.
 *
 * <p>Take one accelerator h, the hub, whose own flow reaches N·p: a set S without h passes. Call a
 * node w proven when every S with h and without w has B⁺(S) ≥ T, the least integer with
 * q·T ≥ (N − 1)·p. A proven accelerator u passes: a set S with h and without u has u outside, so its
 * capacity is at least q·T + p ≥ N·p. The hub is proven (no such S), and so is any node u with
 * λ(P, u) ≥ T for a set P of proven nodes: a set S with h and without u either misses some w of P
 * (then B⁺(S) ≥ T as w is proven) or holds all of P (then it is a P–u cut, B⁺(S) ≥ λ(P, u)).
 *
 * <p>So P grows from the hub, one node at a time, each with its own small flow of value T from P
 * (about one accelerator's bandwidth when the bound is "all accelerators but one", as on rings, tori,
 * random regular graphs and full-bisection fat trees): a few augmenting paths, each found by a search
 * backwards from u that stops at the first node of P. Nodes are taken in a fixed pseudo-random order,
 * so P is soon spread over the graph and the searches are short (on a ring the gaps between proven
 * nodes halve: N log N steps in all, where neighbour by neighbour would walk the ring each time). Only
 * the arcs a check touched are reset, so a check costs what it touches, not the whole graph.
 *
 * <p>Sinks this cannot prove (a box cut binds, so T exceeds what one node receives) keep their own
 * max-flow: the answer of the check never changes, only its cost.
 */
final class SinkProofs {
    private final int[] arcFrom;
    private final int[] arcTo;
    private final int[][] inArcs;
    private final int[][] outArcs;
    /** Per arc; the caller may change it between calls (the tree packer's checks do). */
    private final long[] capacity;
    /** The proven set P. */
    private final boolean[] proven;
    /** Flow on each arc during one check; the arcs it touched, listed once each, to reset only them. */
    private final long[] flow;
    private final int[] touched;
    private int touchedCount;
    private final int[] touchedBy;
    /** Search state: the arc leading towards u from each node (+(a+1) forward, −(a+1) cancelling), stamps, queue. */
    private final int[] toward;
    private final int[] seen;
    private int stamp;
    private final int[] queue;
    /**
     * Arcs all checks of one call may visit: about what a few max-flows cost. Rings, tori, random
     * regular graphs and fat trees need 10 to 60 times (arcs + nodes); where the proofs cannot work
     * (a box cut binds, so each check fails only after a long search) this caps the time lost.
     */
    private final long budget;
    /** The bound's budget: rings, tori, random regular graphs and fat trees need 10 to 60. */
    static final long BOUND_BUDGET = 128;
    private long left;
    /** Arcs failed searches may visit in one call (per arc and node at construction), and what is left of it. */
    private final long failureBudget;
    private long failureLeft;
    /** Checks run and arcs visited, for the trace and tests. */
    private int checks;
    private long visits;

    /** capacity: the graph's scaled capacities as longs whose total fits a long. */
    SinkProofs(NetworkGraph graph, long[] capacity) {
        this(graph.nodeCount(), arcEnds(graph, true), arcEnds(graph, false), capacity, BOUND_BUDGET);
    }

    /**
     * A graph given by its arcs' ends; capacity is read at each call, so the caller may change it
     * in place between calls. budget: arcs each call may visit, per arc and node of the graph.
     */
    SinkProofs(int nodes, int[] arcFrom, int[] arcTo, long[] capacity, long budget) {
        this(nodes, arcFrom, arcTo, capacity, budget, budget);
    }

    /**
     * As above, with failed searches allowed only failureBudget per arc and node of each call's
     * budget: where most sinks prove but some cannot, a search that fails costs the most, so a large
     * budget for the first would otherwise be spent on the second.
     */
    SinkProofs(int nodes, int[] arcFrom, int[] arcTo, long[] capacity, long budget, long failureBudget) {
        this.arcFrom = arcFrom;
        this.arcTo = arcTo;
        this.capacity = capacity;
        int arcs = arcFrom.length;
        int[] ins = new int[nodes];
        int[] outs = new int[nodes];
        for (int a = 0; a < arcs; a++) {
            outs[arcFrom[a]]++;
            ins[arcTo[a]]++;
        }
        this.inArcs = new int[nodes][];
        this.outArcs = new int[nodes][];
        for (int v = 0; v < nodes; v++) {
            inArcs[v] = new int[ins[v]];
            outArcs[v] = new int[outs[v]];
            ins[v] = 0;
            outs[v] = 0;
        }
        for (int a = 0; a < arcs; a++) {
            outArcs[arcFrom[a]][outs[arcFrom[a]]++] = a;
            inArcs[arcTo[a]][ins[arcTo[a]]++] = a;
        }
        this.proven = new boolean[nodes];
        this.flow = new long[arcs];
        this.touched = new int[arcs];
        this.touchedBy = new int[arcs];
        this.toward = new int[nodes];
        this.seen = new int[nodes];
        this.queue = new int[nodes];
        this.budget = budget * (arcs + nodes);
        this.failureBudget = failureBudget * (arcs + nodes);
    }

    private static int[] arcEnds(NetworkGraph graph, boolean from) {
        int[] ends = new int[graph.arcCount()];
        for (int a = 0; a < ends.length; a++) {
            ends[a] = from ? graph.arcFrom(a) : graph.arcTo(a);
        }
        return ends;
    }

    int checks() {
        return checks;
    }

    long visits() {
        return visits;
    }

    /**
     * The proven nodes for this hub and T (see the class comment). Every node that can receive T is
     * tried once in a fixed pseudo-random order, and those that failed once more after the others,
     * since a larger P only helps; until the budget is spent.
     */
    boolean[] proven(int hub, long threshold, Progress progress) {
        boolean[] seeds = new boolean[proven.length];
        seeds[hub] = true;
        return proven(seeds, threshold, progress);
    }

    /**
     * The nodes proven from these seeds: grown from them by flows of threshold from the proven set,
     * as for a hub (the tree packer seeds its source and one sink whose max-flow passed).
     */
    boolean[] proven(boolean[] seeds, long threshold, Progress progress) {
        int nodes = proven.length;
        System.arraycopy(seeds, 0, proven, 0, nodes);
        long[] inBandwidth = new long[nodes];
        for (int a = 0; a < arcTo.length; a++) {
            inBandwidth[arcTo[a]] = Math.min(Long.MAX_VALUE / 2, inBandwidth[arcTo[a]] + capacity[a]);
        }
        int[] order = new int[nodes];
        int count = 0;
        for (int v = 0; v < nodes; v++) {
            if (!seeds[v] && inBandwidth[v] >= threshold) { // λ(P, v) ≤ what v receives
                order[count++] = v;
            }
        }
        Random random = new Random(1);
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        left = budget;
        failureLeft = failureBudget;
        int failed = 0;
        for (int i = 0; i < count && left > 0 && failureLeft > 0; i++) {
            if ((i & 63) == 0) {
                progress.checkCancelled();
            }
            int u = order[i];
            if (reaches(u, threshold)) {
                proven[u] = true;
            } else {
                order[failed++] = u;
            }
        }
        for (int i = 0; i < failed && left > 0 && failureLeft > 0; i++) {
            if ((i & 63) == 0) {
                progress.checkCancelled();
            }
            if (reaches(order[i], threshold)) {
                proven[order[i]] = true;
            }
        }
        return proven.clone();
    }

    /** Whether λ(P, u) ≥ threshold, by shortest augmenting paths stopped at the threshold. */
    private boolean reaches(int u, long threshold) {
        checks++;
        long reached = 0;
        long spent = 0;
        long cap = Math.min(left, failureLeft);
        boolean ok = false;
        try {
            while (reached < threshold && spent < cap) {
                long found = augment(u, threshold - reached);
                spent += lastVisits;
                if (found == 0) {
                    return false;
                }
                reached += found;
            }
            ok = reached >= threshold;
            return ok;
        } finally {
            visits += spent;
            left -= spent;
            if (!ok) {
                failureLeft -= spent;
            }
            for (int i = 0; i < touchedCount; i++) {
                flow[touched[i]] = 0;
            }
            touchedCount = 0;
        }
    }

    /** Arcs the last search visited. */
    private long lastVisits;

    /**
     * One shortest augmenting path from P to u in the residual graph, searched backwards from u to
     * the first node of P; pushes what it can carry (at most want) and returns that, or 0.
     */
    private long augment(int u, long want) {
        stamp++;
        if (stamp == Integer.MAX_VALUE) {
            Arrays.fill(seen, 0);
            stamp = 1;
        }
        long visited = 0;
        int qh = 0;
        int qt = 0;
        queue[qt++] = u;
        seen[u] = stamp;
        int start = -1;
        search:
        while (qh < qt) {
            int y = queue[qh++];
            // x can send to y along an arc x → y with room, or by cancelling flow on y → x.
            for (int a : inArcs[y]) {
                visited++;
                int x = arcFrom[a];
                if (seen[x] != stamp && flow[a] < capacity[a]) {
                    seen[x] = stamp;
                    toward[x] = a + 1;
                    if (proven[x]) {
                        start = x;
                        break search;
                    }
                    queue[qt++] = x;
                }
            }
            for (int a : outArcs[y]) {
                visited++;
                int x = arcTo[a];
                if (seen[x] != stamp && flow[a] > 0) {
                    seen[x] = stamp;
                    toward[x] = -(a + 1);
                    if (proven[x]) {
                        start = x;
                        break search;
                    }
                    queue[qt++] = x;
                }
            }
        }
        lastVisits = visited;
        if (start < 0) {
            return 0;
        }
        long carried = want;
        for (int x = start; x != u; ) {
            int t = toward[x];
            int a = Math.abs(t) - 1;
            carried = Math.min(carried, t > 0 ? capacity[a] - flow[a] : flow[a]);
            x = t > 0 ? arcTo[a] : arcFrom[a];
        }
        for (int x = start; x != u; ) {
            int t = toward[x];
            int a = Math.abs(t) - 1;
            if (touchedBy[a] != checks) {
                touchedBy[a] = checks;
                touched[touchedCount++] = a;
            }
            flow[a] += t > 0 ? carried : -carried;
            x = t > 0 ? arcTo[a] : arcFrom[a];
        }
        return carried;
    }
}
