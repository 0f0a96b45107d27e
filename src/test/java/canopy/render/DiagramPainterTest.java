package canopy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.model.Link;
import canopy.model.Rational;
import canopy.model.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiagramPainterTest {
    private final DiagramStyle st = DiagramStyle.LIGHT;

    private RecordingGraphics paint(Topology t, Viewport v, Overlay o) {
        RecordingGraphics g = new RecordingGraphics();
        new DiagramPainter().paint(g, DiagramScene.of(t, st), v, o);
        return g;
    }

    /** Zoom 1.5 with the small topology in view. */
    private Viewport near() {
        return new Viewport(1.5, 100, 200, 1000, 600);
    }

    @Test
    void arrowheadsOnlyForOneWayLinks() {
        RecordingGraphics g = paint(RenderTestData.small(), near(), Overlay.NONE);
        // Two one-way links (b→d, d→b): two triangles; the three duplex links have none.
        assertEquals(2, g.count("fill", st.link(), "polygon"));
        assertEquals(5, g.count("stroke", st.link(), "line"));
        // The arrowhead of b→d points at d: its tip lies on d's outline, left of d.
        var tri = g.ops.stream().filter(o -> o.what().equals("fill") && o.colour().equals(st.link()))
                .flatMap(o -> o.subs().stream()).filter(s -> s.kind().equals("polygon")).toList();
        double dx = near().toScreenX(400);
        double r = 1.5 * st.nodeRadius();
        assertTrue(tri.stream().anyMatch(p -> Math.abs(p.points().get(0)[0] - (dx - r - 1)) < 1e-6));
    }

    @Test
    void zoomedOutDropsLabelsAndArrowheads() {
        Viewport far = new Viewport(0.3, 100, 100, 1000, 600);
        RecordingGraphics g = paint(RenderTestData.small(), far, Overlay.NONE);
        assertEquals(0, g.count("fill", st.link(), "polygon"));
        assertTrue(g.texts().isEmpty(), g.texts().toString());
        assertEquals(5, g.count("stroke", st.link(), "line"));
        // Nodes still drawn (three accelerators, one switch).
        assertEquals(3, g.count("fill", st.acceleratorFill(), "circle"));
        assertEquals(1, g.count("fill", st.switchFill(), "roundrect"));
    }

    @Test
    void zoomedInLabelsNodesAndBandwidths() {
        RecordingGraphics g = paint(RenderTestData.small(), near(), Overlay.NONE);
        List<String> texts = g.texts();
        assertTrue(texts.containsAll(List.of("a", "b", "c", "d", "300", "100", "25")), texts.toString());
        // Zoom 1: node labels but no bandwidth labels.
        RecordingGraphics one = paint(RenderTestData.small(), new Viewport(1, 100, 200, 1000, 600), Overlay.NONE);
        assertTrue(one.texts().contains("a"));
        assertFalse(one.texts().contains("300"));
    }

    @Test
    void offScreenElementsAreCulled() {
        // Only the left part of the world is visible: a (0,0) at screen x 100; b and beyond off to the right.
        Viewport v = new Viewport(1, 100, 300, 150, 600);
        RecordingGraphics g = paint(RenderTestData.small(), v, Overlay.NONE);
        assertEquals(1, g.count("fill", st.acceleratorFill(), "circle"), "only a");
        assertFalse(g.texts().contains("d"));
        // Links of a (a–b, a–c) reach into the view; b–d, d–b and c–b lie outside it... c–b spans x 100..200
        // which lies beyond the view's right edge (world x 50) plus the culling margin? The margin keeps it.
        long lines = g.count("stroke", st.link(), "line");
        assertTrue(lines >= 2 && lines < 5, "culled: " + lines);
    }

    @Test
    void aLargeTopologyFarAwayDrawsNothingButTheBackground() {
        List<canopy.model.Node> nodes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            nodes.add(RenderTestData.acc("n" + i, 5000 + i * 40, 5000));
            if (i > 0) {
                links.add(Link.duplex("n" + (i - 1), "n" + i, Rational.ONE));
            }
        }
        RecordingGraphics g = paint(new Topology("far", null, nodes, links), new Viewport(1, 0, 0, 800, 600),
                Overlay.NONE);
        assertEquals(0, g.count("fill", st.acceleratorFill(), "circle"));
        assertEquals(0, g.count("stroke", st.link(), "line"));
        assertTrue(g.texts().isEmpty());
    }

    @Test
    void allLinksOfAWidthClassAreOneStroke() {
        RecordingGraphics g = paint(RenderTestData.small(), near(), Overlay.NONE);
        long strokes = g.ops.stream().filter(o -> o.what().equals("stroke") && o.colour().equals(st.link())).count();
        assertEquals(3, strokes, "one path per width class: 300, 100, 25");
    }

    @Test
    void selectionAndCutAreDrawnInTheirColours() {
        Overlay o = Overlay.NONE.withSelection(Set.of("a"), Set.of(0)).withHighlight(Set.of("c"), Set.of(3, 4));
        RecordingGraphics g = paint(RenderTestData.small(), near(), o);
        assertEquals(1, g.count("stroke", st.selection(), "line"), "a–b selected");
        assertEquals(2, g.count("stroke", st.cutLink(), "line"), "a–c and c–b in the cut");
        assertEquals(2, g.count("stroke", st.link(), "line"), "the one-way pair stays plain");
        assertEquals(1, g.count("stroke", st.selection(), "circle"), "ring around a");
        assertEquals(1, g.count("fill", st.cutTint(), "circle"), "halo around c");
    }

    @Test
    void groupsAreLabelledBoxesAndCollapsedOnesShowTheirCount() {
        Topology t = RenderTestData.grouped();
        Viewport v = new Viewport(1, 100, 200, 1000, 600);
        RecordingGraphics open = new RecordingGraphics();
        new DiagramPainter().paint(open, DiagramScene.of(t, st), v, Overlay.NONE);
        assertEquals(2, open.count("fill", st.groupFill(), "roundrect"));
        assertTrue(open.texts().containsAll(List.of("A", "B")));
        RecordingGraphics closed = new RecordingGraphics();
        new DiagramPainter().paint(closed, DiagramScene.of(t, Set.of("B"), st), v, Overlay.NONE);
        assertTrue(closed.texts().contains("2 nodes"), closed.texts().toString());
        assertEquals(2, closed.count("fill", st.acceleratorFill(), "circle"), "b0 and b1 hidden");
    }

    @Test
    void gridOnlyWhenZoomedInAndNotInExports() {
        RecordingGraphics g = paint(RenderTestData.small(), near(), Overlay.NONE);
        assertTrue(g.ops.stream().anyMatch(o -> o.what().equals("fillRect") && o.colour().equals(st.grid())));
        RecordingGraphics far = paint(RenderTestData.small(), new Viewport(0.3, 0, 0, 800, 600), Overlay.NONE);
        assertFalse(far.ops.stream().anyMatch(o -> o.what().equals("fillRect") && o.colour().equals(st.grid())));
        RecordingGraphics export = new RecordingGraphics();
        DiagramPainter.paint(export, RenderTestData.small(), near(), st);
        assertFalse(export.ops.stream().anyMatch(o -> o.what().equals("fillRect") && o.colour().equals(st.grid())));
    }
}
