package canopy.ui;

import canopy.ui.canvas.Tool;
import canopy.render.ScheduleOverlay;
import java.util.Collection;
import java.util.function.IntFunction;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.scene.Node;

/**
 * What the main window needs of the diagram in its centre; {@link DiagramViews#create} makes it.
 */
public interface DiagramView {
    /** The control to put in the window. */
    Node node();

    /** The tool a click on the diagram uses. */
    ObjectProperty<Tool> activeToolProperty();

    /** 1 = 100 %. */
    ReadOnlyDoubleProperty zoomProperty();

    void zoomIn();

    void zoomOut();

    void fitToView();

    /** Shows the selection as large as fits (nothing selected: the whole diagram). */
    void zoomToSelection();

    /**
     * What a right-click without a drag shows: factory gets what is under the pointer (a node, group,
     * link or nothing) and returns a menu, or null for none.
     */
    void setContextMenuFactory(java.util.function.Function<canopy.render.HitTester.Hit, javafx.scene.control.ContextMenu> factory);

    /** Highlights the bottleneck cut: its nodes and the links crossing it (empty clears it). */
    void setCutHighlight(Collection<String> nodeIds, Collection<Integer> linkIndices);

    void setDark(boolean dark);

    void setShowGrid(boolean show);

    void setSnapToGrid(boolean snap);

    /** Draws the groups (boxes) of these nodes as one box each; double-clicking a box expands it. */
    void collapseGroupsOf(Collection<String> nodeIds);

    void expandAllGroups();

    /** Draws a schedule over the diagram: a tree along its paths, or congestion (NONE clears it). */
    void setScheduleOverlay(ScheduleOverlay overlay);

    /** The schedule overlay drawn now. */
    ScheduleOverlay scheduleOverlay();

    /** The tooltip text of a hovered link (by topology index) while a schedule overlay is on; null: none. */
    void setLinkTooltip(IntFunction<String> text);

    /** An overview of the whole diagram for a corner of the window, or null when there is none. */
    Node minimap();
}
