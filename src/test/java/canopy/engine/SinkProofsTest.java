package canopy.engine;

import canopy.generate.TopologyClasses;
import canopy.generate.TopologyGenerators;
import canopy.model.Rational;
import canopy.model.Topology;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SinkProofsTest {

    /**
     * Soundness, the property the bound's exactness rests on: every accelerator SinkProofs proves
     * receives N·p by its own max-flow, for candidates at, just below and just above the bound.
     */
    @Test
    void everyProvenSinkPassesItsOwnFlow() {
        Random rnd = new Random(20261206);
        int proven = 0;
        for (int i = 0; i < 200; i++) {
            Topology t = RandomTopologies.random(rnd, 8, 4);
            NetworkGraph g = NetworkGraph.of(t);
            for (NetworkGraph dir : List.of(g, g.reversed())) {
                Rational x = CutBound.scaledRatio(CutBound.compute(dir), dir);
                for (Rational candidate : List.of(x, x.multiply(Rational.of(99, 100)), x.multiply(Rational.of(101, 100)))) {
                    proven += checkProofs(dir, candidate, "graph " + i + ": " + t.links());
                }
            }
        }
        assertTrue(proven > 1000, "the proofs should cover many sinks, covered " + proven);
    }

    /** Runs the proofs for x and checks each proven accelerator's flow; how many it proved. */
    private static int checkProofs(NetworkGraph g, Rational x, String where) {
        long p = x.numerator().longValueExact();
        long q = x.denominator().longValueExact();
        int[] acc = g.accelerators();
        long need = p * acc.length;
        long[] cap = g.scaledCapacities(BigInteger.ONE);
        int s = g.nodeCount();
        FlowNetwork net = new FlowNetwork(s + 1);
        for (int a = 0; a < g.arcCount(); a++) {
            net.addEdge(g.arcFrom(a), g.arcTo(a), cap[a] * q);
        }
        for (int v : acc) {
            net.addEdge(s, v, p);
        }
        if (net.maxFlow(s, acc[0], need) < need) {
            return 0; // the proofs stand on the hub's flow
        }
        boolean[] ok = new SinkProofs(g, cap).proven(acc[0], CutBound.chainThreshold(p, q, acc.length), Progress.NONE);
        int count = 0;
        for (int v : acc) {
            if (ok[v]) {
                count++;
                assertEquals(need, net.maxFlow(s, v, need), where + ": x = " + x + ", sink " + g.id(v));
            }
        }
        return count;
    }

    /**
     * Soundness as the tree packer uses the proofs: seeded with a source s and one sink whose own
     * flow reaches the threshold, every node proven receives the threshold from s by its own
     * max-flow; thresholds at, below and above the least sink's flow, on random capacitated digraphs.
     */
    @Test
    void seededProofsAreSoundOnRandomDigraphs() {
        Random rnd = new Random(7);
        int proven = 0;
        for (int i = 0; i < 300; i++) {
            int n = 3 + rnd.nextInt(8);
            int s = n;
            List<int[]> arcs = new java.util.ArrayList<>();
            for (int u = 0; u < n; u++) {
                for (int v = 0; v < n; v++) {
                    if (u != v && rnd.nextInt(3) == 0) {
                        arcs.add(new int[] {u, v, 1 + rnd.nextInt(6)});
                    }
                }
                if (rnd.nextBoolean()) {
                    arcs.add(new int[] {s, u, 1 + rnd.nextInt(6)});
                }
            }
            int[] from = new int[arcs.size()];
            int[] to = new int[arcs.size()];
            long[] cap = new long[arcs.size()];
            FlowNetwork net = new FlowNetwork(n + 1);
            for (int a = 0; a < arcs.size(); a++) {
                from[a] = arcs.get(a)[0];
                to[a] = arcs.get(a)[1];
                cap[a] = arcs.get(a)[2];
                net.addEdge(from[a], to[a], cap[a]);
            }
            long least = Long.MAX_VALUE;
            for (int v = 0; v < n; v++) {
                least = Math.min(least, net.maxFlow(s, v, Long.MAX_VALUE / 8));
            }
            for (long threshold : new long[] {least, Math.max(1, least - 1), least + 1}) {
                int hub = rnd.nextInt(n);
                if (net.maxFlow(s, hub, threshold) < threshold) {
                    continue;
                }
                boolean[] seeds = new boolean[n + 1];
                seeds[s] = true;
                seeds[hub] = true;
                boolean[] ok = new SinkProofs(n + 1, from, to, cap, SinkProofs.BOUND_BUDGET)
                        .proven(seeds, threshold, Progress.NONE);
                for (int v = 0; v < n; v++) {
                    if (ok[v] && v != hub) {
                        proven++;
                        assertEquals(threshold, net.maxFlow(s, v, threshold), "graph " + i + ", sink " + v
                                + ", threshold " + threshold);
                    }
                }
            }
        }
        assertTrue(proven > 300, "the proofs should cover many sinks, covered " + proven);
    }

    /**
     * Where the bound is "all accelerators but one" the last check needs only the hub's max-flow
     * (before: N of them, one per accelerator), in both directions.
     */
    @Test
    void checksOfUniformShapesNeedOneMaxFlow() {
        Rational bw = Rational.of(100);
        Rational r25 = Rational.of(25);
        for (Topology t : List.of(TopologyGenerators.ring(64, bw, true), TopologyClasses.torus3d(4, 4, 4, bw),
                TopologyClasses.randomRegular(64, 4, 1, bw), TopologyClasses.fatTree3Tier(4, r25, r25),
                TopologyClasses.dragonfly(9, 4, 2, 2, r25, r25, r25))) {
            NetworkGraph g = NetworkGraph.of(t);
            for (NetworkGraph dir : List.of(g, g.reversed())) {
                assertEquals(1, CutBound.flowsOf(dir), t.name());
            }
        }
    }
}
