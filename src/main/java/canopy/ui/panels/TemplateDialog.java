package canopy.ui.panels;

import atlantafx.base.theme.Styles;
import canopy.model.Topology;
import canopy.ui.Templates;
import canopy.ui.Templates.Parameter;
import canopy.ui.Templates.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * File › New from template…: a generator from {@link Templates#ALL}, its parameters as spinners and
 * check boxes, and a live preview of the counts. OK returns the generated topology.
 */
public final class TemplateDialog extends Dialog<Topology> {
    private final ListView<Template> templates = new ListView<>();
    private final GridPane parameters = new GridPane();
    private final Label preview = new Label();
    private final List<IntSupplier> values = new ArrayList<>();

    public TemplateDialog(Window owner) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("New from template");
        setHeaderText("Generate a topology");
        templates.setId("template-list");
        templates.getItems().setAll(Templates.ALL);
        templates.setPrefWidth(170);
        templates.setPrefHeight(230);
        parameters.setHgap(10);
        parameters.setVgap(8);
        preview.setId("template-preview");
        preview.getStyleClass().add(Styles.TEXT_MUTED);
        preview.setWrapText(true);
        VBox right = new VBox(12, parameters, preview);
        right.setPrefWidth(300);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox content = new HBox(16, templates, right);
        content.setPadding(new Insets(8, 4, 4, 4));
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        templates.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> showParameters(t));
        templates.getSelectionModel().selectFirst();
        setResultConverter(b -> {
            Template t = templates.getSelectionModel().getSelectedItem();
            if (b != ButtonType.OK || t == null) {
                return null;
            }
            try {
                return t.generate(current());
            } catch (RuntimeException e) {
                return null;
            }
        });
    }

    private int[] current() {
        return values.stream().mapToInt(IntSupplier::getAsInt).toArray();
    }

    private void showParameters(Template t) {
        parameters.getChildren().clear();
        values.clear();
        if (t == null) {
            return;
        }
        int row = 0;
        for (Parameter p : t.parameters()) {
            if (p.toggle()) {
                CheckBox box = new CheckBox(p.label());
                box.setSelected(p.initial() == 1);
                box.selectedProperty().addListener((o, a, b) -> updatePreview(t));
                values.add(() -> box.isSelected() ? 1 : 0);
                parameters.add(box, 1, row++);
            } else {
                Spinner<Integer> spinner = new Spinner<>(p.min(), p.max(), p.initial());
                spinner.setEditable(true);
                spinner.setPrefWidth(110);
                spinner.valueProperty().addListener((o, a, b) -> updatePreview(t));
                values.add(spinner::getValue);
                parameters.add(new Label(p.label()), 0, row);
                parameters.add(spinner, 1, row++);
            }
        }
        updatePreview(t);
    }

    private void updatePreview(Template t) {
        String text = Templates.preview(t, current());
        preview.setText(text);
        getDialogPane().lookupButton(ButtonType.OK).setDisable(text.startsWith("Cannot"));
    }
}
