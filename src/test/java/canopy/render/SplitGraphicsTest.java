package canopy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The screen's split: shapes drawn before the first text go into the raster, which is presented
 * once, underneath; from then on everything goes to the toolkit's graphics.
 */
class SplitGraphicsTest {
    private static final Rgba RED = Rgba.web("#ff0000");
    private static final TextStyle STYLE = new TextStyle(10, false, TextStyle.HAlign.LEFT, TextStyle.VAlign.TOP);

    private final RecordingGraphics rest = new RecordingGraphics();
    private final List<PixelRaster> presented = new ArrayList<>();
    private final SplitGraphics g = new SplitGraphics(rest, presented::add, new BandRasterizer(0));

    @Test
    void shapesBeforeTheFirstTextAreRasterisedAndTheRestGoesToTheToolkit() {
        g.begin(100, 50, 1);
        g.setFill(RED);
        g.fillRect(0, 0, 10, 10);
        g.beginPath();
        g.addCircle(50, 25, 5);
        g.fillPath();
        assertTrue(rest.ops.isEmpty(), "nothing reaches the toolkit yet");
        assertTrue(presented.isEmpty());

        g.text("label", 1, 1, STYLE, RED, null, 0);
        assertEquals(1, presented.size(), "the raster is presented before the first text");
        assertFalse(g.isRasterOpen());
        g.beginPath();
        g.addCircle(80, 25, 5);
        g.fillPath();
        g.end();

        assertEquals(1, presented.size(), "and only once");
        assertEquals(List.of("text", "fill"), rest.ops.stream().map(RecordingGraphics.Op::what).toList());
        PixelRaster r = presented.get(0);
        assertEquals(0xffff0000, r.pixel(5, 5));
        assertEquals(0xffff0000, r.pixel(50, 25));
        assertEquals(0, r.pixel(80, 25), "the later circle is the toolkit's");
    }

    @Test
    void aConcaveFillEndsTheRasterAndReachesTheToolkitWithItsWholePath() {
        g.begin(100, 100, 1);
        g.setFill(RED);
        g.beginPath();
        g.moveTo(10, 10);
        g.lineTo(90, 10);
        g.lineTo(50, 30);
        g.lineTo(90, 90);
        g.lineTo(10, 90);
        g.closePath();
        g.fillPath();
        g.end();
        assertEquals(1, presented.size());
        assertEquals(1, rest.ops.size());
        assertEquals(5, rest.ops.get(0).subs().get(0).points().size());
    }

    @Test
    void aFrameWithoutTextIsPresentedAtItsEnd() {
        g.begin(10, 10, 1);
        g.setFill(RED);
        g.fillRect(0, 0, 10, 10);
        assertTrue(presented.isEmpty());
        g.end();
        assertEquals(1, presented.size());
        assertEquals(1, g.rasterOnlyFrames());
    }

    @Test
    void onAHiDpiScreenTheRasterHasTwiceThePixelsAndTheShapesScale() {
        g.begin(200, 100, 2);
        g.setFill(RED);
        g.fillRect(10, 10, 5, 5);
        g.end();
        PixelRaster r = presented.get(0);
        assertEquals(200, r.width());
        assertEquals(0xffff0000, r.pixel(29, 29));
        assertEquals(0, r.pixel(31, 31));
    }

    @Test
    void thePainterDrawsNodesAndLinksIntoTheRasterAndOnlyTextOnTheToolkit() {
        DiagramScene scene = DiagramScene.of(RenderTestData.grouped(), Set.of(), DiagramStyle.LIGHT);
        Viewport v = Viewport.fit(scene.bounds(), 800, 400, 40);
        g.begin(800, 400, 1);
        new DiagramPainter().paint(g, scene, v, Overlay.NONE);
        g.end();

        PixelRaster r = presented.get(0);
        int accelerator = PixelRaster.premultiply(DiagramStyle.LIGHT.acceleratorFill().argb());
        for (int i = 0; i < scene.nodeCount(); i++) {
            int x = (int) v.toScreenX(scene.x(i));
            int y = (int) v.toScreenY(scene.y(i));
            assertEquals(accelerator, r.pixel(x, y), "node " + i + " is drawn in the raster");
        }
        assertEquals(PixelRaster.premultiply(DiagramStyle.LIGHT.background().argb()), r.pixel(2, 398));
        assertTrue(rest.ops.stream().allMatch(o -> o.what().equals("text")),
                "the toolkit draws only labels: " + rest.ops.stream().map(RecordingGraphics.Op::what).toList());
        assertFalse(rest.texts().isEmpty());
    }
}
