package canopy.ui.whatif;

import canopy.model.Rational;
import canopy.model.Topology;
import canopy.ui.task.BackgroundTask;
import canopy.ui.task.TaskExecutor;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Analysis › Upgrade Advisor: single-link upgrades of the current topology ranked by the bounds they
 * raise ({@link canopy.engine.UpgradeAdvisor}), or upgrades of whole classes of links
 * ({@link canopy.engine.LinkClassAdvisor}: on a symmetric cluster only these can raise a bound), computed
 * in the background; selecting a row selects that link, or every link of the class, in the designer.
 */
public final class UpgradeAdvisorWindow {
    private final Stage stage = new Stage();
    private final Supplier<Topology> topology;
    private final TaskExecutor executor;
    private final TableView<UpgradeAdvisorModel.Row> table = new TableView<>();
    private final ChoiceBox<UpgradeAdvisorModel.Mode> mode = new ChoiceBox<>();
    private final TextField by = new TextField("25");
    private final Label status = new Label();
    private final Button rank = new Button("Rank");
    private BackgroundTask<List<UpgradeAdvisorModel.Row>> running;
    private Topology ranked;

    /** What Apply does: adds this bandwidth to each of these links of the design, as one undoable edit. */
    @FunctionalInterface
    public interface Upgrade {
        void apply(List<Integer> links, Rational add);
    }

    private final Button apply = new Button("Apply to design");
    private Rational rankedBy;

    /** selectLinks replaces the designer's selection with these link indices. */
    public UpgradeAdvisorWindow(Supplier<Topology> topology, TaskExecutor executor, Consumer<List<Integer>> selectLinks,
                                Window owner) {
        this(topology, executor, selectLinks, null, owner);
    }

    /**
     * As above; upgrade (may be null: no Apply button) applies the selected row to the design: the
     * links it names, each with the added bandwidth it was ranked with.
     */
    public UpgradeAdvisorWindow(Supplier<Topology> topology, TaskExecutor executor, Consumer<List<Integer>> selectLinks,
                                Upgrade upgrade, Window owner) {
        this.topology = topology;
        this.executor = executor;
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Upgrade Advisor");
        mode.setId("advisor-mode");
        mode.getItems().setAll(UpgradeAdvisorModel.Mode.values());
        mode.setValue(UpgradeAdvisorModel.Mode.SINGLE_LINKS);
        mode.valueProperty().addListener((o, a, m) -> rank());
        by.setId("advisor-by");
        by.setPrefColumnCount(6);
        by.setOnAction(e -> rank());
        rank.setId("advisor-rank");
        rank.setDefaultButton(true);
        rank.setOnAction(e -> rank());
        status.setId("advisor-status");
        Label unit = new Label();
        // Say what is upgraded together: a link, or every link of a class.
        unit.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> mode.getValue() == UpgradeAdvisorModel.Mode.LINK_CLASSES ? "a whole class at a time: +"
                        : "one at a time: +", mode.valueProperty()));
        apply.setId("advisor-apply");
        apply.setVisible(upgrade != null);
        apply.managedProperty().bind(apply.visibleProperty());
        apply.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        apply.setOnAction(e -> {
            UpgradeAdvisorModel.Row r = table.getSelectionModel().getSelectedItem();
            if (r == null || upgrade == null) {
                return;
            }
            if (topology.get() != ranked) {
                status.setText("The topology has changed since this ranking: press Rank again.");
                return;
            }
            upgrade.apply(r.links(), rankedBy);
            status.setText("Applied: " + r.name() + " +" + WhatIfActions.format(rankedBy)
                    + " GB/s (Edit › Undo takes it back; Rank again for the next step).");
        });
        HBox controls = new HBox(8, new Label("Upgrade"), mode, unit, by,
                new Label("GB/s per direction"), rank, apply);
        controls.setAlignment(Pos.CENTER_LEFT);
        // Labels and the button keep their text whole; the status gets a row of its own and wraps.
        for (var child : controls.getChildren()) {
            if (child instanceof javafx.scene.control.Control c) {
                c.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        status.setWrapText(true);
        VBox top = new VBox(6, controls, status);
        top.setPadding(new Insets(8));

        table.setId("advisor-table");
        table.getColumns().setAll(List.of(
                column("#", r -> Integer.toString(r.rank()), 40),
                column("Link or class", UpgradeAdvisorModel.Row::name, 370),
                column("Now", UpgradeAdvisorModel.Row::now, 60),
                column("AG bound after", UpgradeAdvisorModel.Row::allgather, 150),
                column("AG gain", UpgradeAdvisorModel.Row::allgatherGain, 130),
                column("AR bound after", UpgradeAdvisorModel.Row::allreduce, 150),
                column("AR gain", UpgradeAdvisorModel.Row::allreduceGain, 130),
                column("Bottleneck moves at", UpgradeAdvisorModel.Row::movesAt, 190)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Press Rank to rank the links."));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                if (topology.get() == ranked) {
                    selectLinks.accept(r.links());
                } else {
                    status.setText("The topology has changed since this ranking: press Rank again.");
                }
            }
        });
        BorderPane root = new BorderPane(table);
        root.setTop(top);
        stage.setScene(new Scene(root, 1260, 560));
        stage.setOnHidden(e -> {
            if (running != null) {
                running.cancel();
            }
        });
    }

    public Stage stage() {
        return stage;
    }

    public TableView<UpgradeAdvisorModel.Row> table() {
        return table;
    }

    /** Single links or link classes. */
    public ChoiceBox<UpgradeAdvisorModel.Mode> mode() {
        return mode;
    }

    public void show() {
        stage.show();
        rank();
    }

    /** Ranks the links, or link classes, of the current topology in the background. */
    public void rank() {
        Rational add;
        try {
            add = UpgradeAdvisorModel.parseBy(by.getText());
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            return;
        }
        if (running != null) {
            running.cancel();
        }
        Topology t = topology.get();
        UpgradeAdvisorModel.Mode m = mode.getValue();
        status.setText("Ranking " + (m == UpgradeAdvisorModel.Mode.LINK_CLASSES ? "the classes of " : "")
                + t.links().size() + " links…");
        rank.setDisable(true);
        BackgroundTask<List<UpgradeAdvisorModel.Row>> task = BackgroundTask.of(p -> UpgradeAdvisorModel.rank(t, add, m,
                p));
        running = task;
        task.onSuccess(rows -> {
            ranked = t;
            rankedBy = add;
            rank.setDisable(false);
            table.getItems().setAll(rows);
            status.setText(UpgradeAdvisorModel.status(rows, m, add));
        }).onFailure(e -> {
            rank.setDisable(false);
            status.setText("Could not rank: " + WhatIfActions.message(e));
        }).onCancelled(() -> rank.setDisable(false));
        executor.execute(task);
    }

    private static TableColumn<UpgradeAdvisorModel.Row, String> column(String name,
            Function<UpgradeAdvisorModel.Row, String> value, double width) {
        TableColumn<UpgradeAdvisorModel.Row, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }
}
