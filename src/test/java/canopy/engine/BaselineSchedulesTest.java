package canopy.engine;

import canopy.generate.TopologyGenerators;
import canopy.model.Collective;
import canopy.model.Direction;
import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ring and double binary tree schedules: valid everywhere, exact where the value is known. */
class BaselineSchedulesTest {
    static final Rational R100 = Rational.of(100);

    static List<Topology> generated() {
        return List.of(TopologyGenerators.dgxA100(2), TopologyGenerators.dgxH100(1), TopologyGenerators.dgxH100(2),
                TopologyGenerators.mi250(1), TopologyGenerators.mi250(2), TopologyGenerators.fatTree(),
                TopologyGenerators.torus(4, 4, R100), TopologyGenerators.torus(3, 3, R100),
                TopologyGenerators.ring(5, R100, false), TopologyGenerators.ring(2, R100, false),
                TopologyGenerators.mesh(3, 3, R100), TopologyGenerators.mesh(1, 2, R100),
                canopy.generate.TopologyClasses.randomRegular(20, 3, 7, R100));
    }

    static void assertValid(Topology t, Schedule s) {
        ScheduleVerifier.VerificationResult r = ScheduleVerifier.verify(t, s, null);
        assertTrue(r.ok(), t.name() + " " + s.algorithm() + " " + s.collective() + ": " + r.problems());
        assertEquals(s.algbw(), r.recomputedAlgbw());
        assertTrue(s.algbw().signum() > 0);
        assertNull(s.bound());
        assertEquals(List.of(), s.bottleneckCut());
        assertEquals(t.acceleratorCount(), s.accelerators());
        assertEquals(t.name(), s.topologyName());
    }

    @Test
    void sharedTopologiesGetValidSchedulesNoBetterThanTheBound() throws Exception {
        List<Path> files = TestJson.sharedTopologies();
        Assumptions.assumeFalse(files.isEmpty(), "../shared/topologies is missing");
        JsonNode expected = TestJson.expected();
        for (Path p : files) {
            Topology t = TestJson.readTopology(p);
            JsonNode bounds = expected.get(TestJson.stem(p));
            for (Collective c : Collective.values()) {
                Schedule s = RingScheduler.schedule(t, c);
                assertEquals("ring", s.algorithm());
                assertEquals(c, s.collective());
                assertValid(t, s);
                if (bounds != null) {
                    Rational bound = Rational.parse(bounds.get(c.jsonName()).asText());
                    assertTrue(s.algbw().compareTo(bound) <= 0, p + " " + c + " beats the bound");
                }
            }
            Schedule d = DoubleBinaryTreeScheduler.schedule(t);
            assertEquals("double-binary-tree", d.algorithm());
            assertValid(t, d);
            if (bounds != null) {
                assertTrue(d.algbw().compareTo(Rational.parse(bounds.get("allreduce").asText())) <= 0);
            }
        }
    }

    @Test
    void generatedTopologiesGetValidSchedules() {
        for (Topology t : generated()) {
            for (Collective c : Collective.values()) {
                assertValid(t, RingScheduler.schedule(t, c));
            }
            assertValid(t, DoubleBinaryTreeScheduler.schedule(t));
        }
    }

    @Test
    void uniformOneWayRing() {
        Topology t = TopologyGenerators.ring(4, R100, false);
        assertEquals(Rational.of(400, 3), RingScheduler.schedule(t, Collective.ALLGATHER).algbw());
        assertEquals(Rational.of(400, 3), RingScheduler.schedule(t, Collective.REDUCE_SCATTER).algbw());
        assertEquals(Rational.of(200, 3), RingScheduler.schedule(t, Collective.ALLREDUCE).algbw());
        // one tree per root, a path along the ring
        Schedule s = RingScheduler.schedule(t, Collective.ALLGATHER);
        assertEquals(4, s.trees().size());
        for (ScheduleTree tree : s.trees()) {
            assertEquals(Rational.ONE, tree.share());
            assertEquals(3, tree.edges().size());
            assertEquals(tree.root(), tree.edges().get(0).from());
        }
    }

    @Test
    void bidirectionalRingSplitsEachShareInHalves() {
        Topology t = TopologyGenerators.ring(4, R100, true);
        Schedule s = RingScheduler.schedule(t, Collective.ALLGATHER);
        assertEquals(Rational.of(800, 3), s.algbw());
        assertEquals(8, s.trees().size());
        s.trees().forEach(tree -> assertEquals(Rational.of(1, 2), tree.share()));
    }

    @Test
    void ringReachesTheOptimumWhereARingIsOptimal() throws Exception {
        Topology triangle = TopologyGenerators.ring(3, R100, true);
        assertEquals(Rational.of(300), RingScheduler.schedule(triangle, Collective.ALLGATHER).algbw());
        // fast clockwise (40), slow counter-clockwise (10): the balanced split 4/5 : 1/5 gives 125/2
        Path oneWay = TestJson.TOPOLOGIES.resolve("one-way-ring.json");
        Assumptions.assumeTrue(oneWay.toFile().isFile());
        Topology t = TestJson.readTopology(oneWay);
        Schedule s = RingScheduler.schedule(t, Collective.ALLGATHER);
        assertEquals(Rational.of(125, 2), s.algbw());
        Set<Rational> shares = new HashSet<>();
        s.trees().forEach(tree -> shares.add(tree.share()));
        assertEquals(Set.of(Rational.of(4, 5), Rational.of(1, 5)), shares);
        assertEquals(Rational.of(125, 4), RingScheduler.schedule(t, Collective.ALLREDUCE).algbw());
    }

