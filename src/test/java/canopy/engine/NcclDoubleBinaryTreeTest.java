package canopy.engine;

import canopy.generate.TopologyGenerators;
import canopy.model.Collective;
import canopy.model.Node;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The double binary tree as NCCL builds it on clusters of boxes: chains inside, two trees across, per channel. */
class NcclDoubleBinaryTreeTest {
    @Test
    void chainsInsideBoxesAndOneEdgePerBoxAcrossOnEveryChannel() {
        for (int boxes : new int[] {2, 4, 32}) {
            Topology t = TopologyGenerators.dgxA100(boxes, 2, true);
            Schedule s = Schedulers.run(Schedulers.get("double-binary-tree"), t, Collective.ALLREDUCE,
                    CollectiveScheduler.Request.DEFAULT, Progress.NONE, null).schedule();
            assertTrue(ScheduleVerifier.verify(t, s, null).ok());
            Map<String, String> group = new HashMap<>();
            for (Node n : t.nodes()) {
                group.put(n.id(), n.group());
            }
            assertEquals(0, s.trees().size() % 4, "per channel: two trees, each a reduce and a broadcast");
            for (ScheduleTree tree : s.trees()) {
                assertEquals(Rational.of(2, s.trees().size()), tree.share(), "each channel carries an equal part, split over its two trees");
                int across = 0;
                Map<String, Integer> insideChildren = new HashMap<>();
                for (TreeEdge e : tree.edges()) {
                    String parent = tree.direction() == canopy.model.Direction.IN ? e.to() : e.from();
                    if (group.get(e.from()).equals(group.get(e.to()))) {
                        assertEquals(1, insideChildren.merge(parent, 1, Integer::sum), "a chain inside the box");
                    } else {
                        across++;
                    }
                }
                assertEquals(boxes - 1, across, "the tree over boxes");
            }
            Rational ratio = s.ratioToBound();
            assertTrue(boxes != 32 || ratio.compareTo(Rational.of(96, 100)) >= 0, boxes + " boxes: " + ratio);
        }
    }
}
