package canopy.render;

/**
 * A {@link DiagramGraphics} that records the path the painter builds (beginPath, moveTo … addRoundRect)
 * in a {@link RasterPath} and draws it only at fillPath or strokePath: the screen's raster fills it
 * itself ({@link SplitGraphics}), the PNG export replays it into a java.awt path. Why: building a path is
 * the same for both, so it is written once here rather than forwarded call by call in each.
 */
public abstract class PathRecordingGraphics implements DiagramGraphics {
    /** The path since the last beginPath. */
    protected final RasterPath path = new RasterPath();

    @Override
    public void beginPath() {
        path.reset();
    }

    @Override
    public void moveTo(double x, double y) {
        path.moveTo(x, y);
    }

    @Override
    public void lineTo(double x, double y) {
        path.lineTo(x, y);
    }

    @Override
    public void quadTo(double cx, double cy, double x, double y) {
        path.quadTo(cx, cy, x, y);
    }

    @Override
    public void closePath() {
        path.closePath();
    }

    @Override
    public void addCircle(double cx, double cy, double r) {
        path.addCircle(cx, cy, r);
    }

    @Override
    public void addRoundRect(double x, double y, double w, double h, double arc) {
        path.addRoundRect(x, y, w, h, arc);
    }
}
