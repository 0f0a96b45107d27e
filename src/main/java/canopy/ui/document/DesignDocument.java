package canopy.ui.document;

import canopy.io.FigureText;
import canopy.model.Topology;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The open document: its topology (changed only through {@link #edit}, so every change is undoable),
 * the file it came from, the edit history, the selection, and whether it has unsaved changes.
 * View-model state only: no controls, no toolkit.
 */
public final class DesignDocument {
    private final ReadOnlyObjectWrapper<Topology> topology;
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>(this, "file");
    private final EditHistory history;
    private final Selection selection = new Selection();
    /** The topology as last saved or opened: unsaved means the current one differs from it. */
    private final ReadOnlyObjectWrapper<Topology> saved;
    private final BooleanBinding dirty;
    /** Counts {@link #replace} calls: views reset what belonged to the previous document when it moves. */
    private final javafx.beans.property.ReadOnlyLongWrapper generation =
            new javafx.beans.property.ReadOnlyLongWrapper(this, "generation", 0);

    public DesignDocument(Topology initial, Path file) {
        this.topology = new ReadOnlyObjectWrapper<>(this, "topology", initial);
        this.file.set(file);
        this.history = new EditHistory(this::show, 500);
        this.saved = new ReadOnlyObjectWrapper<>(this, "saved", initial);
        // Compared by value, so undoing back to the saved state is clean again.
        this.dirty = Bindings.createBooleanBinding(() -> !topology.get().equals(saved.get()), topology, saved);
    }

    private void show(Topology t) {
        topology.set(t);
        pruneSelection(t);
    }

    /** Keeps only selected nodes and links that still exist. */
    private void pruneSelection(Topology t) {
        selection.retainPresentIn(t);
    }

    public Topology topology() {
        return topology.get();
    }

    public ReadOnlyObjectProperty<Topology> topologyProperty() {
        return topology.getReadOnlyProperty();
    }

    /** Applies change to the current topology as one undoable step called description. */
    public void edit(String description, UnaryOperator<Topology> change) {
        Topology before = topology.get();
        Topology after = change.apply(before);
        history.record(new Edit(description, before, after));
    }

    /** Like {@link #edit} and then selects the given nodes and the links at these positions of the new topology. */
    public void edit(String description, UnaryOperator<Topology> change, List<String> selectNodes,
                     List<Integer> selectLinks) {
        edit(description, change);
        selection.set(selectNodes, topology(), selectLinks);
    }

    /** Replaces the whole document (new, open): no undo across it, and it counts as saved. */
    public void replace(Topology t, Path newFile) {
        selection.clear();
        topology.set(t);
        file.set(newFile);
        history.clear();
        markSaved(newFile);
        generation.set(generation.get() + 1);
    }

    /**
     * Increases each time the whole document is replaced (New, Open, New from Template, an import):
     * the schedule, the view and collapsed groups of the previous document do not carry over.
     */
    public javafx.beans.property.ReadOnlyLongProperty generationProperty() {
        return generation.getReadOnlyProperty();
    }

    public void markSaved(Path savedTo) {
        file.set(savedTo);
        saved.set(topology.get());
    }

    public EditHistory history() {
        return history;
    }

    public Selection selection() {
        return selection;
    }

    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    public Path file() {
        return file.get();
    }

    public BooleanBinding dirtyProperty() {
        return dirty;
    }

    public boolean isDirty() {
        return dirty.get();
    }

    /** The selected node ids in topology order. */
    public List<String> selectedNodeIds() {
        List<String> out = new ArrayList<>();
        for (var n : topology().nodes()) {
            if (selection.nodes().contains(n.id())) {
                out.add(n.id());
            }
        }
        return out;
    }

    /**
     * Removes the selected nodes (with their links) and links as one undoable edit named after what
     * went ("Delete 2 nodes and 1 link"); false when nothing is selected. The designer's one delete: the
     * Edit menu, the Delete key on the canvas and the context menu all come here.
     */
    public boolean deleteSelection() {
        List<String> nodes = selectedNodeIds();
        List<Integer> links = selection.linkIndices(topology());
        if (nodes.isEmpty() && links.isEmpty()) {
            return false;
        }
        edit("Delete " + describe(nodes.size(), links.size()), t -> TopologyEdits.remove(t, nodes, links),
                List.of(), List.of());
        return true;
    }

    /** Selects every node and link: the designer's one select-all (a selection, not an edit). */
    public void selectAll() {
        Topology t = topology();
        List<String> ids = new ArrayList<>();
        for (var n : t.nodes()) {
            ids.add(n.id());
        }
        selection.set(ids, t.links());
    }

    /** "3 nodes", "1 link", "2 nodes and 1 link": how edit names say what they touched. */
    public static String describe(int nodes, int links) {
        if (links == 0) {
            return FigureText.plural(nodes, "node");
        }
        if (nodes == 0) {
            return FigureText.plural(links, "link");
        }
        return FigureText.plural(nodes, "node") + " and " + FigureText.plural(links, "link");
    }
}
