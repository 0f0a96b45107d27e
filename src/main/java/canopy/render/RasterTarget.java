package canopy.render;

/**
 * The shapes a {@link PixelRaster} draws, in device pixels: implemented by the raster itself and by
 * {@link RasterDisplayList}, which records them so that several threads can draw a frame in bands.
 */
public interface RasterTarget {
    /** Every pixel becomes argb (straight alpha). */
    void clear(int argb);

    /** The colour of the shapes that follow (straight ARGB). */
    void setColour(int argb);

    /** Until {@link #endUnion()}, overlapping shapes of a translucent colour apply it once. */
    void beginUnion();

    void endUnion();

    void fillRect(double x, double y, double w, double h);

    void fillCircle(double cx, double cy, double r);

    void strokeCircle(double cx, double cy, double r, double lineWidth);

    /** A rounded rectangle with corner radius arc. */
    void fillRoundRect(double x, double y, double w, double h, double arc);

    /** A straight stroke; round ends reach lineWidth / 2 beyond their point, butt ends stop at it. */
    void strokeSegment(double ax, double ay, double bx, double by, double lineWidth, boolean roundA, boolean roundB);

    /** A convex polygon of n points (xy: x0, y0, x1, y1, …). */
    void fillConvexPolygon(double[] xy, int n);
}
