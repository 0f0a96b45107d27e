package canopy.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.engine.AnimationTimeline;
import canopy.generate.TopologyGenerators;
import canopy.model.TreeEdge;
import canopy.render.ScheduleOverlay;
import canopy.ui.canvas.DiagramCanvas;
import canopy.ui.schedule.AnimationController;
import canopy.ui.schedule.ScheduleViewModel;
import canopy.ui.schedule.ScheduleViewModel.RootGroup;
import canopy.ui.schedule.ScheduleViewModel.State;
import canopy.ui.schedule.ScheduleViewModel.TreeRow;
import canopy.ui.task.UiTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The schedule animation in the real window: run, Play, watch the time and the chunks, Pause, step; a
 * tree selected in the list narrows the chunks to its own, a root to all of its trees'.
 */
@ExtendWith(ApplicationExtension.class)
class AnimationWindowTest {
    @TempDir
    static Path dir;
    private Stage stage;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path samples = Files.createTempDirectory(dir, "samples");
        Files.copy(MainViewModel.SAMPLES_DIR.resolve("two-boxes.json"), samples.resolve("two-boxes.json"));
        MainViewModel.Services services = new MainViewModel.Services(Settings.inMemory(), new StubDialogs(),
                new UiTaskExecutor(), new Recovery(dir.resolve("recovery")), TextClipboard.inMemory(),
                LayoutActions.available(), Duration.ofMillis(50), new UiTaskExecutor());
        window = MainWindow.open(stage, services, samples);
    }

    @AfterEach
    void closeWindow(FxRobot robot) {
        robot.interact(() -> {
            window.viewModel().schedule().animation().stop();
            window.viewModel().schedule().cancel();
            window.viewModel().document().replace(MainViewModel.empty(), null);
            stage.close();
        });
    }

    private ScheduleViewModel schedule() {
        return window.viewModel().schedule();
    }

    private void run(FxRobot robot) throws Exception {
        robot.clickOn("#tab-schedule");
        robot.clickOn("#schedule-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> schedule().state() == State.DONE);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void playPauseAndStep(FxRobot robot) throws Exception {
        run(robot);
        AnimationController a = schedule().animation();
        String before = text(robot, "#animation-time");
        assertTrue(before.startsWith("0"), before);
        assertEquals("stage 1 of 2: reduce-scatter", text(robot, "#animation-stage"));

        robot.clickOn("#animation-play");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> a.time() > 0.1 * a.durationProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertNotEquals(before, text(robot, "#animation-time"), "the time label moves");
        assertEquals("Pause", robot.lookup("#animation-play").queryAs(Button.class).getText());
        ScheduleOverlay drawn = window.diagram().scheduleOverlay();
        assertFalse(drawn.markers().isEmpty(), "chunks on the canvas");
        assertTrue(drawn.faintPaths());

        robot.clickOn("#animation-play"); // Pause
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(a.playingProperty().get());
        double paused = a.time();
        Thread.sleep(200);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(paused, a.time(), "paused: time stands");

        robot.clickOn("#animation-step-forward");
        WaitForAsyncUtils.waitForFxEvents();
        double next = a.timeline().nextEventAfter(paused);
        assertEquals(next, a.time());
        assertEquals(next, window.schedulePanel().animationControls().scrubber().getValue(), 1e-15);
        robot.clickOn("#animation-step-back");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(a.timeline().previousEventBefore(next), a.time());

        robot.clickOn("#animation-stop");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ScheduleOverlay.NONE, window.diagram().scheduleOverlay(), "back to the plain view");
    }

    /** The frame's markers of these trees at time t, from the timeline. */
    private static List<ScheduleOverlay.Marker> markers(AnimationTimeline.TreeHops trees, double t) {
        return trees.markersAt(t).stream()
                .map(k -> new ScheduleOverlay.Marker(k.from(), k.to(), k.progress(), k.colour())).toList();
    }

    /** Clicks the first visible row of the trees list holding an item of this type, 80 px from its left. */
    private static Object clickFirstRow(FxRobot robot, Class<?> type) {
        Node cell = robot.lookup(n -> n instanceof TreeCell<?> c && c.isVisible() && type.isInstance(c.getItem())).query();
        robot.clickOn(robot.point(cell).atOffset(new Point2D(80 - cell.getBoundsInLocal().getWidth() / 2, 0)));
        WaitForAsyncUtils.waitForFxEvents();
        return ((TreeCell<?>) cell).getItem();
    }

    @Test
    void selectingATreeInTheListAnimatesOnlyItsChunks(FxRobot robot) throws Exception {
        run(robot);
        robot.interact(() -> window.schedulePanel().setVvalue(1)); // the list is at the bottom of a short window
        TreeRow row = (TreeRow) clickFirstRow(robot, TreeRow.class);
        int tree = row.index();
        assertEquals(row.selection(), schedule().selectionProperty().get());
        AnimationTimeline.TreeHops mine = schedule().animation().timeline().forTrees(Set.of(tree));

        AnimationController a = schedule().animation();
        AnimationTimeline tl = a.timeline();
        AnimationTimeline.Hop first = tl.hops().stream().filter(h -> h.tree() == tree).findFirst().orElseThrow();
        double t = (first.start() + first.end()) / 2; // some of the tree's chunks are on their way
        robot.interact(() -> window.schedulePanel().animationControls().scrubber().setValue(t));
        WaitForAsyncUtils.waitForFxEvents();
        ScheduleOverlay drawn = window.diagram().scheduleOverlay();
        assertEquals(markers(mine, t), drawn.markers(), "the canvas moves only the selected tree's chunks");
        assertFalse(drawn.markers().isEmpty());
        assertTrue(drawn.markers().size() < tl.markersAt(t).size(), "other trees move at that time too");
        assertEquals(a.durationProperty().get(), window.schedulePanel().animationControls().scrubber().getMax(),
                "the scrubber still spans the whole schedule");

        robot.clickOn("#animation-step-forward");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(mine.nextEventAfter(t), a.time(), "a step goes to the tree's next chunk event");
    }

    @Test
    void selectingARootInTheListDrawsAndAnimatesAllItsTrees(FxRobot robot) throws Exception {
        run(robot);
        robot.interact(() -> window.schedulePanel().setVvalue(1)); // the list is at the bottom of a short window
        RootGroup group = (RootGroup) clickFirstRow(robot, RootGroup.class);
        assertTrue(group.trees().size() > 1, "the root has several trees");
        assertEquals(group.selection(), schedule().selectionProperty().get());
        assertEquals("Drawing all trees of " + group.root() + ".", text(robot, "#schedule-selection"));

        // The tree view: every tree of the root along its physical paths, the rest dimmed.
        List<List<String>> paths = new ArrayList<>();
        for (TreeRow row : group.trees()) {
            for (TreeEdge e : row.tree().edges()) {
                paths.add(e.path());
            }
        }
        ScheduleOverlay drawn = window.diagram().scheduleOverlay();
        assertEquals(paths, drawn.treePaths());
        assertTrue(drawn.dimOthers());

        // The animation: only the root's trees' chunks, stepping between their events.
        AnimationController a = schedule().animation();
        AnimationTimeline tl = a.timeline();
        AnimationTimeline.TreeHops theirs = tl.forTrees(group.selection().trees());
        AnimationTimeline.Hop first = theirs.hops().get(0);
        double t = (first.start() + first.end()) / 2;
        robot.interact(() -> window.schedulePanel().animationControls().scrubber().setValue(t));
        WaitForAsyncUtils.waitForFxEvents();
        drawn = window.diagram().scheduleOverlay();
        assertEquals(markers(theirs, t), drawn.markers(), "the canvas moves only the root's trees' chunks");
        assertFalse(drawn.markers().isEmpty());
        assertTrue(drawn.markers().size() < tl.markersAt(t).size(), "other roots' trees move at that time too");
        robot.clickOn("#animation-step-forward");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(theirs.nextEventAfter(t), a.time(), "a step goes to the root's trees' next chunk event");

        robot.clickOn("#menu-schedule").clickOn("Clear Tree Highlight");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(schedule().selectionProperty().get().isAll());
        assertEquals(markers(tl.forAllTrees(), a.time()), window.diagram().scheduleOverlay().markers(),
                "every tree's chunks again");
        assertEquals("Select a tree to draw it, or a root to draw all its trees.", text(robot, "#schedule-selection"));
    }

    /**
     * The frame cost on screen, 2x MI250 forest allreduce with every tree: building the frame's overlay
     * (controller) and repainting the canvas with it (FX thread, headless). Printed, not asserted.
     */
    @Test
    void frameCostOnTwoMi250(FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
            window.viewModel().document().replace(TopologyGenerators.mi250(2), null);
        });
        run(robot);
        AnimationController a = schedule().animation();
        DiagramCanvas canvas = (DiagramCanvas) window.diagram().node();
        int frames = 240;
        long[] nanos = new long[2];
        int[] markers = new int[1];
        robot.interact(() -> {
            double d = a.durationProperty().get();
            for (int i = 0; i < frames + 60; i++) {
                long t0 = System.nanoTime();
                a.scrub(d * (i % 200) / 200.0); // builds the frame; the window hands it to the canvas
                long t1 = System.nanoTime();
                canvas.layout(); // paints the dirty layers now
                long t2 = System.nanoTime();
                if (i >= 60) {
                    nanos[0] += t1 - t0;
                    nanos[1] += t2 - t1;
                    markers[0] = Math.max(markers[0], window.diagram().scheduleOverlay().markers().size());
                }
            }
        });
        assertTrue(markers[0] > 0);

        // Frames delivered while playing: how many times the clock moved the time in two seconds.
        int[] ticks = new int[1];
        robot.interact(() -> {
            a.stop();
            a.speedProperty().set(0.1); // do not reach the end
            a.timeProperty().addListener((o, x, y) -> ticks[0]++);
            a.play();
        });
        long start = System.nanoTime();
        Thread.sleep(2000);
        robot.interact(a::pause);
        double fps = ticks[0] / ((System.nanoTime() - start) / 1e9);
        System.out.printf(java.util.Locale.ROOT, "animation frames delivered while playing (headless): %.1f per second%n", fps);
        System.out.printf(java.util.Locale.ROOT,
                "animation frame cost on screen, 2x MI250 forest allreduce (%d trees, up to %d chunks, canvas %.0fx%.0f):"
                        + " overlay %.3f ms + canvas paint %.3f ms per frame%n",
                schedule().result().schedule().trees().size(), markers[0], canvas.getWidth(), canvas.getHeight(),
                nanos[0] / 1e6 / frames, nanos[1] / 1e6 / frames);
    }
}
