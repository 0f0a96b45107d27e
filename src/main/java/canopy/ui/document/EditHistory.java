package canopy.ui.document;

import canopy.model.Topology;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Undo and redo stacks of {@link Edit}s (after Scene Builder's JobManager). The revision counts
 * every change of the document's content — an edit, an undo or a redo — so "unsaved" is just
 * revision ≠ saved revision. A batch groups several edits into one undo step; batches may not nest.
 * Uses only javafx.beans (no toolkit), so it is tested without a window.
 *
 * <p>The target is always given the new topology before the revision and the undo/redo properties
 * change, so their listeners (a title bar, a validator) see the topology they describe.
 */
public final class EditHistory {
    private final Deque<Edit> undo = new ArrayDeque<>();
    private final Deque<Edit> redo = new ArrayDeque<>();
    private final Consumer<Topology> target;
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision", 0);
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo", false);
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo", false);
    private final ReadOnlyStringWrapper undoDescription = new ReadOnlyStringWrapper(this, "undoDescription", "");
    private final ReadOnlyStringWrapper redoDescription = new ReadOnlyStringWrapper(this, "redoDescription", "");
    private final int limit;
    private String batchDescription;
    private Topology batchBefore;
    private Topology batchAfter;

    /** target receives the topology to show after every edit, undo and redo. */
    public EditHistory(Consumer<Topology> target, int limit) {
        this.target = target;
        this.limit = limit;
    }

    /** Records and applies an edit; inside a batch it joins the batch. No-op edits are ignored. */
    public void record(Edit edit) {
        if (edit.before().equals(edit.after())) {
            return;
        }
        if (batchDescription != null) {
            if (batchBefore == null) {
                batchBefore = edit.before();
            }
            batchAfter = edit.after();
            target.accept(edit.after());
            return;
        }
        // show first: listeners of the revision and the can-undo flags then see the new topology
        target.accept(edit.after());
        push(edit);
    }

    private void push(Edit edit) {
        undo.push(edit);
        while (undo.size() > limit) {
            undo.removeLast();
        }
        redo.clear();
        revision.set(revision.get() + 1);
        refresh();
    }

    /** Starts a batch: every edit until {@link #endBatch()} undoes as one step called description. */
    public void beginBatch(String description) {
        if (batchDescription != null) {
            throw new IllegalStateException("a batch is already open: " + batchDescription);
        }
        batchDescription = description;
        batchBefore = null;
        batchAfter = null;
    }

    public void endBatch() {
        if (batchDescription == null) {
            throw new IllegalStateException("no batch is open");
        }
        String d = batchDescription;
        batchDescription = null;
        if (batchBefore != null && !batchBefore.equals(batchAfter)) {
            push(new Edit(d, batchBefore, batchAfter));
        }
        batchBefore = null;
        batchAfter = null;
    }

    public boolean inBatch() {
        return batchDescription != null;
    }

    public void undo() {
        if (undo.isEmpty() || inBatch()) {
            return;
        }
        Edit e = undo.pop();
        redo.push(e);
        target.accept(e.before());
        revision.set(revision.get() + 1);
        refresh();
    }

    public void redo() {
        if (redo.isEmpty() || inBatch()) {
            return;
        }
        Edit e = redo.pop();
        undo.push(e);
        target.accept(e.after());
        revision.set(revision.get() + 1);
        refresh();
    }

    /** Forgets every step (a new or opened document). */
    public void clear() {
        undo.clear();
        redo.clear();
        batchDescription = null;
        revision.set(revision.get() + 1);
        refresh();
    }

    private void refresh() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
        undoDescription.set(undo.isEmpty() ? "" : undo.peek().description());
        redoDescription.set(redo.isEmpty() ? "" : redo.peek().description());
    }

    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty undoDescriptionProperty() {
        return undoDescription.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoDescriptionProperty() {
        return redoDescription.getReadOnlyProperty();
    }
}
