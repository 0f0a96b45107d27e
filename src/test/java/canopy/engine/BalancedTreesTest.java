package canopy.engine;

import canopy.generate.TopologyGenerators;
import canopy.model.Collective;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The balanced trees: valid schedules of every collective, and on MI250 faster than the shortest-path trees. */
class BalancedTreesTest {
    private static final long MIB = 1L << 20;

    private static Schedule run(String name, Topology t, Collective c, long bytes) {
        return AutoSchedulerTest.run(name, t, c, bytes).schedule();
    }

    private static Rational time(Topology t, Schedule s, long bytes) {
        return AutoSchedulerTest.time(t, s, bytes);
    }

    /** One tree per root and stage, spanning every accelerator; paths through switches only (the verifier's rule). */
    @Test
    void everyCollectiveVerifiesOnEveryShape() {
        for (Topology t : List.of(TopologyGenerators.torus(3, 4, Rational.of(100)), TopologyGenerators.fatTree(),
                TopologyGenerators.dgxA100(2, 2, true), TopologyGenerators.mi250(2, 2, true),
                TopologyGenerators.mi250(2, 2, false), TopologyGenerators.ring(5, Rational.of(100), false))) {
            for (Collective c : Collective.values()) {
                Schedule s = run(BalancedTrees.NAME, t, c, MIB);
                ScheduleVerifier.VerificationResult v = ScheduleVerifier.verify(t, s, null);
                assertTrue(v.ok(), t.name() + " " + c + ": " + v.problems());
                int stages = c == Collective.ALLREDUCE ? 2 : 1;
                assertEquals(stages * t.acceleratorCount(), s.trees().size(), t.name() + " " + c);
                for (ScheduleTree tree : s.trees()) {
                    assertEquals(t.acceleratorCount() - 1, tree.edges().size());
                }
            }
        }
    }

    /**
     * On 4x MI250 the shortest-path trees enter every box at every GCD of the root's rail, so every NIC
     * carries a copy from every GCD of its rail; the balanced trees enter a box at a few and fan out over
     * Infinity Fabric: at 1 MiB at least 1.5 times as fast (3.00x and 3.50x the floor against 1.65x and 1.96x).
     */
    @Test
    void onMi250TheyBeatTheShortestPathTreesByHalfAgain() {
        for (boolean nicNodes : new boolean[] {true, false}) {
            Topology t = TopologyGenerators.mi250(4, 2, nicNodes);
            Schedule balanced = run(BalancedTrees.NAME, t, Collective.ALLGATHER, MIB);
            Schedule shortest = run(ShortestPathTrees.NAME, t, Collective.ALLGATHER, MIB);
            assertTrue(time(t, balanced, MIB).multiply(Rational.of(3, 2)).compareTo(time(t, shortest, MIB)) <= 0,
                    t.name() + ": " + time(t, balanced, MIB).toDouble() + " s against " + time(t, shortest, MIB).toDouble());
        }
    }

    @Test
    void theReversedGraphIsTheSameOnlyWhenEveryLinkIsAlikeBothWays() {
        assertTrue(BalancedTrees.symmetric(NetworkGraph.of(TopologyGenerators.mi250(2, 2, true))));
        assertFalse(BalancedTrees.symmetric(NetworkGraph.of(TopologyGenerators.ring(5, Rational.of(100), false))));
    }
}
