package canopy.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.generate.TopologyGenerators;
import canopy.model.Rational;
import canopy.model.Topology;
import canopy.model.TreeEdge;
import canopy.render.ScheduleOverlay;
import canopy.render.Viewport;
import canopy.ui.canvas.DiagramCanvas;
import canopy.ui.schedule.ScheduleViewModel;
import canopy.ui.schedule.ScheduleViewModel.State;
import canopy.ui.schedule.ScheduleViewModel.TreeRow;
import canopy.ui.task.UiTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Node;
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
 * The Schedule panel in the real window (headless Monocle, real background executors): run and see the
 * figures, cancel a long run, select a tree and see the canvas get its paths, congestion and its
 * tooltip, the stale banner and its Recompute.
 */
@ExtendWith(ApplicationExtension.class)
class ScheduleWindowTest {
    @TempDir
    static Path dir;
    private Stage stage;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        StubDialogs dialogs = new StubDialogs();
        Path samples = Files.createTempDirectory(dir, "samples");
        Files.copy(MainViewModel.SAMPLES_DIR.resolve("two-boxes.json"), samples.resolve("two-boxes.json"));
        MainViewModel.Services services = new MainViewModel.Services(Settings.inMemory(), dialogs,
                new UiTaskExecutor(), new Recovery(dir.resolve("recovery")), TextClipboard.inMemory(),
                LayoutActions.available(), Duration.ofMillis(50), new UiTaskExecutor());
        window = MainWindow.open(stage, services, samples);
    }

    @AfterEach
    void closeWindow(FxRobot robot) {
        robot.interact(() -> {
            window.viewModel().schedule().cancel();
            window.viewModel().document().replace(MainViewModel.empty(), null);
            stage.close();
        });
    }

    private ScheduleViewModel schedule() {
        return window.viewModel().schedule();
    }

    private void waitForState(State s, int seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> schedule().state() == s);
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private void runTwoBoxes(FxRobot robot) throws Exception {
        robot.clickOn("#tab-schedule");
        robot.clickOn("#schedule-run");
        waitForState(State.DONE, 20);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void runAScheduleAndSeeItsFigures(FxRobot robot) throws Exception {
        runTwoBoxes(robot);
        assertEquals("142.9 GB/s", text(robot, "#schedule-figure-0"), "algbw of the optimal allreduce");
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < schedule().figures().size(); i++) {
            shown.add(text(robot, "#schedule-figure-" + i));
        }
        assertEquals(schedule().figures().stream().map(ScheduleViewModel.Figure::value).toList(), shown);
        assertTrue(shown.contains("100.0 %"), shown.toString());
        assertTrue(text(robot, "#schedule-status").startsWith("Computed in "));
        assertEquals(8, window.schedulePanel().trees().getRoot().getChildren().size(), "one group per root");
    }

    @Test
    void cancelALongRunEndsItWithinASecond(FxRobot robot) throws Exception {
        Topology big = TopologyGenerators.mi250(16);
        robot.interact(() -> window.viewModel().document().replace(big, null));
        robot.clickOn("#tab-schedule");
        robot.clickOn("#schedule-run");
        waitForState(State.RUNNING, 5);
        Thread.sleep(400);
        // The FX thread stays free while the engine works.
        long t0 = System.nanoTime();
        robot.interact(() -> { });
        long idle = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(idle < 500, "the FX thread answered in " + idle + " ms");
        assertEquals(State.RUNNING, schedule().state(), "still running: the test needs a long run");

        long start = System.nanoTime();
        robot.clickOn("#schedule-cancel");
        waitForState(State.CANCELLED, 5);
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("schedule cancel latency (click to cancelled): " + ms + " ms");
        assertTrue(ms < 1000, "cancelled after " + ms + " ms");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Cancelled.", text(robot, "#schedule-status"));
        assertNull(schedule().result());
        assertFalse(robot.lookup("#schedule-run").query().isDisabled(), "Run is available again");
    }

    @Test
    void selectATreeAndTheCanvasDrawsItsPaths(FxRobot robot) throws Exception {
        runTwoBoxes(robot);
        robot.interact(() -> window.schedulePanel().setVvalue(1)); // the list is at the bottom of a short window
        Node cell = robot.lookup(n -> n instanceof TreeCell<?> c && c.isVisible() && c.getItem() instanceof TreeRow).query();
        TreeRow row = (TreeRow) ((TreeCell<?>) cell).getItem();
        robot.clickOn(robot.point(cell).atOffset(new Point2D(40 - cell.getBoundsInLocal().getWidth() / 2, 0)));
        WaitForAsyncUtils.waitForFxEvents();

        List<List<String>> paths = new ArrayList<>();
        for (TreeEdge e : row.tree().edges()) {
            paths.add(e.path());
        }
        ScheduleOverlay drawn = window.diagram().scheduleOverlay();
        assertEquals(paths, drawn.treePaths());
        assertTrue(drawn.dimOthers());
        assertEquals(row.selection(), schedule().selectionProperty().get());

        // Congestion instead of the tree, and a link's tooltip.
        robot.clickOn("#schedule-congestion");
        WaitForAsyncUtils.waitForFxEvents();
        drawn = window.diagram().scheduleOverlay();
        assertTrue(drawn.treePaths().isEmpty());
        assertEquals(schedule().result().arcUtilisation(), drawn.arcUtilisation());

        DiagramCanvas canvas = (DiagramCanvas) window.diagram().node();
        Point2D mid = WaitForAsyncUtils.asyncFx(() -> midpoint(canvas, "box0-gpu0", "spine")).get();
        robot.moveTo(mid);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> linkTooltip(robot, canvas) != null);
        String tip = linkTooltip(robot, canvas).getText();
        assertTrue(tip.startsWith("box0-gpu0 ⇄ spine  ·  50 GB/s"), tip);
        assertTrue(tip.contains("box0-gpu0 → spine:") && tip.contains("spine → box0-gpu0:"), tip);
    }

    /** The tooltip showing over the canvas, or null: found among the open windows, as a user sees it. */
    private static javafx.scene.control.Tooltip linkTooltip(FxRobot robot, DiagramCanvas canvas) {
        return robot.listWindows().stream()
                .filter(w -> w instanceof javafx.scene.control.Tooltip t && t.isShowing() && t.getOwnerNode() == canvas)
                .map(w -> (javafx.scene.control.Tooltip) w).findFirst().orElse(null);
    }

    /** Screen point halfway along a link, 35 % of the way from a to b (clear of its label). */
    private static Point2D midpoint(DiagramCanvas canvas, String a, String b) {
        double[] p = canvas.diagram().positionOf(a);
        double[] q = canvas.diagram().positionOf(b);
        Viewport v = canvas.getViewport();
        double wx = p[0] + 0.35 * (q[0] - p[0]);
        double wy = p[1] + 0.35 * (q[1] - p[1]);
        return canvas.localToScreen(v.toScreenX(wx), v.toScreenY(wy));
    }

    @Test
    void anEditMakesTheScheduleStaleAndOneClickRecomputes(FxRobot robot) throws Exception {
        runTwoBoxes(robot);
        assertFalse(robot.lookup("#schedule-stale").query().isVisible());
        Rational before = schedule().result().schedule().algbw();
        robot.interact(() -> window.viewModel().document().edit("Halve a link", t -> {
            List<canopy.model.Link> links = new ArrayList<>(t.links());
            links.set(1, links.get(1).withBandwidth(Rational.of(10)));
            return new Topology(t.name(), t.units(), t.nodes(), links);
        }));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#schedule-stale").query().isVisible());
        assertEquals(ScheduleOverlay.NONE, window.diagram().scheduleOverlay());

        robot.clickOn("#schedule-recompute");
        waitForState(State.DONE, 20);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#schedule-stale").query().isVisible());
        assertNotNull(schedule().result());
        assertTrue(schedule().result().schedule().algbw().compareTo(before) < 0, "the slower link shows");
    }
}
