package canopy.ui.canvas;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import canopy.render.Aggregation;
import canopy.render.DiagramGraphics;
import canopy.render.DiagramPainter;
import canopy.render.DiagramScene;
import canopy.render.DiagramStyle;
import canopy.render.Grid;
import canopy.render.HitTester;
import canopy.render.HitTester.Hit;
import canopy.render.LevelOfDetail;
import canopy.render.Overlay;
import canopy.render.Rect;
import canopy.render.ScheduleOverlay;
import canopy.render.SplitGraphics;
import canopy.render.Viewport;
import canopy.ui.document.DesignDocument;
import canopy.ui.document.TopologyEdits;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;

/**
 * The designer's drawing: a {@link DesignDocument}'s topology on stacked canvases, with the tools to
 * edit it. Every change goes through {@link DesignDocument#edit}, one undoable step per gesture.
 *
 * <h2>Layers</h2>
 * The static layer holds the topology with the selection and the cut highlight; it is repainted
 * (through {@link DiagramPainter}) only when the topology, the viewport, the style, the collapsed
 * groups, the selection or the highlight change, at most once a pulse. The interaction layer above
 * it holds what changes with the mouse: hover, rubber band, the link being drawn. The live preview of
 * a move repaints the static layer from the moved topology, so links follow their nodes.
 *
 * <h2>Mouse and keys</h2>
 * A press asks the {@link CanvasMode} (editing, or read-only for the Compare window) for a
 * {@link CanvasGesture}: {@link PanGesture}, {@link RubberBandGesture}, {@link MoveGesture} or
 * {@link LinkGesture}; the canvas passes it the drags and the release, cancels it on Escape, and lets it
 * draw its feedback on the interaction layer. A click that does its job at once (select, place a node,
 * open an editor) starts no gesture.
 * <ul>
 * <li>Select tool: click selects a node, collapsed group or link (nodes win over links; a few pixels'
 * tolerance); Shift+click toggles. Plain drag on the background draws a rubber band (Shift adds to the
 * selection). Dragging a node moves the selection, committed on release as one edit "Move N nodes"
 * (snapped to the grid when snapping is on). Double-click edits a node's label or a link's bandwidth
 * in place (Enter commits, Escape cancels; a collapsed group box expands).</li>
 * <li>Pan: right- or middle-drag, Ctrl+drag, or Space+drag, with any tool. Wheel: zoom around the
 * cursor.</li>
 * <li>Accelerator / Switch tools: click places a node with a fresh id ("gpuN", "swN") and selects
 * it.</li>
 * <li>Link tool: press on a node, drag to another, release: a duplex link of
 * {@link #DEFAULT_BANDWIDTH} appears and its bandwidth editor opens; the link and the typed bandwidth
 * undo as one step.</li>
 * <li>Keys (when focused): + / − zoom, F fits, arrows nudge the selection by a grid step (one unit with
 * snapping off; Shift: ten times that), Delete / Backspace removes the selection, Escape cancels a
 * gesture or clears the selection.</li>
 * </ul>
 */
public final class DiagramCanvas extends Region {
    public static final Rational DEFAULT_BANDWIDTH = Rational.of(100);
    /** How near (pixels) a click must be to a node or link to hit it. */
    public static final double HIT_TOLERANCE_PX = 5;
    static final double ZOOM_STEP = 1.25;
    static final double FIT_MARGIN_PX = 40;

