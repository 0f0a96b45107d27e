package canopy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Paths are filled when the raster can (circles, rounded boxes, convex polygons), stroked always. */
class RasterPathTest {
    private static PixelRaster blank(int w, int h) {
        PixelRaster r = new PixelRaster();
        r.resize(w, h);
        r.clear(0);
        return r;
    }

    @Test
    void circlesBoxesAndConvexPolygonsAreFillableButNotConcaveOnesOrCurves() {
        RasterPath p = new RasterPath();
        p.addCircle(10, 10, 5);
        p.addRoundRect(0, 0, 10, 10, 2);
        p.moveTo(0, 0);
        p.lineTo(10, 0);
        p.lineTo(5, 8);
        p.closePath();
        assertTrue(p.fillable());

        p.reset();
        p.moveTo(0, 0);
        p.lineTo(10, 0);
        p.lineTo(5, 3);
        p.lineTo(10, 10);
        p.lineTo(0, 10);
        p.closePath();
        assertFalse(p.fillable(), "concave");

        p.reset();
        p.moveTo(0, 0);
        p.quadTo(5, 10, 10, 0);
        p.closePath();
        assertFalse(p.fillable(), "curved outline");
    }

    @Test
    void aStrokedCurveFollowsTheQuadratic() {
        RasterPath p = new RasterPath();
        p.moveTo(10, 90);
        p.quadTo(100, -60, 190, 90);
        PixelRaster r = blank(200, 100);
        p.stroke(r, 0xff000000, 2, null, 1);
        for (double t = 0.05; t < 1; t += 0.05) {
            double u = 1 - t;
            double x = u * u * 10 + 2 * u * t * 100 + t * t * 190;
            double y = u * u * 90 + 2 * u * t * -60 + t * t * 90;
            assertTrue((r.pixel((int) x, (int) y) >>> 24) > 100, "on the curve at t = " + t);
        }
        assertEquals(0, r.pixel(100, 80), "nothing under the arch");
    }

    @Test
    void aDashedLineAlternatesOnAndOff() {
        RasterPath p = new RasterPath();
        p.moveTo(0, 5);
        p.lineTo(40, 5);
        PixelRaster r = blank(40, 10);
        p.stroke(r, 0xff000000, 2, new double[] {4, 4}, 1);
        for (int x = 0; x < 40; x++) {
            boolean on = (x / 4) % 2 == 0;
            assertEquals(on ? 255 : 0, r.pixel(x, 5) >>> 24, "x = " + x);
        }
    }

    @Test
    void aStrokedRoundRectangleIsItsOutlineOnly() {
        RasterPath p = new RasterPath();
        p.addRoundRect(10, 10, 80, 40, 6);
        PixelRaster r = blank(100, 60);
        p.stroke(r, 0xff000000, 1, null, 1);
        assertEquals(0, r.pixel(50, 30), "hollow");
        assertTrue((r.pixel(50, 10) >>> 24) > 100, "top edge");
        assertTrue((r.pixel(10, 30) >>> 24) > 100, "left edge");
        double perimeter = 2 * (80 + 40) - 8 * 6 + 2 * Math.PI * 6;
        double area = 0;
        for (int i = 0; i < 6000; i++) {
            area += (r.pixels()[i] >>> 24) / 255.0;
        }
        assertEquals(perimeter, area, 0.04 * perimeter);
    }

    @Test
    void replayGivesTheToolkitTheSamePath() {
        RasterPath p = new RasterPath();
        p.moveTo(1, 2);
        p.lineTo(3, 4);
        p.quadTo(5, 6, 7, 8);
        p.addCircle(9, 10, 11);
        RecordingGraphics g = new RecordingGraphics();
        g.beginPath();
        p.replay(g);
        g.setStroke(Rgba.web("#000000"));
        g.strokePath();
        var subs = g.ops.get(0).subs();
        assertEquals(2, subs.size());
        assertEquals("quad", subs.get(0).kind());
        assertEquals(7, subs.get(0).points().get(2)[0]);
        assertEquals("circle", subs.get(1).kind());
    }
}
