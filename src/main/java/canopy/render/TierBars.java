package canopy.render;

/**
 * Draws the tiers of switches that stand as one bar in the zoomed-out overview: a bar in the
 * switches' colours as tall as a readable label, from the first switch of the row to the last, with
 * its name ("64 leaves") on it. Bundles meet the bar straight across from where they come.
 */
final class TierBars {
    /** The bar's height on screen, whatever the zoom: room for its name. */
    static final double HEIGHT_PX = 16;
    private static final TextStyle NAME = new TextStyle(11, true, TextStyle.HAlign.CENTER, TextStyle.VAlign.CENTER);

    private TierBars() {
    }

    static void paint(DiagramGraphics g, DiagramScene s, Viewport v, Rect view) {
        DiagramStyle st = s.style();
        g.setLineDash(null);
        g.setLineWidth(1.5);
        for (DiagramScene.TierBar bar : s.tiers()) {
            double[] r = screenBox(bar, v);
            if (!view.intersects(bar.minX(), bar.y(), bar.maxX(), bar.y())) {
                continue;
            }
            g.setFill(st.switchFill());
            g.fillRoundRect(r[0], r[1], r[2], r[3], 4);
            g.setStroke(st.switchStroke());
            g.strokeRoundRect(r[0], r[1], r[2], r[3], 4);
        }
    }

    /** The names, drawn with the text (after everything the raster draws). */
    static void paintNames(DiagramGraphics g, DiagramScene s, Viewport v, Rect view) {
        DiagramStyle st = s.style();
        for (DiagramScene.TierBar bar : s.tiers()) {
            if (!view.intersects(bar.minX(), bar.y(), bar.maxX(), bar.y())) {
                continue;
            }
            double x = Math.max(0, v.toScreenX(bar.minX())) / 2 + Math.min(v.width(), v.toScreenX(bar.maxX())) / 2;
            g.text(bar.name(), x, v.toScreenY(bar.y()), NAME, st.label(), st.halo(), 3);
        }
    }

    /** x, y, width, height of the bar on screen. */
    static double[] screenBox(DiagramScene.TierBar bar, Viewport v) {
        double half = HEIGHT_PX / 2;
        double x0 = v.toScreenX(bar.minX()) - half;
        double x1 = v.toScreenX(bar.maxX()) + half;
        return new double[] {x0, v.toScreenY(bar.y()) - half, x1 - x0, HEIGHT_PX};
    }
}
