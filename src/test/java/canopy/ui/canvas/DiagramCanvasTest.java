package canopy.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import canopy.render.DiagramScene;
import canopy.render.Viewport;
import canopy.ui.document.DesignDocument;
import java.util.List;
import java.util.Set;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives a DiagramCanvas in a window (headless Monocle, see the surefire settings in pom.xml). */
@ExtendWith(ApplicationExtension.class)
class DiagramCanvasTest {
    private DesignDocument doc;
    private DiagramCanvas canvas;

    static Topology topology() {
        return new Topology("t", "GB/s",
                List.of(new Node("a", NodeKind.ACCELERATOR, null, 100.0, 100.0, null),
                        new Node("b", NodeKind.ACCELERATOR, null, 300.0, 100.0, null),
                        new Node("c", NodeKind.SWITCH, null, 200.0, 300.0, null)),
                List.of(Link.duplex("a", "b", Rational.of(300)), Link.duplex("b", "c", Rational.of(100))));
    }

    @Start
    void start(Stage stage) {
        doc = new DesignDocument(topology(), null);
        canvas = new DiagramCanvas(doc);
        stage.setScene(new Scene(new StackPane(canvas), 800, 600));
        stage.show();
    }

    /** World coordinates 1:1 with the canvas's pixels. */
    private void identityView(FxRobot robot) {
        robot.interact(() -> canvas.setViewport(new Viewport(1, 0, 0, 0, 0)));
    }

    private Point2D at(double wx, double wy) {
        Viewport v = canvas.getViewport();
        return canvas.localToScreen(v.toScreenX(wx), v.toScreenY(wy));
    }

    /** The in-place editor, found as users style it: the canvas's child with the diagram-editor class. */
    private javafx.scene.control.TextField editor() {
        return (javafx.scene.control.TextField) canvas.lookup(".diagram-editor");
    }

    /** Whether an in-place editor is open: it is shown only while it is. */
    private boolean editing() {
        return editor().isVisible();
    }

    /** The reason shown under the editor for refused text ("" while it is valid and the label is hidden). */
    private String editorRefusal() {
        javafx.scene.control.Label reason = (javafx.scene.control.Label) canvas.lookup("#diagram-editor-reason");
        return reason.isVisible() ? reason.getText() : "";
    }

