package canopy.ui.canvas;

import javafx.scene.input.MouseEvent;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import canopy.render.Viewport;
import canopy.ui.document.DesignDocument;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * Frame times of {@link DiagramCanvas} while panning and zooming through a scripted path over a
 * large topology (behind {@code canopy bench-ui}). Pulses run at full speed
 * ({@code javafx.animation.fullspeed}), so the time between two pulses is what one frame costs:
 * painting on the FX thread plus rasterising and presenting on the render thread.
 *
 * <p>Two runs: every frame repaints the static layer at a new viewport ("full redraw"), and every
 * frame changes only the interaction layer over the cached static layer ("cached").
 */
public final class CanvasBench {
    private CanvasBench() {
    }

    /**
     * The figures of one run, in milliseconds; staticRepaints counts the static layer's repaints during the
     * frames (the cached run must have none, or it did not measure the cached path).
     */
    public record Result(double median, double p95, double paintMedian, double fxCpu, double rasterCpu, double renderCpu,
                         int frames, long staticRepaints) {
    }

    /** CPU time so far of the FX thread ([0]), the render threads ([1]) and the raster helpers ([2]), ns. */
    private static long[] cpuTimes() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long fx = 0;
        long render = 0;
        long raster = 0;
        for (Thread th : Thread.getAllStackTraces().keySet()) {
            long cpu = mx.getThreadCpuTime(th.getId());
            if (cpu < 0) {
                continue;
            }
            if (th.getName().startsWith("JavaFX Application Thread")) {
                fx += cpu;
            } else if (th.getName().startsWith("QuantumRenderer")) {
                render += cpu;
            } else if (th.getName().startsWith("canopy-raster")) {
                raster += cpu;
            }
        }
        return new long[] {fx, render, raster};
    }

    /**
     * A deterministic 1,000-node, 4,000-link cluster in a 1600 × 1000 world: 40 groups of 25 nodes (a
     * switch in the middle of each 5 × 5 block), grid neighbour links inside and between groups,
     * diagonal links, and longer random links; a tenth of the links one-way (each with a partner the
     * other way so switches stay balanced), bandwidths 25 to 300.
     */
    public static Topology generate(int nodeTarget, int linkTarget, long seed) {
        Random rnd = new Random(seed);
        int blocksX = 8;
        int blocksY = 5;
        int side = 5;
        double block = 200;
        double spacing = 32;
        List<Node> nodes = new ArrayList<>();
        String[][] grid = new String[blocksY * side][blocksX * side];
        for (int by = 0; by < blocksY; by++) {
            for (int bx = 0; bx < blocksX; bx++) {
                String group = "g" + (by * blocksX + bx);
                for (int j = 0; j < side; j++) {
                    for (int i = 0; i < side; i++) {
                        if (nodes.size() >= nodeTarget) {
                            continue;
                        }
                        boolean sw = i == side / 2 && j == side / 2;
                        String id = (sw ? "sw" : "n") + nodes.size();
                        double x = bx * block + 36 + i * spacing + rnd.nextGaussian() * 2;
                        double y = by * block + 36 + j * spacing + rnd.nextGaussian() * 2;
                        nodes.add(new Node(id, sw ? NodeKind.SWITCH : NodeKind.ACCELERATOR, null, x, y, group));
                        grid[by * side + j][bx * side + i] = id;
                    }
                }
            }
        }
        List<Link> links = new ArrayList<>();
        Set<String> pairs = new HashSet<>();
        int rows = grid.length;
        int cols = grid[0].length;
        Rational[] bws = {Rational.of(300), Rational.of(100), Rational.of(50), Rational.of(25)};
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int[][] steps = {{0, 1}, {1, 0}, {1, 1}, {1, -1}};
                for (int[] s : steps) {
                    int r2 = r + s[0];
                    int c2 = c + s[1];
                    if (r2 < rows && c2 >= 0 && c2 < cols && links.size() < linkTarget) {
                        boolean sameBlock = r / side == r2 / side && c / side == c2 / side;
                        addLink(links, pairs, rnd, grid[r][c], grid[r2][c2], sameBlock ? bws[0] : bws[1 + rnd.nextInt(2)]);
                    }
                }
            }
        }
        while (links.size() < linkTarget) {
            int r = rnd.nextInt(rows);
            int c = rnd.nextInt(cols);
            int r2 = Math.max(0, Math.min(rows - 1, r + rnd.nextInt(13) - 6));
            int c2 = Math.max(0, Math.min(cols - 1, c + rnd.nextInt(13) - 6));
            if (r != r2 || c != c2) {
                addLink(links, pairs, rnd, grid[r][c], grid[r2][c2], bws[3]);
            }
        }
        return new Topology(nodes.size() + "-node bench cluster", "GB/s", nodes, links);
    }

    private static void addLink(List<Link> links, Set<String> pairs, Random rnd, String a, String b, Rational bw) {
        if (a == null || b == null || !pairs.add(a + "|" + b) || !pairs.add(b + "|" + a)) {
            return;
        }
        if (rnd.nextInt(20) == 0) {
            // Opposite one-way links (drawn offset, with arrowheads).
            links.add(Link.oneWay(a, b, bw));
            links.add(Link.oneWay(b, a, bw));
        } else {
            links.add(Link.duplex(a, b, bw));
        }
    }

    /** The scripted viewport of frame i of n: a Lissajous pan while zooming between 0.8× and 3× fit. */
    static Viewport script(Viewport fit, int i, int n) {
        double t = (double) i / Math.max(1, n - 1);
        double zoom = 0.8 + 2.2 * (0.5 - 0.5 * Math.cos(2 * Math.PI * t));
        var world = fit.visibleWorld();
        double cx = world.centerX() + 0.35 * world.width() * Math.sin(2 * Math.PI * t * 2);
        double cy = world.centerY() + 0.35 * world.height() * Math.sin(2 * Math.PI * t * 3);
        return new Viewport(fit.scale() * zoom, 0, 0, fit.width(), fit.height()).centredOn(cx, cy);
    }

    /** Starts the toolkit, runs both measurements and prints them. */
    public static int run(int frames, int width, int height, int nodes, int links, PrintWriter out) throws Exception {
        if (System.getProperty("javafx.animation.fullspeed") == null) {
            System.setProperty("javafx.animation.fullspeed", "true");
        }
        Topology t = generate(nodes, links, 42);
        CountDownLatch started = new CountDownLatch(1);
        Platform.setImplicitExit(false);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        started.await();
        AtomicReference<DiagramCanvas> canvasRef = new AtomicReference<>();
        AtomicReference<Stage> stageRef = new AtomicReference<>();
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            DiagramCanvas canvas = new DiagramCanvas(new DesignDocument(t, null));
            Stage stage = new Stage();
            stage.setTitle("Canopy bench-ui");
            stage.setScene(new Scene(new StackPane(canvas), width, height));
            stage.show();
            canvasRef.set(canvas);
            stageRef.set(stage);
            shown.countDown();
        });
        shown.await();
        Thread.sleep(500);
        DiagramCanvas canvas = canvasRef.get();
        String pipeline = pipelineName();
        out.printf(Locale.ROOT, "bench-ui: %d nodes, %d links, %d frames at %dx%d, %d cores, pipeline %s%n",
                t.nodes().size(), t.links().size(), frames, (int) canvas.getWidth(), (int) canvas.getHeight(),
                Runtime.getRuntime().availableProcessors(), pipeline);
        out.flush();
        // Warm-up: the JIT compiles the rasteriser within the first hundred frames (a second of use).
        measure(canvas, Math.min(100, frames), true);
        Result full = measure(canvas, frames, true);
        Result cached = measure(canvas, frames, false);
        Result pan = measurePan(canvas, frames);
        Result wheel = measureWheelZoom(canvas, frames);
        out.printf(Locale.ROOT, "full redraw (pan + zoom):   median %.1f ms, p95 %.1f ms  (painting on the FX thread: median %.1f ms)%n",
                full.median(), full.p95(), full.paintMedian());
        out.printf(Locale.ROOT, "cached static layer:        median %.1f ms, p95 %.1f ms  (interaction layer only)%n",
                cached.median(), cached.p95());
        if (cached.staticRepaints() > 0) {
            out.printf(Locale.ROOT, "warning: the cached run repainted the static layer %d times; its figures include them%n",
                    cached.staticRepaints());
        }
        out.printf(Locale.ROOT, "pan by dragging (blit, repaint at rest or every quarter view): median %.1f ms, p95 %.1f ms%n",
                pan.median(), pan.p95());
        out.printf(Locale.ROOT, "zoom by wheel (repainted every frame):                        median %.1f ms, p95 %.1f ms%n",
                wheel.median(), wheel.p95());
        out.printf(Locale.ROOT, "CPU per frame (less sensitive to other load): full redraw FX thread %.1f ms + raster helper"
                + " %.1f ms + renderer %.1f ms; cached %.1f + %.1f + %.1f ms%n", full.fxCpu(), full.rasterCpu(),
                full.renderCpu(), cached.fxCpu(), cached.rasterCpu(), cached.renderCpu());
        out.printf(Locale.ROOT, "goal: 16 ms per frame; full redraw %s, pan by dragging %s, zoom by wheel %s%n",
                full.median() <= 16 ? "meets it" : "misses it", pan.median() <= 16 ? "meets it" : "misses it",
                wheel.median() <= 16 ? "meets it" : "misses it");
        out.flush();
        AnimationBench.run(frames, width, height, out);
        CountDownLatch closed = new CountDownLatch(1);
        Platform.runLater(() -> {
            stageRef.get().close();
            closed.countDown();
        });
        closed.await(5, TimeUnit.SECONDS);
        Platform.exit();
        return 0;
    }

    private static String pipelineName() {
        try {
            Class<?> c = Class.forName("com.sun.prism.GraphicsPipeline");
            Object p = c.getMethod("getPipeline").invoke(null);
            return p == null ? "?" : p.getClass().getSimpleName();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return System.getProperty("prism.order", "default");
        }
    }

    /** Runs frames pulses; full repaints the static layer at a new viewport in each. */
    static Result measure(DiagramCanvas canvas, int frames, boolean full) throws InterruptedException {
        long[] stamps = new long[frames + 1];
        long[] paint = new long[frames];
        CountDownLatch done = new CountDownLatch(1);
        long[] cpu0 = cpuTimes();
        Viewport[] fit = new Viewport[1];
        long[] staticPaints = new long[2];
        Platform.runLater(() -> {
            canvas.fitToView();
            fit[0] = canvas.getViewport();
            new AnimationTimer() {
                int i;

                @Override
                public void handle(long now) {
                    stamps[i] = System.nanoTime();
                    if (i == 1) {
                        staticPaints[0] = canvas.staticPaintCount(); // after the first pulse painted the fit
                    }
                    if (i == frames) {
                        stop();
                        staticPaints[1] = canvas.staticPaintCount(); // before the release selects, which repaints
                        mouse(canvas, MouseEvent.MOUSE_RELEASED, 100 + 1200, 100 + 700);
                        done.countDown();
                        return;
                    }
                    long t0 = System.nanoTime();
                    if (full) {
                        canvas.setViewport(script(fit[0], i, frames));
                        canvas.paintStatic();
                    } else {
                        double f = (double) i / frames;
                        if (i == 0) {
                            // The fit leaves a 40 px margin: the corner is background, so the press starts a rubber band.
                            mouse(canvas, MouseEvent.MOUSE_PRESSED, 5, 5);
                        }
                        mouse(canvas, MouseEvent.MOUSE_DRAGGED, 100 + 1200 * f, 100 + 700 * f);
                        canvas.paintInteraction();
                    }
                    paint[i] = System.nanoTime() - t0;
                    i++;
                }
            }.start();
        });
        done.await();
        long[] cpu1 = cpuTimes();
        double[] paints = Arrays.stream(paint).mapToDouble(p -> p / 1e6).toArray();
        return result(stamps, percentile(paints, 50), cpu0, cpu1, staticPaints);
    }

    /**
     * The figures of a run of stamps.length - 1 frames from its frame stamps (ns), the median time spent
     * painting, CPU times before and after, and the static layer's paint count before and after.
     */
    private static Result result(long[] stamps, double paintMedian, long[] cpu0, long[] cpu1, long[] staticPaints) {
        int frames = stamps.length - 1;
        double[] intervals = new double[frames];
        for (int i = 0; i < frames; i++) {
            intervals[i] = (stamps[i + 1] - stamps[i]) / 1e6;
        }
        return new Result(percentile(intervals, 50), percentile(intervals, 95), paintMedian,
                (cpu1[0] - cpu0[0]) / 1e6 / frames, (cpu1[2] - cpu0[2]) / 1e6 / frames, (cpu1[1] - cpu0[1]) / 1e6 / frames, frames,
                staticPaints[1] - staticPaints[0]);
    }

    /** A pan gesture as the mouse makes it: 6 px a frame, through the canvas's blit path. */
    static Result measurePan(DiagramCanvas canvas, int frames) throws InterruptedException {
        return measureGesture(canvas, frames, (v, i) -> {
            double dir = (i / 50) % 2 == 0 ? 1 : -1;
            return v.pannedBy(6 * dir, 3 * dir);
        });
    }

    /** Wheel zooming as a mouse wheel makes it: 3 % a frame around a point, in then out. */
    static Result measureWheelZoom(DiagramCanvas canvas, int frames) throws InterruptedException {
        return measureGesture(canvas, frames, (v, i) -> {
            double factor = (i / 20) % 2 == 0 ? 1.03 : 1 / 1.03;
            return v.zoomedAround(v.width() * 0.4, v.height() * 0.6, factor);
        });
    }

    /** Frame times of a gesture that moves the view each frame through the canvas's blit path. */
    private static Result measureGesture(DiagramCanvas canvas, int frames,
                                         java.util.function.BiFunction<Viewport, Integer, Viewport> step)
            throws InterruptedException {
        long[] stamps = new long[frames + 1];
        CountDownLatch done = new CountDownLatch(1);
        long[] cpu0 = cpuTimes();
        long[] staticPaints = new long[2];
        Platform.runLater(() -> {
            canvas.fitToView();
            canvas.setViewport(canvas.getViewport().zoomed(1.5));
            canvas.paintStatic();
            staticPaints[0] = canvas.staticPaintCount();
            new AnimationTimer() {
                int i;

                @Override
                public void handle(long now) {
                    stamps[i] = System.nanoTime();
                    if (i == frames) {
                        stop();
                        staticPaints[1] = canvas.staticPaintCount();
                        done.countDown();
                        return;
                    }
                    canvas.setViewport(step.apply(canvas.getViewport(), i), true);
                    canvas.flush();
                    i++;
                }
            }.start();
        });
        done.await();
        return result(stamps, 0, cpu0, cpuTimes(), staticPaints);
    }

    static double percentile(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        int k = (int) Math.ceil(p / 100 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, k))];
    }

    /** A primary-button mouse event at (x, y) of the canvas, as the user's drag would send it. */
    private static void mouse(DiagramCanvas canvas, javafx.event.EventType<MouseEvent> type, double x, double y) {
        canvas.fireEvent(new MouseEvent(type, x, y, x, y, javafx.scene.input.MouseButton.PRIMARY, 1,
                false, false, false, false, type != MouseEvent.MOUSE_RELEASED, false, false, true, false, false, null));
    }
}
