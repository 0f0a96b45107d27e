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

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleVerifierTest {
    /** Two 4-GPU NVSwitch boxes with two rails: the ring routes every hop through a switch. */
    private final Topology dgx = TopologyGenerators.dgxBoxes("test box", 2, 4, 2, Rational.of(300), Rational.of(25));
    private final Schedule ring = RingScheduler.schedule(dgx, Collective.ALLGATHER);

    private static Schedule withTree(Schedule s, int i, UnaryOperator<ScheduleTree> change) {
        List<ScheduleTree> trees = new ArrayList<>(s.trees());
        trees.set(i, change.apply(trees.get(i)));
        return new Schedule(s.collective(), s.algorithm(), s.topologyName(), s.accelerators(), s.algbw(), s.bound(),
                s.bottleneckCut(), trees);
    }

    private void assertRejected(Schedule bad, String... fragments) {
        ScheduleVerifier.VerificationResult r = ScheduleVerifier.verify(dgx, bad, null);
        assertFalse(r.ok());
        String all = String.join("\n", r.problems());
        for (String f : fragments) {
            assertTrue(all.contains(f), "expected '" + f + "' in:\n" + all);
        }
        for (String p : r.problems()) {
            assertFalse(p.contains("\n"), "one line each");
        }
    }

    @Test
    void acceptsTheRingAndItsExactOptimum() {
        assertTrue(ScheduleVerifier.verify(dgx, ring, null).ok());
        Topology tri = TopologyGenerators.ring(3, Rational.of(100), true);
        Schedule s = RingScheduler.schedule(tri, Collective.ALLGATHER);
        assertTrue(ScheduleVerifier.verify(tri, s, Rational.of(300)).ok());
        ScheduleVerifier.VerificationResult r = ScheduleVerifier.verify(tri, s, Rational.of(301));
        assertFalse(r.ok());
        assertTrue(r.problems().get(0).contains("not the optimum 301"), r.problems().toString());
    }

    @Test
    void rejectsAChangedShare() {
        ScheduleTree t3 = ring.trees().get(3);
        Schedule bad = withTree(ring, 3, t -> new ScheduleTree(t.root(), t.phase(), t.stage(), t.direction(),
                t.share().multiply(Rational.of(2, 3)), t.edges()));
        Rational sum = Rational.ONE.subtract(t3.share().divide(3));
        assertRejected(bad, "allgather shares of " + t3.root() + " (trees ", "add up to " + sum + ", not 1");
        Schedule negative = withTree(ring, 2, t -> new ScheduleTree(t.root(), t.phase(), t.stage(), t.direction(),
                Rational.ZERO, t.edges()));
        assertRejected(negative, "tree 2 (root " + ring.trees().get(2).root() + "): share 0 is not positive");
    }

    @Test
    void rejectsARemovedEdge() {
        ScheduleTree t5 = ring.trees().get(5);
        Schedule bad = withTree(ring, 5, t -> new ScheduleTree(t.root(), t.phase(), t.stage(), t.direction(),
                t.share(), t.edges().subList(0, t.edges().size() - 1)));
        String lost = t5.edges().get(t5.edges().size() - 1).to();
        assertRejected(bad, "tree 5 (root " + t5.root() + ")", lost, "not joined to the root");
    }

    @Test
    void rejectsAPathOverAMissingLink() {
        // b0g0 and b0g1 have no direct link: only the NVSwitch joins them
        Schedule bad = withTree(ring, 0, t -> {
            List<TreeEdge> edges = new ArrayList<>(t.edges());
            TreeEdge e = edges.get(0);
            edges.set(0, TreeEdge.direct(e.from(), e.to()));
            return new ScheduleTree(t.root(), t.phase(), t.stage(), t.direction(), t.share(), edges);
        });
        TreeEdge e = ring.trees().get(0).edges().get(0);
        assertRejected(bad, "tree 0 (root " + ring.trees().get(0).root() + ")",
                "link " + e.from() + "->" + e.to() + ", which does not exist");
    }

    @Test
    void rejectsTheWrongDirection() {
        Schedule flagged = withTree(ring, 1, t -> new ScheduleTree(t.root(), t.phase(), t.stage(), Direction.IN,
                t.share(), t.edges()));
        assertRejected(flagged, "tree 1 (root " + ring.trees().get(1).root() + "): phase allgather with direction in");
        // an out-tree's edges turned round: every vertex but one has no path from the root
        Schedule turned = withTree(ring, 4, t -> {
            List<TreeEdge> edges = new ArrayList<>();
            for (TreeEdge e : t.edges()) {
                List<String> back = new ArrayList<>(e.path());
                java.util.Collections.reverse(back);
                edges.add(new TreeEdge(e.to(), e.from(), back));
            }
            return new ScheduleTree(t.root(), t.phase(), t.stage(), t.direction(), t.share(), edges);
        });
        assertRejected(turned, "tree 4 (root " + ring.trees().get(4).root() + ")", "has a parent");
    }

    @Test
    void rejectsAnAlteredAlgbw() {
        Schedule bad = new Schedule(ring.collective(), ring.algorithm(), ring.topologyName(), ring.accelerators(),
                ring.algbw().add(Rational.of(1, 1000)), null, List.of(), ring.trees());
        assertRejected(bad, "reported algbw", "!= recomputed " + ring.algbw());
    }

    @Test
    void rejectsAnUncoveredCollectiveAndMissingRoots() {
        Schedule rs = new Schedule(Collective.REDUCE_SCATTER, "ring", dgx.name(), 8, ring.algbw(), null, List.of(),
                ring.trees());
        assertRejected(rs, "reduce-scatter is not covered");
        String first = ring.trees().get(0).root();
        Schedule fewer = new Schedule(Collective.ALLGATHER, "ring", dgx.name(), 8, ring.algbw(), null, List.of(),
                ring.trees().stream().filter(t -> !t.root().equals(first)).toList());
        assertRejected(fewer, "allgather: no trees rooted at [" + ring.trees().get(0).root());
    }

    @Test
    void rejectsATreeMissingAVertexOrHoldingASwitch() {
        Schedule bad = withTree(ring, 0, t -> new ScheduleTree("nvs0", Phase.ALLGATHER, 0, Direction.OUT, t.share(),
                t.edges()));
        assertRejected(bad, "tree 0 (root nvs0): root nvs0 is not an accelerator");
    }

    @Test
    void recomputedAlgbwMatchesLinkLoads() {
        ScheduleVerifier.VerificationResult r = ScheduleVerifier.verify(dgx, ring);
        assertEquals(new LinkLoads(NetworkGraph.of(dgx), ring).algbw(), r.recomputedAlgbw());
        assertEquals(List.of(), r.problems());
    }

    @Test
    void rejectsGatherTreesStagedBeforeTheirReduction() {
        Schedule ar = RingScheduler.schedule(dgx, Collective.ALLREDUCE);
        assertTrue(ScheduleVerifier.verify(dgx, ar, null).ok());
        List<ScheduleTree> swapped = ar.trees().stream()
                .map(x -> x.withStage(x.phase() == Phase.ALLGATHER ? 0 : 1)).toList();
        Schedule bad = new Schedule(ar.collective(), ar.algorithm(), ar.topologyName(), ar.accelerators(), ar.algbw(),
                ar.bound(), ar.bottleneckCut(), swapped);
        ScheduleVerifier.VerificationResult r = ScheduleVerifier.verify(dgx, bad, null);
        assertFalse(r.ok());
        assertTrue(r.problems().get(0).contains("an earlier stage than a reduction tree"), r.problems().toString());
    }

    @Test
    void rejectsAnEdgeWhosePathCrossesAnotherAccelerator() {
        // formats.md: a path runs from -> to with switches in between; here r0 -> r2 is forwarded by r1
        Topology ring4 = TopologyGenerators.ring(4, Rational.of(100), true);
        List<ScheduleTree> trees = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            String a = "r" + r;
            String b = "r" + (r + 1) % 4;
            String c = "r" + (r + 2) % 4;
            String d = "r" + (r + 3) % 4;
            List<TreeEdge> edges = r == 0
                    ? List.of(TreeEdge.direct(a, b), new TreeEdge(a, c, List.of(a, b, c)), TreeEdge.direct(a, d))
                    : List.of(TreeEdge.direct(a, b), TreeEdge.direct(b, c), TreeEdge.direct(a, d));
            trees.add(new ScheduleTree(a, Phase.ALLGATHER, 0, Direction.OUT, Rational.ONE, edges));
        }
        Schedule s = new Schedule(Collective.ALLGATHER, "hand", ring4.name(), 4,
                new LinkLoads(NetworkGraph.of(ring4), trees).algbw(), null, List.of(), trees);
        ScheduleVerifier.VerificationResult r = ScheduleVerifier.verify(ring4, s, null);
        assertFalse(r.ok());
        assertEquals(List.of("tree 0 (root r0): edge r0->r2 passes through accelerator r1; between its ends a path may "
                + "cross only switches"), r.problems());
    }
}
