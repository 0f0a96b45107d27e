package canopy.ui.panels;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Topology;
import canopy.ui.document.DesignDocument;
import canopy.ui.insight.Figures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The outline: every node and link in a tree, filtered by the search field, its selection kept equal
 * to the document's both ways.
 */
public final class OutlinePanel extends VBox {
    /** A row: a node, a link, or a heading (both null/-1). */
    public record Entry(String text, String nodeId, int linkIndex) {
        @Override
        public String toString() {
            return text;
        }
    }

    private final DesignDocument document;
    private final TextField search = new TextField();
    private final TreeView<Entry> tree = new TreeView<>();
    private final TreeItem<Entry> nodesRoot = new TreeItem<>();
    private final TreeItem<Entry> linksRoot = new TreeItem<>();
    private final Map<String, TreeItem<Entry>> nodeItems = new HashMap<>();
    private final Map<Integer, TreeItem<Entry>> linkItems = new HashMap<>();
    private boolean syncing;
    private boolean syncQueued;

    public OutlinePanel(DesignDocument document) {
        this.document = document;
        setId("outline-panel");
        getStyleClass().add("side-panel");
        search.setId("outline-search");
        search.setPromptText("Filter nodes and links");
        tree.setId("outline");
        TreeItem<Entry> root = new TreeItem<>(new Entry("", null, -1));
        root.getChildren().addAll(nodesRoot, linksRoot);
        nodesRoot.setExpanded(true);
        linksRoot.setExpanded(true);
        tree.setRoot(root);
        tree.setShowRoot(false);
        tree.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        VBox.setVgrow(tree, Priority.ALWAYS);
        setSpacing(6);
        setPadding(new Insets(8));
        getChildren().addAll(search, tree);

        search.textProperty().addListener((o, a, b) -> rebuild());
        document.topologyProperty().addListener((o, a, b) -> rebuild());
        tree.getSelectionModel().getSelectedItems().addListener((ListChangeListener<TreeItem<Entry>>) c -> toDocument());
        document.selection().nodes().addListener((SetChangeListener<String>) c -> queueFromDocument());
        document.selection().linkKeys().addListener((SetChangeListener<Long>) c -> queueFromDocument());
        rebuild();
    }

    public TextField search() {
        return search;
    }

    public TreeView<Entry> tree() {
        return tree;
    }

    /** Does the filter text (lower case) match this node? */
    static boolean matches(Node n, String f) {
        return f.isEmpty() || n.id().toLowerCase(Locale.ROOT).contains(f)
                || (n.label() != null && n.label().toLowerCase(Locale.ROOT).contains(f))
                || (n.group() != null && n.group().toLowerCase(Locale.ROOT).contains(f))
                || n.kind().jsonName().contains(f);
    }

    static boolean matches(Link l, String f) {
        return f.isEmpty() || l.describe().toLowerCase(Locale.ROOT).contains(f)
                || l.bandwidth().toString().contains(f);
    }

    static String text(Node n) {
        String kind = n.isAccelerator() ? "●" : "■";
        return kind + "  " + n.id() + (n.label() != null && !n.label().equals(n.id()) ? "  — " + n.label() : "");
    }

    static String text(Link l, String units) {
        return l.from() + (l.duplex() ? "  ⇄  " : "  →  ") + l.to() + "   " + Figures.bandwidth(l.bandwidth()) + " " + units;
    }

    private void rebuild() {
        Topology t = document.topology();
        String f = search.getText() == null ? "" : search.getText().trim().toLowerCase(Locale.ROOT);
        String units = Figures.units(t.units());
        syncing = true;
        try {
            tree.getSelectionModel().clearSelection();
            nodeItems.clear();
            linkItems.clear();
            List<TreeItem<Entry>> nodes = new ArrayList<>();
            for (Node n : t.nodes()) {
                if (matches(n, f)) {
                    TreeItem<Entry> item = new TreeItem<>(new Entry(text(n), n.id(), -1));
                    nodeItems.put(n.id(), item);
                    nodes.add(item);
                }
            }
            List<TreeItem<Entry>> links = new ArrayList<>();
            for (int i = 0; i < t.links().size(); i++) {
                Link l = t.links().get(i);
                if (matches(l, f)) {
                    TreeItem<Entry> item = new TreeItem<>(new Entry(text(l, units), null, i));
                    linkItems.put(i, item);
                    links.add(item);
                }
            }
            nodesRoot.setValue(new Entry(heading("Nodes", nodes.size(), t.nodes().size()), null, -1));
            linksRoot.setValue(new Entry(heading("Links", links.size(), t.links().size()), null, -1));
            nodesRoot.getChildren().setAll(nodes);
            linksRoot.getChildren().setAll(links);
        } finally {
            syncing = false;
        }
        fromDocument();
    }

    private static String heading(String what, int shown, int all) {
        return what + " (" + (shown == all ? all : shown + " of " + all) + ")";
    }

    private void toDocument() {
        if (syncing) {
            return;
        }
        List<String> nodes = new ArrayList<>();
        List<Integer> links = new ArrayList<>();
        for (TreeItem<Entry> item : List.copyOf(tree.getSelectionModel().getSelectedItems())) {
            if (item == null || item.getValue() == null) {
                continue;
            }
            if (item.getValue().nodeId() != null) {
                nodes.add(item.getValue().nodeId());
            } else if (item.getValue().linkIndex() >= 0) {
                links.add(item.getValue().linkIndex());
            }
        }
        syncing = true;
        try {
            document.selection().set(nodes, document.topology(), links);
        } finally {
            syncing = false;
        }
    }

    private void queueFromDocument() {
        if (syncing || syncQueued) {
            return;
        }
        syncQueued = true;
        Platform.runLater(() -> {
            syncQueued = false;
            fromDocument();
        });
    }

    private void fromDocument() {
        syncing = true;
        try {
            var model = tree.getSelectionModel();
            model.clearSelection();
            TreeItem<Entry> first = null;
            for (String id : document.selection().nodes()) {
                TreeItem<Entry> item = nodeItems.get(id);
                if (item != null) {
                    model.select(item);
                    first = first == null ? item : first;
                }
            }
            for (Integer i : document.selection().linkIndices(document.topology())) {
                TreeItem<Entry> item = linkItems.get(i);
                if (item != null) {
                    model.select(item);
                    first = first == null ? item : first;
                }
            }
            if (first != null) {
                int row = tree.getRow(first);
                if (row >= 0) {
                    tree.scrollTo(Math.max(0, row - 3));
                }
            }
        } finally {
            syncing = false;
        }
    }
}