    private final DesignDocument document;
    private final Canvas staticLayer = new Canvas();
    private final Canvas interactionLayer = new Canvas();
    /** Links, nodes and boxes drawn into a pixel raster on the FX thread, text by the canvas. */
    private final CanvasRasterPresenter staticPresenter = new CanvasRasterPresenter(staticLayer);
    private final SplitGraphics staticGraphics =
            new SplitGraphics(new FxDiagramGraphics(staticLayer.getGraphicsContext2D()), staticPresenter);
    private final FxDiagramGraphics interactionGraphics =
            new FxDiagramGraphics(interactionLayer.getGraphicsContext2D());
    private final DiagramPainter painter = new DiagramPainter();
    private final ObjectProperty<Tool> activeTool = new SimpleObjectProperty<>(this, "activeTool", Tool.SELECT);
    private final BooleanProperty snapToGrid = new SimpleBooleanProperty(this, "snapToGrid", true);
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(this, "zoom", 1);
    private final ReadOnlyObjectWrapper<Viewport> viewport =
            new ReadOnlyObjectWrapper<>(this, "viewport", Viewport.identity(0, 0));
    private final ReadOnlyObjectWrapper<DiagramScene> diagram = new ReadOnlyObjectWrapper<>(this, "diagram");
    private final ObservableSet<String> collapsedGroups = FXCollections.observableSet();
    private final InPlaceEditor editor = new InPlaceEditor(this::requestFocus);
    private DiagramStyle style = DiagramStyle.LIGHT;
    private Set<String> cutNodes = Set.of();
    private Set<Integer> cutLinks = Set.of();
    private Overlay overlay;
    private DiagramScene previewScene;
    private boolean sceneDirty = true;
    private boolean staticDirty = true;
    private boolean interactionDirty = true;
    private boolean fitPending = true;
    /** What is drawn as one item at the current zoom (see {@link Aggregation}), and for which topology and scale. */
    private Aggregation aggregation = Aggregation.NONE;
    private Topology aggregatedTopology;
    private double aggregatedScale = Double.NaN;
    private Hit hover = Hit.NONE;
    private ScheduleOverlay scheduleOverlay = ScheduleOverlay.NONE;
    private IntFunction<String> linkTooltipText = i -> null;
    private final Tooltip linkTip = new Tooltip();
    private Minimap minimap;
    private long staticPaints;
    private java.util.function.Function<Hit, javafx.scene.control.ContextMenu> contextMenuFactory;
    private javafx.scene.control.ContextMenu contextMenu;

    /** The gesture under way (a drag from press to release), or null. */
    private CanvasGesture gesture;
    private CanvasMode mode = CanvasMode.EDIT;
    private boolean spaceDown;
    private double lastX;
    private double lastY;

