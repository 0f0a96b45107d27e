package canopy.ui.document;

import canopy.model.Node;
import canopy.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EditHistoryTest {
    static Topology topo(String... ids) {
        List<Node> nodes = new ArrayList<>();
        for (String id : ids) {
            nodes.add(Node.accelerator(id));
        }
        return new Topology("t", null, nodes, List.of());
    }

    final List<Topology> shown = new ArrayList<>();
    final EditHistory h = new EditHistory(shown::add, 3);
    final Topology a = topo("a");
    final Topology b = topo("a", "b");
    final Topology c = topo("a", "b", "c");
    final Topology d = topo("a", "b", "c", "d");
    final Topology e = topo("a", "b", "c", "d", "e");

    @Test
    void recordUndoRedoAndRevision() {
        assertFalse(h.canUndoProperty().get());
        h.record(new Edit("Add b", a, b));
        assertEquals(List.of(b), shown);
        assertEquals(1, h.revisionProperty().get());
        assertTrue(h.canUndoProperty().get());
        assertEquals("Add b", h.undoDescriptionProperty().get());
        h.undo();
        assertEquals(a, shown.get(shown.size() - 1));
        assertEquals(2, h.revisionProperty().get());
        assertFalse(h.canUndoProperty().get());
        assertTrue(h.canRedoProperty().get());
        assertEquals("Add b", h.redoDescriptionProperty().get());
        h.redo();
        assertEquals(b, shown.get(shown.size() - 1));
        assertEquals(3, h.revisionProperty().get());
        assertFalse(h.canRedoProperty().get());
        assertEquals("", h.redoDescriptionProperty().get());
        // nothing to redo or undo: nothing happens
        int n = shown.size();
        h.redo();
        h.undo();
        h.undo();
        h.undo();
        assertEquals(n + 1, shown.size());
        assertEquals(a, shown.get(shown.size() - 1));
        assertEquals(4, h.revisionProperty().get());
    }

    @Test
    void aNewEditClearsRedo() {
        h.record(new Edit("Add b", a, b));
        h.undo();
        h.record(new Edit("Add other", a, topo("a", "x")));
        assertFalse(h.canRedoProperty().get());
        h.redo();
        assertEquals(topo("a", "x"), shown.get(shown.size() - 1));
    }

    @Test
    void aBatchUndoesAsOneStep() {
        h.beginBatch("Drag");
        assertTrue(h.inBatch());
        h.record(new Edit("1", a, b));
        h.record(new Edit("2", b, c));
        assertEquals(List.of(b, c), shown, "every step is shown as it happens");
        assertEquals(0, h.revisionProperty().get(), "one revision for the batch, when it ends");
        h.undo(); // refused inside a batch
        assertEquals(c, shown.get(shown.size() - 1));
        h.endBatch();
        assertFalse(h.inBatch());
        assertEquals(1, h.revisionProperty().get());
        assertEquals("Drag", h.undoDescriptionProperty().get());
        h.undo();
        assertEquals(a, shown.get(shown.size() - 1));
        assertFalse(h.canUndoProperty().get());
        h.redo();
        assertEquals(c, shown.get(shown.size() - 1));
    }

    @Test
    void nestedBatchesAndStrayEndsAreRefused() {
        h.beginBatch("outer");
        assertThrows(IllegalStateException.class, () -> h.beginBatch("inner"));
        h.endBatch();
        assertThrows(IllegalStateException.class, h::endBatch);
    }

    @Test
    void emptyAndNoOpBatchesLeaveNoStep() {
        h.beginBatch("nothing");
        h.endBatch();
        h.beginBatch("there and back");
        h.record(new Edit("1", a, b));
        h.record(new Edit("2", b, a));
        h.endBatch();
        assertFalse(h.canUndoProperty().get());
        assertEquals(0, h.revisionProperty().get());
    }

    @Test
    void noOpEditsAreIgnored() {
        h.record(new Edit("nothing", a, topo("a")));
        assertEquals(List.of(), shown);
        assertEquals(0, h.revisionProperty().get());
        assertFalse(h.canUndoProperty().get());
    }

    @Test
    void onlyTheLastLimitStepsAreKept() {
        h.record(new Edit("1", a, b));
        h.record(new Edit("2", b, c));
        h.record(new Edit("3", c, d));
        h.record(new Edit("4", d, e));
        h.undo();
        h.undo();
        h.undo();
        assertFalse(h.canUndoProperty().get());
        assertEquals(b, shown.get(shown.size() - 1), "the oldest step fell off");
        h.redo();
        h.redo();
        h.redo();
        assertEquals(e, shown.get(shown.size() - 1));
    }

    @Test
    void clearForgetsEverythingAndCountsAsAChange() {
        h.record(new Edit("1", a, b));
        h.undo();
        h.record(new Edit("1", a, b));
        int rev = h.revisionProperty().get();
        h.clear();
        assertFalse(h.canUndoProperty().get());
        assertFalse(h.canRedoProperty().get());
        assertEquals("", h.undoDescriptionProperty().get());
        assertTrue(h.revisionProperty().get() > rev);
    }

    /** Listeners of the revision (say, a validator) must see the new topology, not the old one. */
    @Test
    void theTopologyIsShownBeforeTheRevisionChanges() {
        Topology[] current = {a};
        EditHistory history = new EditHistory(t -> current[0] = t, 10);
        List<Topology> seen = new ArrayList<>();
        history.revisionProperty().addListener((o, was, now) -> seen.add(current[0]));
        history.record(new Edit("1", a, b));
        history.undo();
        history.redo();
        history.beginBatch("batch");
        history.record(new Edit("2", b, c));
        history.endBatch();
        assertEquals(List.of(b, a, b, c), seen);
    }
}
