package canopy.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.compare.Comparison;
import canopy.io.TopologyJson;
import canopy.model.Collective;
import canopy.model.Topology;
import canopy.render.Viewport;
import canopy.ui.canvas.DiagramCanvas;
import canopy.ui.compare.CompareWindow;
import canopy.ui.task.UiTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Analysis menu, the comparison window and the diagram's what-if menu, driven headless. */
@ExtendWith(ApplicationExtension.class)
class CompareWindowTest {
    @TempDir
    static Path dir;
    private Stage stage;
    private MainWindow window;
    private StubDialogs dialogs;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        dialogs = new StubDialogs();
        Path samples = Files.createTempDirectory(dir, "samples");
        Files.copy(MainViewModel.SAMPLES_DIR.resolve("two-boxes.json"), samples.resolve("two-boxes.json"));
        MainViewModel.Services services = new MainViewModel.Services(Settings.inMemory(), dialogs,
                new UiTaskExecutor(), new Recovery(dir.resolve("recovery")), TextClipboard.inMemory(),
                LayoutActions.available(), Duration.ofMillis(50));
        window = MainWindow.open(stage, services, samples);
        // The primary stage is shared by test classes: an earlier one may have resized or moved it
        // partly off the (headless) screen, where clicks do not land.
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1100);
        stage.setHeight(720);
    }

    /** Other windows (left by earlier tests, e.g. a comparison) must not cover the diagram we click. */
    private void closeOtherWindows(FxRobot robot) {
        // Nothing held down from an earlier test may turn our click into a drag.
        robot.release(new javafx.scene.input.KeyCode[0]);
        robot.release(new MouseButton[0]);
        robot.interact(() -> {
            for (javafx.stage.Window w : List.copyOf(javafx.stage.Window.getWindows())) {
                if (w != stage) {
                    w.hide();
                }
            }
            stage.toFront();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close(FxRobot robot) {
        closeOtherWindows(robot);
        robot.interact(() -> {
            window.viewModel().document().replace(MainViewModel.empty(), null);
            stage.close();
        });
    }

    private CompareWindow waitForComparison() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.lastComparison() != null);
        WaitForAsyncUtils.waitForFxEvents();
        return window.lastComparison();
    }

    @Test
    void opensAComparisonFromTheAnalysisMenuAndPansTogether(FxRobot robot) throws Exception {
        Topology t = TopologyJson.read(MainViewModel.SAMPLES_DIR.resolve("two-boxes.json"));
        Comparison c = Comparison.ofAlgorithms(t, Collective.ALLREDUCE, List.of("forest", "ring"));
        Path f = dir.resolve("two.comparison.json");
        c.save(f);
        dialogs.toOpen.add(f);
        robot.clickOn("Analysis").clickOn("Open Comparison…");
        CompareWindow w = waitForComparison();
        assertEquals(List.of(), dialogs.errors);
        assertEquals(2, w.canvases().size());
        assertEquals(2, w.table().getItems().size());
        assertEquals("forest", w.table().getItems().get(0).label());
        assertEquals("ring", w.table().getItems().get(1).label());
        assertEquals(3, w.chart().getData().size(), "two curves and the envelope");
        assertEquals("forest", w.chart().getData().get(0).getName());
        assertEquals(canopy.compare.Comparison.ENVELOPE, w.chart().getData().get(2).getName());
        assertEquals(23, w.chart().getData().get(1).getData().size());
        assertTrue(robot.lookup("#compare-caption-1").queryAs(Label.class).getText().startsWith("ring: algbw "));
        DiagramCanvas a = w.canvases().get(0);
        DiagramCanvas b = w.canvases().get(1);
        assertTrue(!a.scheduleOverlay().arcUtilisation().isEmpty());

        // Pan the first diagram with the right button: the second follows.
        Viewport before = b.getViewport();
        Bounds r = a.localToScreen(a.getBoundsInLocal());
        Point2D from = new Point2D(r.getMinX() + r.getWidth() / 2, r.getMinY() + r.getHeight() / 2);
        robot.drag(from, MouseButton.SECONDARY).moveBy(20, 10).moveBy(20, 10).release(MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotEquals(before, b.getViewport());
        assertEquals(a.getViewport().tx(), b.getViewport().tx(), 1e-9);
        assertEquals(a.getViewport().ty(), b.getViewport().ty(), 1e-9);
        assertEquals(a.getViewport().scale(), b.getViewport().scale(), 1e-12);
        // And zoom from the second.
        robot.interact(b::zoomIn);
        assertEquals(b.getViewport().scale(), a.getViewport().scale(), 1e-12);
    }

    @Test
    void rightClickALinkForWhatIf(FxRobot robot) throws Exception {
        closeOtherWindows(robot);
        robot.interact(() -> window.diagram().fitToView());
        DiagramCanvas canvas = (DiagramCanvas) window.diagram().node();
        Point2D mid = WaitForAsyncUtils.asyncFx(() -> {
            double[] p = canvas.diagram().positionOf("box0-gpu0");
            double[] q = canvas.diagram().positionOf("spine");
            Viewport v = canvas.getViewport();
            return canvas.localToScreen(v.toScreenX(p[0] + 0.35 * (q[0] - p[0])), v.toScreenY(p[1] + 0.35 * (q[1] - p[1])));
        }).get();
        // A right-drag pans and opens nothing.
        robot.drag(mid, MouseButton.SECONDARY).moveBy(15, 0).moveBy(15, 0).release(MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(null, canvas.contextMenu());
        robot.drag(mid.add(30, 0), MouseButton.SECONDARY).moveBy(-15, 0).moveBy(-15, 0).release(MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        // The pans need not cancel out exactly (a drag's first move may only start it): find the link again.
        Point2D onLink = WaitForAsyncUtils.asyncFx(() -> {
            double[] p = canvas.diagram().positionOf("box0-gpu0");
            double[] q = canvas.diagram().positionOf("spine");
            Viewport v = canvas.getViewport();
            return canvas.localToScreen(v.toScreenX(p[0] + 0.35 * (q[0] - p[0])), v.toScreenY(p[1] + 0.35 * (q[1] - p[1])));
        }).get();
        robot.clickOn(onLink, MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        ContextMenu menu = canvas.contextMenu();
        assertTrue(menu != null && menu.isShowing());
        List<String> texts = menu.getItems().stream().map(MenuItem::getText).filter(java.util.Objects::nonNull).toList();
        assertEquals(List.of("Cut", "Copy", "Paste", "Duplicate", "Delete", "Properties", "Zoom to Selection",
                "What if it fails?", "What if it were faster? (+25 GB/s)", "Make it faster (+25 GB/s)"), texts);
        robot.interact(() -> {
            menu.hide();
            menu.getItems().stream().filter(m -> "context-whatif-faster".equals(m.getId())).findFirst().orElseThrow()
                    .fire();
        });
        CompareWindow w = waitForComparison();
        assertTrue(w.viewModel().header().startsWith("box0-gpu0<->spine at 75 instead of 50 GB/s: allreduce bound "),
                w.viewModel().header());
        assertEquals(List.of("before", "after"), w.table().getItems().stream().map(r -> r.label()).toList());
    }

    @Test
    void upgradeAdvisorRanksAndSelectsTheLink(FxRobot robot) throws Exception {
        robot.clickOn("Analysis").clickOn("Upgrade Advisor");
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<canopy.ui.whatif.UpgradeAdvisorModel.Row> table =
                robot.lookup("#advisor-table").queryAs(javafx.scene.control.TableView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        var first = table.getItems().get(0);
        assertEquals(1, first.rank());
        robot.interact(() -> table.getSelectionModel().select(0));
        assertEquals(java.util.List.of(first.link()), window.viewModel().document().selection().linkIndices(window.viewModel().document().topology()));
        robot.interact(() -> table.getScene().getWindow().hide());
    }
}
