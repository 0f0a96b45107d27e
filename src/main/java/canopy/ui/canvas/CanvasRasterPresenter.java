package canopy.ui.canvas;

import canopy.render.PixelRaster;
import canopy.render.SplitGraphics;
import java.nio.IntBuffer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * Shows a {@link PixelRaster} on a canvas: the raster's pixels go into an image backed by a
 * {@link PixelBuffer} in the raster's own format (premultiplied ARGB ints, so no conversion), which is
 * drawn over the cleared canvas at one image pixel per device pixel.
 *
 * <p>Three images take turns: the render thread reads an image while the FX thread paints the next
 * pulse, so the image being written is never the one last presented, even with two repaints in a
 * pulse.
 */
final class CanvasRasterPresenter implements SplitGraphics.Presenter {
    private static final int IMAGES = 3;

    private final Canvas canvas;
    @SuppressWarnings("unchecked")
    private final PixelBuffer<IntBuffer>[] buffers = new PixelBuffer[IMAGES];
    private final WritableImage[] images = new WritableImage[IMAGES];
    private int next;
    private int width;
    private int height;

    CanvasRasterPresenter(Canvas canvas) {
        this.canvas = canvas;
    }

    /** Starts a frame of g at the canvas's size in device pixels (twice its size on a HiDPI screen). */
    void beginFrame(SplitGraphics g) {
        var window = canvas.getScene() == null ? null : canvas.getScene().getWindow();
        double scale = window == null ? 1 : Math.max(1, window.getRenderScaleX());
        g.begin((int) Math.ceil(canvas.getWidth() * scale), (int) Math.ceil(canvas.getHeight() * scale), scale);
    }

    @Override
    public void present(PixelRaster raster) {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        int w = raster.width();
        int h = raster.height();
        if (w == 0 || h == 0) {
            return;
        }
        if (w != width || h != height) {
            width = w;
            height = h;
            for (int i = 0; i < IMAGES; i++) {
                buffers[i] = new PixelBuffer<>(w, h, IntBuffer.allocate(w * h), PixelFormat.getIntArgbPreInstance());
                images[i] = new WritableImage(buffers[i]);
            }
        }
        int k = next;
        next = (next + 1) % IMAGES;
        IntBuffer target = buffers[k].getBuffer();
        buffers[k].updateBuffer(pb -> {
            target.clear();
            target.put(raster.pixels(), 0, w * h);
            target.rewind();
            return null;
        });
        gc.drawImage(images[k], 0, 0, canvas.getWidth(), canvas.getHeight());
    }
}
