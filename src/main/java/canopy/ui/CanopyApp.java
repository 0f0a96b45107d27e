package canopy.ui;

import canopy.model.Topology;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * The designer's main window. For now: a menu bar (File: Open…, Quit), the topology drawn to fit, and a
 * status bar with its counts. On start it shows sample-topologies/two-boxes.json from the working
 * directory, or the copy bundled in the jar.
 */
public class CanopyApp extends Application {
    private final TopologyView view = new TopologyView();
    private final Label nameLabel = new Label();
    private final Label countsLabel = new Label();
    private Stage stage;

    @Override
    public void start(Stage primaryStage) {
        stage = primaryStage;
        BorderPane root = new BorderPane();
        root.setTop(menuBar());
        root.setCenter(view);
        root.setBottom(statusBar());

        stage.setTitle("Canopy");
        stage.setScene(new Scene(root, 1100, 720));
        stage.setMinWidth(480);
        stage.setMinHeight(320);

        try {
            show(SampleLoader.loadInitial(SampleLoader.SAMPLES_DIR));
        } catch (IOException e) {
            nameLabel.setText("Could not load the sample topology: " + e.getMessage());
        }
        stage.show();
    }

    private MenuBar menuBar() {
        MenuItem open = new MenuItem("Open…");
        open.setId("menu-open");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> openFile());
        MenuItem quit = new MenuItem("Quit");
        quit.setId("menu-quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> Platform.exit());
        Menu file = new Menu("File");
        file.getItems().addAll(open, new SeparatorMenuItem(), quit);
        return new MenuBar(file);
    }

    private HBox statusBar() {
        nameLabel.setId("topology-name");
        countsLabel.setId("status");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, nameLabel, spacer, countsLabel);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.setStyle("-fx-background-color: #eceff3; -fx-border-color: #cfd5dd transparent transparent transparent;");
        return bar;
    }

    private void openFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open topology");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Topology (*.json)", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        if (Files.isDirectory(SampleLoader.SAMPLES_DIR)) {
            chooser.setInitialDirectory(SampleLoader.SAMPLES_DIR.toAbsolutePath().toFile());
        }
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            open(file.toPath());
        }
    }

    /** Shows the topology in this file, or an error dialog when it cannot be read. */
    void open(Path file) {
        try {
            show(SampleLoader.load(file));
        } catch (IOException e) {
            Alert alert = new Alert(Alert.AlertType.ERROR, e.getMessage());
            alert.setHeaderText("Could not open " + file.getFileName());
            alert.initOwner(stage);
            alert.showAndWait();
        }
    }

    private void show(Topology t) {
        view.setTopology(t);
        int accelerators = t.acceleratorCount();
        nameLabel.setText(t.name() == null ? "" : t.name());
        countsLabel.setText(statusText(accelerators, t.nodes().size() - accelerators, t.links().size()));
    }

    static String statusText(int accelerators, int switches, int links) {
        return plural(accelerators, "accelerator") + ", " + plural(switches, "switch") + ", " + plural(links, "link");
    }

    private static String plural(int n, String word) {
        if (n == 1) {
            return n + " " + word;
        }
        return n + " " + word + (word.endsWith("ch") ? "es" : "s");
    }
}
