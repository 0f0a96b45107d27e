package canopy.engine;

import canopy.model.Rational;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact optimal allgather bound of a graph by Dinkelbach iteration over max-flows
 * (algorithm.md §1): x* = min over S of B⁺(S)/|S ∩ Vc|, algbw = N·x*. A candidate x = p/q is tested
 * on integer capacities q·b(e) with a source feeding every accelerator p: x ≤ x* exactly when every
 * accelerator receives a flow of N·p. The min cut of a failing accelerator is a set with a smaller
 * ratio, which becomes the next candidate. Use {@link NetworkGraph#reversed()} for reduce-scatter.
 */
public final class CutBound {
    private final NetworkGraph graph;
    private final long[] capacity;
    private final BigInteger scale;
    private final ParallelFlows flows;
    private final Progress progress;

    private CutBound(NetworkGraph graph, Progress progress) {
        this.graph = graph;
        this.scale = graph.bandwidthScale();
        this.capacity = graph.scaledCapacities(BigInteger.ONE);
        this.flows = new ParallelFlows();
        this.progress = progress;
    }

    public static Bound compute(NetworkGraph graph) {
        return compute(graph, Progress.NONE);
    }

    public static Bound compute(NetworkGraph graph, Progress progress) {
        return new CutBound(graph, progress).run();
    }

    /** The bound in the scaled integer units of {@link NetworkGraph#scaledCapacities}: x* = num/den. */
    static Rational scaledRatio(Bound b, NetworkGraph g) {
        return b.algbw().multiply(Rational.of(g.bandwidthScale())).divide(g.acceleratorCount());
    }

    private Bound run() {
        int[] acc = graph.accelerators();
        int n = acc.length;
        if (n < 2) {
            throw new IllegalArgumentException("the bound needs at least two accelerators");
        }
        // Start from the best single-accelerator cut.
        boolean[] best = null;
        long bestB = -1;
        int bestK = 1;
        for (int v : acc) {
            long out = 0;
            for (int a : graph.outArcs(v)) {
                out = Math.addExact(out, capacity[a]);
            }
            if (best == null || out < bestB) {
                bestB = out;
                best = new boolean[graph.nodeCount()];
                best[v] = true;
            }
        }
        if (bestB == 0) {
            return result(best, bestB, bestK);
        }
        int iteration = 0;
        while (true) {
            progress.checkCancelled();
            progress.report("bound", -1);
            iteration++;
            final long p = bestB;
            final long q = bestK;
            FlowNetwork base = network(q, p);
            int s = graph.nodeCount();
            long need = Math.multiplyExact((long) n, p);
            List<boolean[]> cuts = flows.forEachSink(base, acc, (net, v) -> {
                long f = net.maxFlow(s, v, need);
                if (f >= need) {
                    return null;
                }
                boolean[] side = net.sourceSide(s);
                return java.util.Arrays.copyOf(side, graph.nodeCount());
            }, progress);
            boolean improved = false;
            for (boolean[] side : cuts) {
                if (side == null) {
                    continue;
                }
                long b = 0;
                int k = 0;
                for (int a = 0; a < graph.arcCount(); a++) {
                    if (side[graph.arcFrom(a)] && !side[graph.arcTo(a)]) {
                        b = Math.addExact(b, capacity[a]);
                    }
                }
                for (int v : acc) {
                    if (side[v]) {
                        k++;
                    }
                }
                // b/k < bestB/bestK ?
                if (k > 0 && k < n && Math.multiplyExact(b, (long) bestK) < Math.multiplyExact(bestB, (long) k)) {
                    bestB = b;
                    bestK = k;
                    best = side;
                    improved = true;
                }
            }
            if (!improved) {
                return result(best, bestB, bestK);
            }
        }
    }

    /** Capacities q·b(e) and a source (index n) with an arc of p to every accelerator. */
    private FlowNetwork network(long q, long p) {
        int s = graph.nodeCount();
        FlowNetwork net = new FlowNetwork(s + 1, graph.arcCount() + graph.acceleratorCount());
        for (int a = 0; a < graph.arcCount(); a++) {
            net.addEdge(graph.arcFrom(a), graph.arcTo(a), Math.multiplyExact(capacity[a], q));
        }
        for (int v : graph.accelerators()) {
            net.addEdge(s, v, p);
        }
        return net;
    }

    private Bound result(boolean[] side, long b, int k) {
        int n = graph.acceleratorCount();
        Rational cutBandwidth = Rational.of(BigInteger.valueOf(b), scale);
        Rational algbw = cutBandwidth.multiply(Rational.of(n, k));
        List<String> cut = new ArrayList<>();
        for (int v = 0; v < graph.nodeCount(); v++) {
            if (side[v]) {
                cut.add(graph.id(v));
            }
        }
        return new Bound(algbw, cut, cutBandwidth, k);
    }
}
