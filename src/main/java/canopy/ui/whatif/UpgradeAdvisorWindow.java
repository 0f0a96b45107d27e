package canopy.ui.whatif;

import canopy.model.Rational;
import canopy.model.Topology;
import canopy.ui.task.BackgroundTask;
import canopy.ui.task.TaskExecutor;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Analysis › Upgrade Advisor: single-link upgrades of the current topology ranked by the bounds they
 * raise ({@link canopy.engine.UpgradeAdvisor}), computed in the background; selecting a row selects
 * that link in the designer.
 */
public final class UpgradeAdvisorWindow {
    private final Stage stage = new Stage();
    private final Supplier<Topology> topology;
    private final TaskExecutor executor;
    private final TableView<UpgradeAdvisorModel.Row> table = new TableView<>();
    private final TextField by = new TextField("25");
    private final Label status = new Label();
    private final Button rank = new Button("Rank");
    private BackgroundTask<List<UpgradeAdvisorModel.Row>> running;
    private Topology ranked;

    public UpgradeAdvisorWindow(Supplier<Topology> topology, TaskExecutor executor, IntConsumer selectLink,
                                Window owner) {
        this.topology = topology;
        this.executor = executor;
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Upgrade Advisor");
        by.setId("advisor-by");
        by.setPrefColumnCount(6);
        by.setOnAction(e -> rank());
        rank.setId("advisor-rank");
        rank.setDefaultButton(true);
        rank.setOnAction(e -> rank());
        status.setId("advisor-status");
        HBox top = new HBox(8, new Label("Add to one link at a time: +"), by, new Label("GB/s per direction"), rank,
                status);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(8));

        table.setId("advisor-table");
        table.getColumns().setAll(List.of(
                column("#", r -> Integer.toString(r.rank()), 40),
                column("Link", UpgradeAdvisorModel.Row::name, 200),
                column("Now", UpgradeAdvisorModel.Row::now, 60),
                column("AG bound after", UpgradeAdvisorModel.Row::allgather, 150),
                column("AG gain", UpgradeAdvisorModel.Row::allgatherGain, 110),
                column("AR bound after", UpgradeAdvisorModel.Row::allreduce, 150),
                column("AR gain", UpgradeAdvisorModel.Row::allreduceGain, 110),
                column("Bottleneck moves at", UpgradeAdvisorModel.Row::movesAt, 190)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Press Rank to rank the links."));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                if (topology.get() == ranked) {
                    selectLink.accept(r.link());
                } else {
                    status.setText("The topology has changed since this ranking: press Rank again.");
                }
            }
        });
        BorderPane root = new BorderPane(table);
        root.setTop(top);
        stage.setScene(new Scene(root, 1100, 560));
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

    public void show() {
        stage.show();
        rank();
    }

    /** Ranks the links of the current topology in the background. */
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
        status.setText("Ranking " + t.links().size() + " links…");
        rank.setDisable(true);
        BackgroundTask<List<UpgradeAdvisorModel.Row>> task = BackgroundTask.of(p -> UpgradeAdvisorModel.rank(t, add, p));
        running = task;
        task.onSuccess(rows -> {
            ranked = t;
            rank.setDisable(false);
            table.getItems().setAll(rows);
            boolean none = rows.stream().allMatch(r -> r.allgatherGain().equals("0") && r.allreduceGain().equals("0"));
            status.setText(rows.size() + " links ranked (+" + WhatIfActions.format(add) + " GB/s)"
                    + (none ? ": no single link raises a bound" : ""));
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
