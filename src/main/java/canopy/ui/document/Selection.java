package canopy.ui.document;

import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

import java.util.Collection;

/**
 * What is selected: node ids and link indices (positions in the topology's link list). Edits that
 * renumber links say what the new selection is; anything else that changes the topology keeps only
 * what still exists ({@link DesignDocument}).
 */
public final class Selection {
    private final ObservableSet<String> nodes = FXCollections.observableSet();
    private final ObservableSet<Integer> links = FXCollections.observableSet();

    public ObservableSet<String> nodes() {
        return nodes;
    }

    public ObservableSet<Integer> links() {
        return links;
    }

    public boolean isEmpty() {
        return nodes.isEmpty() && links.isEmpty();
    }

    public void clear() {
        nodes.clear();
        links.clear();
    }

    /** Replaces the selection. */
    public void set(Collection<String> nodeIds, Collection<Integer> linkIndices) {
        if (!nodes.equals(new java.util.HashSet<>(nodeIds))) {
            nodes.retainAll(nodeIds);
            nodes.addAll(nodeIds);
        }
        if (!links.equals(new java.util.HashSet<>(linkIndices))) {
            links.retainAll(linkIndices);
            links.addAll(linkIndices);
        }
    }
}
