package canopy.ui.schedule;

import atlantafx.base.theme.Styles;
import canopy.model.Collective;
import canopy.engine.CollectiveScheduler;
import canopy.engine.Schedulers;
import canopy.ui.schedule.ScheduleViewModel.Figure;
import canopy.ui.schedule.ScheduleViewModel.RootGroup;
import canopy.ui.schedule.ScheduleViewModel.State;
import canopy.ui.schedule.ScheduleViewModel.TreeRow;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Schedule panel (the view): what to schedule, Run and Cancel with a progress bar, the stale banner,
 * the figures of the result, the congestion toggle and the trees grouped by root (a tree row selects
 * that tree, a root row all of its trees). All state and
 * behaviour live in the {@link ScheduleViewModel}; this class only builds and binds controls.
 */
public final class SchedulePanel extends ScrollPane {
    private final ScheduleViewModel vm;
    private final TreeView<Object> trees = new TreeView<>();
    private final GridPane figures = new GridPane();
    private final AnimationControls animationControls;
    private boolean syncingSelection;

    public SchedulePanel(ScheduleViewModel vm) {
        this.vm = vm;
        setId("schedule-panel");
        getStyleClass().addAll("side-panel", "edge-to-edge");
        animationControls = new AnimationControls(vm.animation());
        animationControls.visibleProperty().bind(vm.resultProperty().isNotNull().and(vm.staleProperty().not()));
        animationControls.managedProperty().bind(animationControls.visibleProperty());
        VBox content = new VBox(8, settings(), actions(), staleBanner(), figuresBox(), channelsBox(), animationControls,
                treesBox());
        content.getStyleClass().add("side-panel");
        content.setPadding(new Insets(8, 10, 10, 10));
        // Fills the tab; scrolls only when the window is too short for the tree list's minimum height.
        setContent(content);
        setFitToWidth(true);
        setFitToHeight(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
    }

    // ------------------------------------------------------------------ settings

    private GridPane settings() {
        ComboBox<Collective> collective = new ComboBox<>();
        collective.setId("schedule-collective");
        collective.getItems().setAll(Collective.values());
        collective.valueProperty().bindBidirectional(vm.collectiveProperty());

        ComboBox<CollectiveScheduler> algorithm = new ComboBox<>();
        algorithm.setId("schedule-algorithm");
        algorithm.getItems().setAll(Schedulers.ALL);
        algorithm.setConverter(new StringConverter<>() {
            @Override
            public String toString(CollectiveScheduler a) {
                return a == null ? "" : a.name();
            }

            @Override
            public CollectiveScheduler fromString(String s) {
                return Schedulers.get(s);
            }
        });
        algorithm.valueProperty().bindBidirectional(vm.algorithmProperty());
        algorithm.setTooltip(new Tooltip(String.join("\n", Schedulers.ALL.stream()
                .map(a -> a.name() + ": " + a.description()).toList())));

        Spinner<Integer> maxTrees = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 10_000,
                (int) vm.maxTreesPerRootProperty().get()));
        maxTrees.setId("schedule-max-trees");
        maxTrees.setEditable(true);
        maxTrees.setTooltip(new Tooltip("Forest only: at most this many trees per root (0: no limit, optimal)"));
        maxTrees.valueProperty().addListener((o, a, b) -> vm.maxTreesPerRootProperty().set(b == null ? 0 : b));
        maxTrees.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> vm.algorithmProperty()
                .get() == null || !vm.algorithmProperty().get().options()
                .contains(CollectiveScheduler.Option.MAX_TREES_PER_ROOT), vm.algorithmProperty()));

        ComboBox<Long> size = new ComboBox<>();
        size.setId("schedule-size");
        size.getItems().setAll(MessageSizes.offered());
        size.setConverter(new StringConverter<>() {
            @Override
            public String toString(Long bytes) {
                return bytes == null ? "" : MessageSizes.format(bytes);
            }

            @Override
            public Long fromString(String s) {
                return null;
            }
        });
        size.setValue(vm.messageBytesProperty().get());
        size.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.messageBytesProperty().set(b);
            }
        });
        size.setTooltip(new Tooltip("Buffer size for the completion time (binary units)"));

        for (Region r : new Region[] {collective, algorithm, maxTrees, size}) {
            r.setMaxWidth(Double.MAX_VALUE);
        }
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setHalignment(HPos.LEFT);
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, fields);
        grid.addRow(0, new Label("Collective"), collective);
        grid.addRow(1, new Label("Algorithm"), algorithm);
        grid.addRow(2, new Label("Max trees per root"), maxTrees);
        grid.addRow(3, new Label("Message size"), size);
        grid.disableProperty().bind(vm.runningProperty());
        return grid;
    }

    // ------------------------------------------------------------------ run, cancel, progress

    private VBox actions() {
        Button run = new Button("Run");
        run.setId("schedule-run");
        run.getStyleClass().add(Styles.ACCENT);
        run.setDefaultButton(false);
        run.setOnAction(e -> vm.run());
        run.disableProperty().bind(vm.runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("schedule-cancel");
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.stateProperty().isNotEqualTo(State.RUNNING));
        ProgressBar bar = new ProgressBar();
        bar.setId("schedule-progress");
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.runningProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        HBox buttons = new HBox(8, run, cancel, bar);
        buttons.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("schedule-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusTextProperty());
        status.getStyleClass().add(Styles.TEXT_MUTED);
        vm.stateProperty().addListener((o, a, s) -> {
            status.getStyleClass().removeAll(Styles.DANGER, Styles.WARNING, Styles.TEXT_MUTED);
            status.getStyleClass().add(s == State.FAILED ? Styles.DANGER
                    : s == State.CANCELLED ? Styles.WARNING : Styles.TEXT_MUTED);
        });
        status.managedProperty().bind(status.visibleProperty());
        status.visibleProperty().bind(status.textProperty().isNotEmpty());

        return new VBox(6, buttons, status);
    }

    private HBox staleBanner() {
        Label text = new Label("The topology changed since this schedule was computed.");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button recompute = new Button("Recompute");
        recompute.setId("schedule-recompute");
        recompute.getStyleClass().add(Styles.SMALL);
        recompute.setOnAction(e -> vm.recompute());
        recompute.setMinWidth(Region.USE_PREF_SIZE);
        HBox banner = new HBox(8, text, recompute);
        banner.setId("schedule-stale");
        banner.getStyleClass().add("stale-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.visibleProperty().bind(vm.staleProperty().and(vm.runningProperty().not()));
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    // ------------------------------------------------------------------ result

    private VBox figuresBox() {
        figures.setId("schedule-figures");
        figures.setHgap(10);
        figures.setVgap(3);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        figures.getColumnConstraints().addAll(names, values);
        vm.figures().addListener((ListChangeListener<Figure>) c -> fillFigures());
        fillFigures();

        ToggleButton congestion = new ToggleButton("Congestion");
        congestion.setId("schedule-congestion");
        congestion.setTooltip(new Tooltip("Colour every link by how busy the schedule keeps it; hover a link for "
                + "its load"));
        congestion.selectedProperty().bindBidirectional(vm.showCongestionProperty());
        congestion.disableProperty().bind(vm.resultProperty().isNull());
        Label hint = new Label();
        hint.setId("schedule-selection");
        hint.textProperty().bind(Bindings.createStringBinding(() -> vm.selectionProperty().get().isAll()
                ? "Select a tree to draw it, or a root to draw all its trees."
                : "Drawing " + vm.selectionProperty().get().description() + ".", vm.selectionProperty()));
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(hint, Priority.ALWAYS);
        congestion.setMinWidth(Region.USE_PREF_SIZE); // the hint wraps; the button keeps its word
        HBox row = new HBox(10, congestion, hint);
        row.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, figures, row);
        figures.opacityProperty().bind(Bindings.when(vm.staleProperty()).then(0.5).otherwise(1.0)); // old figures
        box.visibleProperty().bind(vm.resultProperty().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /**
     * An imported schedule's channels: which to draw (each in its colour, its hops numbered) and the
     * sentence on where the schedule loses bandwidth. Hidden for a schedule Canopy computed.
     */
    private VBox channelsBox() {
        ChannelChoices ch = vm.channels();
        Label heading = new Label("Channels");
        heading.getStyleClass().addAll(Styles.TEXT_BOLD, "panel-heading");
        ComboBox<ChannelChoices.Choice> chooser = new ComboBox<>(ch.choices());
        chooser.setId("schedule-channels");
        chooser.setMaxWidth(Double.MAX_VALUE);
        chooser.valueProperty().bindBidirectional(ch.chosenProperty());
        chooser.setTooltip(new Tooltip("Draw a channel along its links, its hops numbered in the order data takes them"));
        Label finding = new Label();
        finding.setId("schedule-finding");
        finding.textProperty().bind(ch.findingProperty());
        finding.setWrapText(true);
        finding.setMinHeight(Region.USE_PREF_SIZE);
        finding.visibleProperty().bind(ch.findingProperty().isNotEmpty());
        finding.managedProperty().bind(finding.visibleProperty());
        VBox box = new VBox(6, heading, chooser, finding);
        box.visibleProperty().bind(Bindings.isNotEmpty(ch.choices()).and(vm.staleProperty().not()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private void fillFigures() {
        figures.getChildren().clear();
        int i = 0;
        for (Figure f : vm.figures()) {
            Label name = new Label(f.name());
            name.getStyleClass().add(Styles.TEXT_MUTED);
            Label value = new Label(f.value());
            value.setId("schedule-figure-" + i);
            value.setWrapText(true);
            value.setMinHeight(Region.USE_PREF_SIZE); // at its wrapped height: a narrow panel cut it ("6.200 ms (ti…")
            value.getStyleClass().add(i == 0 ? Styles.TEXT_BOLD : "figure-value");
            figures.addRow(i++, name, value);
        }
    }

    private VBox treesBox() {
        Label heading = new Label();
        heading.getStyleClass().addAll(Styles.TEXT_BOLD, "panel-heading");
        heading.textProperty().bind(Bindings.createStringBinding(() -> vm.result() == null ? "Trees"
                : "Trees by root  ·  " + vm.result().schedule().trees().size(), vm.resultProperty()));
        trees.setId("schedule-trees");
        trees.setShowRoot(false);
        trees.setRoot(new TreeItem<>("trees"));
        trees.getStyleClass().add(Styles.DENSE);
        Label none = new Label("Run a schedule to list its trees.");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        trees.setCellFactory(v -> new TreeCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                } else if (item instanceof RootGroup g) {
                    setText(g.label());
                } else if (item instanceof TreeRow r) {
                    setText(r.label());
                } else {
                    setText(item.toString());
                }
            }
        });
        vm.treeGroups().addListener((ListChangeListener<RootGroup>) c -> fillTrees());
        trees.getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
            if (syncingSelection) {
                return;
            }
            vm.select(selectionOf(item));
        });
        trees.setMinHeight(180);
        VBox.setVgrow(trees, Priority.ALWAYS);
        VBox box = new VBox(4, heading, trees);
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    /** A tree row selects its tree; a root row all of that root's trees; nothing, every tree. */
    private static TreeSelection selectionOf(TreeItem<Object> item) {
        if (item != null && item.getValue() instanceof TreeRow r) {
            return r.selection();
        }
        if (item != null && item.getValue() instanceof RootGroup g) {
            return g.selection();
        }
        return TreeSelection.ALL;
    }

    private void fillTrees() {
        syncingSelection = true;
        try {
            TreeItem<Object> root = new TreeItem<>("trees");
            boolean first = true;
            for (RootGroup g : vm.treeGroups()) {
                TreeItem<Object> group = new TreeItem<>(g);
                group.setExpanded(first); // the first root open, to show what a tree row says
                first = false;
                for (TreeRow r : g.trees()) {
                    group.getChildren().add(new TreeItem<>(r));
                }
                root.getChildren().add(group);
            }
            trees.setRoot(root);
        } finally {
            syncingSelection = false;
        }
    }

    public AnimationControls animationControls() {
        return animationControls;
    }

    public TreeView<Object> trees() {
        return trees;
    }
}
