package canopy.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.io.NcclTopologyImporter;
import canopy.model.Rational;
import canopy.ui.task.UiTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import canopy.ui.schedule.ChannelChoices;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** File › Import › NCCL Graph Dump… in the real window (headless), file dialogs stubbed. */
@ExtendWith(ApplicationExtension.class)
class NcclGraphMenuTest {
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
        MainViewModel.Services services = new MainViewModel.Services(Settings.inMemory(), dialogs,
                new UiTaskExecutor(), new Recovery(dir.resolve("recovery")), TextClipboard.inMemory(),
                LayoutActions.available(), Duration.ofMillis(50));
        window = MainWindow.open(stage, services, samples);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> {
            window.viewModel().document().replace(MainViewModel.empty(), null);
            for (Window w : Window.getWindows().toArray(new Window[0])) {
                if (w instanceof Stage s) {
                    s.close();
                }
            }
        });
    }

    @Test
    void theMenuEntryDrawsNcclsRingsAndOpensTheComparison(FxRobot robot) throws Exception {
        Path nccl = Path.of("src/test/resources/canopy/io/nccl");
        var topology = NcclTopologyImporter.read(nccl.resolve("dgx-a100.xml"), 2).topology();
        robot.interact(() -> window.viewModel().document().replace(topology, null));
        dialogs.toOpen.add(nccl.resolve("dgx-a100-graph.xml"));
        MenuItem item = find(robot.lookup(".menu-bar").queryAs(MenuBar.class), "menu-import-nccl-graph");
        assertNotNull(item);
        assertEquals("NCCL Graph Dump…", item.getText());
        int before = Window.getWindows().size();
        robot.interact(item::fire);
        WaitForAsyncUtils.waitForFxEvents();
        var result = window.viewModel().schedule().result();
        assertEquals("nccl-ring", result.schedule().algorithm());
        // Two DGX A100, allreduce by NCCL's 8 ring channels: 16 × 8 × 25 / 15 / 2 = 320/3.
        assertEquals(Rational.of(320, 3), result.schedule().algbw());
        assertTrue(window.viewModel().schedule().showCongestionProperty().get());
        // the comparison window, once the forest beside NCCL's rings is computed in the background
        WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS,
                () -> Window.getWindows().size() == before + 1);
    }

    @Test
    void theSchedulePanelDrawsAChosenChannelWithItsHopsNumberedAndStatesTheFinding(FxRobot robot) throws Exception {
        Path nccl = Path.of("src/test/resources/canopy/io/nccl");
        var topology = NcclTopologyImporter.read(nccl.resolve("dgx-a100.xml"), 2).topology();
        robot.interact(() -> window.viewModel().document().replace(topology, null));
        dialogs.toOpen.add(nccl.resolve("dgx-a100-graph.xml"));
        MenuItem item = find(robot.lookup(".menu-bar").queryAs(MenuBar.class), "menu-import-nccl-graph");
        robot.interact(item::fire);
        var schedule = window.viewModel().schedule();
        WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS,
                () -> !schedule.channels().findingProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ComboBox<ChannelChoices.Choice> chooser = robot.lookup("#schedule-channels").queryAs(ComboBox.class);
        assertTrue(chooser.isVisible());
        // none, all, and the dump's 8 ring channels
        assertEquals(10, chooser.getItems().size());
        assertEquals("channel 0 (ring)", chooser.getItems().get(2).label());
        Label finding = robot.lookup("#schedule-finding").queryAs(Label.class);
        assertTrue(finding.isVisible() && finding.getText().startsWith("NCCL's ring saturates"), finding.getText());
        robot.interact(() -> chooser.getSelectionModel().select(2));
        WaitForAsyncUtils.waitForFxEvents();
        var overlay = schedule.overlayProperty().get();
        assertEquals(1, overlay.channels().size());
        var channel = overlay.channels().get(0);
        // two nodes of 8 GPUs: the ring's 16 hops, numbered 1 to 16 from n0's first GPU, over the congestion view
        assertEquals(16, channel.hops().size());
        assertEquals(java.util.stream.IntStream.rangeClosed(1, 16).boxed().toList(),
                channel.hops().stream().map(h -> h.step()).toList());
        assertEquals("n0.gpu0", channel.hops().get(0).path().get(0));
        assertTrue(!overlay.arcUtilisation().isEmpty(), "the congestion view stays under the channel");
        // the canvas draws what the panel chose
        assertEquals(overlay, window.diagram().scheduleOverlay());
        robot.interact(() -> chooser.getSelectionModel().select(1));
        assertEquals(8, schedule.overlayProperty().get().channels().size());
        // a run of Canopy's own algorithm forgets the imported channels
        robot.interact(() -> schedule.run());
        WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS, () -> schedule.result() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(chooser.getItems().isEmpty() && !chooser.getParent().isVisible());
        assertTrue(schedule.overlayProperty().get().channels().isEmpty());
    }

    @Test
    void compareAlgorithmsPutsTheImportedScheduleBesideForestAndAuto(FxRobot robot) throws Exception {
        Path nccl = Path.of("src/test/resources/canopy/io/nccl");
        var topology = NcclTopologyImporter.read(nccl.resolve("dgx-a100.xml"), 2).topology();
        robot.interact(() -> window.viewModel().document().replace(topology, null));
        dialogs.toOpen.add(nccl.resolve("dgx-a100-graph.xml"));
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        robot.interact(find(bar, "menu-import-nccl-graph")::fire);
        var schedule = window.viewModel().schedule();
        WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS,
                () -> !schedule.channels().findingProperty().get().isEmpty());
        var before = window.lastComparison();
        // the dialog waits for its answer: open it without waiting, then answer it
        javafx.application.Platform.runLater(find(bar, "menu-analysis-compare")::fire);
        WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS,
                () -> robot.lookup("#compare-imported").tryQuery().isPresent());
        javafx.scene.control.CheckBox mine = robot.lookup("#compare-imported").queryAs(javafx.scene.control.CheckBox.class);
        assertEquals("NCCL's ring (imported)", mine.getText());
        assertTrue(mine.isSelected() && !mine.isDisabled());
        robot.interact(() -> {
            for (var node : robot.lookup(".check-box").queryAllAs(javafx.scene.control.CheckBox.class)) {
                if (node.getId() != null && node.getId().startsWith("compare-algorithm-")) {
                    String name = node.getId().substring("compare-algorithm-".length());
                    node.setSelected(name.equals("forest") || name.equals("auto"));
                }
            }
            javafx.scene.control.DialogPane pane = (javafx.scene.control.DialogPane) mine.getScene().getRoot();
            ((javafx.scene.control.Button) pane.lookupButton(javafx.scene.control.ButtonType.OK)).fire();
        });
        WaitForAsyncUtils.waitFor(120, java.util.concurrent.TimeUnit.SECONDS,
                () -> window.lastComparison() != null && window.lastComparison() != before);
        WaitForAsyncUtils.waitForFxEvents();
        var shown = window.lastComparison();
        var rows = shown.viewModel().rows();
        assertEquals(java.util.List.of("forest", "auto", "NCCL's ring"), rows.stream().map(r -> r.label()).toList());
        // Two DGX A100, allreduce by NCCL's 8 ring channels: 320/3 GB/s, as the import says
        assertEquals(Rational.of(320, 3), rows.get(2).metrics().algbw());
        assertTrue(rows.get(0).metrics().algbw().compareTo(rows.get(2).metrics().algbw()) > 0);
        for (var r : rows) { // the same rows compare --schedule prints: share of the bound, busiest links, times
            assertTrue(r.ratio().endsWith("%") && !r.busiest().isEmpty() && !r.time1GB().isEmpty(), r.toString());
        }
        assertTrue(rows.get(2).busiest().contains("100.0 %"), rows.get(2).busiest());
        assertTrue(shown.viewModel().header().startsWith("NCCL's ring saturates"), shown.viewModel().header());
        assertTrue(shown.table().getColumns().stream().anyMatch(c -> c.getText().equals("Busiest links")));
    }

    private static MenuItem find(MenuBar bar, String id) {
        for (Menu m : bar.getMenus()) {
            MenuItem f = find(m, id);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private static MenuItem find(Menu menu, String id) {
        for (MenuItem i : menu.getItems()) {
            if (id.equals(i.getId())) {
                return i;
            }
            if (i instanceof Menu sub) {
                MenuItem f = find(sub, id);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }
}
