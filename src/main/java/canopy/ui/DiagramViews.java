package canopy.ui;

import canopy.ui.document.DesignDocument;

/** Makes the diagram of the main window. */
public final class DiagramViews {
    private DiagramViews() {
    }

    /** The one place that chooses the diagram: the interactive canvas. */
    public static DiagramView create(DesignDocument document) {
        return new CanvasDiagram(document);
    }
}
