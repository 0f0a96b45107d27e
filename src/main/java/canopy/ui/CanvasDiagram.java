package canopy.ui;

import canopy.render.DiagramStyle;
import canopy.render.ScheduleOverlay;
import canopy.ui.canvas.DiagramCanvas;
import canopy.ui.canvas.Tool;
import canopy.ui.document.DesignDocument;
import java.util.Collection;
import java.util.Set;
import java.util.function.IntFunction;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.scene.Node;

/** The main window's diagram: the interactive {@link DiagramCanvas}. */
final class CanvasDiagram implements DiagramView {
    private final DiagramCanvas canvas;

    CanvasDiagram(DesignDocument document) {
        canvas = new DiagramCanvas(document);
    }

    DiagramCanvas canvas() {
        return canvas;
    }

    @Override
    public Node node() {
        return canvas;
    }

    @Override
    public ObjectProperty<Tool> activeToolProperty() {
        return canvas.activeToolProperty();
    }

    @Override
    public ReadOnlyDoubleProperty zoomProperty() {
        return canvas.zoomProperty();
    }

    @Override
    public void zoomIn() {
        canvas.zoomIn();
    }

    @Override
    public void zoomOut() {
        canvas.zoomOut();
    }

    @Override
    public void fitToView() {
        canvas.fitToView();
    }

    @Override
    public void zoomToSelection() {
        canvas.zoomToSelection();
    }

    @Override
    public void setContextMenuFactory(
            java.util.function.Function<canopy.render.HitTester.Hit, javafx.scene.control.ContextMenu> factory) {
        canvas.setContextMenuFactory(factory);
    }

    @Override
    public void setCutHighlight(Collection<String> nodeIds, Collection<Integer> linkIndices) {
        canvas.setCutHighlight(Set.copyOf(nodeIds), Set.copyOf(linkIndices));
    }

    @Override
    public void setDark(boolean dark) {
        canvas.setStyle(dark ? DiagramStyle.DARK : DiagramStyle.LIGHT);
    }

    @Override
    public void setShowGrid(boolean show) {
        canvas.setShowGrid(show);
    }

    @Override
    public void setSnapToGrid(boolean snap) {
        canvas.snapToGridProperty().set(snap);
    }

    @Override
    public void collapseGroupsOf(Collection<String> nodeIds) {
        for (String id : nodeIds) {
            canopy.model.Node n = canvas.document().topology().node(id);
            if (n != null && n.group() != null) {
                canvas.collapsedGroups().add(n.group());
            }
        }
    }

    @Override
    public void expandAllGroups() {
        canvas.collapsedGroups().clear();
    }

    @Override
    public void setScheduleOverlay(ScheduleOverlay overlay) {
        canvas.setScheduleOverlay(overlay);
    }

    @Override
    public ScheduleOverlay scheduleOverlay() {
        return canvas.scheduleOverlay();
    }

    @Override
    public void setLinkTooltip(IntFunction<String> text) {
        canvas.setLinkTooltip(text);
    }

    @Override
    public Node minimap() {
        return canvas.minimap();
    }
}
