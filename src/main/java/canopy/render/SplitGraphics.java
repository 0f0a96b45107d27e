package canopy.render;

/**
 * The screen's graphics for one frame in two parts: what the painter draws before the first thing a
 * {@link PixelRaster} cannot draw (text, clips, a concave fill) goes into the raster; then the raster
 * is presented underneath and everything after goes to the toolkit's graphics. The painter draws the
 * base (background, grid, group boxes, links, nodes) first and text last, so on the screen the
 * toolkit usually draws only the labels.
 *
 * <p>Why: the toolkit's software rasteriser (JavaFX's, with software rendering) costs about 3 µs an
 * antialiased line and 5 µs a node; the raster draws the same in a fraction of that, on the FX
 * thread, while the render thread presents the previous frame.
 */
public final class SplitGraphics extends PathRecordingGraphics {
    /** Puts the finished raster on the output, under everything drawn after it. */
    public interface Presenter {
        void present(PixelRaster raster);
    }

    private final PixelRaster raster = new PixelRaster();
    /** The frame's raster shapes, drawn into the raster in bands by several threads when presented. */
    private final RasterDisplayList list = new RasterDisplayList();
    private final BandRasterizer rasterizer;
    private final DiagramGraphics rest;
    private final Presenter presenter;
    private boolean open;
    private double scale = 1;
    private int fill = 0xff000000;
    private int stroke = 0xff000000;
    private double lineWidth = 1;
    private double[] dash;
    private long rasterFrames;
    private long splitFrames;

    /** rest: the toolkit's graphics for what the raster cannot draw; presenter: shows the raster. */
    public SplitGraphics(DiagramGraphics rest, Presenter presenter) {
        this(rest, presenter, BandRasterizer.shared());
    }

    public SplitGraphics(DiagramGraphics rest, Presenter presenter, BandRasterizer rasterizer) {
        this.rest = rest;
        this.presenter = presenter;
        this.rasterizer = rasterizer;
    }

    /**
     * Starts a frame of pixelWidth × pixelHeight device pixels; the painter's coordinates are × scale
     * device pixels (the screen's output scale).
     */
    public void begin(int pixelWidth, int pixelHeight, double scale) {
        raster.resize(Math.max(0, pixelWidth), Math.max(0, pixelHeight));
        list.reset();
        list.clear(0);
        this.scale = scale;
        open = true;
        path.reset();
    }

    /** Ends the frame: presents the raster if nothing has yet. */
    public void end() {
        if (open) {
            rasterFrames++;
            present();
        } else {
            splitFrames++;
        }
    }

    /** Whether drawing still goes into the raster. */
    public boolean isRasterOpen() {
        return open;
    }

    /** Frames drawn wholly in the raster, and frames where the toolkit drew the rest (tests, bench). */
    public long rasterOnlyFrames() {
        return rasterFrames;
    }

    public long splitFrames() {
        return splitFrames;
    }

    private void present() {
        open = false;
        rasterizer.draw(list, raster);
        presenter.present(raster);
    }

    // ---------------------------------------------------------------- state: kept here and in rest

    @Override
    public void save() {
        if (open) {
            present();
        }
        rest.save();
    }

    @Override
    public void restore() {
        if (open) {
            present();
        }
        rest.restore();
    }

    @Override
    public void clipRect(double x, double y, double w, double h) {
        if (open) {
            present();
        }
        rest.clipRect(x, y, w, h);
    }

    @Override
    public void setFill(Rgba colour) {
        fill = colour.argb();
        rest.setFill(colour);
    }

    @Override
    public void setStroke(Rgba colour) {
        stroke = colour.argb();
        rest.setStroke(colour);
    }

    @Override
    public void setLineWidth(double width) {
        lineWidth = width;
        rest.setLineWidth(width);
    }

    @Override
    public void setLineDash(double[] d) {
        dash = d;
        rest.setLineDash(d);
    }

    // ---------------------------------------------------------------- shapes

    @Override
    public void fillRect(double x, double y, double w, double h) {
        if (open) {
            list.setColour(fill);
            list.fillRect(x * scale, y * scale, w * scale, h * scale);
        } else {
            rest.fillRect(x, y, w, h);
        }
    }

    @Override
    public void strokeLine(double x1, double y1, double x2, double y2) {
        if (open && dash == null) {
            list.setColour(stroke);
            list.strokeSegment(x1 * scale, y1 * scale, x2 * scale, y2 * scale, lineWidth * scale, false, false);
            return;
        }
        if (open) {
            present();
        }
        rest.strokeLine(x1, y1, x2, y2);
    }

    @Override
    public void fillCircle(double cx, double cy, double r) {
        if (open) {
            list.setColour(fill);
            list.fillCircle(cx * scale, cy * scale, r * scale);
        } else {
            rest.fillCircle(cx, cy, r);
        }
    }

    @Override
    public void strokeCircle(double cx, double cy, double r) {
        if (open && dash == null) {
            list.setColour(stroke);
            list.strokeCircle(cx * scale, cy * scale, r * scale, lineWidth * scale);
            return;
        }
        if (open) {
            present();
        }
        rest.strokeCircle(cx, cy, r);
    }

    @Override
    public void fillRoundRect(double x, double y, double w, double h, double arc) {
        if (open) {
            list.setColour(fill);
            list.fillRoundRect(x * scale, y * scale, w * scale, h * scale, arc * scale);
        } else {
            rest.fillRoundRect(x, y, w, h, arc);
        }
    }

    @Override
    public void strokeRoundRect(double x, double y, double w, double h, double arc) {
        if (open) {
            path.reset();
            path.addRoundRect(x, y, w, h, arc);
            path.stroke(list, stroke, lineWidth, dash, scale);
            path.reset();
        } else {
            rest.strokeRoundRect(x, y, w, h, arc);
        }
    }

    // ---------------------------------------------------------------- paths: recorded (PathRecordingGraphics), then drawn

    @Override
    public void fillPath() {
        if (open && path.fillable()) {
            path.fill(list, fill, scale);
            return;
        }
        toRest();
        rest.fillPath();
    }

    @Override
    public void strokePath() {
        if (open) {
            path.stroke(list, stroke, lineWidth, dash, scale);
            return;
        }
        toRest();
        rest.strokePath();
    }

    /** Ends the raster part (if still open) and hands the recorded path to rest. */
    private void toRest() {
        if (open) {
            present();
        }
        rest.beginPath();
        path.replay(rest);
    }

    @Override
    public void text(String text, double x, double y, TextStyle style, Rgba fillColour, Rgba halo, double haloWidth) {
        if (open) {
            present();
        }
        rest.text(text, x, y, style, fillColour, halo, haloWidth);
    }
}
