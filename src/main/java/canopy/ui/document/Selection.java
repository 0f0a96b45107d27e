package canopy.ui.document;

import canopy.model.Link;
import canopy.model.Topology;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What is selected: node ids and links. Links are held by {@link Link#key()}, which follows a link through
 * its changes and through undo and redo, not by position: an edit that inserts, removes or reorders links
 * (an undone delete puts links back in the middle of the list) leaves the selection naming the same links
 * with nothing to renumber. Positions are worked out from the topology when asked for. Anything that
 * changes the topology keeps only what still exists ({@link DesignDocument}).
 */
public final class Selection {
    private final ObservableSet<String> nodes = FXCollections.observableSet();
    private final ObservableSet<Long> linkKeys = FXCollections.observableSet();
    private final ObservableSet<Long> linkKeysView = FXCollections.unmodifiableObservableSet(linkKeys);

    public ObservableSet<String> nodes() {
        return nodes;
    }

    /** The keys of the selected links, to observe and count; change them through the methods below. */
    public ObservableSet<Long> linkKeys() {
        return linkKeysView;
    }

    public boolean isEmpty() {
        return nodes.isEmpty() && linkKeys.isEmpty();
    }

    public void clear() {
        nodes.clear();
        linkKeys.clear();
    }

    /** Replaces the selection. */
    public void set(Collection<String> nodeIds, Collection<Link> links) {
        if (!nodes.equals(new HashSet<>(nodeIds))) {
            nodes.retainAll(nodeIds);
            nodes.addAll(nodeIds);
        }
        Set<Long> keys = keysOf(links);
        if (!linkKeys.equals(keys)) {
            linkKeys.retainAll(keys);
            linkKeys.addAll(keys);
        }
    }

    /**
     * Replaces the selection with these nodes and the links at these positions of t; positions t does not
     * have (a list worked out for an earlier version, as an Upgrade Advisor row) select nothing.
     */
    public void set(Collection<String> nodeIds, Topology t, Collection<Integer> linkIndices) {
        List<Link> links = new ArrayList<>();
        for (int i : linkIndices) {
            if (i >= 0 && i < t.links().size()) {
                links.add(t.links().get(i));
            }
        }
        set(nodeIds, links);
    }

    public boolean contains(Link l) {
        return linkKeys.contains(l.key());
    }

    /** Selects l when it is not selected, else unselects it (a shift-click). */
    public void toggle(Link l) {
        if (!linkKeys.remove(l.key())) {
            linkKeys.add(l.key());
        }
    }

    /** Where the selected links are in t, ascending. */
    public List<Integer> linkIndices(Topology t) {
        List<Integer> out = new ArrayList<>();
        if (linkKeys.isEmpty()) {
            return out;
        }
        for (int i = 0; i < t.links().size(); i++) {
            if (linkKeys.contains(t.links().get(i).key())) {
                out.add(i);
            }
        }
        return out;
    }

    /** Keeps only the nodes and links that t has. */
    void retainPresentIn(Topology t) {
        nodes.removeIf(id -> t.node(id) == null);
        if (!linkKeys.isEmpty()) {
            linkKeys.retainAll(keysOf(t.links()));
        }
    }

    private static Set<Long> keysOf(Collection<Link> links) {
        Set<Long> keys = new HashSet<>();
        for (Link l : links) {
            keys.add(l.key());
        }
        return keys;
    }
}
