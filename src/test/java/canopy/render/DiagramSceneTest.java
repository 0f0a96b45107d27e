package canopy.render;

import static canopy.render.RenderTestData.acc;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiagramSceneTest {
    private final DiagramStyle style = DiagramStyle.LIGHT;

    @Test
    void oppositeOneWayLinksAreOffsetToOppositeSides() {
        DiagramScene s = DiagramScene.of(RenderTestData.small(), style);
        DiagramScene.DrawnLink bd = s.links().get(s.drawnOf(1));
        DiagramScene.DrawnLink db = s.links().get(s.drawnOf(2));
        // Both run along y = 0 between b and d; each sits ONE_WAY_OFFSET to its own right.
        assertEquals(DiagramScene.ONE_WAY_OFFSET, Math.abs(bd.ay), 1e-9);
        assertEquals(DiagramScene.ONE_WAY_OFFSET, Math.abs(db.ay), 1e-9);
        assertNotEquals(Math.signum(bd.ay), Math.signum(db.ay));
        assertTrue(bd.oneWay && db.oneWay);
        DiagramScene.DrawnLink ab = s.links().get(s.drawnOf(0));
        assertFalse(ab.oneWay);
        assertEquals(0, ab.ay, 1e-9);
    }

    @Test
    void aLinkThroughAnotherNodeIsCurved() {
        Topology t = new Topology("line", null, List.of(acc("a", 0, 0), acc("m", 100, 0), acc("z", 200, 0)),
                List.of(Link.duplex("a", "m", Rational.ONE), Link.duplex("m", "z", Rational.ONE),
                        Link.duplex("a", "z", Rational.ONE)));
        DiagramScene s = DiagramScene.of(t, style);
        assertFalse(s.links().get(0).curved);
        assertFalse(s.links().get(1).curved);
        DiagramScene.DrawnLink az = s.links().get(2);
        assertTrue(az.curved);
        assertTrue(Math.abs(az.midY()) > style.nodeRadius(), "the curve clears m: " + az.midY());
        assertTrue(s.bounds().contains(az.midX(), az.midY()));
    }

    @Test
    void widthClassesFollowBandwidth() {
        DiagramScene s = DiagramScene.of(RenderTestData.small(), style);
        DiagramScene.DrawnLink fast = s.links().get(s.drawnOf(0));
        DiagramScene.DrawnLink slow = s.links().get(s.drawnOf(3));
        assertEquals(style.maxLinkWidth(), fast.width, 1e-9);
        assertEquals(style.minLinkWidth(), slow.width, 1e-9);
        assertTrue(fast.widthClass > slow.widthClass);
        int total = 0;
        for (int c = 0; c < s.widthClasses(); c++) {
            total += s.linksOfWidthClass(c).length;
        }
        assertEquals(s.links().size(), total);
    }

    @Test
    void nodesWithoutPositionsGetPlacesOnACircle() {
        Topology t = new Topology("x", null, List.of(Node.accelerator("p"), Node.accelerator("q"),
                acc("r", 10, 10)), List.of(Link.duplex("p", "q", Rational.ONE)));
        DiagramScene s = DiagramScene.of(t, style);
        double[] p = s.positionOf("p");
        double[] q = s.positionOf("q");
        assertFalse(p[0] == q[0] && p[1] == q[1]);
        assertArrayEquals(new double[] {10, 10}, s.positionOf("r"));
    }

    @Test
    void groupsAreBoxesAroundTheirMembers() {
        DiagramScene s = DiagramScene.of(RenderTestData.grouped(), style);
        assertEquals(2, s.groups().size());
        Rect a = s.group("A").box();
        assertTrue(a.minX() < -style.nodeRadius() && a.maxX() > 60 + style.nodeRadius());
        assertFalse(s.group("A").collapsed());
        assertEquals(4, s.links().size());
    }

    @Test
    void aCollapsedGroupIsOneBoxAndItsLinksMerge() {
        DiagramScene s = DiagramScene.of(RenderTestData.grouped(), Set.of("B"), style);
        DiagramScene.GroupBox b = s.group("B");
        assertTrue(b.collapsed());
        assertEquals(List.of("b0", "b1"), b.members());
        assertEquals(330, b.box().centerX(), 1e-9);
        assertFalse(s.isVisible(s.indexOf("b0")));
        // a0–a1 stays; b0–b1 vanishes inside the box; a1–b0 (50) and a0–b1 (25) stay separate
        // because their outside ends differ.
        assertEquals(3, s.links().size());
        assertEquals(-1, s.drawnOf(1));
        // Collapse A as well: both cross links now join the same two boxes and merge into one (75).
        DiagramScene both = DiagramScene.of(RenderTestData.grouped(), Set.of("A", "B"), style);
        assertEquals(1, both.links().size());
        DiagramScene.DrawnLink merged = both.links().get(0);
        assertArrayEquals(new int[] {2, 3}, merged.indices);
        assertEquals(Rational.of(75), merged.bandwidth);
        assertFalse(merged.oneWay);
        assertEquals(both.drawnOf(2), both.drawnOf(3));
    }

    @Test
    void linksToUnknownNodesAndSelfLoopsAreSkipped() {
        Topology t = new Topology("x", null, List.of(acc("a", 0, 0), acc("b", 50, 0),
                new Node("c", NodeKind.SWITCH, null, 0.0, 0.0, null)),
                List.of(Link.duplex("a", "zz", Rational.ONE), Link.duplex("a", "a", Rational.ONE),
                        Link.duplex("a", "c", Rational.ONE), Link.duplex("a", "b", Rational.ONE)));
        DiagramScene s = DiagramScene.of(t, style);
        assertEquals(1, s.links().size());
        assertEquals(3, s.links().get(0).indices[0]);
    }
}
