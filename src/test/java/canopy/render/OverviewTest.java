package canopy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.generate.TopologyGenerators;
import canopy.model.Link;
import canopy.model.Topology;
import canopy.render.export.DiagramExport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The zoomed-out overview of big networks: boxes, tier bars and bundles (Aggregation, DiagramScene, painter). */
class OverviewTest {
    private static final DiagramStyle ST = DiagramStyle.LIGHT;

    /** Stroked sub-paths (lines and curves) the painter draws for scene s in viewport v. */
    private static long strokes(DiagramScene s, Viewport v, ScheduleOverlay o) {
        RecordingGraphics g = new RecordingGraphics();
        DiagramPainter p = new DiagramPainter();
        p.setGridStep(0);
        p.setScheduleOverlay(o);
        p.paint(g, s, v, Overlay.NONE);
        return g.ops.stream().filter(op -> op.what().equals("stroke")).flatMap(op -> op.subs().stream())
                .filter(sub -> sub.kind().equals("line") || sub.kind().equals("quad")).count();
    }

    @Test
    void strokesAtFitAreBoundedFor128Boxes() {
        for (Topology t : List.of(TopologyGenerators.dgxH100Pod(128), TopologyGenerators.dgxA100(128, 2, true))) {
            DiagramScene plain = DiagramScene.of(t, ST);
            Viewport fit = DiagramExport.page(plain, null).viewport();
            assertTrue(fit.scale() < Aggregation.OVERVIEW_SCALE, t.name() + " " + fit.scale());
            DiagramScene overview = DiagramExport.scene(t, ST, null);
            assertTrue(overview.aggregation().overview());
            long before = strokes(plain, fit, null);
            long after = strokes(overview, fit, null);
            assertTrue(before > 2000, t.name() + ": " + before);
            assertTrue(after <= 200, t.name() + ": " + after + " strokes at fit (every box one bundle to each bar)");
        }
    }

    @Test
    void crowdedAndFanningTiersBecomeBarsNamedByTheirSwitches() {
        Topology pod = TopologyGenerators.dgxH100Pod(128);
        DiagramScene s = DiagramExport.scene(pod, ST, null);
        // 64 leaves 160 units apart crowd at fit; the 8 spines 1,440 apart do not, and link to no box.
        assertEquals(List.of("64 leaves"), s.tiers().stream().map(DiagramScene.TierBar::name).toList());
        assertEquals(8, countVisibleSwitches(s));
        // Two IB rail switches far apart each link to all 128 boxes: one bar, so no fan crosses the boxes.
        DiagramScene rails = DiagramExport.scene(TopologyGenerators.dgxA100(128, 2, true), ST, null);
        assertEquals(List.of("2 rails"), rails.tiers().stream().map(DiagramScene.TierBar::name).toList());
        // Zoomed in past the threshold nothing is aggregated.
        assertEquals(Aggregation.collapsed(Set.of()), Aggregation.at(pod, Aggregation.OVERVIEW_SCALE, Set.of()));
    }

