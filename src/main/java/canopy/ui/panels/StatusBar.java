package canopy.ui.panels;

import atlantafx.base.theme.Styles;
import canopy.ui.document.DesignDocument;
import canopy.ui.insight.Figures;
import canopy.ui.insight.LiveBounds;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableNumberValue;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Counts and selection on the left; zoom and the live bound (with a spinner while it computes) on the right. */
public final class StatusBar extends HBox {
    private final Label counts = new Label();
    private final Label selection = new Label();
    private final Label zoom = new Label();
    private final Label bound = new Label();

    public StatusBar(DesignDocument doc, LiveBounds live, ObservableNumberValue zoomValue) {
        setId("status-bar");
        getStyleClass().add("status-bar");
        counts.setId("status-counts");
        selection.setId("status-selection");
        zoom.setId("status-zoom");
        bound.setId("status-bound");
        counts.textProperty().bind(Bindings.createStringBinding(() -> Figures.counts(doc.topology()),
                doc.topologyProperty()));
        Runnable sel = () -> {
            int n = doc.selection().nodes().size() + doc.selection().linkKeys().size();
            selection.setText(n == 0 ? "" : n + " selected");
        };
        doc.selection().nodes().addListener((SetChangeListener<String>) c -> sel.run());
        doc.selection().linkKeys().addListener((SetChangeListener<Long>) c -> sel.run());
        zoom.textProperty().bind(Bindings.createStringBinding(
                () -> "Zoom " + Math.round(zoomValue.doubleValue() * 100) + "%", zoomValue));
        bound.textProperty().bind(live.statusTextProperty());
        bound.getStyleClass().add(Styles.TEXT_BOLD);
        live.problems().addListener((javafx.collections.ListChangeListener<Object>) c ->
                bound.pseudoClassStateChanged(Styles.STATE_DANGER, !live.problems().isEmpty()));
        bound.pseudoClassStateChanged(Styles.STATE_DANGER, !live.problems().isEmpty());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setId("status-computing");
        spinner.setPrefSize(14, 14);
        spinner.setMaxSize(14, 14);
        spinner.visibleProperty().bind(live.computingProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        setPadding(new Insets(3, 10, 3, 10));
        getChildren().addAll(counts, selection, spacer, zoom, new Separator(Orientation.VERTICAL), spinner, bound);
    }
}
