package canopy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The raster's shapes cover the area they should, antialiased, and bands draw what one pass draws. */
class PixelRasterTest {
    private static final int OPAQUE_BLACK = 0xff000000;

    private static PixelRaster blank(int w, int h) {
        PixelRaster r = new PixelRaster();
        r.resize(w, h);
        r.clear(0);
        r.setColour(OPAQUE_BLACK);
        return r;
    }

    /** Total coverage in pixels: the sum of alpha / 255 over a raster cleared to transparent. */
    private static double area(PixelRaster r) {
        double sum = 0;
        for (int i = 0; i < r.width() * r.height(); i++) {
            sum += (r.pixels()[i] >>> 24) / 255.0;
        }
        return sum;
    }

    private static int alpha(PixelRaster r, int x, int y) {
        return r.pixel(x, y) >>> 24;
    }

    @Test
    void aWholePixelRectangleCoversExactlyItsPixels() {
        PixelRaster r = blank(20, 20);
        r.fillRect(3, 4, 5, 6);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                boolean inside = x >= 3 && x < 8 && y >= 4 && y < 10;
                assertEquals(inside ? OPAQUE_BLACK : 0, r.pixel(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void aFractionalEdgeCoversItsPixelInProportion() {
        PixelRaster r = blank(10, 10);
        r.fillRect(2.5, 2, 3, 1);
        assertEquals(128, alpha(r, 2, 2), 2);
        assertEquals(255, alpha(r, 3, 2));
        assertEquals(128, alpha(r, 5, 2), 2);
        assertEquals(3.0, area(r), 0.02);
    }

    @Test
    void circlesCoverTheirArea() {
        for (double radius : new double[] {1.5, 3, 10.5, 40}) {
            PixelRaster r = blank(100, 100);
            r.fillCircle(50.3, 49.8, radius);
            double expected = Math.PI * radius * radius;
            // The distance estimate is a little generous on a circle as small as a node at its smallest.
            double tolerance = radius < 3 ? 0.05 : 0.015;
            assertEquals(expected, area(r), tolerance * expected, "radius " + radius);
        }
    }

    @Test
    void segmentsCoverLengthTimesWidthAtEveryAngle() {
        for (double degrees : new double[] {0, 13, 30, 45, 60, 90, 135, 200}) {
            for (double width : new double[] {0.5, 1.2, 3, 7.5}) {
                PixelRaster r = blank(120, 120);
                double a = Math.toRadians(degrees);
                double len = 40;
                double ax = 60 - Math.cos(a) * len / 2;
                double ay = 60 - Math.sin(a) * len / 2;
                r.strokeSegment(ax, ay, ax + Math.cos(a) * len, ay + Math.sin(a) * len, width, false, false);
                double expected = len * width;
                assertEquals(expected, area(r), 0.04 * expected + 0.5, degrees + "° width " + width);
            }
        }
    }

    @Test
    void buttEndsStopAtTheEndPointAndRoundEndsReachBeyond() {
        PixelRaster butt = blank(40, 20);
        butt.strokeSegment(10, 10, 30, 10, 4, false, false);
        assertEquals(0, alpha(butt, 9, 10));
        assertEquals(0, alpha(butt, 31, 10));
        assertEquals(255, alpha(butt, 10, 10));
        PixelRaster round = blank(40, 20);
        round.strokeSegment(10, 10, 30, 10, 4, true, true);
        assertEquals(255, alpha(round, 9, 10));
        assertEquals(20 * 4 + Math.PI * 4, area(round), 1.5);
    }

    @Test
    void roundedRectanglesRingsAndTrianglesCoverTheirArea() {
        PixelRaster rr = blank(200, 200);
        rr.fillRoundRect(20.5, 30.25, 150, 90, 12);
        assertEquals(150 * 90 - (4 - Math.PI) * 144, area(rr), 2);

        PixelRaster ring = blank(100, 100);
        ring.strokeCircle(50, 50, 20, 2.5);
        assertEquals(2 * Math.PI * 20 * 2.5, area(ring), 0.02 * 2 * Math.PI * 20 * 2.5);

        PixelRaster tri = blank(100, 100);
        tri.fillConvexPolygon(new double[] {10, 10, 90, 20, 30, 80}, 3);
        double expected = Math.abs((90 - 10) * (80 - 10) - (30 - 10) * (20 - 10)) / 2.0;
        assertEquals(expected, area(tri), 0.02 * expected);
        // Either winding.
        PixelRaster back = blank(100, 100);
        back.fillConvexPolygon(new double[] {30, 80, 90, 20, 10, 10}, 3);
        assertArrayEquals(Arrays.copyOf(tri.pixels(), 10000), Arrays.copyOf(back.pixels(), 10000));
    }

    @Test
    void anOpaqueColourCoversWhatIsBelowAndHalfCoverageBlendsHalfway() {
        PixelRaster r = new PixelRaster();
        r.resize(4, 1);
        r.clear(0xffffffff);
        r.setColour(0xff204080);
        r.fillRect(0, 0, 1, 1);
        r.fillRect(1, 0, 0.5, 1);
        assertEquals(0xff204080, r.pixel(0, 0));
        int half = r.pixel(1, 0);
        assertEquals(255, half >>> 24);
        assertEquals((0x20 + 0xff) / 2.0, (half >> 16) & 255, 2);
        assertEquals((0x40 + 0xff) / 2.0, (half >> 8) & 255, 2);
        assertEquals((0x80 + 0xff) / 2.0, half & 255, 2);
        assertEquals(0xffffffff, r.pixel(3, 0));
    }

    @Test
    void aTranslucentUnionAppliesItsColourOnceWhereShapesOverlap() {
        int translucent = 0x80ff0000;
        PixelRaster union = blank(60, 30);
        union.setColour(translucent);
        union.beginUnion();
        union.fillCircle(20, 15, 10);
        union.fillCircle(30, 15, 10);
        union.endUnion();
        PixelRaster separate = blank(60, 30);
        separate.setColour(translucent);
        separate.fillCircle(20, 15, 10);
        separate.fillCircle(30, 15, 10);

        assertEquals(alpha(union, 15, 15), alpha(union, 25, 15), "the overlap is no darker");
        assertTrue(alpha(separate, 25, 15) > alpha(separate, 15, 15) + 40, "without a union it is");
    }

    @Test
    void drawingInBandsOnSeveralThreadsGivesTheSamePixelsAsOnePass() {
        Random rnd = new Random(7);
        RasterDisplayList list = new RasterDisplayList();
        list.clear(0xfff8f9fb);
        for (int i = 0; i < 400; i++) {
            list.setColour(rnd.nextInt(4) == 0 ? 0x60000000 | rnd.nextInt(0xffffff) : 0xff000000 | rnd.nextInt());
            double x = rnd.nextDouble() * 300;
            double y = rnd.nextDouble() * 300;
            switch (rnd.nextInt(6)) {
                case 0 -> list.fillCircle(x, y, 1 + rnd.nextDouble() * 30);
                case 1 -> list.strokeSegment(x, y, rnd.nextDouble() * 300, rnd.nextDouble() * 300,
                        0.3 + rnd.nextDouble() * 6, rnd.nextBoolean(), rnd.nextBoolean());
                case 2 -> list.fillRoundRect(x, y, rnd.nextDouble() * 90, rnd.nextDouble() * 150, rnd.nextDouble() * 12);
                case 3 -> list.strokeCircle(x, y, 2 + rnd.nextDouble() * 20, 0.5 + rnd.nextDouble() * 3);
                case 4 -> list.fillConvexPolygon(new double[] {x, y, x + 30, y + 5, x + 8, y + 70}, 3);
                default -> {
                    list.beginUnion();
                    list.fillCircle(x, y, 12);
                    list.fillCircle(x + 10, y + 60, 12);
                    list.endUnion();
                }
            }
        }
        PixelRaster one = new PixelRaster();
        one.resize(300, 300);
        new BandRasterizer(0).draw(list, one);
        PixelRaster banded = new PixelRaster();
        banded.resize(300, 300);
        BandRasterizer threads = new BandRasterizer(3);
        for (int run = 0; run < 5; run++) {
            threads.draw(list, banded);
            assertArrayEquals(Arrays.copyOf(one.pixels(), 90000), Arrays.copyOf(banded.pixels(), 90000), "run " + run);
        }
    }

    @Test
    void shapesOutsideTheImageAreClipped() {
        PixelRaster r = blank(10, 10);
        r.fillCircle(-50, 5, 20);
        r.strokeSegment(-100, -100, 200, 300, 3, true, true);
        r.fillRoundRect(-30, -30, 100, 100, 5);
        r.fillRect(8, 8, 100, 100);
        r.fillConvexPolygon(new double[] {-20, -20, 40, -20, -20, 40}, 3);
        assertEquals(OPAQUE_BLACK, r.pixel(9, 9));
    }
}
