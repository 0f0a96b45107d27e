package canopy.engine;

import canopy.model.Rational;

import java.math.BigInteger;
import java.util.List;

/**
 * ForestColl's fixed-k variant (algorithm.md §2): with exactly k trees per root, find the smallest
 * scale U such that the arc capacities ⌊U·b(e)⌋ — with every switch then balanced by trimming its
 * larger side — still give every accelerator a flow of N·k from a source feeding each accelerator k.
 * Each tree then carries M/(N·k) and the schedule's algbw is about N·k/U (exactly what its loads
 * give). U is searched over the breakpoints j/b(e) where some capacity changes.
 */
final class FixedTreeCount {
    private final NetworkGraph graph;
    /** Scaled integer bandwidths, arbitrarily large. */
    private final BigInteger[] bandwidth;
    private final long k;
    private final Progress progress;
    private final ParallelFlows flows = new ParallelFlows();
    private long flowQueries;

    FixedTreeCount(NetworkGraph graph, long k, Progress progress) {
        this.graph = graph;
        this.bandwidth = graph.scaledBandwidths();
        this.k = k;
        this.progress = progress;
    }

    long flowQueries() {
        return flowQueries;
    }

    /** Capacities (per arc of the graph) at the smallest feasible U; x is the bound in scaled units. */
    long[] capacities(Rational x) {
        Rational lo = Rational.of(k).divide(x);
        Rational hi = lo;
        while (!feasible(balanced(hi))) {
            hi = hi.multiply(Rational.of(2));
        }
        hi = snapDown(hi);
        while (lo.compareTo(hi) < 0) {
            progress.checkCancelled();
            progress.report("searching the tree scale", -1);
            Rational mid = lo.add(hi).divide(2);
            if (feasible(balanced(mid))) {
                hi = snapDown(mid);
            } else {
                lo = snapUp(mid);
            }
        }
        return balanced(hi);
    }

    /** The smallest U with the same floors as u. */
    private Rational snapDown(Rational u) {
        Rational best = Rational.ZERO;
        for (BigInteger b : bandwidth) {
            Rational r = Rational.of(u.multiply(Rational.of(b)).floor()).divide(Rational.of(b));
            best = best.max(r);
        }
        return best;
    }

    /** The next U above u at which some floor grows. */
    private Rational snapUp(Rational u) {
        Rational best = null;
        for (BigInteger b : bandwidth) {
            Rational r = Rational.of(u.multiply(Rational.of(b)).floor().add(BigInteger.ONE)).divide(Rational.of(b));
            best = best == null ? r : best.min(r);
        }
        return best;
    }

    /**
     * ⌊U·b(e)⌋ per arc, then each switch trimmed to min(in, out) on both sides, taking units from its
     * largest arcs first, repeated until every switch balances (trimming a switch-to-switch arc
     * changes the other switch too; each round only lowers capacities, so it ends).
     */
    long[] balanced(Rational u) {
        BigInteger[] floors = new BigInteger[bandwidth.length];
        for (int a = 0; a < floors.length; a++) {
            floors[a] = u.multiply(Rational.of(bandwidth[a])).floor();
        }
        // Refused (ScheduleTooLargeException) when the floors do not fit the construction's longs.
        long[] c = ForestMagnitudes.check(graph, BigInteger.valueOf(k), floors, true);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int w = 0; w < graph.nodeCount(); w++) {
                if (graph.isAccelerator(w)) {
                    continue;
                }
                long in = 0;
                long out = 0;
                for (int a : graph.inArcs(w)) {
                    in += c[a];
                }
                for (int a : graph.outArcs(w)) {
                    out += c[a];
                }
                if (in != out) {
                    trim(c, in > out ? graph.inArcs(w) : graph.outArcs(w), Math.abs(in - out));
                    changed = true;
                }
            }
        }
        return c;
    }

    private static void trim(long[] c, int[] arcs, long excess) {
        while (excess > 0) {
            int largest = arcs[0];
            for (int a : arcs) {
                if (c[a] > c[largest]) {
                    largest = a;
                }
            }
            long take = Math.min(excess, Math.max(1, c[largest] - secondLargest(c, arcs, largest)));
            take = Math.min(take, c[largest]);
            c[largest] -= take;
            excess -= take;
        }
    }

    private static long secondLargest(long[] c, int[] arcs, int largest) {
        long s = 0;
        for (int a : arcs) {
            if (a != largest) {
                s = Math.max(s, c[a]);
            }
        }
        return s;
    }

    /** Every accelerator receives N·k from a source feeding each accelerator k. */
    boolean feasible(long[] capacity) {
        int s = graph.nodeCount();
        FlowNetwork net = new FlowNetwork(s + 1, graph.arcCount() + graph.acceleratorCount());
        for (int a = 0; a < graph.arcCount(); a++) {
            net.addEdge(graph.arcFrom(a), graph.arcTo(a), capacity[a]);
        }
        for (int v : graph.accelerators()) {
            net.addEdge(s, v, k);
        }
        long need = Math.multiplyExact(k, (long) graph.acceleratorCount());
        flowQueries += graph.acceleratorCount();
        List<Boolean> ok = flows.forEachSink(net, graph.accelerators(),
                (f, v) -> f.maxFlow(s, v, need) >= need, progress);
        return !ok.contains(Boolean.FALSE);
    }
}
