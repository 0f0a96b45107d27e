package canopy.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Starts the real window headless (Monocle, see the surefire settings in pom.xml). */
@ExtendWith(ApplicationExtension.class)
class CanopyAppTest {
    private Stage stage;
    private CanopyApp app;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new CanopyApp();
        app.start(stage);
    }

    @Test
    void showsTheSampleCountsInTheStatusBar(FxRobot robot) {
        assertEquals("Canopy", stage.getTitle());
        assertTrue(stage.isShowing());
        Label status = robot.lookup("#status").queryAs(Label.class);
        assertEquals("8 accelerators, 3 switches, 16 links", status.getText());
        Label name = robot.lookup("#topology-name").queryAs(Label.class);
        assertTrue(name.getText().startsWith("Two 4-GPU boxes"), name.getText());
    }

    @Test
    void drawsEveryNodeLinkAndLabel(FxRobot robot) {
        TopologyView view = robot.lookup(".topology-view").queryAs(TopologyView.class);
        assertTrue(view.getWidth() > 400 && view.getHeight() > 300, "the view fills the window");
        assertEquals(8, robot.from(view).lookup(".accelerator").queryAllAs(Circle.class).size());
        assertEquals(3, robot.from(view).lookup(".switch").queryAllAs(Rectangle.class).size());
        assertEquals(16, robot.from(view).lookup(".link").queryAll().size());
        Set<String> labels = robot.from(view).lookup(".node-label").queryAllAs(Text.class).stream()
                .map(Text::getText).collect(Collectors.toSet());
        assertTrue(labels.containsAll(Set.of("spine", "box0-nvs", "box1-gpu3")), labels.toString());
        assertEquals(2, robot.from(view).lookup(".group-box").queryAll().size());

        // Scaled to fit: every node lies inside the view.
        for (Node shape : robot.from(view).lookup(".accelerator").queryAll()) {
            var b = shape.localToScene(shape.getBoundsInLocal());
            var v = view.localToScene(view.getBoundsInLocal());
            assertTrue(v.contains(b), shape.getId() + " " + b + " outside " + v);
        }
    }

    @Test
    void hasFileMenuWithOpenAndQuit(FxRobot robot) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        assertEquals("File", bar.getMenus().get(0).getText());
        var items = bar.getMenus().get(0).getItems().stream().map(i -> i.getText()).filter(t -> t != null).toList();
        assertEquals(List.of("Open…", "Quit"), items);
        assertFalse(bar.getMenus().get(0).getItems().get(0).isDisable());
    }

    @Test
    void openShowsAnotherTopology(FxRobot robot) {
        robot.interact(() -> app.open(Path.of("sample-topologies", "triangle.json")));
        Label status = robot.lookup("#status").queryAs(Label.class);
        assertEquals("3 accelerators, 0 switches, 3 links", status.getText());
    }
}
