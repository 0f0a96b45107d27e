package canopy.ui.canvas;

import javafx.scene.Cursor;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/**
 * Right-, middle-, Ctrl- or Space-drag: moves the view (the static layer's picture is shifted while the
 * drag lasts). A right click without a drag opens the context menu instead.
 */
final class PanGesture extends CanvasGesture {
    PanGesture(DiagramCanvas canvas) {
        super(canvas);
    }

    @Override
    void dragged(MouseEvent e) {
        canvas.setViewport(canvas.getViewport().pannedBy(e.getX() - lastX, e.getY() - lastY), true);
    }

    @Override
    void released(MouseEvent e) {
        canvas.markStaticDirty();
        if (!dragging && e.getButton() == MouseButton.SECONDARY) {
            canvas.showContextMenu(e);
        }
    }

    @Override
    void cancel() {
        canvas.markStaticDirty();
    }

    @Override
    Cursor cursor() {
        return Cursor.CLOSED_HAND;
    }
}
