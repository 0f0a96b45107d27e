package canopy.ui.canvas;

import canopy.render.DiagramScene;
import canopy.render.Grid;
import canopy.render.Viewport;
import canopy.ui.document.TopologyEdits;
import java.util.List;
import javafx.scene.input.MouseEvent;

/**
 * Dragging a selected node (or a collapsed group) moves the whole selection: a preview follows the
 * pointer (snapped to the grid when snapping is on) and the release commits one edit "Move N nodes";
 * released over another group's box, the nodes also join that group in the same edit.
 */
final class MoveGesture extends CanvasGesture {
    private final String anchor;
    private final List<String> moving;
    private double dx;
    private double dy;

    MoveGesture(DiagramCanvas canvas, String anchor) {
        super(canvas);
        this.anchor = anchor;
        this.moving = canvas.document().selectedNodeIds();
    }

    @Override
    void dragged(MouseEvent e) {
        if (!dragging) {
            return;
        }
        Viewport v = canvas.getViewport();
        double ndx = (e.getX() - pressX) / v.scale();
        double ndy = (e.getY() - pressY) / v.scale();
        double[] p = canvas.diagram().positionOf(anchor);
        if (canvas.snapToGridProperty().get() && p != null) {
            ndx = Grid.snap(p[0] + ndx) - p[0];
            ndy = Grid.snap(p[1] + ndy) - p[1];
        }
        if (ndx != dx || ndy != dy) {
            dx = ndx;
            dy = ndy;
            canvas.setPreview(dx == 0 && dy == 0 ? null : DiagramScene.of(
                    canvas.moved(canvas.document().topology(), moving, dx, dy), canvas.drawnAggregation(),
                    canvas.getDiagramStyle()));
        }
    }

    @Override
    void released(MouseEvent e) {
        canvas.setPreview(null);
        if (!dragging || (dx == 0 && dy == 0)) {
            return;
        }
        List<String> ids = moving;
        double mx = dx;
        double my = dy;
        Viewport v = canvas.getViewport();
        String into = canvas.groupDroppedInto(ids, v.toWorldX(e.getX()), v.toWorldY(e.getY()));
        String description = DiagramCanvas.moveDescription("Move", ids.size());
        if (into == null) {
            canvas.document().edit(description, t -> canvas.moved(t, ids, mx, my));
        } else {
            canvas.document().edit(description + " into " + into,
                    t -> TopologyEdits.regroup(canvas.moved(t, ids, mx, my), ids, into));
        }
    }

    @Override
    void cancel() {
        canvas.setPreview(null);
    }
}
