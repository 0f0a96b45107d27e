package canopy.engine;

import canopy.model.Rational;
import canopy.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CutBoundTest {

    @Test
    void boundEqualsBruteForceOnRandomGraphs() {
        Random rnd = new Random(20261124);
        for (int i = 0; i < 300; i++) {
            Topology t = RandomTopologies.random(rnd, 6, 4);
            NetworkGraph g = NetworkGraph.of(t);
            for (NetworkGraph dir : List.of(g, g.reversed())) {
                Bound b = CutBound.compute(dir);
                Rational brute = RandomTopologies.bruteForceBound(dir);
                assertEquals(brute, b.algbw(), "graph " + i + ": " + t.links());
                // The reported cut attains the bound.
                Set<String> cut = new HashSet<>(b.cut());
                Rational out = Rational.ZERO;
                for (int a = 0; a < dir.arcCount(); a++) {
                    if (cut.contains(dir.id(dir.arcFrom(a))) && !cut.contains(dir.id(dir.arcTo(a)))) {
                        out = out.add(dir.bandwidth(a));
                    }
                }
                assertEquals(b.cutBandwidth(), out);
                assertEquals(b.algbw(), out.multiply(dir.acceleratorCount()).divide(b.cutAccelerators()));
            }
        }
    }
}
