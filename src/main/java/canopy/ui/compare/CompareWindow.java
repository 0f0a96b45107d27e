package canopy.ui.compare;

import canopy.compare.Comparison;
import canopy.render.Viewport;
import canopy.ui.dialog.Dialogs;
import canopy.ui.canvas.DiagramCanvas;
import canopy.ui.document.DesignDocument;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * A comparison in its own window: one read-only diagram per entry with its schedule's congestion
 * colouring (pan and zoom move all of them together), the metrics table, and algbw against message
 * size. Save comparison… writes comparison/1; Export CSV… the table.
 */
public final class CompareWindow {
    private final CompareViewModel vm;
    private final Dialogs dialogs;
    private final Stage stage = new Stage();
    private final List<DiagramCanvas> canvases = new ArrayList<>();
    private final TableView<CompareViewModel.Row> table = new TableView<>();
    private final LineChart<Number, Number> chart;
    private boolean syncing;
    private static final double LEGEND_PX = 100;
    /** A first guess at the table's rows (a busiest link a line) and two-level header, until TableFit measures them. */
    private static final double ROW_PX = 26 + 17 * (CompareViewModel.BUSIEST - 1);
    private static final double HEADER_PX = 56;

    public CompareWindow(CompareViewModel vm, Dialogs dialogs, Window owner) {
        this.vm = vm;
        this.dialogs = dialogs;
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(vm.title());

        SplitPane panes = new SplitPane();
        panes.setId("compare-panes");
        for (int i = 0; i < vm.entries().size(); i++) {
            panes.getItems().add(pane(i));
        }
        double[] dividers = new double[canvases.size() - 1];
        for (int i = 0; i < dividers.length; i++) {
            dividers[i] = (i + 1.0) / canvases.size();
        }
        panes.setDividerPositions(dividers);
        for (DiagramCanvas c : canvases) {
            c.viewportProperty().addListener((o, a, v) -> sync(c, v));
        }

        table.setId("compare-table");
        TableColumn<CompareViewModel.Row, String> time = new TableColumn<>("Time at");
        time.getColumns().setAll(List.of(
                column("1 MiB", CompareViewModel.Row::time1MB, 70),
                column("64 MiB", CompareViewModel.Row::time64MB, 70),
                column("1 GiB", CompareViewModel.Row::time1GB, 70)));
        String units = vm.rows().isEmpty() ? "GB/s" : vm.rows().get(0).metrics().units();
        TableColumn<CompareViewModel.Row, String> bandwidth = new TableColumn<>(units);
        bandwidth.getColumns().setAll(List.of(
                column("algbw", CompareViewModel.Row::algbw, 70),
                column("Bus bw", CompareViewModel.Row::busBandwidth, 70)));
        table.getColumns().setAll(List.of(
                column("Schedule", CompareViewModel.Row::label, 120),
                column("Algorithm", CompareViewModel.Row::algorithm, 110),
                bandwidth,
                column("Of bound", CompareViewModel.Row::ratio, 70),
                column("Trees", CompareViewModel.Row::trees, 50),
                column("Max util.", CompareViewModel.Row::maxUtilisation, 70),
                time,
                column("Busiest links", CompareViewModel.Row::busiest, 180)));
        if (vm.rows().stream().allMatch(r -> r.label().equals(r.algorithm()))
                || vm.rows().stream().map(CompareViewModel.Row::algorithm).distinct().count() == 1) {
            table.getColumns().remove(1); // labelled by algorithm, or one algorithm (in the captions)
        }
        table.getItems().setAll(vm.rows());
        // Columns grow past their text when there is room; TableFit (once shown) keeps them from shrinking below it.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setFixedCellSize(ROW_PX);
        table.setPrefHeight(HEADER_PX + ROW_PX * Math.max(2, vm.rows().size()) + 6);
        table.setMinHeight(Region.USE_PREF_SIZE);

        chart = buildChart();

        SplitPane bottom = new SplitPane(table, chart);
        bottom.setDividerPositions(0.6);
        SplitPane main = new SplitPane(panes, bottom);
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.62);

