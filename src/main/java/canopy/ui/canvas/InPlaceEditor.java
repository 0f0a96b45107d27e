package canopy.ui.canvas;

import canopy.render.Viewport;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.css.PseudoClass;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The text field that edits a label or a bandwidth where it is drawn. It stays at its world point
 * while the view moves. Enter (or leaving the field with valid text) commits; Escape (or leaving it
 * with invalid text) cancels. Invalid text is outlined and never committed.
 */
final class InPlaceEditor {
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private final TextField field = new TextField();
    private final Runnable afterClose;
    private boolean open;
    private Predicate<String> valid;
    private Consumer<String> commit;
    private Runnable closed;
    private Runnable pendingClosed;
    private double worldX;
    private double worldY;

    /** afterClose: runs when the field closes, before its closed action (the canvas takes the focus back). */
    InPlaceEditor(Runnable afterClose) {
        this.afterClose = afterClose;
        field.setManaged(false);
        field.setVisible(false);
        field.getStyleClass().add("diagram-editor");
        field.setPrefColumnCount(9);
        field.setOnAction(e -> commit());
        field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                cancel();
                e.consume();
            }
        });
        field.textProperty().addListener((o, a, b) -> showValidity());
        field.focusedProperty().addListener((o, was, is) -> {
            if (!is && open) {
                if (valid.test(field.getText())) {
                    commit();
                } else {
                    cancel();
                }
            }
        });
    }

    TextField field() {
        return field;
    }

    boolean isOpen() {
        return open;
    }

    /** Whether the text is marked invalid. */
    boolean isInvalid() {
        return open && !valid.test(field.getText());
    }

    /**
     * Opens on text at world point (worldX, worldY) of view v (closing an editor already open); commit
     * receives valid text; closed (may be null) runs after it closes either way.
     */
    void open(String text, double worldX, double worldY, Predicate<String> valid, Consumer<String> commit,
              Runnable closed, Viewport v, double width, double height) {
        if (open) {
            cancel();
        }
        open = true;
        this.valid = valid;
        this.commit = commit;
        this.closed = closed;
        this.worldX = worldX;
        this.worldY = worldY;
        field.setText(text);
        showValidity();
        field.setVisible(true);
        field.autosize();
        reposition(v, width, height);
        field.requestFocus();
        field.selectAll();
    }

    /** Keeps the field over its world point in view v, inside a canvas of width × height. */
    void reposition(Viewport v, double width, double height) {
        if (!open) {
            return;
        }
        double w = field.prefWidth(-1);
        double h = field.prefHeight(-1);
        field.resize(w, h);
        double x = Math.max(0, Math.min(width - w, v.toScreenX(worldX) - w / 2));
        double y = Math.max(0, Math.min(height - h, v.toScreenY(worldY) - h / 2));
        field.relocate(x, y);
    }

    private void showValidity() {
        if (!open) {
            return;
        }
        boolean ok = valid.test(field.getText());
        field.setStyle(ok ? "" : "-fx-border-color: #e5484d; -fx-border-width: 2; -fx-border-radius: 3;");
        field.pseudoClassStateChanged(INVALID, !ok);
    }

    private void commit() {
        if (!open) {
            return;
        }
        String text = field.getText();
        if (!valid.test(text)) {
            showValidity();
            return;
        }
        Consumer<String> c = commit;
        hide();
        c.accept(text);
        runClosed();
    }

    /** Closes without committing. */
    void cancel() {
        if (!open) {
            return;
        }
        hide();
        runClosed();
    }

    private void hide() {
        open = false;
        pendingClosed = closed;
        closed = null;
        field.setVisible(false);
        field.setStyle("");
        afterClose.run();
    }

    private void runClosed() {
        Runnable r = pendingClosed;
        pendingClosed = null;
        if (r != null) {
            r.run();
        }
    }
}
