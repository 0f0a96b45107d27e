package canopy.layout;

import canopy.generate.TopologyGenerators;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static canopy.layout.LayoutTesting.assertComplete;
import static canopy.layout.LayoutTesting.minDistance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayeredLayoutTest {
    static final double MIN = 60;

    static List<Topology> samples() {
        Rational bw = Rational.of(100);
        return List.of(TopologyGenerators.dgxA100(2), TopologyGenerators.dgxA100(40), TopologyGenerators.dgxH100(3),
                TopologyGenerators.mi250(2, 8), TopologyGenerators.fatTree(), TopologyGenerators.torus(),
                TopologyGenerators.ring(40, bw, true), TopologyGenerators.mesh(),
                LayoutTesting.random(300, 600, 3, false), threeTiers(), ungroupedFatTree());
    }

    /** Hosts in groups under leaves, spines above the leaves, one core switch above the spines. */
    static Topology threeTiers() {
        Rational bw = Rational.of(10);
        List<Node> nodes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        nodes.add(Node.switchNode("core"));
        for (int s = 0; s < 2; s++) {
            nodes.add(Node.switchNode("spine" + s));
            links.add(Link.duplex("spine" + s, "core", bw));
        }
        for (int l = 0; l < 3; l++) {
            nodes.add(Node.switchNode("leaf" + l).withGroup("pod" + l));
            for (int s = 0; s < 2; s++) {
                links.add(Link.duplex("leaf" + l, "spine" + s, bw));
            }
            for (int h = 0; h < 3; h++) {
                nodes.add(Node.accelerator("h" + l + h).withGroup("pod" + l));
                links.add(Link.duplex("h" + l + h, "leaf" + l, bw));
            }
        }
        return new Topology("three tiers", null, nodes, links);
    }

    /** A fat tree without groups: one block for the hosts, leaves in it, spines above. */
    static Topology ungroupedFatTree() {
        Topology t = TopologyGenerators.fatTree();
        List<Node> nodes = new ArrayList<>();
        for (Node n : t.nodes()) {
            nodes.add(new Node(n.id(), n.kind(), null, null, null, null));
        }
        return t.withNodes(nodes);
    }

    @Test
    void everyNodeGetsAFinitePositionAndNoTwoCollide() {
        for (Topology t : samples()) {
            Map<String, double[]> p = LayeredLayout.layout(t);
            assertComplete(t, p);
            assertTrue(minDistance(p) >= MIN, t.name() + ": " + minDistance(p));
        }
        assertTrue(LayeredLayout.layout(new Topology(null, null, List.of(), List.of())).isEmpty());
    }

    @Test
    void sameInputSameOutput() {
        for (Topology t : samples()) {
            LayoutTesting.assertSame(LayeredLayout.layout(t), LayeredLayout.layout(t));
        }
    }

    @Test
    void groupsAreBoxesThatDoNotOverlap() {
        for (Topology t : samples()) {
            Map<String, double[]> p = LayeredLayout.layout(t);
            Map<String, double[]> boxes = new HashMap<>(); // group → minX, minY, maxX, maxY
            for (Node n : t.nodes()) {
                if (n.group() != null) {
                    double[] xy = p.get(n.id());
                    boxes.merge(n.group(), new double[] {xy[0], xy[1], xy[0], xy[1]}, (a, b) -> new double[] {
                        Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])});
                }
            }
            List<String> groups = new ArrayList<>(boxes.keySet());
            for (int i = 0; i < groups.size(); i++) {
                for (int j = i + 1; j < groups.size(); j++) {
                    double[] a = boxes.get(groups.get(i));
                    double[] b = boxes.get(groups.get(j));
                    boolean overlap = a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
                    assertFalse(overlap, t.name() + ": " + groups.get(i) + " and " + groups.get(j));
                }
            }
            // and no other node inside a group's box
            for (Node n : t.nodes()) {
                double[] xy = p.get(n.id());
                boxes.forEach((g, b) -> {
                    if (!g.equals(n.group())) {
                        assertFalse(xy[0] >= b[0] && xy[0] <= b[2] && xy[1] >= b[1] && xy[1] <= b[3],
                                t.name() + ": " + n.id() + " inside " + g);
                    }
                });
            }
        }
    }

    @Test
    void multiGroupSwitchesAboveTheGroupsAndAcceleratorsBelowTheirSwitches() {
        for (Topology t : samples()) {
            Map<String, double[]> p = LayeredLayout.layout(t);
            double topOfBlocks = Double.POSITIVE_INFINITY;
            for (Node n : t.nodes()) {
                if (n.isAccelerator() || n.group() != null) {
                    topOfBlocks = Math.min(topOfBlocks, p.get(n.id())[1]);
                }
            }
            Map<String, String> groupOf = new HashMap<>();
            for (Node n : t.nodes()) {
                groupOf.put(n.id(), n.group() == null && n.isAccelerator() ? "-" : n.group());
            }
            for (Node n : t.nodes()) {
                if (n.isAccelerator() || n.group() != null) {
                    continue;
                }
                java.util.Set<String> blocks = new java.util.HashSet<>();
                for (Link l : t.links()) {
                    String other = l.from().equals(n.id()) ? l.to() : l.to().equals(n.id()) ? l.from() : null;
                    if (other != null && groupOf.get(other) != null) {
                        blocks.add(groupOf.get(other));
                    }
                }
                if (blocks.size() > 1) {
                    assertTrue(p.get(n.id())[1] < topOfBlocks, t.name() + ": " + n.id());
                }
            }
        }
        Map<String, double[]> p = LayeredLayout.layout(threeTiers());
        assertTrue(p.get("core")[1] < p.get("spine0")[1]);
        assertEquals(p.get("spine0")[1], p.get("spine1")[1]);
        assertTrue(p.get("spine0")[1] < p.get("leaf0")[1]);
        assertTrue(p.get("leaf0")[1] < p.get("h00")[1]);
        assertEquals(p.get("h00")[1], p.get("h12")[1]);
        Map<String, double[]> u = LayeredLayout.layout(ungroupedFatTree());
        assertTrue(u.get("spine0")[1] < u.get("leaf0")[1]);
        assertTrue(u.get("leaf0")[1] < u.get("h0_0")[1]);
    }

    @Test
    void matchesTheGeneratorsOnADgxCluster() {
        // generated positions are the model: the same layout comes back (boxes, rails' order)
        Topology t = TopologyGenerators.dgxA100(3);
        Map<String, double[]> p = LayeredLayout.layout(t);
        for (Node n : t.nodes()) {
            if (n.group() != null) {
                assertEquals(n.x(), p.get(n.id())[0], 1e-9, n.id());
                assertEquals(n.y(), p.get(n.id())[1], 1e-9, n.id());
            }
        }
        assertTrue(p.get("rail0")[0] < p.get("rail1")[0]);
        assertEquals(0.0, p.get("rail0")[1]);
    }

    @Test
    void manyGroupsWrapIntoRows() {
        Topology t = TopologyGenerators.dgxA100(40);
        Map<String, double[]> p = LayeredLayout.layout(t);
        assertTrue(p.get("b16g0")[1] > p.get("b15g0")[1], "box 16 starts a second row");
        assertEquals(p.get("b0g0")[0], p.get("b16g0")[0]);
        double maxX = p.values().stream().mapToDouble(xy -> xy[0]).max().orElseThrow();
        assertTrue(maxX <= LayeredLayout.MAX_ROW_WIDTH);
    }

    @Test
    void acceleratorsOrderedByTheirSwitches() {
        // a box with two switches: a0, a2 on s1 and a1, a3 on s0; the layout puts each pair under its switch
        List<Node> nodes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        Rational bw = Rational.ONE;
        nodes.add(new Node("s0", NodeKind.SWITCH, null, null, null, "g"));
        nodes.add(new Node("s1", NodeKind.SWITCH, null, null, null, "g"));
        for (int i = 0; i < 4; i++) {
            nodes.add(new Node("a" + i, NodeKind.ACCELERATOR, null, null, null, "g"));
            links.add(Link.duplex("a" + i, i % 2 == 0 ? "s1" : "s0", bw));
        }
        links.add(Link.duplex("s0", "s1", bw));
        Map<String, double[]> p = LayeredLayout.layout(new Topology(null, null, nodes, links));
        double mid = (p.get("s0")[0] + p.get("s1")[0]) / 2;
        boolean s0Left = p.get("s0")[0] < p.get("s1")[0];
        for (int i = 0; i < 4; i++) {
            boolean underS0 = i % 2 == 1;
            assertEquals(underS0 == s0Left, p.get("a" + i)[0] < mid, "a" + i);
        }
    }
}
