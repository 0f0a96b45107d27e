package canopy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HitTesterTest {
    private final DiagramScene s = DiagramScene.of(RenderTestData.small(), DiagramStyle.LIGHT);
    private final double r = DiagramStyle.LIGHT.nodeRadius();

    @Test
    void nodesWinOverLinks() {
        // (10, 0) is on link a–b and inside node a.
        assertEquals(HitTester.Hit.node("a"), HitTester.hit(s, 10, 0, r, 5));
        assertEquals(HitTester.Hit.node("c"), HitTester.hit(s, 100 + r, 150 + r, r, 1)); // square corner
    }

    @Test
    void linksWithinTheTolerance() {
        assertEquals(HitTester.Hit.link(0), HitTester.hit(s, 100, 4, r, 5));
        assertTrue(HitTester.hit(s, 100, 40, r, 5).isNone());
        // The one-way pair: each side picks its own link.
        assertEquals(HitTester.Hit.link(1), HitTester.hit(s, 300, DiagramScene.ONE_WAY_OFFSET * sideOf(1), r, 2));
        assertEquals(HitTester.Hit.link(2), HitTester.hit(s, 300, DiagramScene.ONE_WAY_OFFSET * sideOf(2), r, 2));
    }

    private double sideOf(int link) {
        return Math.signum(s.links().get(s.drawnOf(link)).ay);
    }

    @Test
    void toleranceScalesWithTheCaller() {
        // 8 units off the a–b line: a miss at 5, a hit at 10.
        assertTrue(HitTester.hit(s, 100, 8, r, 5).isNone());
        assertEquals(HitTester.Hit.link(0), HitTester.hit(s, 100, 8, r, 10));
    }

    @Test
    void curvesAreHitAlongTheCurve() {
        var az = new canopy.model.Topology("line", null,
                List.of(RenderTestData.acc("a", 0, 0), RenderTestData.acc("m", 100, 0), RenderTestData.acc("z", 200, 0)),
                List.of(canopy.model.Link.duplex("a", "z", canopy.model.Rational.ONE)));
        DiagramScene c = DiagramScene.of(az, DiagramStyle.LIGHT);
        var l = c.links().get(0);
        assertEquals(HitTester.Hit.link(0), HitTester.hit(c, l.midX(), l.midY(), r, 3));
        assertTrue(HitTester.hit(c, 100, -r - 3, r, 1).isNone() || l.midY() < 0);
    }

    @Test
    void rubberBandTakesNodesWithCentresInside() {
        assertEquals(List.of("a", "b"), HitTester.nodesIn(s, new Rect(-20, -20, 250, 20)));
        assertEquals(List.of(0), HitTester.linksAmong(s, Set.of("a", "b")));
        assertEquals(List.of(0, 3, 4), HitTester.linksAmong(s, Set.of("a", "b", "c")));
    }

    @Test
    void collapsedGroupsAreHitAndRubberBandedWhole() {
        DiagramScene g = DiagramScene.of(RenderTestData.grouped(), Set.of("B"), DiagramStyle.LIGHT);
        assertEquals(HitTester.Hit.group("B"), HitTester.hit(g, 330, 0, r, 3));
        assertEquals(List.of("b0", "b1"), HitTester.nodesIn(g, new Rect(320, -10, 340, 10)));
        // Hidden members are not hit.
        assertTrue(HitTester.hit(g, 300, 0, r, 3).kind() == HitTester.Kind.GROUP);
    }
}
