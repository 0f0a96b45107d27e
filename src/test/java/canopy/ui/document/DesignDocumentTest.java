package canopy.ui.document;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Rational;
import canopy.model.Topology;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DesignDocumentTest {
    final Topology start = new Topology("t", "GB/s", List.of(Node.accelerator("a"), Node.accelerator("b")),
            List.of(Link.duplex("a", "b", Rational.ONE)));
    final DesignDocument doc = new DesignDocument(start, Path.of("t.json"));

    @Test
    void dirtyAfterAnEditCleanAfterSaving() {
        assertFalse(doc.isDirty());
        assertEquals(Path.of("t.json"), doc.file());
        doc.edit("Add c", t -> TopologyEdits.addNode(t, Node.accelerator("c")));
        assertTrue(doc.isDirty());
        assertTrue(doc.dirtyProperty().get());
        assertEquals(3, doc.topology().nodes().size());
        assertEquals("Add c", doc.history().undoDescriptionProperty().get());
        doc.markSaved(Path.of("u.json"));
        assertFalse(doc.isDirty());
        assertEquals(Path.of("u.json"), doc.file());
    }

    @Test
    void undoPastTheSavePointIsDirtyAgain() {
        doc.edit("Add c", t -> TopologyEdits.addNode(t, Node.accelerator("c")));
        doc.markSaved(doc.file());
        doc.history().undo();
        assertTrue(doc.isDirty());
        assertEquals(start, doc.topology());
        // an edit after an undo: still unsaved
        doc.edit("Add d", t -> TopologyEdits.addNode(t, Node.accelerator("d")));
        assertTrue(doc.isDirty());
    }

    @Test
    void undoAndRedoBackToTheSavedStateAreClean() {
        doc.edit("Add c", t -> TopologyEdits.addNode(t, Node.accelerator("c")));
        doc.history().undo();
        assertFalse(doc.isDirty());
        doc.history().redo();
        assertTrue(doc.isDirty());
        doc.markSaved(doc.file());
        doc.history().undo();
        assertTrue(doc.isDirty());
        doc.history().redo();
        assertFalse(doc.isDirty());
    }

    @Test
    void noOpEditsDoNotDirty() {
        doc.edit("Nothing", t -> t);
        doc.edit("Move nothing", t -> TopologyEdits.move(t, List.of(), 10, 10));
        assertFalse(doc.isDirty());
        assertFalse(doc.history().canUndoProperty().get());
    }

    @Test
    void aFailingEditChangesNothing() {
        try {
            doc.edit("Add a again", t -> TopologyEdits.addNode(t, Node.accelerator("a")));
        } catch (IllegalArgumentException expected) {
            // refused
        }
        assertEquals(start, doc.topology());
        assertFalse(doc.isDirty());
    }

    @Test
    void selectionIsPrunedWhenNodesAndLinksDisappear() {
        doc.edit("Add c", t -> TopologyEdits.addLink(TopologyEdits.addNode(t, Node.accelerator("c")),
                Link.duplex("b", "c", Rational.ONE)), List.of("c"), List.of(1));
        assertEquals(Set.of("c"), doc.selection().nodes());
        assertEquals(List.of(1), doc.selection().linkIndices(doc.topology()));
        doc.selection().nodes().add("a");
        assertEquals(List.of("a", "c"), doc.selectedNodeIds());
        doc.history().undo();
        assertEquals(Set.of("a"), doc.selection().nodes());
        assertEquals(List.of(), doc.selection().linkIndices(doc.topology()));
        assertEquals(List.of("a"), doc.selectedNodeIds());
    }

    @Test
    void aDeleteDropsTheSelectionOfWhatWentAway() {
        doc.selection().set(List.of("a", "b"), doc.topology(), List.of(0));
        doc.edit("Delete", t -> TopologyEdits.remove(t, List.of("b"), List.of()));
        assertEquals(Set.of("a"), doc.selection().nodes());
        assertEquals(List.of(), doc.selection().linkIndices(doc.topology()));
    }

    /** Three parallel links a→b told apart by bandwidth 1, 2, 3. */
    private static DesignDocument threeParallelLinks() {
        return new DesignDocument(new Topology("t", "GB/s", List.of(Node.accelerator("a"), Node.accelerator("b")),
                List.of(Link.oneWay("a", "b", Rational.of(1)), Link.oneWay("a", "b", Rational.of(2)),
                        Link.oneWay("a", "b", Rational.of(3)))), null);
    }

    /** The bandwidths of the selected links, in list order: which physical links the selection names. */
    private static List<Rational> selectedBandwidths(DesignDocument d) {
        return d.selection().linkIndices(d.topology()).stream().map(i -> d.topology().links().get(i).bandwidth())
                .toList();
    }

    @Test
    void theSelectedLinkStaysTheSameLinkWhenAnUndoneDeletePutsALinkBackBeforeIt() {
        DesignDocument d = threeParallelLinks();
        d.selection().set(List.of(), d.topology(), List.of(1));
        assertTrue(d.deleteSelection());
        d.selection().set(List.of(), d.topology(), List.of(1)); // the bandwidth-3 link, now second
        assertEquals(List.of(Rational.of(3)), selectedBandwidths(d));
        d.history().undo();
        assertEquals(List.of(Rational.of(3)), selectedBandwidths(d), "still the bandwidth-3 link, third again");
        assertEquals(List.of(2), d.selection().linkIndices(d.topology()));
        d.history().redo();
        assertEquals(List.of(Rational.of(3)), selectedBandwidths(d));
    }

    @Test
    void removingAnEarlierLinkKeepsTheSelectedOneWithNothingRenumbered() {
        DesignDocument d = threeParallelLinks();
        d.selection().set(List.of(), d.topology(), List.of(2));
        d.edit("Delete the first link", t -> TopologyEdits.remove(t, List.of(), List.of(0)));
        assertEquals(List.of(Rational.of(3)), selectedBandwidths(d));
        d.history().undo();
        assertEquals(List.of(Rational.of(3)), selectedBandwidths(d));
    }

    @Test
    void positionsTheTopologyDoesNotHaveSelectNothing() {
        DesignDocument d = threeParallelLinks();
        d.selection().set(List.of(), d.topology(), List.of(1, 3, -1));
        assertEquals(List.of(1), d.selection().linkIndices(d.topology()));
    }

    @Test
    void aChangedLinkStaysSelectedThroughUndoAndRedo() {
        DesignDocument d = threeParallelLinks();
        d.selection().set(List.of(), d.topology(), List.of(2));
        d.edit("Set bandwidth", t -> TopologyEdits.replaceLink(t, 2, t.links().get(2).withBandwidth(Rational.of(7))));
        assertEquals(List.of(Rational.of(7)), selectedBandwidths(d));
        d.history().undo();
        assertEquals(List.of(Rational.of(3)), selectedBandwidths(d));
        d.edit("Rename a", t -> TopologyEdits.replaceNode(t, "a", Node.accelerator("z")));
        assertEquals(List.of(Rational.of(3)), selectedBandwidths(d), "links follow a renamed node, selected still");
    }

    @Test
    void replaceClearsHistoryAndSelectionAndCountsAsSaved() {
        doc.edit("Add c", t -> TopologyEdits.addNode(t, Node.accelerator("c")));
        doc.selection().nodes().add("c");
        Topology other = new Topology("other", null, List.of(Node.accelerator("x"), Node.accelerator("y")), List.of());
        doc.replace(other, Path.of("other.json"));
        assertEquals(other, doc.topology());
        assertEquals(Path.of("other.json"), doc.file());
        assertFalse(doc.isDirty());
        assertTrue(doc.selection().isEmpty());
        assertFalse(doc.history().canUndoProperty().get());
        assertFalse(doc.history().canRedoProperty().get());
        doc.history().undo();
        assertEquals(other, doc.topology(), "no undo across a replace");
        doc.replace(start, null);
        assertEquals(null, doc.file());
        assertFalse(doc.isDirty());
    }

    @Test
    void aBatchOfEditsIsOneUndoStep() {
        doc.history().beginBatch("Drag");
        doc.edit("step", t -> TopologyEdits.move(t, List.of("a"), 5, 0));
        doc.edit("step", t -> TopologyEdits.move(t, List.of("a"), 5, 0));
        doc.history().endBatch();
        assertEquals(10.0, doc.topology().node("a").x());
        assertTrue(doc.isDirty());
        doc.history().undo();
        assertEquals(start, doc.topology());
    }

    /** What listeners see: the dirty flag and the topology agree when either is reported. */
    @Test
    void listenersSeeTheNewTopology() {
        int[] count = {0};
        Topology[] saved = {start};
        doc.dirtyProperty().addListener((o, was, now) -> {
            count[0]++;
            assertEquals(now, !doc.topology().equals(saved[0]));
        });
        doc.edit("Add c", t -> TopologyEdits.addNode(t, Node.accelerator("c")));
        saved[0] = doc.topology();
        doc.markSaved(doc.file());
        doc.history().undo();
        assertEquals(3, count[0]);
    }
}
