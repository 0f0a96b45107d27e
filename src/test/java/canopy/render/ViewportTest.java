package canopy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ViewportTest {
    @Test
    void worldAndScreenRoundTrip() {
        Viewport v = new Viewport(2.5, 30, -40, 800, 600);
        assertEquals(2.5 * 10 + 30, v.toScreenX(10), 1e-9);
        assertEquals(2.5 * 20 - 40, v.toScreenY(20), 1e-9);
        assertEquals(10, v.toWorldX(v.toScreenX(10)), 1e-9);
        assertEquals(-7, v.toWorldY(v.toScreenY(-7)), 1e-9);
    }

    @Test
    void zoomKeepsThePointUnderTheCursor() {
        Viewport v = new Viewport(1, 10, 20, 800, 600);
        double wx = v.toWorldX(300);
        double wy = v.toWorldY(200);
        Viewport z = v.zoomedAround(300, 200, 1.7);
        assertEquals(1.7, z.scale(), 1e-12);
        assertEquals(wx, z.toWorldX(300), 1e-9);
        assertEquals(wy, z.toWorldY(200), 1e-9);
    }

    @Test
    void zoomIsClamped() {
        Viewport v = Viewport.identity(100, 100);
        assertEquals(Viewport.MAX_SCALE, v.zoomed(1e6).scale());
        assertEquals(Viewport.MIN_SCALE, v.zoomed(1e-6).scale());
    }

    @Test
    void fitShowsTheWholeRectangleCentredWithTheMargin() {
        Rect r = new Rect(-100, 50, 1500, 1050);
        Viewport v = Viewport.fit(r, 800, 600, 40);
        Rect seen = v.visibleWorld();
        assertTrue(seen.minX() <= r.minX() && seen.maxX() >= r.maxX(), seen.toString());
        assertTrue(seen.minY() <= r.minY() && seen.maxY() >= r.maxY(), seen.toString());
        assertEquals(400, v.toScreenX(r.centerX()), 1e-9);
        assertEquals(300, v.toScreenY(r.centerY()), 1e-9);
        // The tighter axis has exactly the margin.
        assertEquals(40, v.toScreenX(r.minX()), 1e-9);
    }

    @Test
    void fitOfAPointDoesNotBlowUp() {
        Viewport v = Viewport.fit(new Rect(5, 5, 5, 5), 800, 600, 40);
        assertEquals(1, v.scale());
        assertEquals(400, v.toScreenX(5), 1e-9);
    }

    @Test
    void panMovesContentWithTheMouseAndCentreOnCentres() {
        Viewport v = new Viewport(2, 0, 0, 800, 600).pannedBy(15, -5);
        assertEquals(15, v.toScreenX(0), 1e-9);
        assertEquals(-5, v.toScreenY(0), 1e-9);
        Viewport c = v.centredOn(100, 100);
        assertEquals(400, c.toScreenX(100), 1e-9);
        assertEquals(300, c.toScreenY(100), 1e-9);
    }

    @Test
    void snapsToTheGrid() {
        assertEquals(20, Grid.snap(11));
        assertEquals(0, Grid.snap(9.9));
        assertEquals(-20, Grid.snap(-10.1));
        assertEquals(0.0, Grid.snap(-3)); // no negative zero
        assertEquals(7.3, Grid.snap(7.3, 0));
        assertEquals(100, Grid.snap(96, 25));
    }
}
