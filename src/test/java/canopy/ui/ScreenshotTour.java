package canopy.ui;

import canopy.generate.TopologyGenerators;
import canopy.model.Topology;
import canopy.ui.schedule.ScheduleViewModel;
import canopy.ui.task.UiTaskExecutor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Takes the README's designer screenshots: the real window driven as a user would (templates, a run,
 * the congestion view, the animation paused mid-way, a what-if comparison, a 1,024-GPU pod at fit,
 * zoomed and its congestion view, the window at 1024x700 with a schedule). Not a test: run it under xvfb-run
 * with the test classpath, e.g.
 * {@code xvfb-run -a -s "-screen 0 1920x1200x24" java -Dprism.order=sw
 * -cp target/classes:target/test-classes:$(cat cp.txt) canopy.ui.ScreenshotTour assets}; with a second
 * argument {@code nccl}, only the NCCL channels shot, with {@code 1024}, only the 1,024-GPU shots (a
 * minute or more of engine time), with {@code small}, every shot but those.
 */
public final class ScreenshotTour {
    private static Path out;

    public static void main(String[] args) throws Exception {
        out = Path.of(args.length > 0 ? args[0] : "assets");
        Files.createDirectories(out);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);
        if (args.length > 1 && args[1].equals("nccl")) {
            ncclChannels();
        } else {
            String only = args.length > 1 ? args[1] : "";
            tour(only.equals("1024"), !only.equals("small"));
        }
        Platform.exit();
        System.exit(0);
    }

    private static <T> T fx(Supplier<T> s) throws Exception {
        AtomicReference<T> r = new AtomicReference<>();
        AtomicReference<Throwable> err = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.set(s.get());
            } catch (Throwable t) {
                err.set(t);
            } finally {
                done.countDown();
            }
        });
        done.await(60, TimeUnit.SECONDS);
        if (err.get() != null) {
            throw new RuntimeException(err.get());
        }
        return r.get();
    }

    private static void run(Runnable r) throws Exception {
        fx(() -> {
            r.run();
            return null;
        });
    }

    private static void waitFor(BooleanSupplier condition, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (fx(condition::getAsBoolean)) {
                settle();
                return;
            }
            Thread.sleep(100);
        }
        System.err.println("timed out waiting");
    }

    private static void settle() throws Exception {
        for (int i = 0; i < 5; i++) {
            Thread.sleep(120);
            run(() -> { });
        }
    }

    private static MainWindow window;

    private static void shoot(Stage stage, String name) throws Exception {
        settle();
        WritableImage img = fx(() -> stage.getScene().snapshot(null));
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader pr = img.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                b.setRGB(x, y, pr.getArgb(x, y));
            }
        }
        ImageIO.write(b, "png", out.resolve(name).toFile());
        System.out.println("wrote " + out.resolve(name) + " " + w + "x" + h);
    }

    /** The designer's window on the samples, with stub dialogs and recovery files in a temporary directory. */
    private static MainWindow openWindow(Stage stage, StubDialogs dialogs) throws Exception {
        Path tmp = Files.createTempDirectory("canopy-tour");
        return fx(() -> {
            MainViewModel.Services services = new MainViewModel.Services(Settings.inMemory(), dialogs,
                    new UiTaskExecutor(), new Recovery(tmp.resolve("recovery")), TextClipboard.inMemory(),
                    LayoutActions.available(), Duration.ofMillis(50), new UiTaskExecutor());
            return MainWindow.open(stage, services, MainViewModel.SAMPLES_DIR);
        });
    }

    private static void tour(boolean only1024, boolean with1024) throws Exception {
        StubDialogs dialogs = new StubDialogs();
        Stage stage = fx(Stage::new);
        MainWindow w = openWindow(stage, dialogs);
        MainViewModel vm = w.viewModel();
        window = w;
        run(() -> {
            stage.setWidth(1600);
            stage.setHeight(1000);
        });
        settle();
        if (only1024) {
            pod(w, vm, dialogs, stage);
            run(stage::hide);
            return;
        }

        // 2x DGX A100 from the template, the bottleneck cut shown.
        Topology dgx = TopologyGenerators.dgxA100(2);
        dialogs.templates.add(dgx);
        run(vm::newFromTemplate);
        run(() -> vm.liveBounds().showCutProperty().set(true));
        waitFor(() -> !vm.liveBounds().cutNodeIdsProperty().get().isEmpty(), 30);
        shoot(stage, "designer-light.png");
        run(() -> vm.liveBounds().showCutProperty().set(false));

        // A forest allreduce and its congestion view.
        run(() -> {
            w.showSchedulePanel();
            vm.schedule().run();
        });
        waitFor(() -> vm.schedule().state() == ScheduleViewModel.State.DONE, 120);
        run(() -> vm.schedule().showCongestionProperty().set(true));
        shoot(stage, "designer-schedule.png");

        run(() -> vm.themeProperty().set(Theme.DARK));
        shoot(stage, "designer-dark.png");
        run(() -> vm.themeProperty().set(Theme.LIGHT));

        animationAndWhatIf(w, vm, dialogs, stage);
        if (with1024) {
            pod(w, vm, dialogs, stage);
        }

        // The window at 1024x700 with the 2x DGX A100 and its schedule: does the narrow panel hold it?
        dialogs.templates.add(dgx);
        run(vm::newFromTemplate);
        run(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
            w.showOutlineProperty().set(false);
            w.showSchedulePanel();
            vm.schedule().run();
        });
        waitFor(() -> vm.schedule().state() == ScheduleViewModel.State.DONE, 120);
        run(() -> w.diagram().fitToView());
        shoot(stage, "designer-1024x700.png");
        run(() -> vm.document().replace(MainViewModel.empty(), null));
        run(stage::hide);
    }

    /**
     * The two-boxes sample: its forest allreduce animated and paused two-fifths of the way, then "What if
     * it fails?" on box0-gpu0's link to the spine, the comparison window at 1400x900.
     */
    private static void animationAndWhatIf(MainWindow w, MainViewModel vm, StubDialogs dialogs, Stage stage)
            throws Exception {
        Topology two = canopy.io.TopologyJson.read(MainViewModel.SAMPLES_DIR.resolve("two-boxes.json"));
        dialogs.templates.add(two);
        run(vm::newFromTemplate);
        run(() -> {
            w.showSchedulePanel();
            vm.schedule().run();
        });
        waitFor(() -> vm.schedule().state() == ScheduleViewModel.State.DONE, 120);
        var animation = vm.schedule().animation();
        run(animation::play);
        waitFor(() -> animation.time() >= 0.4 * animation.durationProperty().get(), 30);
        run(animation::pause);
        shoot(stage, "designer-animation.png");
        run(animation::stop);

        // What the Analysis menu's "What if it fails?" runs on a right-clicked link, wired as MainWindow does.
        int link = java.util.stream.IntStream.range(0, two.links().size())
                .filter(i -> two.links().get(i).from().equals("box0-gpu0") && two.links().get(i).to().equals("spine"))
                .findFirst().orElseThrow();
        AtomicReference<canopy.ui.compare.CompareWindow> shown = new AtomicReference<>();
        var whatIf = new canopy.ui.whatif.WhatIfActions(vm.document()::topology, vm.dialogs(), vm.scheduleExecutor(),
                vm.schedule().collectiveProperty()::get, c -> shown.set(canopy.ui.compare.CompareWindow.show(c,
                        vm.dialogs(), stage)));
        run(() -> whatIf.whatIfFails(canopy.engine.FailureTarget.link(link)));
        waitFor(() -> shown.get() != null, 120);
        Stage compare = shown.get().stage();
        run(() -> {
            compare.setWidth(1400);
            compare.setHeight(900);
        });
        settle();
        run(shown.get()::fitClearOfLegend);
        shoot(compare, "designer-compare.png");
        run(compare::hide);
    }

    /**
     * 1,024 GPUs: at fit (the overview) and zoomed in on the first box with the Properties panel, then
     * its forest allreduce (printing the panel's status and progress each second while it runs, and
     * whether the result could be animated) and the congestion view at fit.
     */
    private static void pod(MainWindow w, MainViewModel vm, StubDialogs dialogs, Stage stage) throws Exception {
        // 1,024 GPUs: a 128-box DGX A100 pod, at fit (drawn as boxes) and zoomed in on the first boxes.
        Topology pod = TopologyGenerators.dgxA100Pod(128);
        dialogs.templates.add(pod);
        run(vm::newFromTemplate);
        run(w::showPropertiesPanel);
        // the status bar keeps the previous network's bound until this one's is known: wait for it
        waitFor(() -> !vm.liveBounds().computingProperty().get(), 120);
        shoot(stage, "designer-1024-fit.png");
        run(() -> {
            var d = w.diagram();
            String first = pod.nodes().stream().filter(n -> n.group() != null).findFirst().orElseThrow().group();
            vm.document().selection().set(pod.nodes().stream().filter(n -> first.equals(n.group()))
                    .map(canopy.model.Node::id).toList(), java.util.List.of());
            d.zoomToSelection();
            d.zoomOut();
            d.zoomOut();
        });
        shoot(stage, "designer-1024-zoomed.png");

        // Its forest allreduce (minutes on two shared cores) and the congestion view at fit.
        run(() -> {
            vm.document().selection().set(java.util.List.of(), java.util.List.of());
            w.diagram().fitToView();
            w.showSchedulePanel();
            vm.schedule().run();
        });
        // What the panel says while it computes (its status and progress bar), each second.
        long start = System.nanoTime();
        while (fx(() -> vm.schedule().state() == ScheduleViewModel.State.RUNNING)
                && System.nanoTime() - start < 1200_000_000_000L) {
            System.out.printf("%5.1f s  %5.2f  %s%n", (System.nanoTime() - start) / 1e9,
                    fx(() -> vm.schedule().progressProperty().get()), fx(() -> vm.schedule().statusTextProperty().get()));
            Thread.sleep(1000);
        }
        waitFor(() -> vm.schedule().state() == ScheduleViewModel.State.DONE, 1200);
        long crossings = fx(() -> vm.schedule().result().schedule().trees().stream()
                .flatMap(t -> t.edges().stream()).mapToLong(e -> e.path().size() - 1L).sum());
        System.out.println(fx(() -> vm.schedule().result().schedule().trees().size()) + " trees, " + crossings
                + " hop crossings, animated: " + fx(() -> vm.schedule().animation().timeline() != null));
        run(() -> vm.schedule().showCongestionProperty().set(true));
        shoot(stage, "designer-1024-congestion.png");
    }

    /**
     * Two DGX H100 from NCCL's topology file, NCCL's ring channels imported from the graph dump beside
     * it (File › Import › NCCL Graph Dump…), the congestion view with channel 0 drawn over it and its
     * hops numbered, node 0 close up, the finding in the Schedule panel.
     */
    private static void ncclChannels() throws Exception {
        StubDialogs dialogs = new StubDialogs();
        Stage stage = fx(Stage::new);
        MainWindow w = openWindow(stage, dialogs);
        MainViewModel vm = w.viewModel();
        run(() -> {
            stage.setWidth(1600);
            stage.setHeight(1000);
        });
        Path nccl = Path.of("src/test/resources/canopy/io/nccl");
        Topology h100 = canopy.io.NcclTopologyImporter.read(nccl.resolve("dgx-h100.xml"), 2).topology();
        run(() -> {
            vm.document().replace(h100, null);
            vm.applyLayout("Force-directed layout", vm.layouts().forceDirected());
        });
        settle();
        run(() -> w.diagram().fitToView());
        dialogs.toOpen.add(nccl.resolve("dgx-h100-graph.xml"));
        run(() -> {
            w.showSchedulePanel();
            new NcclGraphActions(vm).importGraph(c -> { });
        });
        waitFor(() -> !vm.schedule().channels().findingProperty().get().isEmpty(), 180);
        run(() -> vm.schedule().channels().chosenProperty().set(vm.schedule().channels().choices().get(2)));
        run(() -> { // node 0 close up: its GPUs' hops numbered, and where the channel leaves for node 1
            vm.document().selection().set(h100.nodes().stream().map(canopy.model.Node::id)
                    .filter(id -> id.startsWith("n0.")).toList(), java.util.List.of());
            w.diagram().zoomToSelection();
            vm.document().selection().set(java.util.List.of(), java.util.List.of());
        });
        shoot(stage, "designer-nccl-channels.png");
        run(() -> vm.document().replace(MainViewModel.empty(), null));
        run(stage::hide);
    }

    private ScreenshotTour() {
    }

}
