package canopy.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes every switch by edge splitting (algorithm.md §3) while keeping, for every accelerator v,
 * maxflow(s → v) ≥ N·k, where s feeds every accelerator k. For a pair (u,w),(w,t) the largest safe
 * amount α is limited only by the node sets whose cut it lowers (see {@link #maxSplit}), each found
 * with max-flows from s into {v, …} for every accelerator v, capped by both arcs' capacities. A pair that cannot be split in full stays blocked for good
 * (the tight set stays tight), so one pass over the pairs of a switch splits it completely.
 */
final class SwitchSplitter {
    private final LogicalGraph graph;
    private final boolean[] accelerator;
    private final int[] accelerators;
    private final long k;
    private final long need;
    private final Progress progress;
    private final ParallelFlows flows = new ParallelFlows();
    private long flowQueries;

    SwitchSplitter(LogicalGraph graph, boolean[] accelerator, long k, Progress progress) {
        this.graph = graph;
        this.accelerator = accelerator;
        this.k = k;
        int count = 0;
        for (boolean a : accelerator) {
            if (a) {
                count++;
            }
        }
        accelerators = new int[count];
        for (int v = 0, j = 0; v < accelerator.length; v++) {
            if (accelerator[v]) {
                accelerators[j++] = v;
            }
        }
        this.need = Math.multiplyExact(k, (long) count);
        this.progress = progress;
    }

    long flowQueries() {
        return flowQueries;
    }

    /** Splits every switch away; afterwards only accelerator-to-accelerator arcs remain. */
    void splitAll() {
        List<Integer> switches = new ArrayList<>();
        for (int v = 0; v < accelerator.length; v++) {
            if (!accelerator[v]) {
                switches.add(v);
            }
        }
        int done = 0;
        for (int w : switches) {
            progress.report("splitting switches", (double) done++ / switches.size());
            splitSwitch(w);
        }
    }

    private void splitSwitch(int w) {
        // Proper pairs first (u ≠ t), then the pairs that would only form loops.
        for (int pass = 0; pass < 2; pass++) {
            for (int u : graph.inNeighbours(w)) {
                for (int t : graph.outNeighbours(w)) {
                    if ((pass == 0) == (u == t)) {
                        continue;
                    }
                    long cu = graph.capacity(u, w);
                    if (cu == 0) {
                        break;
                    }
                    long ct = graph.capacity(w, t);
                    if (ct == 0) {
                        continue;
                    }
                    progress.checkCancelled();
                    long alpha = maxSplit(u, w, t, Math.min(cu, ct));
                    if (alpha > 0) {
                        graph.split(u, w, t, alpha);
                    }
                }
            }
        }
        if (!graph.inNeighbours(w).isEmpty() || !graph.outNeighbours(w).isEmpty()) {
            throw new IllegalStateException("switch " + w + " could not be split off completely ("
                    + graph.inNeighbours(w).size() + " in-arcs and " + graph.outNeighbours(w).size()
                    + " out-arcs left)");
        }
    }

    /**
     * The largest α ≤ limit that keeps every accelerator's connectivity from s at N·k. Splitting
     * α off (u,w),(w,t) lowers by α exactly the cuts of the sets X (s ∈ X, some accelerator v ∉ X)
     * with either u, t ∈ X and w ∉ X, or w ∈ X and u, t ∉ X; every other cut keeps its value.
     */
    long maxSplit(int u, int w, int t, long limit) {
        long target = Math.addExact(need, limit);
        long alpha = Math.min(limit, minCut(new int[] {u, t}, new int[] {w}, target) - need);
        if (alpha > 0) {
            alpha = Math.min(alpha, minCut(new int[] {w}, new int[] {u, t}, target) - need);
        }
        return Math.max(0, alpha);
    }

    /**
     * min over accelerators v of the minimum cut between s ∪ sources and sinks ∪ {v}, with flows
     * stopped at target. When a sink is itself an accelerator, v adds nothing and one flow suffices.
     */
    private long minCut(int[] sources, int[] sinks, long target) {
        int n = graph.nodeCount();
        int s = n;
        int sink = n + 1;
        FlowNetwork net = new FlowNetwork(n + 2);
        for (LogicalGraph.Arc a : graph.arcs()) {
            net.addEdge(a.from, a.to, a.capacity);
        }
        for (int v : accelerators) {
            net.addEdge(s, v, k);
        }
        boolean[] fixed = new boolean[n];
        for (int x : sources) {
            net.addEdge(s, x, FlowNetwork.INF);
            fixed[x] = true;
        }
        boolean sinkIsAccelerator = false;
        for (int x : sinks) {
            net.addEdge(x, sink, FlowNetwork.INF);
            fixed[x] = true;
            sinkIsAccelerator |= accelerator[x];
        }
        if (sinkIsAccelerator) {
            flowQueries++;
            return net.maxFlow(s, sink, target);
        }
        int[] toSink = new int[n];
        List<Integer> candidates = new ArrayList<>();
        for (int v : accelerators) {
            if (!fixed[v]) {
                toSink[v] = net.addEdge(v, sink, 0);
                candidates.add(v);
            }
        }
        if (candidates.isEmpty()) {
            return target;
        }
        flowQueries += candidates.size();
        List<Long> found = flows.forEachSink(net, candidates.stream().mapToInt(Integer::intValue).toArray(),
                (f, v) -> {
                    f.setCapacity(toSink[v], FlowNetwork.INF);
                    long value = f.maxFlow(s, sink, target);
                    f.setCapacity(toSink[v], 0);
                    return value;
                }, progress);
        long min = target;
        for (long value : found) {
            min = Math.min(min, value);
        }
        return min;
    }
}
