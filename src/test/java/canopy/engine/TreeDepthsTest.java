package canopy.engine;

import canopy.model.Collective;
import canopy.model.Link;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TreeDepthsTest {

    /**
     * The time model's scaled-long depths equal its fractions' on every tree of forest, ring and
     * double-binary-tree schedules of random topologies with latencies of up to 12 decimals, absent
     * ones taking the default.
     */
    @Test
    void scaledDepthsEqualTheFractions() {
        Random rnd = new Random(1206);
        int trees = 0;
        for (int i = 0; i < 60; i++) {
            Topology t = RandomTopologies.withLatencies(RandomTopologies.random(rnd, 9, 3), rnd,
                    null, 0.5, 1.0, 2.5, 7.0, 0.123456789012, 1e-6, 1234.5);
            NetworkGraph g = NetworkGraph.of(t);
            double defaultUs = rnd.nextBoolean() ? 1.0 : 0.35;
            LatencyScale scale = LatencyScale.exactly(g, defaultUs);
            TreeDepths fast = new TreeDepths(g, scale);
            Rational[] arcs = TimeModel.arcLatenciesUs(g, defaultUs);
            Rational fallback = Rational.of(BigDecimal.valueOf(defaultUs));
            for (CollectiveScheduler scheduler : List.of(new OptimalForest(), new RingScheduler(),
                    new DoubleBinaryTreeScheduler())) {
                Schedule s = scheduler.build(t, Collective.ALLREDUCE, CollectiveScheduler.Request.DEFAULT,
                        Progress.NONE).schedule();
                for (ScheduleTree tree : s.trees()) {
                    long[] d = fast.of(tree);
                    Rational[] slow = TimeModel.depth(g, tree, arcs, fallback);
                    assertEquals(slow[0], scale.micros(d[0]), "graph " + i + ", tree of " + tree.root());
                    assertEquals(slow[1], Rational.of(d[1]), "graph " + i + ", tree of " + tree.root());
                    trees++;
                }
            }
        }
        assertTrue(trees > 1000, trees + " trees compared");
    }

    /** Latencies the scaled longs cannot hold exactly leave the model to its fractions. */
    @Test
    void latenciesBeyondTwelveDecimalsAreNotScaled() {
        Topology t = RandomTopologies.random(new Random(3), 5, 1);
        List<Link> links = new ArrayList<>();
        for (Link l : t.links()) {
            links.add(l.withLatency(0.1234567890123));
        }
        NetworkGraph g = NetworkGraph.of(new Topology(t.name(), t.units(), t.nodes(), links));
        assertNull(LatencyScale.exactly(g, 1.0));
    }
}
