package canopy.ui;

import canopy.layout.ForceDirectedLayout;
import canopy.layout.LayeredLayout;
import canopy.model.Topology;
import java.util.Map;

/**
 * The Layout menu's hook: automatic layouts as functions from a topology to new positions (id → {x, y}),
 * applied by the view-model as one undoable edit ({@link canopy.ui.document.TopologyEdits#place}). A
 * layout that is null is not available yet and its menu item is disabled.
 *
 * @param forceDirected canopy.layout.ForceDirectedLayout::layout
 * @param layered       canopy.layout.LayeredLayout::layout
 */
public record LayoutActions(Layout forceDirected, Layout layered) {

    /** One automatic layout. */
    @FunctionalInterface
    public interface Layout {
        Map<String, double[]> layout(Topology t);
    }

    /** The layouts this build has. */
    public static LayoutActions available() {
        return new LayoutActions(ForceDirectedLayout::layout, LayeredLayout::layout);
    }
}
