package canopy.ui.panels;

import atlantafx.base.theme.Styles;
import canopy.model.TopologyValidator.Problem;
import java.util.function.Consumer;
import javafx.collections.ObservableList;
import canopy.ui.insight.Figures;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The validator's problems, live; clicking one selects the node or link it names. */
public final class ProblemsPanel extends VBox {
    private final ListView<Problem> list = new ListView<>();

    /** problems: the live list; select: what a click on one does (select the node or link it names). */
    public ProblemsPanel(ObservableList<Problem> problems, Consumer<Problem> select) {
        setId("problems-panel");
        getStyleClass().add("side-panel");
        Label heading = new Label();
        heading.setId("problems-heading");
        heading.getStyleClass().addAll(Styles.TEXT_BOLD, "panel-heading");
        heading.textProperty().bind(Bindings.createStringBinding(
                () -> problems.isEmpty() ? "Problems" : "Problems · " + Figures.count(problems.size(), "problem"),
                problems));
        list.setId("problems");
        list.setItems(problems);
        list.getStyleClass().add(Styles.DENSE);
        Label none = new Label("No problems: the topology is valid.");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        list.setPlaceholder(none);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : "⚠  " + p.message());
                setWrapText(false);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> {
            if (p != null) {
                select.accept(p);
            }
        });
        list.setOnMouseClicked(e -> {
            Problem p = list.getSelectionModel().getSelectedItem();
            if (p != null) {
                select.accept(p);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        setSpacing(4);
        setPadding(new Insets(6, 8, 8, 8));
        getChildren().addAll(heading, list);
    }

    public ListView<Problem> list() {
        return list;
    }
}
