package canopy.layout;

import canopy.generate.TopologyGenerators;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static canopy.layout.LayoutTesting.assertComplete;
import static canopy.layout.LayoutTesting.minDistance;
import static canopy.layout.LayoutTesting.neighbourAndOverallMeans;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForceDirectedLayoutTest {
    static List<Topology> samples() {
        Rational bw = Rational.of(100);
        List<Node> noPositions = new ArrayList<>();
        for (Node n : TopologyGenerators.fatTree().nodes()) {
            noPositions.add(new Node(n.id(), n.kind(), n.label(), null, null, n.group()));
        }
        List<Node> samePlace = new ArrayList<>();
        for (Node n : TopologyGenerators.ring(6, bw, true).nodes()) {
            samePlace.add(n.withPosition(5, 5));
        }
        return List.of(TopologyGenerators.dgxA100(2), TopologyGenerators.dgxH100(3), TopologyGenerators.mi250(2),
                TopologyGenerators.fatTree(), TopologyGenerators.torus(), TopologyGenerators.mesh(),
                TopologyGenerators.ring(), TopologyGenerators.ring(2, bw, false),
                new Topology("no positions", null, noPositions, TopologyGenerators.fatTree().links()),
                new Topology("all at one spot", null, samePlace, TopologyGenerators.ring(6, bw, true).links()),
                LayoutTesting.random(150, 400, 7, false), LayoutTesting.random(60, 90, 8, true),
                // two components and an isolated node
                new Topology("pieces", null, List.of(Node.accelerator("a"), Node.accelerator("b"),
                        Node.accelerator("c"), Node.accelerator("d"), Node.switchNode("lonely")),
                        List.of(Link.duplex("a", "b", bw), Link.duplex("c", "d", bw))));
    }

    @Test
    void everyNodeGetsAFinitePositionAndNoTwoCollide() {
        for (Topology t : samples()) {
            Map<String, double[]> p = ForceDirectedLayout.layout(t);
            assertComplete(t, p);
            assertTrue(minDistance(p) >= ForceDirectedLayout.MIN_DISTANCE - 1e-6,
                    t.name() + ": min distance " + minDistance(p));
        }
    }

    @Test
    void sameInputSameOutput() {
        for (Topology t : samples()) {
            LayoutTesting.assertSame(ForceDirectedLayout.layout(t), ForceDirectedLayout.layout(t));
        }
    }

    @Test
    void readableScaleWithTheTopLeftAtTheOrigin() {
        for (Topology t : samples()) {
            Map<String, double[]> p = ForceDirectedLayout.layout(t);
            double minX = Double.POSITIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            for (double[] xy : p.values()) {
                minX = Math.min(minX, xy[0]);
                minY = Math.min(minY, xy[1]);
            }
            assertEquals(0, minX, 1e-6, t.name());
            assertEquals(0, minY, 1e-6, t.name());
            double typical = medianShortestLink(t, p);
            // roughly 60–120; crowded layouts (a folded torus) are stretched a little to keep nodes apart
            assertTrue(typical >= 60 && typical <= 150, t.name() + ": median shortest link " + typical);
        }
    }

    /** Over nodes with links, the median of their shortest link: "the distance to a neighbour". */
    static double medianShortestLink(Topology t, Map<String, double[]> p) {
        Map<String, Double> shortest = new java.util.HashMap<>();
        for (Link l : t.links()) {
            if (p.containsKey(l.from()) && p.containsKey(l.to()) && !l.from().equals(l.to())) {
                double d = LayoutTesting.dist(p.get(l.from()), p.get(l.to()));
                shortest.merge(l.from(), d, Math::min);
                shortest.merge(l.to(), d, Math::min);
            }
        }
        List<Double> v = new ArrayList<>(shortest.values());
        java.util.Collections.sort(v);
        return v.get(v.size() / 2);
    }

    @Test
    void neighboursEndUpCloserThanOthers() {
        for (Topology t : samples()) {
            if (t.nodes().size() < 6) {
                continue;
            }
            double[] m = neighbourAndOverallMeans(t, ForceDirectedLayout.layout(t));
            assertTrue(m[0] < m[1], t.name() + ": linked " + m[0] + " vs all " + m[1]);
        }
    }

    @Test
    void fixedNodesStayPut() {
        Topology t = TopologyGenerators.fatTree();
        Set<String> fixed = Set.of("spine0", "spine1", "leaf0");
        Map<String, double[]> p = ForceDirectedLayout.layout(t, fixed);
        assertComplete(t, p);
        for (String id : fixed) {
            assertEquals(t.node(id).x(), p.get(id)[0], 0.0, id);
            assertEquals(t.node(id).y(), p.get(id)[1], 0.0, id);
        }
        assertTrue(minDistance(p) >= ForceDirectedLayout.MIN_DISTANCE - 1e-6);
        LayoutTesting.assertSame(p, ForceDirectedLayout.layout(t, fixed));
        // a fixed id without a position is simply laid out
        Topology unplaced = t.withNodes(List.of(new Node("x", NodeKind.ACCELERATOR, null, null, null, null),
                Node.accelerator("y")));
        assertComplete(unplaced, ForceDirectedLayout.layout(unplaced, Set.of("x")));
    }

    @Test
    void oddInputsDoNotBreakIt() {
        assertTrue(ForceDirectedLayout.layout(new Topology(null, null, List.of(), List.of())).isEmpty());
        Topology one = new Topology(null, null, List.of(Node.accelerator("a")), List.of());
        assertComplete(one, ForceDirectedLayout.layout(one));
        // duplicate links, a self-loop and a link to an unknown node: laid out anyway
        Rational bw = Rational.ONE;
        Topology odd = new Topology(null, null, List.of(Node.accelerator("a"), Node.accelerator("b")),
                List.of(Link.duplex("a", "b", bw), Link.oneWay("b", "a", bw), Link.duplex("a", "a", bw),
                        Link.duplex("a", "ghost", bw)));
        Map<String, double[]> p = ForceDirectedLayout.layout(odd);
        assertComplete(odd, p);
        assertTrue(minDistance(p) >= ForceDirectedLayout.MIN_DISTANCE - 1e-6);
    }

    /** A benchmark, not a timed assertion: the time goes to the test output. */
    @Test
    void thousandNodesFourThousandLinks() {
        Topology t = LayoutTesting.random(1000, 4000, 42, false);
        ForceDirectedLayout.layout(t); // warm-up
        long start = System.nanoTime();
        Map<String, double[]> p = ForceDirectedLayout.layout(t);
        long ms = (System.nanoTime() - start) / 1_000_000;
        double[] m = neighbourAndOverallMeans(t, p);
        System.out.printf("ForceDirectedLayout: 1000 nodes / 4000 links (random) in %d ms (mean link %.0f, mean pair "
                + "%.0f, median shortest link %.0f, min distance %.1f)%n", ms, m[0], m[1], medianShortestLink(t, p),
                minDistance(p));
        assertComplete(t, p);
        assertTrue(m[0] < m[1]);
        Topology dgx = TopologyGenerators.dgxA100(128);
        start = System.nanoTime();
        assertComplete(dgx, ForceDirectedLayout.layout(dgx));
        System.out.printf("ForceDirectedLayout: DGX A100 x128 (%d nodes, %d links) in %d ms%n", dgx.nodes().size(),
                dgx.links().size(), (System.nanoTime() - start) / 1_000_000);
    }
}
