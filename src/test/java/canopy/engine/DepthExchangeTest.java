package canopy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.model.Collective;
import canopy.model.Direction;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * DepthExchange swaps parent edges between trees of one stage, phase and share: every link's load stays
 * exactly what it was, every tree still spans, no stage gets deeper, and on a constructed pair of trees
 * the deep one gets shallower (also when its partner carries a larger share and is split first).
 */
class DepthExchangeTest {

    @Test
    void randomForestsKeepEveryLoadSpanAndNeverDeepen() {
        Random rnd = new Random(15);
        long exchanges = 0;
        for (int i = 0; i < 40; i++) {
            Topology t = RandomTopologies.withLatencies(RandomTopologies.random(rnd, 9, 3), rnd, null, 0.5, 1.0, 2.5, 7.0);
            NetworkGraph g = NetworkGraph.of(t);
            for (Collective c : Collective.values()) {
                Schedule plain = new ForestScheduler(Progress.NONE).schedule(t, c);
                DepthExchange.Result r = DepthExchange.run(g, plain.trees(), Progress.NONE);
                Schedule lowered = new Schedule(c, plain.algorithm(), plain.topologyName(), plain.accelerators(),
                        plain.algbw(), plain.bound(), plain.bottleneckCut(), r.trees());
                assertSameLoads(g, plain.trees(), lowered.trees());
                SpanningCheck.assertValid(g, lowered);
                Map<Integer, Rational> before = stageLatencies(g, plain);
                Map<Integer, Rational> after = stageLatencies(g, lowered);
                for (int stage : before.keySet()) {
                    assertTrue(after.get(stage).compareTo(before.get(stage)) <= 0,
                            t.links() + " " + c + " stage " + stage + ": " + before + " -> " + after);
                }
                exchanges += r.stats().exchanges();
            }
        }
        assertTrue(exchanges > 0, "no exchange made on any random forest");
    }

    /** On a real forest (the plain construction on a 4x4x2 torus, allreduce) both stages get strictly shallower. */
    @Test
    void plainForestOnATorusGetsShallower() {
        Topology t = canopy.generate.TopologyClasses.torus3d(4, 4, 2, Rational.of(25));
        NetworkGraph g = NetworkGraph.of(t);
        Schedule plain = new ForestScheduler(Progress.NONE).schedule(t, Collective.ALLREDUCE);
        DepthExchange.Result r = DepthExchange.run(g, plain.trees(), Progress.NONE);
        assertSameLoads(g, plain.trees(), r.trees());
        Map<Integer, Rational> before = stageLatencies(g, plain);
        Map<Integer, Rational> after = stageLatencies(g, new Schedule(Collective.ALLREDUCE, "forest", t.name(),
                plain.accelerators(), plain.algbw(), plain.bound(), plain.bottleneckCut(), r.trees()));
        for (int stage : before.keySet()) {
            assertTrue(after.get(stage).compareTo(before.get(stage)) < 0, before + " -> " + after);
        }
    }

    /**
     * On a ring g0-g1-g2-g3-g0, the tree of g0 is the path g0 g1 g2 g3 (3 µs deep) and the tree of g1
     * reaches g3 over g0 (2 µs deep). Swapping their edges into g3 gives g0's tree g0->g3: 2 µs; g1's
     * tree then reaches g3 over g2, still 2 µs, and every link carries what it did.
     */
    @Test
    void constructedPathTreeGetsShallower() {
        for (Direction d : Direction.values()) {
            NetworkGraph g = NetworkGraph.of(ring4());
            ScheduleTree deep = tree("g0", d, Rational.ONE, "g0", "g1", "g1", "g2", "g2", "g3");
            ScheduleTree partner = tree("g1", d, Rational.ONE, "g1", "g2", "g1", "g0", "g0", "g3");
            List<ScheduleTree> before = List.of(deep, partner);
            DepthExchange.Result r = DepthExchange.run(g, before, Progress.NONE);
            assertSameLoads(g, before, r.trees());
            assertEquals(1, r.stats().exchanges());
            assertEquals(List.of(Rational.of(2), Rational.of(2)), depths(g, r.trees()), d.toString());
            assertEquals(List.of(Rational.of(3), Rational.of(2)), depths(g, before));
        }
    }

    /** The deep tree carries half the share of its only partner: the partner is split, then swapped with. */
    @Test
    void partnerOfLargerShareIsSplitFirst() {
        NetworkGraph g = NetworkGraph.of(ring4());
        Rational half = Rational.of(1, 2);
        ScheduleTree deep = tree("g0", Direction.OUT, half, "g0", "g1", "g1", "g2", "g2", "g3");
        ScheduleTree rest = tree("g0", Direction.OUT, half, "g0", "g1", "g0", "g3", "g3", "g2");
        ScheduleTree partner = tree("g1", Direction.OUT, Rational.ONE, "g1", "g2", "g1", "g0", "g0", "g3");
        List<ScheduleTree> before = List.of(deep, rest, partner);
        DepthExchange.Result r = DepthExchange.run(g, before, Progress.NONE);
        assertSameLoads(g, before, r.trees());
        assertEquals(1, r.stats().splits());
        assertEquals(4, r.trees().size());
        assertEquals(List.of(half, half, half, half), r.trees().stream().map(ScheduleTree::share).toList());
        assertTrue(depths(g, r.trees()).stream().allMatch(x -> x.compareTo(Rational.of(3)) < 0),
                depths(g, r.trees()).toString());
    }

    private static Topology ring4() {
        List<Node> nodes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(new Node("g" + i, NodeKind.ACCELERATOR, null, null, null, null));
            links.add(Link.duplex("g" + i, "g" + (i + 1) % 4, Rational.of(100)));
        }
        return new Topology("ring of 4", "GB/s", nodes, links);
    }

    /** A tree given by its edges as parent, child pairs (for an in-tree they are reversed). */
    private static ScheduleTree tree(String root, Direction d, Rational share, String... pairs) {
        List<TreeEdge> edges = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            edges.add(d == Direction.OUT ? TreeEdge.direct(pairs[i], pairs[i + 1])
                    : TreeEdge.direct(pairs[i + 1], pairs[i]));
        }
        Phase phase = d == Direction.OUT ? Phase.ALLGATHER : Phase.REDUCE_SCATTER;
        return new ScheduleTree(root, phase, 0, d, share, edges);
    }

    private static void assertSameLoads(NetworkGraph g, List<ScheduleTree> before, List<ScheduleTree> after) {
        Map<Integer, Rational[]> a = new LinkLoads(g, before).loadByStage();
        Map<Integer, Rational[]> b = new LinkLoads(g, after).loadByStage();
        assertEquals(a.keySet(), b.keySet());
        for (int stage : a.keySet()) {
            assertTrue(Arrays.equals(a.get(stage), b.get(stage)), "loads of stage " + stage + " changed");
        }
    }

    private static Map<Integer, Rational> stageLatencies(NetworkGraph g, Schedule s) {
        return TimeModel.of(g, s, Rational.ZERO, ScheduleAnalyzer.DEFAULT_LATENCY_US).stageLatencyUs();
    }

    private static List<Rational> depths(NetworkGraph g, List<ScheduleTree> trees) {
        Schedule s = new Schedule(Collective.ALLGATHER, "test", "ring of 4", 4, Rational.ONE, null, List.of(), trees);
        return TimeModel.of(g, s, Rational.ZERO, ScheduleAnalyzer.DEFAULT_LATENCY_US).treeLatencyUs();
    }
}