    public DiagramCanvas(DesignDocument document) {
        this.document = document;
        getStyleClass().add("diagram-canvas");
        setFocusTraversable(true);
        setMinSize(0, 0);
        setPrefSize(800, 600);
        staticLayer.setManaged(false);
        interactionLayer.setManaged(false);
        interactionLayer.setMouseTransparent(true);
        staticLayer.setMouseTransparent(true);
        getChildren().addAll(staticLayer, interactionLayer, editor.field(), editor.reason());
        applyBackground();

        // Only a new document fits the view: an edit (even the first node of an empty one) keeps it, so
        // what was placed stays under the pointer.
        document.generationProperty().addListener((o, a, b) -> {
            cancelGesture();
            editor.cancel();
            previewScene = null;
            collapsedGroups.clear();
            fitPending = true;
            repaint();
        });
        document.topologyProperty().addListener((o, before, after) -> {
            updateAutoCollapse(getViewport().scale());
            hover = Hit.NONE;
            sceneDirty = true;
            overlayChanged(); // the selected links may sit at other positions now
            repaint();
        });
        document.selection().nodes().addListener((SetChangeListener<String>) c -> overlayChanged());
        document.selection().linkKeys().addListener((SetChangeListener<Long>) c -> overlayChanged());
        collapsedGroups.addListener((SetChangeListener<String>) c -> {
            aggregatedTopology = null;
            updateAutoCollapse(getViewport().scale());
            sceneDirty = true;
            repaint();
        });
        activeTool.addListener((o, a, b) -> {
            cancelGesture();
            setCursor(toolCursor());
        });

        addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::onReleased);
        addEventHandler(MouseEvent.MOUSE_MOVED, this::onMoved);
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            setHover(Hit.NONE);
            linkTip.hide();
        });
        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKeyPressed);
        addEventHandler(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                spaceDown = false;
            }
        });
        panSettle.setOnFinished(e -> {
            staticDirty = true;
            repaint();
        });
    }

    // ---------------------------------------------------------------- public API

    public DesignDocument document() {
        return document;
    }

    public ObjectProperty<Tool> activeToolProperty() {
        return activeTool;
    }

    public Tool getActiveTool() {
        return activeTool.get();
    }

    public void setActiveTool(Tool t) {
        activeTool.set(t);
    }

    public BooleanProperty snapToGridProperty() {
        return snapToGrid;
    }

    /** The current scale (1 = one world unit per pixel), for the status bar. */
    public ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    public double getZoom() {
        return zoom.get();
    }

    public ReadOnlyObjectProperty<Viewport> viewportProperty() {
        return viewport.getReadOnlyProperty();
    }

    public Viewport getViewport() {
        return viewport.get();
    }

    /** Shows this viewport (its size is replaced by the canvas's). */
    public void setViewport(Viewport v) {
        setViewport(v, false);
    }

    /**
     * Shows v. With blit (a pan gesture), while the scale stays the same, the static layer's last
     * picture is moved instead of repainted; the full repaint follows when the gesture rests
     * ({@link #PAN_SETTLE}), or at once when the view has moved a quarter of its size. A zoom always
     * repaints: a scaled picture costs the software renderer more than painting the frame anew.
     */
    void setViewport(Viewport v, boolean blit) {
        Viewport sized = v.withSize(getWidth(), getHeight());
        fitPending = false;
        updateAutoCollapse(sized.scale());
        viewport.set(sized);
        zoom.set(sized.scale());
        interactionDirty = true;
        double dx = painted == null ? 0 : sized.tx() - painted.tx();
        double dy = painted == null ? 0 : sized.ty() - painted.ty();
        if (blit && painted != null && !staticDirty && painted.width() == sized.width()
                && painted.height() == sized.height() && sized.scale() == painted.scale()
                && Math.abs(dx) < sized.width() / 4 && Math.abs(dy) < sized.height() / 4) {
            staticLayer.getTransforms().setAll(new javafx.scene.transform.Translate(dx, dy));
            panSettle.playFromStart();
        } else {
            staticDirty = true;
        }
        repositionEditor();
        repaint();
    }

    /** How long a pan rests before the static layer is repainted at full quality. */
    static final javafx.util.Duration PAN_SETTLE = javafx.util.Duration.millis(90);
    private final javafx.animation.PauseTransition panSettle = new javafx.animation.PauseTransition(PAN_SETTLE);
    private Viewport painted;

    /** The geometry being drawn (rebuilt when the topology, collapsed groups or style change). */
    public ReadOnlyObjectProperty<DiagramScene> diagramProperty() {
        ensureScene();
        return diagram.getReadOnlyProperty();
    }

    public DiagramScene diagram() {
        ensureScene();
        return diagram.get();
    }

    public void zoomIn() {
        setViewport(getViewport().zoomed(ZOOM_STEP));
    }

    public void zoomOut() {
        setViewport(getViewport().zoomed(1 / ZOOM_STEP));
    }

    /** Shows the selected nodes (and the ends of selected links) with a margin; nothing selected: fits all. */
    public void zoomToSelection() {
        DiagramScene d = diagram();
        Set<String> ids = new LinkedHashSet<>(document.selection().nodes());
        for (int i : document.selection().linkIndices(document.topology())) {
            ids.add(document.topology().links().get(i).from());
            ids.add(document.topology().links().get(i).to());
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (String id : ids) {
            double[] p = d.positionOf(id);
            if (p != null) {
                minX = Math.min(minX, p[0]);
                minY = Math.min(minY, p[1]);
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        if (minX == Double.POSITIVE_INFINITY || getWidth() <= 0 || getHeight() <= 0) {
            fitToView();
            return;
        }
        double pad = style.nodeRadius() * 3;
        setViewport(Viewport.fit(Rect.ofCorners(minX - pad, minY - pad, maxX + pad, maxY + pad), getWidth(), getHeight(),
                FIT_MARGIN_PX));
    }

    /** Shows every node with a margin. */
    public void fitToView() {
        if (getWidth() <= 0 || getHeight() <= 0) {
            fitPending = true;
            return;
        }
        Rect b = diagram().bounds();
        setViewport(Viewport.fit(b, getWidth(), getHeight(), FIT_MARGIN_PX));
    }

    public DiagramStyle getDiagramStyle() {
        return style;
    }

    /** Light or dark (or any other palette). */
    public void setStyle(DiagramStyle s) {
        style = s;
        applyBackground();
        sceneDirty = true;
        interactionDirty = true;
        repaint();
        if (minimap != null) {
            minimap.invalidate();
        }
    }

    /** Draws the grid (when zoomed in enough) or not; snapping is separate. */
    public void setShowGrid(boolean show) {
        painter.setGridStep(show ? Grid.STEP : 0);
        staticDirty = true;
        repaint();
    }

    /** Tints these nodes and links (the bottleneck cut: nodes of S, links leaving it). */
    public void setCutHighlight(Set<String> nodes, Set<Integer> links) {
        cutNodes = Set.copyOf(nodes);
        cutLinks = Set.copyOf(links);
        overlayChanged();
    }

    /** Draws a schedule over the diagram (a tree, congestion, chunks); null or NONE clears it. */
    public void setScheduleOverlay(ScheduleOverlay o) {
        scheduleOverlay = o == null ? ScheduleOverlay.NONE : o;
        painter.setScheduleOverlay(scheduleOverlay);
        if (scheduleOverlay.isEmpty()) {
            linkTip.hide();
        }
        overlayChanged();
    }

    public ScheduleOverlay scheduleOverlay() {
        return scheduleOverlay;
    }

    /**
     * The text of the tooltip shown while the mouse rests on link i (its topology index) with a schedule
     * overlay on; null shows none.
     */
    public void setLinkTooltip(IntFunction<String> text) {
        linkTooltipText = text == null ? i -> null : text;
    }

    private void updateLinkTip(MouseEvent e) {
        String text = hover.kind() == HitTester.Kind.LINK && !scheduleOverlay.isEmpty() && gesture == null
                ? linkTip(hover.link()) : null;
        if (text == null) {
            linkTip.hide();
            return;
        }
        linkTip.setText(text);
        if (getScene() != null && getScene().getWindow() != null) {
            linkTip.show(this, e.getScreenX() + 14, e.getScreenY() + 14);
        }
    }

    /**
     * The tooltip of the drawn link standing for topology link i: for a bundle, what it stands for and
     * then its busiest link's (whose colour it shows).
     */
    String linkTip(int link) {
        DiagramScene s = diagram();
        int d = s.drawnOf(link);
        if (d < 0 || s.links().get(d).indices.length < 2) {
            return linkTooltipText.apply(link);
        }
        DiagramScene.DrawnLink bundle = s.links().get(d);
        String busiest = linkTooltipText.apply(scheduleOverlay.busiestLink(document.topology(), bundle.indices));
        if (busiest == null) {
            return null;
        }
        return "Bundle of " + canopy.io.FigureText.plural(bundle.indices.length, "link") + ", "
                + canopy.render.BandwidthFormat.format(bundle.bandwidth) + " "
                + canopy.io.FigureText.units(document.topology().units()) + " in all; coloured by the busiest:\n"
                + busiest;
    }

    /** Groups drawn as one box each. */
    public ObservableSet<String> collapsedGroups() {
        return collapsedGroups;
    }

    /**
     * What is drawn as one item: the groups the user collapsed, or, zoomed out on a big network, the
     * overview (every group one box, crowded tiers of switches one bar, links between two items one
     * bundle whose congestion is the busiest of its links); labels and single links return as you zoom
     * in past {@link Aggregation#OVERVIEW_SCALE}.
     */
    Aggregation drawnAggregation() {
        return aggregation;
    }

    /** Recomputes what is drawn as one item at this scale; marks the scene for rebuilding when it changes. */
    private void updateAutoCollapse(double scale) {
        Topology t = document.topology();
        if (t == aggregatedTopology && scale == aggregatedScale) {
            return;
        }
        aggregatedTopology = t;
        aggregatedScale = scale;
        Aggregation a = Aggregation.at(t, scale, collapsedGroups);
        if (!a.equals(aggregation)) {
            aggregation = a;
            sceneDirty = true;
            staticDirty = true;
        }
    }

    public void toggleGroupCollapsed(String group) {
        if (!collapsedGroups.remove(group)) {
            collapsedGroups.add(group);
        }
    }

    public void selectAll() {
        document.selectAll();
    }

    /** The overview control the window may put in a corner (one per canvas). */
    public Minimap minimap() {
        if (minimap == null) {
            minimap = new Minimap(this);
        }
        return minimap;
    }

    /**
     * Draws the diagram as it stands (with the cut highlight, without selection, hover or grid) into
     * any back-end: the PNG, SVG and PDF exports use this.
     */
    public void paint(DiagramGraphics g, Viewport v) {
        DiagramPainter p = new DiagramPainter();
        p.setGridStep(0);
        p.paint(g, diagram(), v, Overlay.NONE.withHighlight(cutNodes, cutLinks));
    }

    private void openEditor(String text, double worldX, double worldY, java.util.function.Function<String, String> refusal,
                            Consumer<String> commit, Runnable closed) {
        cancelGesture();
        editor.open(text, worldX, worldY, refusal, commit, closed, getViewport(), getWidth(), getHeight());
    }

    private void repositionEditor() {
        editor.reposition(getViewport(), getWidth(), getHeight());
    }

    /** Opens the bandwidth editor on topology link index (as a double-click on it does). */
    public void editLinkBandwidth(int index) {
        editLink(index, null);
    }

    /** Opens the label editor of node id (as a double-click on it does). */
    public void editNodeLabel(String id) {
        editNode(id);
    }

    // ---------------------------------------------------------------- painting

    private void applyBackground() {
        // Shows at the edges while a pan moves the static layer's last picture.
        setBackground(new javafx.scene.layout.Background(new javafx.scene.layout.BackgroundFill(
                javafx.scene.paint.Color.web(style.background().hex()), null, null)));
    }

    /** Schedules a repaint of whatever is dirty on the next pulse. */
    private void repaint() {
        requestLayout();
    }

    private void overlayChanged() {
        overlay = null;
        staticDirty = true;
        repaint();
    }

    private void ensureScene() {
        if (sceneDirty || diagram.get() == null) {
            sceneDirty = false;
            diagram.set(DiagramScene.of(document.topology(), aggregation, style));
            staticDirty = true;
            interactionDirty = true;
            if (minimap != null) {
                minimap.invalidate();
            }
        }
    }

    private Overlay overlay() {
        if (overlay == null) {
            overlay = new Overlay(document.selection().nodes(),
                    Set.copyOf(document.selection().linkIndices(document.topology())), cutNodes, cutLinks,
                    null, -1);
        }
        return overlay;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (staticLayer.getWidth() != w || staticLayer.getHeight() != h) {
            staticLayer.setWidth(w);
            staticLayer.setHeight(h);
            interactionLayer.setWidth(w);
            interactionLayer.setHeight(h);
            viewport.set(getViewport().withSize(w, h));
            staticDirty = true;
            interactionDirty = true;
        }
        if (editor.isOpen()) {
            editor.field().autosize();
            repositionEditor();
        }
        flush();
    }

    /** Paints what is dirty now. */
    void flush() {
        ensureScene();
        if (fitPending && getWidth() > 0 && getHeight() > 0) {
            fitPending = false;
            Viewport v = Viewport.fit(diagram().bounds(), getWidth(), getHeight(), FIT_MARGIN_PX);
            updateAutoCollapse(v.scale());
            ensureScene();
            viewport.set(v);
            zoom.set(v.scale());
            staticDirty = true;
        }
        if (staticDirty) {
            paintStatic();
        }
        if (interactionDirty) {
            paintInteraction();
        }
        if (minimap != null) {
            minimap.refresh();
        }
    }

    /** Repaints the static layer now, dirty or not (the benchmark's full redraw). */
    void paintStatic() {
        staticDirty = false;
        if (getWidth() <= 0 || getHeight() <= 0) {
            return;
        }
        staticPaints++;
        panSettle.stop();
        painted = getViewport();
        staticLayer.getTransforms().clear();
        staticPresenter.beginFrame(staticGraphics);
        painter.paint(staticGraphics, previewScene != null ? previewScene : diagram(), getViewport(), overlay());
        staticGraphics.end();
    }

    /**
     * How often the static layer was repainted: the bench checks that its cached run repaints it never
     * (else it measured the wrong path), and a test that hover does not repaint it.
     */
    long staticPaintCount() {
        return staticPaints;
    }

    void paintInteraction() {
        interactionDirty = false;
        var gc = interactionLayer.getGraphicsContext2D();
        gc.clearRect(0, 0, interactionLayer.getWidth(), interactionLayer.getHeight());
        interactionGraphics.reset();
        DiagramScene s = diagram();
        Viewport v = getViewport();
        boolean hovering = gesture == null && !hover.isNone();
        boolean feedback = gesture != null && gesture.paintsOverlay();
        // An empty layer is hidden: blending a transparent full-size canvas costs a full pass per frame.
        interactionLayer.setVisible(hovering || feedback);
        if (hovering) {
            painter.paintHover(interactionGraphics, s, v, hover.node(), hover.link());
        }
        if (feedback) {
            gesture.paintOverlay(interactionGraphics, gc, s, v);
        }
    }

    // ---------------------------------------------------------------- mouse

    Hit hitAt(double sx, double sy) {
        Viewport v = getViewport();
        double r = LevelOfDetail.at(v.scale(), style).nodeRadiusPx() / v.scale();
        return HitTester.hit(diagram(), v.toWorldX(sx), v.toWorldY(sy), r, HIT_TOLERANCE_PX / v.scale());
    }

    private void setHover(Hit h) {
        if (!h.equals(hover)) {
            hover = h;
            interactionDirty = true;
            repaint();
        }
    }

    private void onMoved(MouseEvent e) {
        lastX = e.getX();
        lastY = e.getY();
        setHover(hitAt(e.getX(), e.getY()));
        updateLinkTip(e);
    }

    private void onPressed(MouseEvent e) {
        if (editor.isOpen() && editor.isInvalid()) {
            // A refused value stays in its field, with the reason, until fixed or cancelled (Escape).
            editor.field().requestFocus();
            e.consume();
            return;
        }
        requestFocus();
        linkTip.hide();
        lastX = e.getX();
        lastY = e.getY();
        cancelGesture();
        gesture = mode.pressed(this, e);
        if (gesture != null) {
            gesture.press(e);
            if (gesture.cursor() != null) {
                setCursor(gesture.cursor());
            }
        }
        repaintInteraction();
        e.consume();
    }

    private void onDragged(MouseEvent e) {
        if (gesture != null) {
            gesture.drag(e);
        }
        lastX = e.getX();
        lastY = e.getY();
        e.consume();
    }

    private void onReleased(MouseEvent e) {
        CanvasGesture g = gesture;
        gesture = null;
        setCursor(toolCursor());
        if (g != null) {
            g.released(e);
        }
        repaintInteraction();
        e.consume();
    }

    private Cursor toolCursor() {
        return getActiveTool() == Tool.SELECT || !mode.edits() ? Cursor.DEFAULT : Cursor.CROSSHAIR;
    }

    /**
     * What a right-click without a drag shows: the factory gets what is under the pointer (a node, group,
     * link or nothing) and returns a menu, or null for none. Null: no context menu (the default).
     */
    public void setContextMenuFactory(java.util.function.Function<Hit, javafx.scene.control.ContextMenu> factory) {
        this.contextMenuFactory = factory;
    }

    /** The context menu shown last, or null. */
    public javafx.scene.control.ContextMenu contextMenu() {
        return contextMenu;
    }

    void showContextMenu(MouseEvent e) {
        if (contextMenuFactory == null) {
            return;
        }
        if (contextMenu != null) {
            contextMenu.hide();
        }
        contextMenu = contextMenuFactory.apply(hitAt(e.getX(), e.getY()));
        if (contextMenu != null) {
            contextMenu.show(this, e.getScreenX(), e.getScreenY());
        }
    }

    /** Ends the gesture under way, if any, without its edit. */
    void cancelGesture() {
        CanvasGesture g = gesture;
        gesture = null;
        if (g != null) {
            g.cancel();
            setCursor(toolCursor());
        }
        repaintInteraction();
    }

    private void onScroll(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        double factor = Math.pow(1.1, e.getDeltaY() / 40);
        setViewport(getViewport().zoomedAround(e.getX(), e.getY(), factor), true);
        e.consume();
    }

    // ---------------------------------------------------------------- for the gestures

    /** Whether Space is held (Space+drag pans). */
    boolean isSpaceDown() {
        return spaceDown;
    }

    /** The interaction layer is redrawn on the next pulse. */
    void repaintInteraction() {
        interactionDirty = true;
        repaint();
    }

    /** The static layer is redrawn on the next pulse. */
    void markStaticDirty() {
        staticDirty = true;
        repaint();
    }

    /** Draws this scene (a move's preview) instead of the document's until null is set. */
    void setPreview(DiagramScene preview) {
        if (preview != previewScene) {
            previewScene = preview;
            markStaticDirty();
        }
    }

    DiagramPainter painter() {
        return painter;
    }

    /** Read-only (the Compare window) or editing (the designer). */
    public void setMode(CanvasMode m) {
        cancelGesture();
        mode = m;
        setCursor(toolCursor());
    }

    public CanvasMode mode() {
        return mode;
    }

    // ---------------------------------------------------------------- edits

    /**
     * The group whose box the pointer released the moved nodes over, when they are not all in it already
     * (the smallest such box: boxes may nest in the drawing); null for none. Dropping a node in a box
     * makes it a member, as in yEd and draw.io.
     */
    String groupDroppedInto(List<String> ids, double wx, double wy) {
        DiagramScene.GroupBox best = null;
        for (DiagramScene.GroupBox g : diagram().groups()) {
            if (g.collapsed() || !g.box().contains(wx, wy) || g.members().containsAll(ids)) {
                continue;
            }
            if (best == null || g.box().width() * g.box().height() < best.box().width() * best.box().height()) {
                best = g;
            }
        }
        return best == null ? null : best.name();
    }

    static String moveDescription(String verb, int n) {
        return verb + " " + n + (n == 1 ? " node" : " nodes");
    }

    /**
     * t with these nodes moved by (dx, dy) from where they are drawn (nodes without a position in the
     * file move from their fallback place on the circle, not from (0, 0)).
     */
    Topology moved(Topology t, Collection<String> ids, double dx, double dy) {
        boolean allPlaced = true;
        for (String id : ids) {
            Node n = t.node(id);
            if (n != null && (n.x() == null || n.y() == null)) {
                allPlaced = false;
                break;
            }
        }
        if (allPlaced) {
            return TopologyEdits.move(t, ids, dx, dy);
        }
        DiagramScene s = diagram();
        Map<String, double[]> at = new HashMap<>();
        for (String id : ids) {
            double[] p = s.positionOf(id);
            if (p != null) {
                at.put(id, new double[] {p[0] + dx, p[1] + dy});
            }
        }
        return TopologyEdits.place(t, at);
    }

    void placeNode(NodeKind kind, double sx, double sy) {
        Viewport v = getViewport();
        double x = v.toWorldX(sx);
        double y = v.toWorldY(sy);
        if (snapToGrid.get()) {
            x = Grid.snap(x);
            y = Grid.snap(y);
        }
        boolean accelerator = kind == NodeKind.ACCELERATOR;
        String id = TopologyEdits.freshId(document.topology(), accelerator ? "gpu" : "sw");
        Node n = new Node(id, kind, null, x, y, null);
        document.edit(accelerator ? "Add accelerator " + id : "Add switch " + id, t -> TopologyEdits.addNode(t, n),
                List.of(id), List.of());
    }

    void createLink(String from, String to) {
        var history = document.history();
        if (history.inBatch()) {
            return;
        }
        // A second link between the same two nodes would only overlap the first (and add to its
        // bandwidth): the existing link's bandwidth editor opens instead.
        List<Link> links = document.topology().links();
        for (int i = 0; i < links.size(); i++) {
            Link l = links.get(i);
            if ((l.from().equals(from) && l.to().equals(to)) || (l.from().equals(to) && l.to().equals(from))) {
                editLink(i, null);
                return;
            }
        }
        history.beginBatch("Add link " + from + "<->" + to);
        int index = document.topology().links().size();
        document.edit("Add link", t -> TopologyEdits.addLink(t, Link.duplex(from, to, DEFAULT_BANDWIDTH)),
                List.of(), List.of(index));
        editLink(index, history::endBatch);
    }

    /** Removes the selection as one edit: the document's one delete. */
    public void deleteSelection() {
        document.deleteSelection();
    }

    /** Moves the selected nodes by (dx, dy) world units as one edit. */
    public void nudgeSelection(double dx, double dy) {
        List<String> ids = document.selectedNodeIds();
        if (ids.isEmpty()) {
            return;
        }
        document.edit(moveDescription("Nudge", ids.size()), t -> moved(t, ids, dx, dy));
    }

    private void onKeyPressed(KeyEvent e) {
        if (e.getTarget() == editor.field() || editor.isOpen()) {
            return;
        }
        double step = (snapToGrid.get() ? Grid.STEP : 1) * (e.isShiftDown() ? 10 : 1);
        boolean shortcut = e.isShortcutDown() || e.isAltDown();
        if (!mode.edits() && (e.getCode().isArrowKey() || e.getCode() == KeyCode.DELETE
                || e.getCode() == KeyCode.BACK_SPACE || e.isShortcutDown())) {
            return; // a read-only diagram is not edited from the keyboard
        }
        switch (e.getCode()) {
            case PLUS, EQUALS, ADD -> {
                if (shortcut) {
                    return;
                }
                zoomIn();
            }
            case MINUS, SUBTRACT -> {
                if (shortcut) {
                    return;
                }
                zoomOut();
            }
            case F -> {
                if (shortcut) {
                    return;
                }
                fitToView();
            }
            case LEFT -> nudgeSelection(-step, 0);
            case RIGHT -> nudgeSelection(step, 0);
            case UP -> nudgeSelection(0, -step);
            case DOWN -> nudgeSelection(0, step);
            case DELETE, BACK_SPACE -> deleteSelection();
            case SPACE -> spaceDown = true;
            case ESCAPE -> {
                if (gesture != null) {
                    cancelGesture();
                } else {
                    document.selection().clear();
                }
            }
            default -> {
                return;
            }
        }
        e.consume();
    }

    // ---------------------------------------------------------------- in-place editor

    private void editNode(String id) {
        Node n = document.topology().node(id);
        double[] p = diagram().positionOf(id);
        if (n == null || p == null) {
            return;
        }
        String initial = n.label() != null ? n.label() : n.id();
        openEditor(initial, p[0], p[1] + style.nodeRadius() + 14, text -> null, text -> {
            String t = text.strip();
            String label = t.isEmpty() || (n.label() == null && t.equals(n.id())) ? null : t;
            if (java.util.Objects.equals(label, n.label())) {
                return;
            }
            document.edit("Rename " + id, top -> {
                Node current = top.node(id);
                return current == null ? top : TopologyEdits.replaceNode(top, id, current.withLabel(label));
            });
        }, null);
    }

    /**
     * Why text is refused as a bandwidth of a topology in these units (a number, optionally with a unit:
     * 200Gb/s, 1.6Tb/s, 50GiB/s), or null when it is one.
     */
    static String bandwidthRefusal(String text, String units) {
        try {
            canopy.model.BandwidthUnits.parse(text, units);
            return null;
        } catch (canopy.model.BandwidthUnits.Refused e) {
            return "Bandwidth: " + e.getMessage();
        }
    }

    private void editLink(int index, Runnable closed) {
        Topology t = document.topology();
        int d = diagram().drawnOf(index);
        if (index < 0 || index >= t.links().size() || d < 0) {
            if (closed != null) {
                closed.run();
            }
            return;
        }
        Link l = t.links().get(index);
        DiagramScene.DrawnLink dl = diagram().links().get(d);
        document.selection().set(List.of(), List.of(l));
        String units = t.units();
        openEditor(l.bandwidth().toString(), dl.midX(), dl.midY(), text -> bandwidthRefusal(text, units), text -> {
            Rational bw = canopy.model.BandwidthUnits.parse(text, units);
            if (bw.equals(l.bandwidth())) {
                return;
            }
            document.edit("Set bandwidth of " + l.describe(), top -> index < top.links().size()
                    ? TopologyEdits.replaceLink(top, index, top.links().get(index).withBandwidth(bw)) : top,
                    List.of(), List.of(index));
        }, closed);
    }
}
