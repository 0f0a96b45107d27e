package canopy.ui.canvas;

import canopy.render.DiagramScene;
import canopy.render.Viewport;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;

/**
 * One mouse gesture on the {@link DiagramCanvas}, from press to release, in the manner of Scene
 * Builder's AbstractMouseGesture: the canvas's {@link CanvasMode} picks one on a press, passes it the
 * drags and the release, cancels it (Escape, a tool change, a new document), and lets it draw on the
 * interaction layer while it lasts. Each gesture holds its own state, so the canvas has none of it.
 */
abstract class CanvasGesture {
    /** How far (pixels) the pointer moves before a press becomes a drag. */
    static final double DRAG_THRESHOLD_PX = 3;

    final DiagramCanvas canvas;
    double pressX;
    double pressY;
    double lastX;
    double lastY;
    boolean dragging;

    CanvasGesture(DiagramCanvas canvas) {
        this.canvas = canvas;
    }

    /** The press that starts the gesture: remembers where. */
    final void press(MouseEvent e) {
        pressX = lastX = e.getX();
        pressY = lastY = e.getY();
        pressed(e);
    }

    /** A drag: marks the gesture as dragging once past the threshold, then lets it follow. */
    final void drag(MouseEvent e) {
        if (!dragging && Math.hypot(e.getX() - pressX, e.getY() - pressY) >= DRAG_THRESHOLD_PX) {
            dragging = true;
        }
        dragged(e);
        lastX = e.getX();
        lastY = e.getY();
    }

    void pressed(MouseEvent e) {
    }

    void dragged(MouseEvent e) {
    }

    /** The release that ends the gesture (commit its edit, if it makes one). */
    void released(MouseEvent e) {
    }

    /** Ends the gesture without its edit, undoing any preview. */
    void cancel() {
    }

    /** Whether the gesture draws on the interaction layer now. */
    boolean paintsOverlay() {
        return false;
    }

    /** Draws the gesture's feedback (rubber band, the link being drawn) on the interaction layer. */
    void paintOverlay(FxDiagramGraphics g, GraphicsContext gc, DiagramScene s, Viewport v) {
    }

    /** The cursor while the gesture lasts; null keeps the tool's. */
    javafx.scene.Cursor cursor() {
        return null;
    }
}
