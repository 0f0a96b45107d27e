package canopy.ui.canvas;

import canopy.model.NodeKind;
import canopy.render.HitTester.Hit;
import java.util.List;
import java.util.Set;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/**
 * What presses on the canvas may do. In both modes a right-, middle-, Ctrl- or Space-drag pans, a
 * click selects, a drag on the background draws a rubber band and a double-click on a group box
 * collapses or expands it. Only {@link #EDIT} moves nodes, places them, draws links, edits in place and
 * takes the editing keys (Delete, arrows); {@link #READ_ONLY} is for diagrams that show, not edit
 * (the Compare window).
 */
public enum CanvasMode {
    EDIT(true), READ_ONLY(false);

    private final boolean edits;

    CanvasMode(boolean edits) {
        this.edits = edits;
    }

    /** Whether the mode changes the document (moves, places, links, in-place edits, editing keys). */
    public boolean edits() {
        return edits;
    }

    /**
     * The gesture a press starts, or null when the press does its whole job at once (a click that
     * selects, places a node or opens an editor).
     */
    CanvasGesture pressed(DiagramCanvas c, MouseEvent e) {
        if (e.getButton() == MouseButton.SECONDARY || e.getButton() == MouseButton.MIDDLE || e.isControlDown()
                || c.isSpaceDown()) {
            return new PanGesture(c);
        }
        if (e.getButton() != MouseButton.PRIMARY) {
            return null;
        }
        Hit hit = c.hitAt(e.getX(), e.getY());
        if (edits) {
            switch (c.getActiveTool()) {
                case ACCELERATOR -> {
                    c.placeNode(NodeKind.ACCELERATOR, e.getX(), e.getY());
                    return null;
                }
                case SWITCH -> {
                    c.placeNode(NodeKind.SWITCH, e.getX(), e.getY());
                    return null;
                }
                case LINK -> {
                    return hit.kind() == canopy.render.HitTester.Kind.NODE ? new LinkGesture(c, hit.node()) : null;
                }
                case SELECT -> {
                }
            }
        }
        return select(c, e, hit);
    }

    private CanvasGesture select(DiagramCanvas c, MouseEvent e, Hit hit) {
        var sel = c.document().selection();
        if (e.getClickCount() >= 2) {
            switch (hit.kind()) {
                case NODE -> {
                    if (edits) {
                        c.editNodeLabel(hit.node());
                    }
                }
                case LINK -> {
                    if (edits) {
                        c.editLinkBandwidth(hit.link());
                    }
                }
                case GROUP -> c.toggleGroupCollapsed(hit.group());
                default -> { }
            }
            return null;
        }
        switch (hit.kind()) {
            case NODE -> {
                if (e.isShiftDown()) {
                    toggle(sel.nodes(), hit.node());
                    return null;
                }
                if (!sel.nodes().contains(hit.node())) {
                    sel.set(List.of(hit.node()), List.of());
                }
                return edits ? new MoveGesture(c, hit.node()) : null;
            }
            case GROUP -> {
                List<String> members = c.diagram().group(hit.group()).members();
                if (e.isShiftDown()) {
                    if (sel.nodes().containsAll(members)) {
                        sel.nodes().removeAll(members);
                    } else {
                        sel.nodes().addAll(members);
                    }
                    return null;
                }
                if (!sel.nodes().containsAll(members)) {
                    sel.set(members, List.of());
                }
                return edits ? new MoveGesture(c, members.get(0)) : null;
            }
            case LINK -> {
                if (e.isShiftDown()) {
                    sel.toggle(c.document().topology().links().get(hit.link()));
                } else {
                    sel.set(List.of(), c.document().topology(), List.of(hit.link()));
                }
                return null;
            }
            default -> {
                return new RubberBandGesture(c, e.isShiftDown());
            }
        }
    }

    private static <T> void toggle(Set<T> set, T item) {
        if (!set.remove(item)) {
            set.add(item);
        }
    }
}
