package canopy.ui.canvas;

import canopy.render.DiagramScene;
import canopy.render.HitTester;
import canopy.render.HitTester.Hit;
import canopy.render.Viewport;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;

/**
 * The Link tool's drag from one node to another: a dashed line follows the pointer, the node under it
 * is highlighted, and the release on another node creates a duplex link and opens its bandwidth editor.
 */
final class LinkGesture extends CanvasGesture {
    private final String from;
    private String target;

    LinkGesture(DiagramCanvas canvas, String from) {
        super(canvas);
        this.from = from;
    }

    private String nodeAt(double x, double y) {
        Hit h = canvas.hitAt(x, y);
        return h.kind() == HitTester.Kind.NODE && !h.node().equals(from) ? h.node() : null;
    }

    @Override
    void dragged(MouseEvent e) {
        target = nodeAt(e.getX(), e.getY());
        canvas.repaintInteraction();
    }

    @Override
    void released(MouseEvent e) {
        String to = nodeAt(e.getX(), e.getY());
        if (to != null) {
            canvas.createLink(from, to);
        }
    }

    @Override
    boolean paintsOverlay() {
        return true;
    }

    @Override
    void paintOverlay(FxDiagramGraphics g, GraphicsContext gc, DiagramScene s, Viewport v) {
        double[] p = s.positionOf(from);
        if (p == null) {
            return;
        }
        var painter = canvas.painter();
        if (target != null) {
            painter.paintHover(g, s, v, target, -1);
        }
        painter.paintHover(g, s, v, from, -1);
        g.setStroke(canvas.getDiagramStyle().selection());
        g.setLineWidth(2);
        g.setLineDash(new double[] {6, 4});
        double[] q = target != null ? s.positionOf(target) : null;
        double ex = q != null ? v.toScreenX(q[0]) : lastX;
        double ey = q != null ? v.toScreenY(q[1]) : lastY;
        g.strokeLine(v.toScreenX(p[0]), v.toScreenY(p[1]), ex, ey);
        g.setLineDash(null);
    }
}
