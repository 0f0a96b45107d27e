/**
 * The designer's canvas: {@link canopy.ui.canvas.DiagramCanvas} (stacked canvas layers bound to a
 * DesignDocument, with the select, node and link tools), its {@link canopy.ui.canvas.Minimap}, the
 * JavaFX back-end of the renderer ({@link canopy.ui.canvas.FxDiagramGraphics}), the frame-time
 * benchmark behind {@code canopy bench-ui} ({@link canopy.ui.canvas.CanvasBench}) and a stand-alone
 * demo window ({@link canopy.ui.canvas.CanvasDemo}).
 */
package canopy.ui.canvas;