    /** Whether the editor is marked invalid (its :invalid pseudo-class, what the style sheet sees). */
    private boolean editorInvalid() {
        return editor().getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("invalid"));
    }

    private Node node(String id) {
        return doc.topology().node(id);
    }

    @Test
    void fitsTheTopologyOnFirstShow() {
        var seen = canvas.getViewport().visibleWorld();
        for (Node n : doc.topology().nodes()) {
            assertTrue(seen.contains(n.x(), n.y()), n.id() + " outside " + seen);
        }
        assertEquals(canvas.getViewport().scale(), canvas.zoomProperty().get());
    }

    @Test
    void placesAnAcceleratorAndSelectsIt(FxRobot robot) {
        identityView(robot);
        robot.interact(() -> canvas.setActiveTool(Tool.ACCELERATOR));
        robot.clickOn(at(503, 398));
        Node n = node("gpu0");
        assertEquals(NodeKind.ACCELERATOR, n.kind());
        assertEquals(500, n.x()); // snapped to the 20-unit grid
        assertEquals(400, n.y());
        assertEquals(Set.of("gpu0"), doc.selection().nodes());
        robot.interact(() -> canvas.setActiveTool(Tool.SWITCH));
        robot.clickOn(at(600, 400));
        assertEquals(NodeKind.SWITCH, node("sw0").kind());
        robot.interact(() -> doc.history().undo());
        assertEquals(null, node("sw0"));
    }

    @Test
    void dragsALinkAndTypesItsBandwidthAsOneUndoStep(FxRobot robot) {
        identityView(robot);
        robot.interact(() -> canvas.setActiveTool(Tool.LINK));
        robot.drag(at(100, 100), MouseButton.PRIMARY).moveTo(at(200, 300)).release(MouseButton.PRIMARY);
        assertEquals(3, doc.topology().links().size());
        Link added = doc.topology().links().get(2);
        assertEquals("a", added.from());
        assertEquals("c", added.to());
        assertTrue(added.duplex());
        assertTrue(editing());
        assertTrue(editor().isVisible());

        robot.clickOn(editor());
        robot.interact(() -> editor().clear());
        robot.write("abc");
        assertTrue(editorInvalid());
        robot.type(KeyCode.ENTER);
        assertTrue(editing(), "invalid text is not committed");
        assertEquals(DiagramCanvas.DEFAULT_BANDWIDTH, doc.topology().links().get(2).bandwidth());

        assertTrue(editorRefusal().contains("\"abc\" is not a bandwidth"), editorRefusal());

        // Clicking elsewhere with refused text keeps it, with its reason: nothing is silently replaced.
        robot.interact(() -> editor().clear());
        robot.write("200 Gbit");
        robot.clickOn(at(600, 500));
        assertTrue(editing(), "a refused value stays in its field");
        assertEquals("200 Gbit", editor().getText());
        assertTrue(editorRefusal().contains("unknown unit \"Gbit\""), editorRefusal());
        assertEquals(DiagramCanvas.DEFAULT_BANDWIDTH, doc.topology().links().get(2).bandwidth());

        robot.clickOn(editor());
        robot.interact(() -> editor().clear());
        robot.write("100Gb/s");
        assertFalse(editorInvalid());
        robot.type(KeyCode.ENTER);
        assertFalse(editing());
        assertEquals(Rational.parse("12.5"), doc.topology().links().get(2).bandwidth(), "100 Gb/s is 12.5 GB/s");
        assertEquals("Add link a<->c", doc.history().undoDescriptionProperty().get());

        robot.interact(() -> doc.history().undo());
        assertEquals(2, doc.topology().links().size(), "link and bandwidth undo together");
    }

    @Test
    void movesANodeByDraggingAsOneEditAndUndoes(FxRobot robot) {
        identityView(robot);
        int revision = doc.history().revisionProperty().get();
        robot.drag(at(100, 100), MouseButton.PRIMARY).moveTo(at(130, 115)).moveTo(at(141, 121))
                .release(MouseButton.PRIMARY);
        assertEquals(140, node("a").x());
        assertEquals(120, node("a").y());
        assertEquals(revision + 1, doc.history().revisionProperty().get(), "one edit for the whole drag");
        assertEquals("Move 1 node", doc.history().undoDescriptionProperty().get());
        robot.interact(() -> doc.history().undo());
        assertEquals(100, node("a").x());
        assertEquals(100, node("a").y());
    }

    @Test
    void movesTheWholeSelection(FxRobot robot) {
        identityView(robot);
        robot.interact(() -> doc.selection().set(List.of("a", "b"), List.of()));
        robot.drag(at(300, 100), MouseButton.PRIMARY).moveTo(at(300, 160)).release(MouseButton.PRIMARY);
        assertEquals(160, node("a").y());
        assertEquals(160, node("b").y());
        assertEquals(300, node("c").y());
        assertEquals("Move 2 nodes", doc.history().undoDescriptionProperty().get());
    }

    @Test
    void rubberBandSelectsNodesAndTheLinksBetweenThem(FxRobot robot) {
        identityView(robot);
        robot.drag(at(40, 40), MouseButton.PRIMARY).moveTo(at(200, 120)).moveTo(at(360, 160))
                .release(MouseButton.PRIMARY);
        assertEquals(Set.of("a", "b"), doc.selection().nodes());
        assertEquals(List.of(0), doc.selection().linkIndices(doc.topology()));
        // A click on the background clears it.
        robot.clickOn(at(600, 500));
        assertTrue(doc.selection().isEmpty());
    }

    @Test
    void clickSelectsShiftClickToggles(FxRobot robot) {
        identityView(robot);
        robot.clickOn(at(100, 100));
        assertEquals(Set.of("a"), doc.selection().nodes());
        robot.press(KeyCode.SHIFT).clickOn(at(300, 100)).release(KeyCode.SHIFT);
        assertEquals(Set.of("a", "b"), doc.selection().nodes());
        robot.press(KeyCode.SHIFT).clickOn(at(100, 100)).release(KeyCode.SHIFT);
        assertEquals(Set.of("b"), doc.selection().nodes());
        robot.clickOn(at(200, 102)); // on link a–b
        assertEquals(Set.of(), doc.selection().nodes());
        assertEquals(List.of(0), doc.selection().linkIndices(doc.topology()));
    }

    @Test
    void deleteRemovesTheSelectionAsOneEdit(FxRobot robot) {
        identityView(robot);
        robot.clickOn(at(300, 100));
        robot.type(KeyCode.DELETE);
        assertEquals(null, node("b"));
        assertEquals(0, doc.topology().links().size(), "b's links go with it");
        assertTrue(doc.selection().isEmpty());
        robot.interact(() -> doc.history().undo());
        assertEquals(2, doc.topology().links().size());
    }

    @Test
    void arrowKeysNudgeByAGridStep(FxRobot robot) {
        identityView(robot);
        robot.clickOn(at(100, 100));
        robot.type(KeyCode.RIGHT);
        assertEquals(120, node("a").x());
        robot.press(KeyCode.SHIFT).type(KeyCode.DOWN).release(KeyCode.SHIFT);
        assertEquals(300, node("a").y());
        assertEquals("Nudge 1 node", doc.history().undoDescriptionProperty().get());
    }

    @Test
    void wheelZoomsAroundTheCursor(FxRobot robot) {
        identityView(robot);
        robot.moveTo(at(200, 300));
        Point2D local = canvas.screenToLocal(at(200, 300));
        double before = canvas.getZoom();
        robot.scroll(2, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        double after = canvas.getZoom();
        assertNotEquals(before, after);
        Viewport v = canvas.getViewport();
        assertEquals(200, v.toWorldX(local.getX()), 0.5);
        assertEquals(300, v.toWorldY(local.getY()), 0.5);
        robot.interact(() -> canvas.zoomIn());
        assertEquals(after * DiagramCanvas.ZOOM_STEP, canvas.getZoom(), 1e-9);
        robot.interact(() -> canvas.fitToView());
        assertTrue(canvas.getViewport().visibleWorld().contains(300, 100));
    }

    @Test
    void rightDragPansWithoutEditing(FxRobot robot) {
        identityView(robot);
        int revision = doc.history().revisionProperty().get();
        // Screen points fixed before the view moves under them.
        Point2D from = at(600, 500);
        Point2D mid = at(630, 510);
        Point2D to = at(650, 520);
        robot.drag(from, MouseButton.SECONDARY).moveTo(mid).moveTo(to).release(MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(50, canvas.getViewport().tx(), 1e-9);
        assertEquals(20, canvas.getViewport().ty(), 1e-9);
        assertEquals(revision, doc.history().revisionProperty().get());
        assertEquals(100, node("a").x());
    }

    @Test
    void doubleClickEditsANodeLabel(FxRobot robot) {
        identityView(robot);
        robot.doubleClickOn(at(300, 100));
        assertTrue(editing());
        assertEquals("b", editor().getText());
        robot.clickOn(editor());
        robot.interact(() -> editor().clear());
        robot.write("GPU B");
        robot.type(KeyCode.ENTER);
        assertEquals("GPU B", node("b").label());
        assertEquals("b", node("b").id());
        // Escape cancels.
        robot.doubleClickOn(at(100, 100));
        robot.clickOn(editor());
        robot.write("zzz");
        robot.type(KeyCode.ESCAPE);
        assertFalse(editing());
        assertEquals(null, node("a").label());
    }

    @Test
    void doubleClickEditsALinkBandwidth(FxRobot robot) {
        identityView(robot);
        robot.doubleClickOn(at(200, 101));
        assertTrue(editing());
        assertEquals("300", editor().getText());
        robot.clickOn(editor());
        robot.interact(() -> editor().clear());
        robot.write("100/3");
        robot.type(KeyCode.ENTER);
        assertEquals(Rational.of(100, 3), doc.topology().links().get(0).bandwidth());
    }

    @Test
    void hoverRepaintsOnlyTheInteractionLayer(FxRobot robot) {
        identityView(robot);
        robot.moveTo(at(600, 500));
        WaitForAsyncUtils.waitForFxEvents();
        long before = canvas.staticPaintCount();
        robot.moveTo(at(100, 100)).moveTo(at(200, 101)).moveTo(at(600, 500));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, canvas.staticPaintCount());
    }

    @Test
    void collapsingAGroupAndHighlightingACut(FxRobot robot) {
        robot.interact(() -> {
            canvas.toggleGroupCollapsed("box");
            canvas.setCutHighlight(Set.of("a"), Set.of(0));
        });
        assertEquals(Set.of("box"), canvas.collapsedGroups());
        robot.interact(() -> canvas.toggleGroupCollapsed("box"));
        assertTrue(canvas.collapsedGroups().isEmpty());
        robot.interact(() -> canvas.selectAll());
        assertEquals(3, doc.selection().nodes().size());
        assertEquals(2, doc.selection().linkIndices(doc.topology()).size());
        robot.interact(() -> canvas.setCutHighlight(Set.of(), Set.of()));
    }

    /** The ARGB of the canvas's picture at world point (wx, wy), as the screen shows it. */
    private int pixelAt(FxRobot robot, double wx, double wy) {
        Viewport v = canvas.getViewport();
        int[] argb = new int[1];
        robot.interact(() -> {
            var image = canvas.snapshot(null, null);
            argb[0] = image.getPixelReader().getArgb((int) v.toScreenX(wx), (int) v.toScreenY(wy));
        });
        return argb[0];
    }

    private static int rgb(canopy.render.Rgba c) {
        return c.argb() | 0xff000000;
    }

    @Test
    void theScreenShowsNodesLinksAndBackgroundWhereTheyAre(FxRobot robot) {
        identityView(robot);
        WaitForAsyncUtils.waitForFxEvents();
        var style = canvas.getDiagramStyle();
        assertEquals(rgb(style.acceleratorFill()), pixelAt(robot, 100, 100), "accelerator a");
        assertEquals(rgb(style.switchFill()), pixelAt(robot, 200, 300), "switch c");
        assertEquals(rgb(style.link()), pixelAt(robot, 200, 100), "the middle of link a-b");
        assertEquals(rgb(style.background()), pixelAt(robot, 707, 493), "empty canvas, between grid lines");
        assertEquals(rgb(style.grid()), pixelAt(robot, 700, 493), "a grid line");

        // After a pan (the picture moved, then repainted at rest) and a zoom, still in place.
        robot.interact(() -> canvas.setViewport(canvas.getViewport().pannedBy(37, 11), true));
        WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(rgb(style.acceleratorFill()), pixelAt(robot, 100, 100), "a after the pan");
        robot.interact(() -> canvas.setViewport(canvas.getViewport().zoomedAround(300, 200, 1.7), true));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(rgb(style.acceleratorFill()), pixelAt(robot, 300, 100), "b after the zoom");
        assertEquals(rgb(style.link()), pixelAt(robot, 220, 100), "link a-b after the zoom");
    }

    @Test
    void theMinimapShowsTheWholeTopologyAndAClickCentresTheCanvasThere(FxRobot robot) {
        Minimap mini = canvas.minimap();
        robot.interact(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(new StackPane(mini), 220, 150));
            s.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        identityView(robot);
        Viewport m = mini.miniViewport();
        int[] argb = new int[1];
        // The drawing itself (a snapshot of the minimap would include its drop shadow's margin).
        var drawing = mini.getChildrenUnmodifiable().get(0);
        robot.interact(() -> argb[0] = drawing.snapshot(null, null).getPixelReader()
                .getArgb((int) m.toScreenX(200), (int) m.toScreenY(300)));
        assertEquals(rgb(canvas.getDiagramStyle().switchFill()), argb[0], "switch c on the minimap");

        robot.clickOn(mini.localToScreen(m.toScreenX(300), m.toScreenY(100)));
        WaitForAsyncUtils.waitForFxEvents();
        var seen = canvas.getViewport().visibleWorld();
        assertEquals(300, seen.centerX(), 2);
        assertEquals(100, seen.centerY(), 2);
    }

    @Test
    void deleteKeyAndEditMenuAreOneEditWithOneName(FxRobot robot) {
        identityView(robot);
        robot.clickOn(at(300, 100));
        robot.type(KeyCode.DELETE);
        // The same name the Edit menu's Delete gives (DesignDocument.deleteSelection), not "Delete 1 element".
        assertEquals("Delete 1 node", doc.history().undoDescriptionProperty().get());
        robot.interact(() -> {
            doc.history().undo();
            doc.selectAll();
        });
        assertEquals(Set.of("a", "b", "c"), doc.selection().nodes());
        assertEquals(List.of(0, 1), doc.selection().linkIndices(doc.topology()));
        robot.interact(() -> canvas.deleteSelection());
        assertEquals("Delete 3 nodes and 2 links", doc.history().undoDescriptionProperty().get());
    }

    @Test
    void aNewDocumentFitsTheViewAndForgetsCollapsedGroups(FxRobot robot) {
        robot.interact(() -> {
            canvas.toggleGroupCollapsed("box");
            canvas.setViewport(new Viewport(0.3, -500, -400, 0, 0));
        });
        Topology far = new Topology("far", "GB/s",
                List.of(new Node("a", NodeKind.ACCELERATOR, null, 5000.0, 5000.0, "box"),
                        new Node("z", NodeKind.ACCELERATOR, null, 5400.0, 5200.0, "box")), List.of());
        robot.interact(() -> doc.replace(far, null));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(canvas.collapsedGroups().isEmpty(), "collapsed groups belong to the previous document");
        var seen = canvas.getViewport().visibleWorld();
        assertTrue(seen.contains(5000, 5000) && seen.contains(5400, 5200), "fits the new document: " + seen);
    }

    @Test
    void theFirstNodeOfAnEmptyDocumentStaysWhereItWasPlaced(FxRobot robot) {
        robot.interact(() -> doc.replace(new Topology("e", "GB/s", List.of(), List.of()), null));
        WaitForAsyncUtils.waitForFxEvents();
        identityView(robot);
        robot.interact(() -> canvas.setActiveTool(Tool.ACCELERATOR));
        robot.clickOn(at(200, 200));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.0, canvas.getZoom(), "the view does not jump to fit one node");
        robot.clickOn(at(400, 200));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(200, node("gpu0").x());
        assertEquals(400, node("gpu1").x(), "the second click lands where clicked");
        assertEquals(1.0, canvas.getZoom());
    }

    @Test
    void droppingANodeInAGroupBoxMakesItAMember(FxRobot robot) {
        Topology boxed = new Topology("t", "GB/s",
                List.of(new Node("a", NodeKind.ACCELERATOR, null, 100.0, 100.0, "box"),
                        new Node("b", NodeKind.ACCELERATOR, null, 300.0, 100.0, "box"),
                        new Node("c", NodeKind.ACCELERATOR, null, 200.0, 400.0, null)),
                List.of(Link.duplex("a", "b", Rational.of(300))));
        robot.interact(() -> doc.replace(boxed, null));
        WaitForAsyncUtils.waitForFxEvents();
        identityView(robot);
        robot.drag(at(200, 400), MouseButton.PRIMARY).moveTo(at(205, 300)).moveTo(at(200, 100))
                .release(MouseButton.PRIMARY);
        assertEquals("box", node("c").group(), "dropped into box");
        assertEquals("Move 1 node into box", doc.history().undoDescriptionProperty().get());
        robot.interact(() -> doc.history().undo());
        assertEquals(null, node("c").group());
        assertEquals(400, node("c").y(), "move and join undo as one step");
    }

    @Test
    void zoomToSelectionShowsTheSelectedNodes(FxRobot robot) {
        identityView(robot);
        robot.interact(() -> {
            doc.selection().set(List.of("a", "b"), List.of());
            canvas.zoomToSelection();
        });
        var seen = canvas.getViewport().visibleWorld();
        assertTrue(seen.contains(100, 100) && seen.contains(300, 100), seen.toString());
        assertTrue(canvas.getZoom() > 1.5, "closer than the whole diagram: " + canvas.getZoom());
    }

    @Test
    void readOnlyModeSelectsAndPansButNeverEdits(FxRobot robot) {
        identityView(robot);
        robot.interact(() -> canvas.setMode(CanvasMode.READ_ONLY));
        Topology before = doc.topology();
        robot.drag(at(100, 100), MouseButton.PRIMARY).moveTo(at(150, 180)).release(MouseButton.PRIMARY);
        assertEquals(before, doc.topology(), "no move");
        assertEquals(Set.of("a"), doc.selection().nodes(), "a click still selects");
        robot.type(KeyCode.DELETE);
        assertEquals(before, doc.topology(), "no delete");
        robot.doubleClickOn(at(200, 101));
        assertFalse(editing(), "no in-place editor");
        robot.interact(() -> canvas.setActiveTool(Tool.ACCELERATOR));
        robot.clickOn(at(600, 500));
        assertEquals(before, doc.topology(), "no placing");
    }

    @Test
    void zoomedOutEveryGroupIsDrawnAsOneBoxWithItsLinksBundled(FxRobot robot) {
        Topology big = canopy.generate.TopologyGenerators.dgxA100(16);
        robot.interact(() -> doc.replace(big, null));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> canvas.setViewport(new Viewport(0.2, 0, 0, 0, 0)));
        assertTrue(canvas.drawnAggregation().overview());
        var groups = big.nodes().stream().map(Node::group).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toSet());
        assertEquals(groups, canvas.diagram().collapsedGroups(), "every group drawn as a box");
        assertTrue(canvas.diagram().links().size() < big.links().size() / 4,
                canvas.diagram().links().size() + " bundles for " + big.links().size() + " links");
        assertTrue(canvas.collapsedGroups().isEmpty(), "the user's own collapsed groups are untouched");
        robot.interact(() -> canvas.setViewport(new Viewport(0.5, 0, 0, 0, 0)));
        assertFalse(canvas.drawnAggregation().overview());
        assertTrue(canvas.diagram().collapsedGroups().isEmpty(), "zoomed in, the boxes open again");
    }

    @Test
    void atFitAPodIsBoxesBarsAndBundlesAndZoomingInPastTheThresholdShowsEveryLinkAgain(FxRobot robot) {
        Topology pod = canopy.generate.TopologyGenerators.dgxH100Pod(32);
        robot.interact(() -> doc.replace(pod, null));
        robot.interact(() -> canvas.fitToView());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(canvas.getZoom() < canopy.render.Aggregation.OVERVIEW_SCALE, "fit zooms out: " + canvas.getZoom());
        assertTrue(canvas.drawnAggregation().overview());
        DiagramScene atFit = canvas.diagram();
        assertEquals(java.util.List.of("16 leaves"), atFit.tiers().stream().map(DiagramScene.TierBar::name).toList());
        assertTrue(atFit.links().stream().allMatch(l -> l.indices.length > 1), "only bundles at fit");
        assertTrue(atFit.links().size() <= 32 + 8, atFit.links().size() + " strokes for " + pod.links().size() + " links");
        // Zoom in (the + button's step) until the zoom passes the threshold: single links come back.
        for (int i = 0; i < 40 && canvas.getZoom() < canopy.render.Aggregation.OVERVIEW_SCALE; i++) {
            robot.interact(() -> canvas.zoomIn());
            assertTrue(canvas.getZoom() >= canopy.render.Aggregation.OVERVIEW_SCALE || canvas.drawnAggregation().overview(),
                    "the overview holds below the threshold");
        }
        assertTrue(canvas.getZoom() >= canopy.render.Aggregation.OVERVIEW_SCALE, "zoom " + canvas.getZoom());
        assertFalse(canvas.drawnAggregation().overview());
        DiagramScene zoomed = canvas.diagram();
        assertTrue(zoomed.tiers().isEmpty(), "no bars");
        assertEquals(pod.links().size(), zoomed.links().size(), "every link drawn on its own");
        assertTrue(zoomed.links().stream().allMatch(l -> l.indices.length == 1));
        // And back out: the overview returns.
        robot.interact(() -> canvas.fitToView());
        assertTrue(canvas.drawnAggregation().overview());
    }

    @Test
    void aBundlesTooltipSaysWhatItStandsForAndDescribesItsBusiestLink(FxRobot robot) {
        Topology grouped = new Topology("g", "GB/s",
                List.of(new Node("a0", NodeKind.ACCELERATOR, null, 0.0, 0.0, "A"),
                        new Node("a1", NodeKind.ACCELERATOR, null, 60.0, 0.0, "A"),
                        new Node("b0", NodeKind.ACCELERATOR, null, 300.0, 0.0, "B"),
                        new Node("b1", NodeKind.ACCELERATOR, null, 360.0, 0.0, "B")),
                List.of(Link.duplex("a1", "b0", Rational.of(50)), Link.duplex("a0", "b1", Rational.of(25))));
        robot.interact(() -> {
            doc.replace(grouped, null);
            canvas.collapsedGroups().addAll(Set.of("A", "B"));
            canvas.setLinkTooltip(i -> "link " + i);
            canvas.setScheduleOverlay(new canopy.render.ScheduleOverlay(
                    java.util.Map.of("a0->b1", 0.75, "a1->b0", 0.5), java.util.Map.of(), Set.of(), List.of(), false,
                    List.of()));
        });
        var tip = new java.util.concurrent.atomic.AtomicReference<String>();
        robot.interact(() -> tip.set(canvas.linkTip(0)));
        assertEquals("Bundle of 2 links, 75 GB/s in all; coloured by the busiest:\nlink 1", tip.get());
    }

    @Test
    void drawingASecondLinkBetweenTheSameNodesEditsTheFirst(FxRobot robot) {
        identityView(robot);
        robot.interact(() -> canvas.setActiveTool(Tool.LINK));
        robot.drag(at(300, 100), MouseButton.PRIMARY).moveTo(at(200, 100)).moveTo(at(100, 100))
                .release(MouseButton.PRIMARY);
        assertEquals(2, doc.topology().links().size(), "no overlapping second link");
        assertTrue(editing());
        assertEquals("300", editor().getText(), "the existing link's bandwidth is edited");
        assertEquals(List.of(0), doc.selection().linkIndices(doc.topology()));
        robot.type(KeyCode.ESCAPE);
    }
}
