package canopy.ui.panels;

import atlantafx.base.theme.Styles;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Topology;
import canopy.ui.document.DesignDocument;
import canopy.ui.insight.Figures;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Callback;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.DefaultPropertyEditorFactory;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * The property sheet of the selection (ControlsFX PropertySheet): a node's id, label, kind and group;
 * a link's ends (read-only), bandwidth, duplex and latency; with nothing selected, the topology's name.
 * Text fields commit on Enter or when they lose focus, each commit one undoable edit; refused input
 * stays in its field, marked, with the reason below. The values follow the document (undo, redo).
 */
public final class PropertiesPanel extends VBox {
    private final DesignDocument document;
    private final PropertiesViewModel viewModel;
    private final PropertySheet sheet = new PropertySheet();
    private final Label heading = new Label();
    private final Label error = new Label();
    private boolean rebuildQueued;
    /** The positions of the links the sheet shows, to notice when an edit moves them. */
    private List<Integer> shownLinks = List.of();

    public PropertiesPanel(DesignDocument document, PropertiesViewModel viewModel) {
        this.document = document;
        this.viewModel = viewModel;
        setId("properties");
        getStyleClass().add("side-panel");
        heading.getStyleClass().addAll(Styles.TEXT_BOLD, "panel-heading");
        heading.setId("properties-heading");
        error.setId("properties-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.managedProperty().bind(error.visibleProperty());
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.setPropertyEditorFactory(new Factory());
        VBox.setVgrow(sheet, Priority.ALWAYS);
        setSpacing(6);
        setPadding(new Insets(8));
        getChildren().addAll(heading, sheet, error);
        document.selection().nodes().addListener((SetChangeListener<String>) c -> queueRebuild());
        document.selection().linkKeys().addListener((SetChangeListener<Long>) c -> queueRebuild());
        document.topologyProperty().addListener((o, a, b) -> {
            if (document.selection().isEmpty()) {
                heading.setText(headingForTopology(b));
            } else {
                heading.setText(headingForSelection(b)); // a node made a switch is headed "Switch"
            }
            if (!document.selection().linkIndices(b).equals(shownLinks)) {
                queueRebuild(); // the selected links moved (an undone delete put links back before them)
            }
        });
        rebuild();
    }

    private void queueRebuild() {
        if (!rebuildQueued) {
            rebuildQueued = true;
            Platform.runLater(() -> {
                rebuildQueued = false;
                rebuild();
            });
        }
    }

    private void rebuild() {
        error.setText("");
        List<String> nodes = document.selectedNodeIds();
        List<Integer> links = document.selection().linkIndices(document.topology());
        shownLinks = links;
        Topology t = document.topology();
        heading.setText(headingForSelection(t));
        if (nodes.size() == 1 && links.isEmpty()) {
            String id = nodes.get(0);
            sheet.getItems().setAll(nodeItems(id));
        } else if (nodes.isEmpty() && links.size() == 1) {
            sheet.getItems().setAll(linkItems(links.get(0)));
        } else if (nodes.isEmpty() && links.isEmpty()) {
            sheet.getItems().setAll(new Item("Topology", "Name", "name", "The topology's name, saved in the file",
                    String.class, topologyValue(x -> x.name() == null ? "" : x.name()),
                    v -> viewModel.setTopologyName((String) v)),
                    new Item("Topology", "Units", "units", "Bandwidth units", String.class,
                            topologyValue(x -> Figures.units(x.units())), null));
        } else {
            sheet.getItems().setAll(bulkItems(nodes, links));
        }
    }

    /** "Accelerator", "Switch", "Link", the topology's heading, or "3 selected: …". */
    private String headingForSelection(Topology t) {
        List<String> nodes = document.selectedNodeIds();
        int links = document.selection().linkKeys().size();
        if (nodes.size() == 1 && links == 0) {
            Node n = t.node(nodes.get(0));
            return n == null ? "" : n.isAccelerator() ? "Accelerator" : "Switch";
        }
        if (nodes.isEmpty() && links == 1) {
            return "Link";
        }
        if (nodes.isEmpty() && links == 0) {
            return headingForTopology(t);
        }
        return nodes.size() + links + " selected: " + describe(nodes.size(), links);
    }

    private static String headingForTopology(Topology t) {
        return "Topology · " + Figures.count(t.acceleratorCount(), "accelerator");
    }

    private static String describe(int nodes, int links) {
        if (links == 0) {
            return Figures.count(nodes, "node");
        }
        if (nodes == 0) {
            return Figures.count(links, "link");
        }
        return Figures.count(nodes, "node") + ", " + Figures.count(links, "link");
    }

    /**
     * A value of the current topology. When the element is gone (undo, open) the row keeps its last
     * value until the sheet is rebuilt, so that no editor is handed a null.
     */
    private ObservableValue<Object> topologyValue(Function<Topology, Object> f) {
        Object[] last = {f.apply(document.topology())};
        return Bindings.createObjectBinding(() -> {
            Object v = f.apply(document.topology());
            if (v != null) {
                last[0] = v;
            }
            return last[0];
        }, document.topologyProperty());
    }

    private List<PropertySheet.Item> nodeItems(String id) {
        Function<Function<Node, Object>, ObservableValue<Object>> value = f -> topologyValue(t -> {
            Node n = t.node(id);
            return n == null ? null : f.apply(n);
        });
        return List.of(
                new Item("Node", "Id", "id", "Unique id; links follow a rename", String.class, value.apply(Node::id),
                        v -> viewModel.setNodeId(id, (String) v)),
                new Item("Node", "Label", "label", "Optional display name", String.class,
                        value.apply(n -> n.label() == null ? "" : n.label()), v -> viewModel.setNodeLabel(id, (String) v)),
                new Item("Node", "Kind", "kind", "An accelerator holds data; a switch only forwards", NodeKind.class,
                        value.apply(Node::kind), v -> viewModel.setNodeKind(id, (NodeKind) v)),
                new Item("Node", "Group", "group", "Optional group, e.g. the box", String.class,
                        value.apply(n -> n.group() == null ? "" : n.group()), v -> viewModel.setNodeGroup(id, (String) v)));
    }

    private List<PropertySheet.Item> linkItems(int index) {
        Function<Function<Link, Object>, ObservableValue<Object>> value = f -> topologyValue(t ->
                index < t.links().size() ? f.apply(t.links().get(index)) : null);
        return List.of(
                new Item("Link", "From", "from", "Where the link starts", String.class, value.apply(Link::from), null),
                new Item("Link", "To", "to", "Where the link ends", String.class, value.apply(Link::to), null),
                new Item("Link", "Bandwidth", "bandwidth", "Exact: 300, 12.5 or 100/3 (" + Figures.units(document.topology().units()) + ")",
                        String.class, value.apply(l -> l.bandwidth().toString()),
                        v -> viewModel.setLinkBandwidth(index, (String) v)),
                new Item("Link", "Duplex", "duplex", "Both directions, each with the full bandwidth", Boolean.class,
                        value.apply(Link::duplex), v -> viewModel.setLinkDuplex(index, (Boolean) v)),
                new Item("Link", "Latency (µs)", "latency", "Optional; empty for none", String.class,
                        value.apply(l -> l.latencyUs() == null ? "" : stripZero(l.latencyUs())),
                        v -> viewModel.setLinkLatency(index, (String) v)));
    }

    /**
     * Several elements: the fields they share, each showing the common value (empty when they differ);
     * a commit sets it on every one of them as one undoable edit.
     */
    private List<PropertySheet.Item> bulkItems(List<String> nodes, List<Integer> links) {
        List<PropertySheet.Item> out = new java.util.ArrayList<>();
        if (!nodes.isEmpty()) {
            String category = Figures.count(nodes.size(), "node");
            out.add(new Item(category, "Group", "group", "Put every selected node in this group (empty: none)",
                    String.class, topologyValue(t -> common(nodes.stream().map(t::node).filter(java.util.Objects::nonNull)
                            .map(n -> n.group() == null ? "" : n.group()).toList())),
                    v -> viewModel.setNodesGroup(nodes, (String) v)));
        }
        if (!links.isEmpty()) {
            String category = Figures.count(links.size(), "link");
            Function<Function<Link, String>, ObservableValue<Object>> value = f -> topologyValue(t -> common(
                    links.stream().filter(i -> i < t.links().size()).map(i -> f.apply(t.links().get(i))).toList()));
            out.add(new Item(category, "Bandwidth", "bandwidth", "Sets every selected link: 300, 12.5, 100/3, 200Gb/s ("
                    + Figures.units(document.topology().units()) + " without a unit)", String.class,
                    value.apply(l -> l.bandwidth().toString()), v -> viewModel.setLinksBandwidth(links, (String) v)));
            out.add(new Item(category, "Duplex", "duplex", "Both directions, each with the full bandwidth", Boolean.class,
                    topologyValue(t -> links.stream().allMatch(i -> i < t.links().size() && t.links().get(i).duplex())),
                    v -> viewModel.setLinksDuplex(links, (Boolean) v)));
            out.add(new Item(category, "Latency (µs)", "latency", "Sets every selected link; empty for none", String.class,
                    value.apply(l -> l.latencyUs() == null ? "" : stripZero(l.latencyUs())),
                    v -> viewModel.setLinksLatency(links, (String) v)));
        }
        return out;
    }

    /** The value every element has, or "" when they differ. */
    private static String common(List<String> values) {
        return values.isEmpty() || values.stream().distinct().count() > 1 ? "" : values.get(0);
    }

    private static String stripZero(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** One row: its value follows the document; commit is null for a read-only row. */
    private final class Item implements PropertySheet.Item {
        private final String category;
        private final String name;
        private final String key;
        private final String description;
        private final Class<?> type;
        private final ObservableValue<Object> value;
        private final Function<Object, Optional<String>> commit;

        Item(String category, String name, String key, String description, Class<?> type, ObservableValue<Object> value,
             Function<Object, Optional<String>> commit) {
            this.category = category;
            this.name = name;
            this.key = key;
            this.description = description;
            this.type = type;
            this.value = value;
            this.commit = commit;
        }

        @Override
        public Class<?> getType() {
            return type;
        }

        @Override
        public String getCategory() {
            return category;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public Object getValue() {
            return value.getValue();
        }

        /** Commits; the refusal, if any, is shown below the sheet and returned. */
        Optional<String> commit(Object v) {
            if (commit == null) {
                return Optional.empty();
            }
            Optional<String> refused;
            try {
                refused = commit.apply(v);
            } catch (RuntimeException e) {
                refused = Optional.of(name + ": " + e.getMessage());
            }
            error.setText(refused.orElse(""));
            return refused;
        }

        void clearError() {
            error.setText("");
        }

        @Override
        public void setValue(Object v) {
            if (v != null && !v.equals(getValue())) {
                commit(v);
            }
        }

        @Override
        public Optional<ObservableValue<?>> getObservableValue() {
            return Optional.of(value);
        }

        @Override
        public boolean isEditable() {
            return commit != null;
        }
    }

    /** Text rows get a field that commits on Enter and focus loss; the rest use ControlsFX's editors. */
    private final class Factory implements Callback<PropertySheet.Item, PropertyEditor<?>> {
        private final DefaultPropertyEditorFactory fallback = new DefaultPropertyEditorFactory();

        @Override
        public PropertyEditor<?> call(PropertySheet.Item item) {
            if (item instanceof Item it && it.getType() == String.class) {
                return new CommitField(it, document.history());
            }
            PropertyEditor<?> editor = fallback.call(item);
            if (item instanceof Item it) {
                editor.getEditor().setId("prop-" + it.key);
            }
            return editor;
        }
    }

    /** A text field that commits on Enter or focus loss, reverts on Escape, and follows the document. */
    private static final class CommitField implements PropertyEditor<Object> {
        private final TextField field = new TextField();
        private final Item item;
        private final canopy.ui.document.EditHistory history;
        private String shown;

        CommitField(Item item, canopy.ui.document.EditHistory history) {
            this.item = item;
            this.history = history;
            field.setId("prop-" + item.key);
            field.setEditable(item.isEditable());
            show(item.getValue());
            item.value.addListener((o, a, b) -> {
                if (field.getText().equals(shown)) {
                    show(b); // not being edited: follow undo, redo and other edits
                }
            });
            field.setOnAction(e -> commit());
            field.focusedProperty().addListener((o, was, is) -> {
                if (!is) {
                    commit();
                }
            });
            // Ctrl+Z / Ctrl+Y in a field with nothing typed undo and redo the document (the field would
            // otherwise swallow the keys and do nothing); with typing under way they undo the typing.
            field.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
                if (!field.getText().equals(shown) || !e.isShortcutDown()) {
                    return;
                }
                if (e.getCode() == KeyCode.Z && !e.isShiftDown()) {
                    history.undo();
                    e.consume();
                } else if (e.getCode() == KeyCode.Y || (e.getCode() == KeyCode.Z && e.isShiftDown())) {
                    history.redo();
                    e.consume();
                }
            });
            field.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ESCAPE) {
                    show(item.getValue());
                    field.pseudoClassStateChanged(Styles.STATE_DANGER, false);
                    item.clearError();
                    e.consume();
                }
            });
        }

        private void show(Object v) {
            shown = v == null ? "" : v.toString();
            field.setText(shown);
        }

        private void commit() {
            if (!item.isEditable() || field.getText().equals(shown)) {
                return;
            }
            Optional<String> refused = item.commit(field.getText());
            field.pseudoClassStateChanged(Styles.STATE_DANGER, refused.isPresent());
            if (refused.isEmpty()) {
                show(item.getValue());
            }
        }

        @Override
        public javafx.scene.Node getEditor() {
            return field;
        }

        @Override
        public Object getValue() {
            return field.getText();
        }

        @Override
        public void setValue(Object value) {
            show(value);
        }
    }
}
