package canopy.ui.panels;

import atlantafx.base.theme.Styles;
import canopy.generate.TemplateCatalog;
import canopy.generate.TemplateCatalog.Parameter;
import canopy.generate.TemplateCatalog.Template;
import canopy.model.Topology;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
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
 * File › New from template…: a template of {@link TemplateCatalog}, its description, its parameters as
 * spinners and check boxes, and a live preview of the counts. OK returns the generated topology.
 */
public final class TemplateDialog extends Dialog<Topology> {
    private final ListView<Template> templates = new ListView<>();
    private final GridPane parameters = new GridPane();
    private final Label description = new Label();
    private final Label preview = new Label();
    private final Map<String, Supplier<Object>> values = new LinkedHashMap<>();

    public TemplateDialog(Window owner) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("New from template");
        setHeaderText("Generate a topology");
        templates.setId("template-list");
        templates.getItems().setAll(TemplateCatalog.templates());
        templates.setPrefWidth(170);
        templates.setPrefHeight(230);
        parameters.setHgap(10);
        parameters.setVgap(8);
        preview.setId("template-preview");
        preview.getStyleClass().add(Styles.TEXT_MUTED);
        preview.setWrapText(true);
        description.setId("template-description");
        description.setWrapText(true);
        VBox right = new VBox(12, description, parameters, preview);
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
                return t.create(current());
            } catch (RuntimeException e) {
                return null;
            }
        });
    }

    private Map<String, Object> current() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((name, value) -> out.put(name, value.get()));
        return out;
    }

    private void showParameters(Template t) {
        parameters.getChildren().clear();
        values.clear();
        if (t == null) {
            description.setText("");
            return;
        }
        description.setText(t.description());
        int row = 0;
        for (Parameter p : t.parameters()) {
            if (!p.isInteger()) {
                CheckBox box = new CheckBox(p.label());
                box.setSelected((Boolean) p.defaultValue());
                box.selectedProperty().addListener((o, a, b) -> updatePreview(t));
                values.put(p.name(), box::isSelected);
                parameters.add(box, 1, row++);
            } else {
                Spinner<Integer> spinner = new Spinner<>(p.min(), p.max(), (Integer) p.defaultValue());
                spinner.setEditable(true);
                spinner.setPrefWidth(110);
                spinner.valueProperty().addListener((o, a, b) -> updatePreview(t));
                values.put(p.name(), spinner::getValue);
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