    private static int countVisibleSwitches(DiagramScene s) {
        int n = 0;
        for (int i = 0; i < s.nodeCount(); i++) {
            if (s.isVisible(i) && s.isSwitch(i)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void countsInBundleLabelsAddUpToTheLinksTheyStandFor() {
        Topology t = TopologyGenerators.dgxH100Pod(128);
        DiagramScene s = DiagramExport.scene(t, ST, null);
        int drawn = 0;
        Map<String, Integer> byLabel = new HashMap<>();
        for (DiagramScene.DrawnLink l : s.links()) {
            drawn += l.indices.length;
            String text = BundleLabels.text(l, t);
            if (l.indices.length > 1) {
                assertEquals(l.indices.length, Integer.parseInt(text.substring(0, text.indexOf(' '))), text);
                byLabel.merge(text, l.indices.length, Integer::sum);
            }
        }
        int inside = 0;
        for (Link l : t.links()) {
            if (s.drawnKey(l.from()).equals(s.drawnKey(l.to()))) {
                inside++;
            }
        }
        assertEquals(t.links().size(), drawn + inside, "every link is drawn once, or lies inside one item");
        // Each box sends its 8 GPUs' NICs to the leaves; each spine takes one link from each of 64 leaves.
        assertEquals(Map.of("8 \u00d7 50 GB/s", 128 * 8, "64 \u00d7 100 GB/s", 8 * 64), byLabel);
        // The painted labels are some of these (those with room), never other numbers.
        Viewport fit = DiagramExport.page(s, null).viewport();
        RecordingGraphics g = new RecordingGraphics();
        new DiagramPainter().paint(g, s, fit, Overlay.NONE);
        List<String> painted = g.texts().stream().filter(byLabel::containsKey).toList();
        assertEquals(8, painted.size(), "one label beside each spine's bundle: " + g.texts());
    }

    @Test
    void aHotLinkInsideABundleShowsInItsStrokeAndInAStubAtItsBoxEdge() {
        Topology t = TopologyGenerators.dgxH100Pod(16);
        // GPU 3 of box5 to its rail leaf (the pod's links run GPU → leaf).
        Link hot = t.links().stream().filter(l -> l.from().equals("b5g3") && t.node(l.to()).group() == null)
                .findFirst().orElseThrow();
        double u = 28 / 31.0;
        ScheduleOverlay o = new ScheduleOverlay(Map.of(ScheduleOverlay.arc(hot.from(), hot.to()), u), Map.of(),
                Set.of(), List.of(), false, List.of());
        DiagramScene s = DiagramExport.scene(t, ST, o);
        assertTrue(s.aggregation().overview());
        Viewport fit = DiagramExport.page(s, o).viewport();
        RecordingGraphics g = new RecordingGraphics();
        DiagramPainter p = new DiagramPainter();
        p.setScheduleOverlay(o);
        p.paint(g, s, fit, Overlay.NONE);
        Rgba colour = UtilisationScale.ramp(u, ST);
        assertEquals(2, g.count("stroke", colour, "line"), "its direction of box5's bundle, and box5's stub");
        Rect box = s.group("box5").box();
        double top = fit.toScreenY(box.minY());
        assertTrue(g.ops.stream().filter(op -> op.what().equals("stroke") && op.colour().equals(colour))
                .flatMap(op -> op.subs().stream())
                .anyMatch(sub -> Math.abs(sub.points().get(0)[1] - top) < 1e-6
                        && sub.points().get(1)[1] < top), "a stub leaves box5's top edge upwards");
    }

    @Test
    void aBundleIsColouredByItsBusiestLinkAndTheLegendSaysSo() {
        // Groups A and B collapsed: a1–b0 and a0–b1 become one bundle.
        Topology t = RenderTestData.grouped();
        DiagramScene s = DiagramScene.of(t, Set.of("A", "B"), ST);
        DiagramScene.DrawnLink bundle = s.links().stream().filter(l -> l.indices.length == 2).findFirst().orElseThrow();
        assertEquals(2, bundle.indices.length);
        // Utilisations on the painter's 31 steps, so colours compare exactly.
        double hot = 28 / 31.0;
        double cool = 3 / 31.0;
        double mild = 6 / 31.0;
        Map<String, Double> util = Map.of("a1->b0", hot, "b0->a1", cool, "a0->b1", mild, "b1->a0", 1 / 31.0);
        ScheduleOverlay o = new ScheduleOverlay(util, Map.of(), Set.of(), List.of(), false, List.of());
        RecordingGraphics g = new RecordingGraphics();
        DiagramPainter p = new DiagramPainter();
        p.setScheduleOverlay(o);
        Viewport v = Viewport.fit(s.bounds(), 1000, 600, 40);
        p.paint(g, s, v, Overlay.NONE);
        // A → B is as hot as a1→b0, B → A as the busier of b0→a1 and b1→a0: the max, not a mean.
        assertEquals(1, g.count("stroke", UtilisationScale.ramp(hot, ST), "line"), "A to B");
        assertEquals(1, g.count("stroke", UtilisationScale.ramp(cool, ST), "line"), "B to A");
        assertEquals(0, g.count("stroke", UtilisationScale.ramp(mild, ST), "line"), "a quieter member does not show");
        assertTrue(g.texts().contains(Legend.BUNDLE_NOTE), g.texts().toString());
        // Without bundles the legend does not mention them.
        RecordingGraphics plain = new RecordingGraphics();
        p.paint(plain, DiagramScene.of(t, ST), v, Overlay.NONE);
        assertFalse(plain.texts().contains(Legend.BUNDLE_NOTE));
    }
}