        Button save = new Button("Save comparison…");
        save.setId("compare-save");
        save.setOnAction(e -> save());
        Button csv = new Button("Export CSV…");
        csv.setId("compare-csv");
        csv.setOnAction(e -> exportCsv());
        Button fit = new Button("Fit");
        fit.setId("compare-fit");
        fit.setOnAction(e -> {
            fitClearOfLegend();
        });
        ToolBar tools = new ToolBar(save, csv, fit);
        VBox top = new VBox(tools);
        if (vm.header() != null && !vm.header().isBlank()) {
            Label header = new Label(vm.header());
            header.setId("compare-header");
            header.setWrapText(true);
            header.setPadding(new Insets(6, 10, 6, 10));
            header.setStyle("-fx-font-size: 13px; -fx-font-weight: bold;");
            top.getChildren().add(header);
        }
        BorderPane root = new BorderPane(main);
        root.setTop(top);
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1400, screen.getWidth() * 0.9), Math.min(900, screen.getHeight() * 0.9));
        var css = CompareWindow.class.getResource("/canopy/ui/canopy.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        stage.setScene(scene);
    }

    /** Opens a window for vm. */
    public static CompareWindow show(CompareViewModel vm, Dialogs dialogs, Window owner) {
        CompareWindow w = new CompareWindow(vm, dialogs, owner);
        w.stage.show();
        TableFit.fit(w.table);
        javafx.application.Platform.runLater(w::fitClearOfLegend);
        return w;
    }

    /** Draws the diagrams in the dark style (the designer's dark theme). */
    public void setDark(boolean dark) {
        for (DiagramCanvas c : canvases) {
            c.setStyle(dark ? canopy.render.DiagramStyle.DARK : canopy.render.DiagramStyle.LIGHT);
        }
    }

    public Stage stage() {
        return stage;
    }

    public CompareViewModel viewModel() {
        return vm;
    }

    public List<DiagramCanvas> canvases() {
        return List.copyOf(canvases);
    }

    public TableView<CompareViewModel.Row> table() {
        return table;
    }

    public LineChart<Number, Number> chart() {
        return chart;
    }

    // ------------------------------------------------------------------ parts

    private VBox pane(int i) {
        Comparison.Entry e = vm.entries().get(i);
        DiagramCanvas canvas = new DiagramCanvas(new DesignDocument(e.topology(), null));
        canvas.setId("compare-canvas-" + i);
        canvas.setMode(canopy.ui.canvas.CanvasMode.READ_ONLY);
        canvas.setScheduleOverlay(vm.overlay(i));
        canvases.add(canvas);
        Label caption = new Label(vm.caption(i));
        caption.setId("compare-caption-" + i);
        caption.setMaxWidth(Double.MAX_VALUE);
        caption.setAlignment(Pos.CENTER);
        caption.setPadding(new Insets(4));
        caption.setStyle("-fx-font-weight: bold;");
        VBox.setVgrow(canvas, Priority.ALWAYS);
        VBox box = new VBox(caption, canvas);
        box.setMinSize(0, 0);
        return box;
    }

    /** Fits the diagrams, then shrinks them towards the top so the colour legend (bottom right) hides nothing. */
    public void fitClearOfLegend() {
        if (canvases.isEmpty() || canvases.get(0).getWidth() <= 0) {
            return;
        }
        DiagramCanvas c = canvases.get(0);
        c.fitToView();
        var b = c.diagram().bounds();
        Viewport v = c.getViewport();
        // The legend takes about 250 × 100 px of the bottom right corner.
        if (v.toScreenY(b.maxY()) > c.getHeight() - LEGEND_PX
                && v.toScreenX(b.maxX()) > c.getWidth() - 250) {
            c.setViewport(Viewport.fit(b, c.getWidth(), Math.max(100, c.getHeight() - LEGEND_PX), 30));
        }
    }

    /** Shows v in every canvas but the one that moved. */
    private void sync(DiagramCanvas from, Viewport v) {
        if (syncing || v == null || v.width() <= 0 || v.height() <= 0) {
            return;
        }
        syncing = true;
        try {
            for (DiagramCanvas c : canvases) {
                if (c != from && c.getWidth() > 0) {
                    Viewport now = c.getViewport();
                    if (now == null || now.scale() != v.scale() || now.tx() != v.tx() || now.ty() != v.ty()) {
                        c.setViewport(v);
                    }
                }
            }
        } finally {
            syncing = false;
        }
    }

    private static TableColumn<CompareViewModel.Row, String> column(String name,
            Function<CompareViewModel.Row, String> value, double width) {
        TableColumn<CompareViewModel.Row, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    private LineChart<Number, Number> buildChart() {
        NumberAxis x = new NumberAxis(10, 33, 2); // room past 4 GiB (32), or JavaFX drops that label at the edge
        x.setLabel("message size (log scale)");
        x.setAutoRanging(false);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                // A label every 4 ticks (×16), ending at 4 GiB: all 12 overlap and JavaFX would drop some.
                double v = n.doubleValue();
                return Math.round(32 - v) % 4 == 0 ? CompareViewModel.sizeLabel(v) : "";
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        NumberAxis y = new NumberAxis();
        y.setLabel("algbw (" + (vm.rows().isEmpty() ? "GB/s" : vm.rows().get(0).metrics().units()) + ")");
        y.setForceZeroInRange(true);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setId("compare-chart");
        c.setCreateSymbols(false);
        c.setAnimated(false);
        c.setTitle("algbw against message size");
        for (CompareViewModel.ChartLine line : vm.chartLines()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(line.label());
            for (CompareViewModel.ChartPoint p : line.points()) {
                s.getData().add(new XYChart.Data<>(p.log2Bytes(), p.algbw()));
            }
            c.getData().add(s);
            if (line.label().equals(canopy.compare.Comparison.ENVELOPE)) {
                // Wide, pale and beneath the curves: it follows one of them all along (after a failure,
                // "before"), and drawn over it would hide it.
                s.getNode().setStyle("-fx-stroke-dash-array: 10 6; -fx-stroke-width: 9px; -fx-opacity: 0.35;");
                s.getNode().toBack();
            }
        }
        return c;
    }

    // ------------------------------------------------------------------ actions

    void save() {
        Optional<Path> f = chooseFileToSave("Save comparison", vm.suggestedName(".comparison.json"),
                "Comparison (*.json)", "*.json");
        if (f.isEmpty()) {
            return;
        }
        try {
            vm.save(f.get());
        } catch (IOException | RuntimeException e) {
            dialogs.showError("Could not save the comparison", String.valueOf(e.getMessage()));
        }
    }

    void exportCsv() {
        Optional<Path> f = chooseFileToSave("Export the metrics as CSV", vm.suggestedName(".csv"), "CSV (*.csv)",
                "*.csv");
        if (f.isEmpty()) {
            return;
        }
        try {
            vm.exportCsv(f.get());
        } catch (IOException | RuntimeException e) {
            dialogs.showError("Could not export CSV", String.valueOf(e.getMessage()));
        }
    }

    /** A save chooser owned by this window, filtered to one kind of file. */
    private Optional<Path> chooseFileToSave(String title, String name, String kind, String pattern) {
        javafx.stage.FileChooser c = new javafx.stage.FileChooser();
        c.setTitle(title);
        c.setInitialFileName(name);
        c.getExtensionFilters().addAll(new javafx.stage.FileChooser.ExtensionFilter(kind, pattern),
                new javafx.stage.FileChooser.ExtensionFilter("All files", "*.*"));
        return Optional.ofNullable(c.showSaveDialog(stage)).map(java.io.File::toPath);
    }
}
