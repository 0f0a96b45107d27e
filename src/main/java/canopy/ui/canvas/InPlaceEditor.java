package canopy.ui.canvas;

import canopy.render.Viewport;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The text field that edits a label or a bandwidth where it is drawn. It stays at its world point
 * while the view moves. Enter (or leaving the field with valid text) commits; Escape cancels. Invalid
 * text is outlined, the reason shown under the field, and never committed; leaving the field then keeps
 * it open with the text as typed, so a refused value is never silently replaced by the old one.
 */
final class InPlaceEditor {
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private final TextField field = new TextField();
    private final Label reason = new Label();
    private final Runnable afterClose;
    private boolean open;
    /** The reason text is refused, or null when it is valid. */
    private Function<String, String> refusal;
    private Consumer<String> commit;
    private Runnable closed;
    private Runnable pendingClosed;
    private double worldX;
    private double worldY;
    private Viewport lastView;
    private double lastWidth;
    private double lastHeight;

    /** afterClose: runs when the field closes, before its closed action (the canvas takes the focus back). */
    InPlaceEditor(Runnable afterClose) {
        this.afterClose = afterClose;
        field.setManaged(false);
        field.setVisible(false);
        field.getStyleClass().add("diagram-editor");
        field.setPrefColumnCount(9);
        reason.setManaged(false);
        reason.setVisible(false);
        reason.setId("diagram-editor-reason");
        reason.getStyleClass().add("diagram-editor-reason");
        reason.setWrapText(true);
        reason.setMaxWidth(320);
        reason.setStyle("-fx-background-color: #fff1f0; -fx-text-fill: #b42318; -fx-padding: 3 6 3 6;"
                + " -fx-border-color: #e5484d; -fx-border-radius: 3; -fx-background-radius: 3;");
        field.setOnAction(e -> commit());
        field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                cancel();
                e.consume();
            }
        });
        field.textProperty().addListener((o, a, b) -> showValidity());
        field.focusedProperty().addListener((o, was, is) -> {
            if (!is && open && refusal.apply(field.getText()) == null) {
                commit();
            }
        });
    }

    TextField field() {
        return field;
    }

    /** The label under the field that says why its text is refused (hidden while it is valid). */
    Label reason() {
        return reason;
    }

    boolean isOpen() {
        return open;
    }

    /** Whether the text is marked invalid. */
    boolean isInvalid() {
        return open && refusal.apply(field.getText()) != null;
    }

    /**
     * Opens on text at world point (worldX, worldY) of view v (closing an editor already open); refusal
     * gives the reason a text is refused, or null when it is valid; commit receives valid text; closed (may
     * be null) runs after it closes either way.
     */
    void open(String text, double worldX, double worldY, Function<String, String> refusal, Consumer<String> commit,
              Runnable closed, Viewport v, double width, double height) {
        if (open) {
            cancel();
        }
        open = true;
        this.refusal = refusal;
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
        lastView = v;
        lastWidth = width;
        lastHeight = height;
        if (!open) {
            return;
        }
        double w = field.prefWidth(-1);
        double h = field.prefHeight(-1);
        field.resize(w, h);
        double x = Math.max(0, Math.min(width - w, v.toScreenX(worldX) - w / 2));
        double y = Math.max(0, Math.min(height - h, v.toScreenY(worldY) - h / 2));
        field.relocate(x, y);
        if (reason.isVisible()) {
            reason.autosize();
            double ry = y + h + 2 + reason.getHeight() <= height ? y + h + 2 : Math.max(0, y - reason.getHeight() - 2);
            reason.relocate(Math.max(0, Math.min(width - reason.getWidth(), x)), ry);
        }
    }

    private void showValidity() {
        if (!open) {
            return;
        }
        String why = refusal.apply(field.getText());
        boolean ok = why == null;
        field.setStyle(ok ? "" : "-fx-border-color: #e5484d; -fx-border-width: 2; -fx-border-radius: 3;");
        field.pseudoClassStateChanged(INVALID, !ok);
        reason.setText(ok ? "" : why);
        reason.setVisible(!ok);
        if (lastView != null) {
            reposition(lastView, lastWidth, lastHeight);
        }
    }

    private void commit() {
        if (!open) {
            return;
        }
        String text = field.getText();
        if (refusal.apply(text) != null) {
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
        reason.setVisible(false);
        reason.setText("");
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
