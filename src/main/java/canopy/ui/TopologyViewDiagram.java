package canopy.ui;

import canopy.ui.document.DesignDocument;
import java.util.Collection;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.application.Platform;
import javafx.collections.SetChangeListener;
import javafx.scene.Node;

/**
 * The stand-in diagram until the canvas lands: {@link TopologyView} redrawn on every change of the
 * document's topology and selection. It draws, zooms about its centre and highlights; it does not edit,
 * so the tool is only remembered.
 */
final class TopologyViewDiagram implements DiagramView {
    private static final double STEP = 1.25;
    private final TopologyView view = new TopologyView();
    private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(this, "activeTool", Tool.SELECT);
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(this, "zoom", 1);
    private boolean redrawQueued;

    TopologyViewDiagram(DesignDocument document) {
        view.setTopology(document.topology());
        document.topologyProperty().addListener((o, a, t) -> view.setTopology(t));
        // A selection changes one element at a time; redraw once after the burst.
        Runnable selection = () -> {
            if (!redrawQueued) {
                redrawQueued = true;
                Platform.runLater(() -> {
                    redrawQueued = false;
                    view.setSelection(document.selection().nodes(), document.selection().links());
                });
            }
        };
        document.selection().nodes().addListener((SetChangeListener<String>) c -> selection.run());
        document.selection().links().addListener((SetChangeListener<Integer>) c -> selection.run());
        zoom.addListener((o, a, z) -> view.setZoom(z.doubleValue()));
    }

    @Override
    public Node node() {
        return view;
    }

    @Override
    public ObjectProperty<Tool> activeToolProperty() {
        return tool;
    }

    @Override
    public ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    @Override
    public void zoomIn() {
        zoom.set(Math.min(8, zoom.get() * STEP));
    }

    @Override
    public void zoomOut() {
        zoom.set(Math.max(0.125, zoom.get() / STEP));
    }

    @Override
    public void fitToView() {
        zoom.set(1);
    }

    @Override
    public void setCutHighlight(Collection<String> nodeIds, Collection<Integer> linkIndices) {
        view.setCutHighlight(nodeIds, linkIndices);
    }

    @Override
    public void setDark(boolean dark) {
        view.setDark(dark);
    }

    @Override
    public void setShowGrid(boolean show) {
    }

    @Override
    public void setSnapToGrid(boolean snap) {
    }

    @Override
    public Node minimap() {
        return null;
    }
}
