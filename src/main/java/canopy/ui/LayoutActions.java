package canopy.ui;

import canopy.model.Topology;
import java.util.Map;

/**
 * The Layout menu's hook: automatic layouts as functions from a topology to new positions (id → {x, y}),
 * applied by the view-model as one undoable edit ({@link canopy.ui.document.TopologyEdits#place}). A
 * layout that is null is not available yet and its menu item is disabled.
 *
 * @param forceDirected canopy.layout.ForceDirectedLayout::layout once it exists
 * @param layered       canopy.layout.LayeredLayout::layout once it exists
 */
public record LayoutActions(Layout forceDirected, Layout layered) {

    /** One automatic layout. */
    @FunctionalInterface
    public interface Layout {
        Map<String, double[]> layout(Topology t);
    }

    /**
     * The layouts this build has. THE place to wire canopy.layout when it lands:
     * {@code return new LayoutActions(ForceDirectedLayout::layout, LayeredLayout::layout);}
     */
    public static LayoutActions available() {
        return new LayoutActions(null, null);
    }
}
