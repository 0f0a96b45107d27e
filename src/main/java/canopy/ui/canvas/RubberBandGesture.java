package canopy.ui.canvas;

import canopy.render.DiagramScene;
import canopy.render.HitTester;
import canopy.render.Rect;
import canopy.render.Viewport;
import java.util.LinkedHashSet;
import java.util.Set;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;

/**
 * A drag on the background: selects the nodes inside the band and the links among them (Shift adds to
 * the selection); a click without a drag clears the selection (Shift: keeps it).
 */
final class RubberBandGesture extends CanvasGesture {
    private final boolean adds;

    RubberBandGesture(DiagramCanvas canvas, boolean adds) {
        super(canvas);
        this.adds = adds;
    }

    @Override
    void dragged(MouseEvent e) {
        canvas.repaintInteraction();
    }

    @Override
    void released(MouseEvent e) {
        var sel = canvas.document().selection();
        if (!dragging) {
            if (!adds) {
                sel.clear();
            }
            return;
        }
        Viewport v = canvas.getViewport();
        Rect world = Rect.ofCorners(v.toWorldX(pressX), v.toWorldY(pressY), v.toWorldX(lastX), v.toWorldY(lastY));
        DiagramScene d = canvas.diagram();
        Set<String> nodes = new LinkedHashSet<>(HitTester.nodesIn(d, world));
        if (adds) {
            nodes.addAll(sel.nodes());
        }
        Set<Integer> links = new LinkedHashSet<>(HitTester.linksAmong(d, nodes));
        if (adds) {
            links.addAll(sel.linkIndices(canvas.document().topology()));
        }
        sel.set(nodes, canvas.document().topology(), links);
    }

    @Override
    boolean paintsOverlay() {
        return dragging;
    }

    @Override
    void paintOverlay(FxDiagramGraphics g, GraphicsContext gc, DiagramScene s, Viewport v) {
        var style = canvas.getDiagramStyle();
        Rect r = Rect.ofCorners(pressX, pressY, lastX, lastY);
        g.setFill(style.rubberBandFill());
        g.fillRect(r.minX(), r.minY(), r.width(), r.height());
        g.setStroke(style.rubberBandStroke());
        g.setLineWidth(1);
        gc.strokeRect(Math.floor(r.minX()) + 0.5, Math.floor(r.minY()) + 0.5, Math.round(r.width()),
                Math.round(r.height()));
    }
}