    @Test
    void allreduceRingIsReduceScatterThenAllgather() {
        Topology t = TopologyGenerators.dgxA100(2);
        Schedule s = RingScheduler.schedule(t, Collective.ALLREDUCE);
        for (ScheduleTree tree : s.trees()) {
            if (tree.phase() == Phase.REDUCE_SCATTER) {
                assertEquals(0, tree.stage());
                assertEquals(Direction.IN, tree.direction());
                assertEquals(tree.root(), tree.edges().get(tree.edges().size() - 1).to());
            } else {
                assertEquals(Phase.ALLGATHER, tree.phase());
                assertEquals(1, tree.stage());
                assertEquals(Direction.OUT, tree.direction());
            }
        }
        Rational ag = RingScheduler.schedule(t, Collective.ALLGATHER).algbw();
        Rational rs = RingScheduler.schedule(t, Collective.REDUCE_SCATTER).algbw();
        assertEquals(ag.reciprocal().add(rs.reciprocal()).reciprocal(), s.algbw());
    }

    @Test
    void dgxRingsUseEveryNicLikeNcclChannels() {
        // One ring would cross between the boxes over one NIC pair: NIC arc load (15/16)/2 on 25 GB/s
        // gives 160/3. Eight channels, entering and leaving the boxes through different GPUs on one
        // rail, one per NIC each way: load (15/16)/8, 640/3.
        Topology t = TopologyGenerators.dgxA100(2);
        Schedule s = RingScheduler.schedule(t, Collective.ALLGATHER);
        assertEquals(Rational.of(640, 3), s.algbw());
        assertTrue(s.algbw().compareTo(Rational.of(160, 3)) > 0);
        java.util.Set<String> nicArcs = new HashSet<>();
        for (ScheduleTree tree : s.trees()) {
            for (canopy.model.TreeEdge e : tree.edges()) {
                for (int i = 0; i + 1 < e.path().size(); i++) {
                    if (e.path().get(i + 1).startsWith("rail")) {
                        nicArcs.add(e.path().get(i) + "->" + e.path().get(i + 1));
                    }
                }
            }
        }
        assertEquals(16, nicArcs.size(), "every GPU's NIC sends: " + nicArcs);
        assertTrue(ScheduleVerifier.verify(t, s).ok());
        List<String> order = RingScheduler.ringOrder(t);
        assertEquals(16, new HashSet<>(order).size());
        int crossings = 0;
        for (int i = 0; i < order.size(); i++) {
            String a = order.get(i);
            String b = order.get((i + 1) % order.size());
            if (a.charAt(1) != b.charAt(1)) {
                crossings++;
            }
        }
        assertEquals(2, crossings);
    }

    @Test
    void largeDgxA100RingIsQuick() {
        Topology t = TopologyGenerators.dgxA100(32);
        long start = System.nanoTime();
        Schedule s = RingScheduler.schedule(t, Collective.ALLGATHER);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(256, s.accelerators());
        assertTrue(ScheduleVerifier.verify(t, s, null).ok());
        assertTrue(ms < 30_000, "took " + ms + " ms");
    }

    @Test
    void btreesAreTreesAndComplementary() {
        for (int n = 2; n <= 130; n++) {
            for (int tree = 1; tree <= 2; tree++) {
                int[] parent = DoubleBinaryTreeScheduler.treeParents(n, tree);
                int roots = 0;
                int[] children = new int[n];
                for (int r = 0; r < n; r++) {
                    if (parent[r] < 0) {
                        roots++;
                        continue;
                    }
                    children[parent[r]]++;
                    int x = r;
                    int steps = 0;
                    while (parent[x] >= 0 && steps++ <= n) {
                        x = parent[x];
                    }
                    assertTrue(steps <= n, "cycle at n=" + n);
                }
                assertEquals(1, roots);
                for (int c : children) {
                    assertTrue(c <= 2, "binary");
                }
            }
            if (n % 2 == 0) {
                int[] p1 = DoubleBinaryTreeScheduler.treeParents(n, 1);
                int[] p2 = DoubleBinaryTreeScheduler.treeParents(n, 2);
                boolean[] interior1 = new boolean[n];
                boolean[] interior2 = new boolean[n];
                for (int r = 0; r < n; r++) {
                    if (p1[r] >= 0) {
                        interior1[p1[r]] = true;
                    }
                    if (p2[r] >= 0) {
                        interior2[p2[r]] = true;
                    }
                }
                for (int r = 0; r < n; r++) {
                    assertTrue(interior1[r] != interior2[r], "rank " + r + " of " + n);
                }
            }
        }
    }

    @Test
    void doubleBinaryTreeShape() {
        Topology two = TopologyGenerators.ring(2, R100, true);
        Schedule s = DoubleBinaryTreeScheduler.schedule(two);
        assertEquals(Rational.of(100), s.algbw()); // the allreduce optimum of two GPUs joined at 100
        assertEquals(4, s.trees().size());
        List<Phase> phases = new ArrayList<>();
        for (ScheduleTree tree : s.trees()) {
            phases.add(tree.phase());
            assertEquals(0, tree.stage());
            assertEquals(Rational.of(1, 2), tree.share());
        }
        assertEquals(List.of(Phase.REDUCE, Phase.BROADCAST, Phase.REDUCE, Phase.BROADCAST), phases);
        assertTrue(!s.trees().get(0).root().equals(s.trees().get(2).root()));
    }
}
