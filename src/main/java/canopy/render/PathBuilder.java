package canopy.render;

/**
 * The calls that build a path: the painter makes them on a {@link DiagramGraphics}, a {@link RasterPath}
 * records them, and a recorded path is replayed through them into another back-end.
 */
public interface PathBuilder {
    void moveTo(double x, double y);

    void lineTo(double x, double y);

    void quadTo(double cx, double cy, double x, double y);

    void closePath();

    /** Adds a whole circle to the current path as a closed sub-path. */
    void addCircle(double cx, double cy, double r);

    /** Adds a rounded rectangle (corner radius arc) to the current path as a closed sub-path. */
    void addRoundRect(double x, double y, double w, double h, double arc);
}
