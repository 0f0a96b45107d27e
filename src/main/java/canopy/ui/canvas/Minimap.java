package canopy.ui.canvas;

import canopy.render.DiagramPainter;
import canopy.render.DiagramScene;
import canopy.render.Overlay;
import canopy.render.Rect;
import canopy.render.SplitGraphics;
import canopy.render.Viewport;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;

/**
 * The whole topology at a tiny scale with the canvas's visible rectangle on it; a click or drag
 * centres the canvas there. The drawing (no selection or highlight: it is an overview) is cached and
 * repainted only when the topology or style change; the rectangle, on its own layer, follows every
 * pan and zoom.
 */
public final class Minimap extends Region {
    private static final double MARGIN = 6;
    private final DiagramCanvas canvas;
    private final Canvas content = new Canvas();
    private final Canvas frame = new Canvas();
    private final CanvasRasterPresenter contentPresenter = new CanvasRasterPresenter(content);
    private final SplitGraphics contentGraphics =
            new SplitGraphics(new FxDiagramGraphics(content.getGraphicsContext2D()), contentPresenter);
    private final FxDiagramGraphics frameGraphics = new FxDiagramGraphics(frame.getGraphicsContext2D());
    private final DiagramPainter painter = new DiagramPainter();
    private boolean contentDirty = true;
    private Viewport drawnFor;
    private Viewport mini;

    Minimap(DiagramCanvas canvas) {
        this.canvas = canvas;
        getStyleClass().add("minimap");
        painter.setGridStep(0);
        painter.setText(false);
        setPrefSize(200, 130);
        setMinSize(60, 40);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        content.setManaged(false);
        frame.setManaged(false);
        getChildren().addAll(content, frame);
        setCursor(Cursor.HAND);
        setStyle("-fx-border-color: #9aa6b5; -fx-border-width: 1; -fx-effect: dropshadow(gaussian, rgba(0,0,0,0.18), 6, 0, 0, 1);");
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::centre);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::centre);
        canvas.viewportProperty().addListener((o, a, b) -> requestLayout());
    }

    void invalidate() {
        contentDirty = true;
        requestLayout();
    }

    /** The world ↔ minimap mapping, or null before the first layout. */
    public Viewport miniViewport() {
        return mini;
    }

    private void centre(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || mini == null) {
            return;
        }
        canvas.setViewport(canvas.getViewport().centredOn(mini.toWorldX(e.getX()), mini.toWorldY(e.getY())));
        e.consume();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (content.getWidth() != w || content.getHeight() != h) {
            content.setWidth(w);
            content.setHeight(h);
            frame.setWidth(w);
            frame.setHeight(h);
            contentDirty = true;
        }
        refresh();
    }

    void refresh() {
        double w = getWidth();
        double h = getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        DiagramScene s = canvas.diagram();
        if (contentDirty) {
            contentDirty = false;
            mini = Viewport.fit(s.bounds(), w, h, MARGIN);
            contentPresenter.beginFrame(contentGraphics);
            painter.paint(contentGraphics, s, mini, Overlay.NONE);
            contentGraphics.end();
            drawnFor = null;
        }
        Viewport v = canvas.getViewport();
        if (v.equals(drawnFor)) {
            return;
        }
        drawnFor = v;
        var gc = frame.getGraphicsContext2D();
        gc.clearRect(0, 0, w, h);
        frameGraphics.reset();
        Rect r = v.visibleWorld();
        double x0 = mini.toScreenX(r.minX());
        double y0 = mini.toScreenY(r.minY());
        double x1 = mini.toScreenX(r.maxX());
        double y1 = mini.toScreenY(r.maxY());
        frameGraphics.setFill(canvas.getDiagramStyle().rubberBandFill());
        frameGraphics.fillRect(x0, y0, x1 - x0, y1 - y0);
        frameGraphics.setStroke(canvas.getDiagramStyle().rubberBandStroke());
        frameGraphics.setLineWidth(1.5);
        gc.strokeRect(x0, y0, x1 - x0, y1 - y0);
    }
}
