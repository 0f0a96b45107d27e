package canopy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.engine.ForestScheduler;
import canopy.model.Collective;
import canopy.model.Schedule;
import canopy.model.Topology;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleOverlayPaintTest {
    private final DiagramStyle st = DiagramStyle.LIGHT;
    private final Viewport v = new Viewport(1.5, 100, 200, 1000, 600);

    private RecordingGraphics paint(ScheduleOverlay o) {
        RecordingGraphics g = new RecordingGraphics();
        DiagramPainter p = new DiagramPainter();
        p.setScheduleOverlay(o);
        p.paint(g, DiagramScene.of(RenderTestData.small(), st), v, Overlay.NONE);
        return g;
    }

    private static ScheduleOverlay congestion(Map<String, Double> util, Set<String> bottlenecks) {
        return new ScheduleOverlay(util, Map.of(), bottlenecks, List.of(), false, List.of());
    }

    /** Stroked line sub-paths whose two ends lie at screen x ≈ x1 and x ≈ x2 (either order). */
    private static List<RecordingGraphics.Op> strokesBetween(RecordingGraphics g, double x1, double x2) {
        return g.ops.stream().filter(o -> o.what().equals("stroke"))
                .filter(o -> o.subs().stream().anyMatch(s -> s.kind().equals("line") && s.points().size() == 2
                        && near(Math.min(s.points().get(0)[0], s.points().get(1)[0]), Math.min(x1, x2))
                        && near(Math.max(s.points().get(0)[0], s.points().get(1)[0]), Math.max(x1, x2))))
                .toList();
    }

    private static boolean near(double a, double b) {
        return Math.abs(a - b) < 1e-6;
    }

    @Test
    void congestionColoursByUtilisationAndDrawsBothDirectionsOfADuplexLink() {
        RecordingGraphics g = paint(congestion(Map.of("a->b", 1.0, "b->a", 0.25, "a->c", 0.5), Set.of()));
        double ax = v.toScreenX(0);
        double bx = v.toScreenX(200);
        List<RecordingGraphics.Op> ab = strokesBetween(g, ax, bx);
        assertEquals(2, ab.size(), "one stroke each way");
        assertNotEquals(ab.get(0).colour(), ab.get(1).colour());
        assertTrue(ab.get(0).width() != ab.get(1).width(), "busier is wider");
        // The two directions lie on opposite sides of the centre line.
        double y0 = ab.stream().filter(o -> o.colour().equals(UtilisationScale.ramp(1, st))).findFirst().orElseThrow()
                .subs().stream().filter(s -> s.kind().equals("line")).findFirst().orElseThrow().points().get(0)[1];
        double y1 = ab.stream().filter(o -> !o.colour().equals(UtilisationScale.ramp(1, st))).findFirst()
                .orElseThrow().subs().stream().filter(s -> s.kind().equals("line")).findFirst().orElseThrow()
                .points().get(0)[1];
        double cy = v.toScreenY(0);
        assertTrue((y0 - cy) * (y1 - cy) < 0, y0 + " " + y1);
        // Idle arcs are grey, not on the ramp.
        assertTrue(g.count("stroke", UtilisationScale.idle(st), "line") > 0);
        // One-way links keep their arrowheads (drawn in their utilisation colour, here idle).
        assertTrue(g.count("fill", UtilisationScale.idle(st), "polygon") >= 2);
    }

    @Test
    void rampRunsFromCoolToHotOnBothThemes() {
        for (DiagramStyle s : List.of(DiagramStyle.LIGHT, DiagramStyle.DARK)) {
            Rgba lo = UtilisationScale.ramp(0, s);
            Rgba hi = UtilisationScale.ramp(1, s);
            assertTrue(hi.red() > lo.red() && hi.blue() < lo.blue(), s.name());
            assertNotEquals(UtilisationScale.colour(0, s), lo);
        }
    }

    @Test
    void bottlenecksAreCased() {
        RecordingGraphics g = paint(congestion(Map.of("a->b", 1.0), Set.of("a->b")));
        assertEquals(1, g.count("stroke", st.label(), "line") - legendKeyLines(g));
    }

    private static long legendKeyLines(RecordingGraphics g) {
        return g.texts().contains(Legend.TITLE) ? 6 : 0; // five ticks and the bottleneck key
    }

    @Test
    void legendIsDrawnWithCongestionOnly() {
        RecordingGraphics g = paint(congestion(Map.of("a->b", 0.5), Set.of()));
        assertTrue(g.texts().containsAll(List.of(Legend.TITLE, "0 %", "50 %", "100 %", "bottleneck")), g.texts().toString());
        // The legend sits in the bottom-right corner.
        assertTrue(g.ops.stream().filter(o -> Legend.TITLE.equals(o.text())).allMatch(o ->
                o.subs().get(0).points().get(0)[0] > v.width() / 2 && o.subs().get(0).points().get(0)[1] > v.height() / 2));
        RecordingGraphics plain = paint(ScheduleOverlay.NONE);
        assertTrue(!plain.texts().contains(Legend.TITLE));
    }

    @Test
    void treeViewGoesThroughTheSwitchAndDimsTheRest() {
        ScheduleOverlay tree = new ScheduleOverlay(Map.of(), Map.of(), Set.of(), List.of(List.of("a", "c", "b")), true,
                List.of());
        RecordingGraphics g = paint(tree);
        Rgba c = ScheduleLayer.treeColour(st);
        List<RecordingGraphics.Sub> hops = g.ops.stream().filter(o -> o.what().equals("stroke") && o.colour().equals(c))
                .flatMap(o -> o.subs().stream()).toList();
        assertEquals(2, hops.size());
        double sx = v.toScreenX(100);
        double sy = v.toScreenY(150);
        // a → c ends at the switch, c → b starts there (each shifted a few pixels sideways).
        assertTrue(Math.hypot(hops.get(0).points().get(1)[0] - sx, hops.get(0).points().get(1)[1] - sy) < 4);
        assertTrue(Math.hypot(hops.get(1).points().get(0)[0] - sx, hops.get(1).points().get(0)[1] - sy) < 4);
        // Arrowheads in the data direction, one per hop.
        assertEquals(2, g.count("fill", c, "polygon"));
        // Everything else faded: plain links and the node off the tree (d).
        assertEquals(0, g.count("stroke", st.link(), "line"));
        assertTrue(g.count("stroke", ScheduleLayer.dimmed(st.link()), "line") > 0);
        assertEquals(1, g.count("fill", ScheduleLayer.dimmed(st.acceleratorFill()), "circle"));
        assertEquals(2, g.count("fill", st.acceleratorFill(), "circle"));
        assertTrue(ScheduleLayer.dimmed(st.link()).opacity() < 0.5);
    }

    @Test
    void markersAreFilledCirclesAlongTheirHop() {
        ScheduleOverlay o = new ScheduleOverlay(Map.of(), Map.of(), Set.of(), List.of(), false,
                List.of(new ScheduleOverlay.Marker("a", "b", 0.5, 0), new ScheduleOverlay.Marker("b", "d", 0.25, 1)));
        RecordingGraphics g = paint(o);
        var first = g.ops.stream().filter(op -> op.colour() != null && op.colour().equals(ScheduleLayer.markerColour(0))
                && op.subs().get(0).kind().equals("circle")).findFirst().orElseThrow();
        assertEquals(v.toScreenX(100), first.subs().get(0).points().get(0)[0], 0.01);
        assertEquals(1, g.count("fill", ScheduleLayer.markerColour(1), "circle"));
    }

    @Test
    void buildersFromAForestSchedule() {
        Topology t = canopy.generate.TopologyGenerators.dgxA100(2);
        Schedule s = new ForestScheduler().schedule(t, Collective.ALLGATHER);
        ScheduleOverlay c = ScheduleOverlays.congestion(t, s);
        assertTrue(c.arcUtilisation().values().stream().anyMatch(u -> u > 0.999));
        assertTrue(c.arcUtilisation().values().stream().allMatch(u -> u >= 0 && u <= 1 + 1e-9));
        assertTrue(!c.bottleneckArcs().isEmpty());
        String root = s.trees().get(0).root();
        ScheduleOverlay r = ScheduleOverlays.treesOfRoot(t, s, root);
        assertTrue(r.dimOthers() && !r.treePaths().isEmpty());
        assertEquals(s.trees().get(0).edges().size(), ScheduleOverlays.tree(t, s, 0).treePaths().size());
    }
}
