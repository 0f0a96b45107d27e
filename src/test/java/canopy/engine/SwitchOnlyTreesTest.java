package canopy.engine;

import canopy.generate.TopologyGenerators;
import canopy.model.Collective;
import canopy.model.Direction;
import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11: baselines' trees cross only switches between an edge's ends, as formats.md says. */
class SwitchOnlyTreesTest {
    private final Topology ring4 = TopologyGenerators.ring(4, Rational.of(100), true);
    private final NetworkGraph g = NetworkGraph.of(ring4);

    private static TreeEdge via(String... path) {
        return new TreeEdge(path[0], path[path.length - 1], List.of(path));
    }

    @Test
    void aRelayThroughADescendantBecomesItsParentWithoutACycle() {
        // r0 -> r2 is forwarded by r1, which the tree also hangs below r2: cutting at r1 must not make
        // r1 and r2 each other's parent
        ScheduleTree t = new ScheduleTree("r0", Phase.ALLGATHER, 0, Direction.OUT, Rational.ONE,
                List.of(via("r0", "r1", "r2"), via("r2", "r1"), via("r0", "r3")));
        ScheduleTree cut = SwitchOnlyTrees.of(g, t);
        assertEquals(List.of(via("r0", "r1"), via("r1", "r2"), via("r0", "r3")), cut.edges());
    }

    @Test
    void inTreesAreCutTheSameWayReversed() {
        ScheduleTree t = new ScheduleTree("r0", Phase.REDUCE_SCATTER, 0, Direction.IN, Rational.ONE,
                List.of(via("r2", "r1", "r0"), via("r1", "r2"), via("r3", "r0")));
        assertEquals(List.of(via("r1", "r0"), via("r2", "r1"), via("r3", "r0")), SwitchOnlyTrees.of(g, t).edges());
        ScheduleTree plain = new ScheduleTree("r0", Phase.REDUCE_SCATTER, 0, Direction.IN, Rational.ONE,
                List.of(via("r1", "r0"), via("r2", "r1"), via("r3", "r0")));
        assertSame(plain, SwitchOnlyTrees.of(g, plain));
    }

    @Test
    void baselinesOnDirectConnectTopologiesCrossNoAccelerator() {
        for (Topology t : List.of(TopologyGenerators.torus(4, 4, Rational.of(100)), TopologyGenerators.mesh(4, 4,
                Rational.of(100)), canopy.generate.TopologyClasses.randomRegular(20, 3, 7, Rational.of(100)),
                TopologyGenerators.dgxH100(2))) {
            NetworkGraph tg = NetworkGraph.of(t);
            for (Schedule s : List.of(RingScheduler.schedule(t, Collective.ALLREDUCE), DoubleBinaryTreeScheduler.schedule(t))) {
                for (ScheduleTree tree : s.trees()) {
                    for (TreeEdge e : tree.edges()) {
                        for (String x : e.path().subList(1, e.path().size() - 1)) {
                            assertTrue(!tg.isAccelerator(tg.indexOf(x)), t.name() + " " + s.algorithm() + ": " + e);
                        }
                    }
                }
                assertTrue(ScheduleVerifier.verify(t, s).ok(), t.name() + " " + s.algorithm());
            }
        }
    }
}
