package canopy.ui;

import canopy.ui.document.DesignDocument;

/** Makes the diagram of the main window. */
public final class DiagramViews {
    private DiagramViews() {
    }

    /**
     * THE one place that chooses the diagram: when canopy.ui.canvas lands, return an adapter over
     * {@code new DiagramCanvas(document)} here (its methods map one to one onto {@link DiagramView}).
     */
    public static DiagramView create(DesignDocument document) {
        return new TopologyViewDiagram(document);
    }
}
