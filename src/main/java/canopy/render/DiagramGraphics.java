package canopy.render;

/**
 * The few drawing operations the diagram needs, in screen (output) coordinates: the painter maps
 * world to screen itself through a {@link Viewport}, so line widths and text sizes are exact pixels
 * on every back-end (JavaFX canvas, SVG, PDF). State (colours, width, dash, clip) follows the
 * canvas model: set it, then draw; {@link #save()} / {@link #restore()} bracket changes to the clip.
 *
 * <p>Paths batch many segments or shapes drawn in the same colour and width into one operation,
 * which is far cheaper on a software rasteriser than one call each.
 */
public interface DiagramGraphics extends PathBuilder {
    void save();

    void restore();

    /** Intersects the clip with this rectangle (until the matching restore). */
    void clipRect(double x, double y, double w, double h);

    void setFill(Rgba colour);

    void setStroke(Rgba colour);

    void setLineWidth(double width);

    /** Dash lengths in pixels, or null for a solid line. */
    void setLineDash(double[] dash);

    void fillRect(double x, double y, double w, double h);

    void strokeLine(double x1, double y1, double x2, double y2);

    void fillCircle(double cx, double cy, double r);

    void strokeCircle(double cx, double cy, double r);

    /** arc is the corner radius. */
    void fillRoundRect(double x, double y, double w, double h, double arc);

    void strokeRoundRect(double x, double y, double w, double h, double arc);

    /**
     * Fills a closed polygon of n points (xy holds x0, y0, x1, y1, …) as a path of its own: every back-end
     * fills it as it fills paths, so none traces polygons itself. Fewer than two points draw nothing.
     */
    default void fillPolygon(double[] xy, int n) {
        if (n < 2) {
            return;
        }
        beginPath();
        moveTo(xy[0], xy[1]);
        for (int i = 1; i < n; i++) {
            lineTo(xy[2 * i], xy[2 * i + 1]);
        }
        closePath();
        fillPath();
    }

    /** Starts a new path (the {@link PathBuilder} calls add to it). */
    void beginPath();

    void fillPath();

    void strokePath();

    /**
     * Draws text at (x, y) aligned as style says, in fill; when halo is not null, first outlines it
     * haloWidth pixels wide in halo so that it stays readable over lines.
     */
    void text(String text, double x, double y, TextStyle style, Rgba fill, Rgba halo, double haloWidth);
}
