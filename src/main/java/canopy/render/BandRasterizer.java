package canopy.render;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Draws a {@link RasterDisplayList} into a {@link PixelRaster} in bands of rows, the calling thread and
 * helper threads taking bands in turn. Why: a large diagram's shapes cost several milliseconds of one
 * core, and the screen's render thread is idle while the frame is being drawn; a band's pixels also
 * stay in its core's cache.
 */
public final class BandRasterizer {
    /** Rows a band: 64 rows of a 1600-pixel-wide frame are 400 KB, which a core's cache holds. */
    static final int BAND_ROWS = 64;

    private static BandRasterizer shared;

    private final int helpers;
    private final ExecutorService pool;

    /** Draws with the calling thread and helpers more threads. */
    public BandRasterizer(int helpers) {
        this.helpers = Math.max(0, helpers);
        if (this.helpers == 0) {
            pool = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            pool = Executors.newFixedThreadPool(this.helpers, r -> {
                Thread t = new Thread(r, "canopy-raster-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** One for the whole application: a helper per further core, at most three. */
    public static synchronized BandRasterizer shared() {
        if (shared == null) {
            shared = new BandRasterizer(Math.min(3, Runtime.getRuntime().availableProcessors() - 1));
        }
        return shared;
    }

    /** Draws list into raster; returns when every band is done. */
    public void draw(RasterDisplayList list, PixelRaster raster) {
        int bands = (raster.height() + BAND_ROWS - 1) / BAND_ROWS;
        if (bands <= 1 || pool == null) {
            list.replay(raster);
            return;
        }
        PixelRaster[] views = new PixelRaster[bands];
        for (int b = 0; b < bands; b++) {
            views[b] = raster.band(b * BAND_ROWS, (b + 1) * BAND_ROWS);
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(bands);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable work = () -> {
            int b;
            while ((b = next.getAndIncrement()) < bands) {
                try {
                    list.replay(views[b]);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }
        };
        for (int i = 0; i < helpers; i++) {
            pool.execute(work);
        }
        work.run();
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
