package canopy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Channels drawn by the painter: each in its palette colour, its hops numbered, a key naming it. */
class ChannelLayerTest {
    private final DiagramStyle st = DiagramStyle.LIGHT;
    private final Viewport v = new Viewport(1.5, 100, 200, 1000, 600);

    private RecordingGraphics paint(ScheduleOverlay o) {
        RecordingGraphics g = new RecordingGraphics();
        DiagramPainter p = new DiagramPainter();
        p.setScheduleOverlay(o);
        p.paint(g, DiagramScene.of(RenderTestData.small(), st), v, Overlay.NONE);
        return g;
    }

    /** A ring of the two accelerators: a → b directly, back b → a through the switch c. */
    private static ScheduleOverlay.Channel ring(int colour) {
        return new ScheduleOverlay.Channel(colour, "channel " + colour + " (ring)", List.of(
                new ScheduleOverlay.Hop(List.of("a", "b"), 1),
                new ScheduleOverlay.Hop(List.of("b", "c", "a"), 2)));
    }

    @Test
    void eachChannelInItsColourWithItsHopsNumberedAndKeyed() {
        RecordingGraphics g = paint(ScheduleOverlay.NONE.withChannels(List.of(ring(0), ring(3))));
        for (int colour : new int[] {0, 3}) {
            Rgba c = ScheduleLayer.markerColour(colour);
            // three segments (a→b, b→c, c→a) in one stroke, and one arrowhead per hop
            assertEquals(3, g.ops.stream().filter(o -> o.what().equals("stroke") && o.colour().equals(c))
                    .mapToLong(o -> o.subs().size()).max().orElse(0));
            assertEquals(2, g.count("fill", c, "polygon"), "an arrowhead at the end of each hop");
            assertEquals(List.of("1", "2"), g.ops.stream().filter(o -> o.what().equals("text") && o.colour().equals(c))
                    .map(RecordingGraphics.Op::text).toList());
        }
        assertTrue(g.texts().containsAll(List.of("channel 0 (ring)", "channel 3 (ring)")), g.texts().toString());
    }

    @Test
    void lanesKeepChannelsOnOneLinkApart() {
        RecordingGraphics g = paint(ScheduleOverlay.NONE.withChannels(List.of(ring(0), ring(1))));
        double y0 = firstY(g, ScheduleLayer.markerColour(0));
        double y1 = firstY(g, ScheduleLayer.markerColour(1));
        assertTrue(Math.abs(y0 - y1) > 2, y0 + " " + y1);
    }

    @Test
    void withoutCongestionTheRestIsDimmedAndWithItTheColoursStay() {
        assertTrue(ScheduleOverlay.NONE.withChannels(List.of(ring(0))).dimOthers());
        ScheduleOverlay congestion = new ScheduleOverlay(Map.of("a->b", 1.0), Map.of(), Set.of(), List.of(), false,
                List.of());
        ScheduleOverlay both = congestion.withChannels(List.of(ring(0)));
        assertTrue(!both.dimOthers() && both.arcUtilisation().equals(congestion.arcUtilisation()));
        RecordingGraphics g = paint(both);
        assertTrue(g.texts().contains(Legend.TITLE) && g.texts().contains("channel 0 (ring)"), g.texts().toString());
    }

    private static double firstY(RecordingGraphics g, Rgba c) {
        return g.ops.stream().filter(o -> o.what().equals("stroke") && o.colour().equals(c)).findFirst().orElseThrow()
                .subs().get(0).points().get(0)[1];
    }
}
