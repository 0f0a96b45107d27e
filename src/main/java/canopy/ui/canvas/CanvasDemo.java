package canopy.ui.canvas;

import canopy.engine.Bounds;
import canopy.model.Link;
import canopy.model.Topology;
import canopy.generate.TopologyGenerators;
import canopy.render.DiagramStyle;
import canopy.ui.document.DesignDocument;
import java.util.HashSet;
import java.util.Set;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * A window with the canvas alone: two DGX A100 boxes with the allgather bottleneck cut highlighted
 * and the minimap in a corner. For screenshots and for trying the canvas without the main window:
 * {@code java -cp target/canopy.jar canopy.ui.canvas.CanvasDemo [dark]}. Not an Application
 * subclass, so the class-path launch needs no JavaFX modules.
 */
public final class CanvasDemo {
    public static final String TITLE = "Canopy canvas demo";

    private CanvasDemo() {
    }

    public static void main(String[] args) {
        boolean dark = args.length > 0 && args[0].equals("dark");
        Topology t = TopologyGenerators.dgxA100(2);
        Set<String> cut = new HashSet<>(Bounds.of(t).allgather().cut());
        Platform.startup(() -> {
            DiagramCanvas canvas = new DiagramCanvas(new DesignDocument(t, null));
            canvas.setCutHighlight(cut, crossing(t, cut));
            if (dark) {
                canvas.setStyle(DiagramStyle.DARK);
            }
            Minimap minimap = canvas.minimap();
            StackPane root = new StackPane(canvas, minimap);
            StackPane.setAlignment(minimap, Pos.BOTTOM_RIGHT);
            StackPane.setMargin(minimap, new Insets(12));
            Stage stage = new Stage();
            stage.setTitle(TITLE);
            stage.setScene(new Scene(root, 1400, 800));
            stage.setOnHidden(e -> Platform.exit());
            stage.show();
            canvas.requestFocus();
        });
    }

    /** Indices of the links leaving node set s (a duplex link counts when exactly one end is in s). */
    public static Set<Integer> crossing(Topology t, Set<String> s) {
        Set<Integer> out = new HashSet<>();
        for (int i = 0; i < t.links().size(); i++) {
            Link l = t.links().get(i);
            boolean from = s.contains(l.from());
            boolean to = s.contains(l.to());
            if (from && !to || l.duplex() && to && !from) {
                out.add(i);
            }
        }
        return out;
    }
}
