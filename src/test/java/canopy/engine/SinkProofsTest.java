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
