package canopy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.generate.TopologyClasses;
import canopy.generate.TopologyGenerators;
import canopy.model.Collective;
import canopy.model.Schedule;
import canopy.model.TreeEdge;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ForestScheduler.preferShallow: the forest stays exactly at the bound and every tree is a spanning
 * tree (SpanningCheck), and its deepest tree, in physical hops, is shallower than the plain
 * construction's on a cluster of boxes, where the plain one rings through every box.
 */
class ShallowForestTest {

    @Test
    void shallowForestOnBoxesIsAtTheBoundAndShallower() {
        Topology t = TopologyGenerators.dgxA100(8, 2, true);
        Schedule plain = new ForestScheduler(Progress.NONE).schedule(t, Collective.ALLGATHER);
        Schedule shallow = new ForestScheduler(Progress.NONE).preferShallow(true).schedule(t, Collective.ALLGATHER);
        assertEquals(shallow.bound(), shallow.algbw());
        SpanningCheck.assertValid(NetworkGraph.of(t), shallow);
        int before = deepest(plain.trees());
        int after = deepest(shallow.trees());
        assertTrue(after * 2 <= before, "deepest tree " + after + " hops, plain " + before);
    }

    @Test
    void shallowForestOnEveryClassIsAtTheBound() {
        for (Topology t : List.of(TopologyClasses.torus3d(4, 4, 2, canopy.model.Rational.of(25)),
                TopologyClasses.randomRegular(24, 3, 7, canopy.model.Rational.of(25)),
                TopologyClasses.fatTree3Tier(4, canopy.model.Rational.of(25), canopy.model.Rational.of(25)),
                TopologyGenerators.dgxH100(3, 8, true))) {
            for (Collective c : Collective.values()) {
                Schedule s = new ForestScheduler(Progress.NONE).preferShallow(true).schedule(t, c);
                assertEquals(s.bound(), s.algbw(), t.name() + " " + c);
                SpanningCheck.assertValid(NetworkGraph.of(t), s);
            }
        }
    }

    /** Physical hops on the longest root-to-leaf path of any out-tree. */
    private static int deepest(List<ScheduleTree> trees) {
        int worst = 0;
        for (ScheduleTree tree : trees) {
            Map<String, List<TreeEdge>> children = new HashMap<>();
            for (TreeEdge e : tree.edges()) {
                children.computeIfAbsent(e.from(), k -> new java.util.ArrayList<>()).add(e);
            }
            worst = Math.max(worst, depth(tree.root(), children));
        }
        return worst;
    }

    private static int depth(String node, Map<String, List<TreeEdge>> children) {
        int best = 0;
        for (TreeEdge e : children.getOrDefault(node, List.of())) {
            best = Math.max(best, e.path().size() - 1 + depth(e.to(), children));
        }
        return best;
    }
}
