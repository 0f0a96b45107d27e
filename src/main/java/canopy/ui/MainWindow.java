package canopy.ui;

import canopy.ui.canvas.Tool;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Styles;
import canopy.ui.insight.LiveBounds;
import canopy.ui.panels.OutlinePanel;
import canopy.ui.panels.ProblemsPanel;
import canopy.ui.panels.PropertiesPanel;
import canopy.ui.panels.StatusBar;
import canopy.ui.schedule.SchedulePanel;
import canopy.ui.schedule.ScheduleViewModel;
import java.nio.file.Path;
import java.util.Optional;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCharacterCombination;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.util.Duration;

/**
 * The designer's window (the view): menus, tool bar, outline, diagram, property sheet, problems and
 * status bar, each bound to the {@link MainViewModel}; it holds no state of its own beyond controls.
 */
public final class MainWindow {
    static final Duration AUTOSAVE_EVERY = Duration.seconds(30);
    /** Below these canvas sizes the overview would cover too much of the diagram, so it hides. */
    static final double MINIMAP_MIN_WIDTH = 520;
    static final double MINIMAP_MIN_HEIGHT = 360;
    /** Below this window width the outline starts hidden, leaving the diagram room (View › Outline). */
    static final double NARROW_WINDOW = 1100;

    private final Stage stage;
    private final MainViewModel vm;
    private final InteropActions interop;
    private final DiagramView diagram;
    private final BorderPane root = new BorderPane();
    private final Timeline autosave;
    private final Label cutBanner = new Label();
    private OutlinePanel outline;
    private SplitPane split;
    private SplitPane middle;
    private TabPane sideTabs;
    private final BooleanProperty showOutline = new SimpleBooleanProperty(this, "showOutline", true);
    private final BooleanProperty showSide = new SimpleBooleanProperty(this, "showSidePanel", true);
    private final BooleanProperty showOverview = new SimpleBooleanProperty(this, "showOverview", true);
    private Tab scheduleTab;
    private SchedulePanel schedulePanel;

    public MainWindow(Stage stage, MainViewModel vm) {
        this.stage = stage;
        this.vm = vm;
        this.interop = new InteropActions(vm);
        this.diagram = DiagramViews.create(vm.document());
        diagram.activeToolProperty().bindBidirectional(vm.activeToolProperty());
        diagram.setShowGrid(vm.showGridProperty().get());
        diagram.setSnapToGrid(vm.snapToGridProperty().get());
        vm.showGridProperty().addListener((o, a, on) -> diagram.setShowGrid(on));
        vm.snapToGridProperty().addListener((o, a, on) -> diagram.setSnapToGrid(on));
        LiveBounds live = vm.liveBounds();
        Runnable cut = () -> diagram.setCutHighlight(live.cutNodeIdsProperty().get(), live.cutLinkIndicesProperty().get());
        live.cutNodeIdsProperty().addListener((o, a, b) -> cut.run());
        live.cutLinkIndicesProperty().addListener((o, a, b) -> cut.run());
        ScheduleViewModel schedule = vm.schedule();
        schedule.overlayProperty().addListener((o, a, overlay) -> diagram.setScheduleOverlay(overlay));
        diagram.setLinkTooltip(schedule::linkTooltip);

        root.setTop(new VBox(menuBar(), toolBar()));
        root.setCenter(centre());
        root.setBottom(new StatusBar(vm.document(), vm.liveBounds(), diagram.zoomProperty()));
        autosave = new Timeline(new KeyFrame(AUTOSAVE_EVERY, e -> vm.autosave()));
        autosave.setCycleCount(Animation.INDEFINITE);
    }

    /** Starts the designer in this stage with these services: window, theme, geometry, first document. */
    public static MainWindow open(Stage stage, MainViewModel.Services services, Path samplesDir) {
        MainWindow w = new MainWindow(stage, new MainViewModel(services));
        w.show();
        w.vm.startup(samplesDir);
        return w;
    }

    public void show() {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1480, screen.getWidth() * 0.92), Math.min(940, screen.getHeight() * 0.92));
        scene.getStylesheets().add(MainWindow.class.getResource("/canopy/ui/canopy.css").toExternalForm());
        installKeys(scene);
        applyTheme(vm.themeProperty().get());
        vm.themeProperty().addListener((o, a, t) -> applyTheme(t));
        stage.setScene(scene);
        stage.titleProperty().bind(vm.titleProperty());
        stage.setMinWidth(640);
        stage.setMinHeight(480);
        restoreGeometry();
        stage.setOnCloseRequest(e -> {
            rememberGeometry();
            if (!vm.requestClose()) {
                e.consume();
            } else {
                autosave.stop();
            }
        });
        stage.show();
        if (stage.getWidth() < NARROW_WINDOW) {
            showOutline.set(false);
        }
        placeDividers();
        // Once laid out at its real width: the side panels get fixed widths and the diagram the rest
        // (proportions alone squeeze the diagram on narrow screens; the side panels do not resize with the window).
        javafx.application.Platform.runLater(this::placeDividers);
        autosave.play();
    }

    private void applyTheme(Theme t) {
        Application.setUserAgentStylesheet(t == Theme.DARK ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        diagram.setDark(t == Theme.DARK);
    }

    private void restoreGeometry() {
        Optional<double[]> b = vm.settings().windowBounds();
        if (b.isPresent()) {
            double[] r = b.get();
            if (!Screen.getScreensForRectangle(new Rectangle2D(r[0], r[1], r[2], r[3])).isEmpty()) {
                stage.setX(r[0]);
                stage.setY(r[1]);
                stage.setWidth(r[2]);
                stage.setHeight(r[3]);
            }
        }
        stage.setMaximized(vm.settings().maximized());
    }

    private void rememberGeometry() {
        vm.settings().setMaximized(stage.isMaximized());
        if (!stage.isMaximized() && !stage.isIconified()) {
            vm.settings().setWindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        }
    }

    // ------------------------------------------------------------------ layout

    /**
     * The outline about 250 px wide, the side tabs about 390 px (less on a narrow window), the diagram the
     * rest (at least half); a hidden panel gives its room to the diagram.
     */
    private void placeDividers() {
        double w = split.getWidth() > 0 ? split.getWidth() : stage.getWidth();
        boolean left = showOutline.get();
        boolean right = showSide.get();
        if (w <= 0) {
            w = 1400;
        }
        double l = left ? Math.min(0.22, 250 / w) : 0;
        double r = Math.max(l + 0.5, (w - Math.min(390, w * 0.3)) / w);
        if (left && right) {
            split.setDividerPositions(l, Math.min(0.85, r));
        } else if (left) {
            split.setDividerPositions(l);
        } else if (right) {
            split.setDividerPositions(Math.min(0.85, r));
        }
    }

    /** Shows the side panels that are switched on, in their places, and gives the diagram the rest. */
    private void arrangeSplit() {
        java.util.List<javafx.scene.Node> items = new java.util.ArrayList<>();
        if (showOutline.get()) {
            items.add(outline);
        }
        items.add(middle);
        if (showSide.get()) {
            items.add(sideTabs);
        }
        split.getItems().setAll(items);
        placeDividers();
    }

    /** Whether the outline (left) is shown. */
    public BooleanProperty showOutlineProperty() {
        return showOutline;
    }

    /** Whether the Properties and Schedule tabs (right) are shown. */
    public BooleanProperty showSidePanelProperty() {
        return showSide;
    }

    /** Whether the overview (minimap) is shown over the diagram's bottom-left corner. */
    public BooleanProperty showOverviewProperty() {
        return showOverview;
    }

    private SplitPane centre() {
        outline = new OutlinePanel(vm.document());
        PropertiesPanel properties = new PropertiesPanel(vm.document(), vm.properties());
        ProblemsPanel problems = new ProblemsPanel(vm.liveBounds().problems(), vm::selectProblem);

        cutBanner.setId("cut-banner");
        cutBanner.getStyleClass().add("cut-banner");
        cutBanner.setWrapText(true);
        cutBanner.setMaxWidth(760);
        cutBanner.textProperty().bind(vm.liveBounds().cutSentenceProperty());
        cutBanner.visibleProperty().bind(cutBanner.textProperty().isNotEmpty());
        StackPane.setAlignment(cutBanner, Pos.TOP_CENTER);
        StackPane.setMargin(cutBanner, new Insets(10));
        StackPane canvasArea = new StackPane(diagram.node(), cutBanner);
        canvasArea.setMinSize(0, 0);
        if (diagram.minimap() != null) {
            // Bottom-left: the congestion legend has the bottom-right corner. The overview hides itself
            // when the diagram is too small to spare the room, and can be switched off (View menu).
            javafx.scene.Node mini = diagram.minimap();
            StackPane.setAlignment(mini, Pos.BOTTOM_LEFT);
            StackPane.setMargin(mini, new Insets(10));
            mini.visibleProperty().bind(showOverview.and(canvasArea.widthProperty().greaterThan(MINIMAP_MIN_WIDTH))
                    .and(canvasArea.heightProperty().greaterThan(MINIMAP_MIN_HEIGHT)));
            mini.managedProperty().bind(mini.visibleProperty());
            canvasArea.getChildren().add(mini);
        }

        middle = new SplitPane(canvasArea, problems);
        middle.setOrientation(Orientation.VERTICAL);
        middle.setDividerPositions(0.82);
        SplitPane.setResizableWithParent(problems, false);

        // The right side: the property sheet, and beside it the Schedule panel.
        schedulePanel = new SchedulePanel(vm.schedule());
        Tab propertiesTab = new Tab("Properties", properties);
        propertiesTab.setId("tab-properties");
        scheduleTab = new Tab("Schedule", schedulePanel);
        scheduleTab.setId("tab-schedule");
        sideTabs = new TabPane(propertiesTab, scheduleTab);
        sideTabs.setId("side-tabs");
        sideTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        sideTabs.setMinWidth(0);

        split = new SplitPane(outline, middle, sideTabs);
        SplitPane.setResizableWithParent(outline, false);
        SplitPane.setResizableWithParent(sideTabs, false);
        showOutline.addListener((o, a, b) -> arrangeSplit());
        showSide.addListener((o, a, b) -> arrangeSplit());
        // A resize keeps the side panels at their widths and gives the diagram the rest: SplitPane alone
        // scales the dividers' proportions, which left the diagram a sliver after the window grew.
        split.widthProperty().addListener((o, a, b) -> javafx.application.Platform.runLater(this::placeDividers));
        return split;
    }

    // ------------------------------------------------------------------ menus

    private MenuBar menuBar() {
        MenuBar bar = new MenuBar(fileMenu(), editMenu(), viewMenu(), layoutMenu(), scheduleMenu(), analysisMenu());
        bar.setId("menu-bar");
        return bar;
    }

    private static MenuItem item(String id, String text, String accelerator, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        if (accelerator != null) {
            m.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        m.setOnAction(e -> action.run());
        return m;
    }

    private Menu fileMenu() {
        Menu recent = new Menu("Open Recent");
        recent.setId("menu-recent");
        Runnable fillRecent = () -> {
            recent.getItems().clear();
            for (Path p : vm.recentFiles()) {
                MenuItem m = new MenuItem(p.getFileName() + "  —  " + (p.getParent() == null ? "" : p.getParent()));
                m.setMnemonicParsing(false);
                m.setOnAction(e -> vm.openRecent(p));
                recent.getItems().add(m);
            }
            if (!vm.recentFiles().isEmpty()) {
                recent.getItems().addAll(new SeparatorMenuItem(), item("menu-recent-clear", "Clear Recent", null,
                        () -> vm.recentFiles().clear()));
            }
            recent.setDisable(vm.recentFiles().isEmpty());
        };
        vm.recentFiles().addListener((ListChangeListener<Path>) c -> {
            fillRecent.run();
            vm.settings().setRecentFiles(vm.recentFiles());
        });
        fillRecent.run();
        Menu file = new Menu("File");
        file.getItems().addAll(
                item("menu-new", "New", "Shortcut+N", vm::newDocument),
                item("menu-new-template", "New from Template…", "Shortcut+Shift+N", vm::newFromTemplate),
                item("menu-open", "Open…", "Shortcut+O", vm::open),
                recent,
                new SeparatorMenuItem(),
                item("menu-save", "Save", "Shortcut+S", vm::save),
                item("menu-save-as", "Save As…", "Shortcut+Shift+S", vm::saveAs),
                new SeparatorMenuItem(),
                importMenu(),
                exportMenu(),
                new SeparatorMenuItem(),
                item("menu-quit", "Quit", "Shortcut+Q", () -> stage.fireEvent(
                        new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST))));
        return file;
    }

    private Menu importMenu() {
        Menu m = new Menu("Import");
        m.setId("menu-import");
        m.getItems().addAll(
                item("menu-import-nccl", "NCCL Topology XML…", null, interop::importNcclXml),
                item("menu-import-graphml", "GraphML…", null, interop::importGraphMl),
                item("menu-import-nccl-graph", "NCCL Graph Dump…", null, () -> new NcclGraphActions(vm).importGraph(
                        c -> canopy.ui.compare.CompareWindow.show(c, vm.dialogs(), stage))));
        return m;
    }

    private Menu exportMenu() {
        Menu m = new Menu("Export");
        m.setId("menu-export");
        m.getItems().addAll(
                item("menu-export-graphml", "GraphML…", null, interop::exportGraphMl),
                item("menu-export-msccl", "Schedule as MSCCL XML…", null, interop::exportMsccl));
        ExportActions exports = new ExportActions(vm, ExportActions.askWith(stage));
        m.getItems().addAll(new SeparatorMenuItem(),
                item("menu-export-diagram", "Diagram (PNG, SVG, PDF)…", null, exports::exportDiagram),
                item("menu-export-schedule-json", "Schedule (JSON)…", null, exports::exportScheduleJson));
        return m;
    }

    /** The focused text field, if any: edit commands then act on its text, not on the diagram. */
    private Optional<TextInputControl> textFocus() {
        Scene s = stage.getScene();
        return s != null && s.getFocusOwner() instanceof TextInputControl t ? Optional.of(t) : Optional.empty();
    }

    private Menu editMenu() {
        var history = vm.document().history();
        // A focused text field handles Ctrl+Z itself; the menu always undoes document edits.
        MenuItem undo = item("menu-undo", "Undo", "Shortcut+Z", vm::undo);
        undo.textProperty().bind(Bindings.createStringBinding(() -> history.undoDescriptionProperty().get().isEmpty()
                ? "Undo" : "Undo " + history.undoDescriptionProperty().get(), history.undoDescriptionProperty()));
        undo.disableProperty().bind(history.canUndoProperty().not());
        MenuItem redo = item("menu-redo", "Redo", "Shortcut+Y", vm::redo);
        redo.textProperty().bind(Bindings.createStringBinding(() -> history.redoDescriptionProperty().get().isEmpty()
                ? "Redo" : "Redo " + history.redoDescriptionProperty().get(), history.redoDescriptionProperty()));
        redo.disableProperty().bind(history.canRedoProperty().not());
        Menu edit = new Menu("Edit");
        edit.getItems().addAll(undo, redo, new SeparatorMenuItem(),
                item("menu-cut", "Cut", "Shortcut+X", () -> textFocus().ifPresentOrElse(TextInputControl::cut, vm::cut)),
                item("menu-copy", "Copy", "Shortcut+C", () -> textFocus().ifPresentOrElse(TextInputControl::copy, vm::copy)),
                item("menu-paste", "Paste", "Shortcut+V", () -> textFocus().ifPresentOrElse(TextInputControl::paste, vm::paste)),
                item("menu-duplicate", "Duplicate", "Shortcut+D", () -> {
                    if (textFocus().isEmpty()) {
                        vm.duplicate();
                    }
                }),
                item("menu-delete", "Delete", "Delete", () -> textFocus().ifPresentOrElse(
                        t -> t.deleteNextChar(), vm::delete)),
                new SeparatorMenuItem(),
                item("menu-select-all", "Select All", "Shortcut+A",
                        () -> textFocus().ifPresentOrElse(TextInputControl::selectAll, vm::selectAll)),
                new SeparatorMenuItem(),
                arrangeMenu());
        return edit;
    }

    /** Align and distribute the selected nodes, each one undoable edit. */
    private Menu arrangeMenu() {
        Menu m = new Menu("Arrange");
        m.setId("menu-arrange");
        for (canopy.ui.document.TopologyEdits.Alignment a : canopy.ui.document.TopologyEdits.Alignment.values()) {
            String name = a.name().charAt(0) + a.name().substring(1).toLowerCase(java.util.Locale.ROOT);
            m.getItems().add(item("menu-align-" + a.name().toLowerCase(java.util.Locale.ROOT), "Align " + name, null,
                    () -> vm.align(a)));
        }
        m.getItems().addAll(new SeparatorMenuItem(),
                item("menu-distribute-h", "Distribute Horizontally", null, () -> vm.distribute(true)),
                item("menu-distribute-v", "Distribute Vertically", null, () -> vm.distribute(false)));
        return m;
    }

    private Menu viewMenu() {
        MenuItem zoomIn = item("menu-zoom-in", "Zoom In", "Shortcut+=", diagram::zoomIn);
        MenuItem zoomOut = item("menu-zoom-out", "Zoom Out", "Shortcut+-", diagram::zoomOut);
        MenuItem fit = item("menu-fit", "Fit to Window", "F", () -> {
            if (textFocus().isEmpty()) {
                diagram.fitToView();
            }
        });
        MenuItem zoomSelection = item("menu-zoom-selection", "Zoom to Selection", "Shortcut+Shift+F",
                diagram::zoomToSelection);
        CheckMenuItem grid = new CheckMenuItem("Show Grid");
        grid.setId("menu-grid");
        grid.selectedProperty().bindBidirectional(vm.showGridProperty());
        CheckMenuItem snap = new CheckMenuItem("Snap to Grid");
        snap.setId("menu-snap");
        snap.selectedProperty().bindBidirectional(vm.snapToGridProperty());
        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = new RadioMenuItem("Light Theme");
        light.setId("menu-theme-light");
        RadioMenuItem dark = new RadioMenuItem("Dark Theme");
        dark.setId("menu-theme-dark");
        light.setToggleGroup(themes);
        dark.setToggleGroup(themes);
        (vm.themeProperty().get() == Theme.DARK ? dark : light).setSelected(true);
        light.setOnAction(e -> vm.themeProperty().set(Theme.LIGHT));
        dark.setOnAction(e -> vm.themeProperty().set(Theme.DARK));
        vm.themeProperty().addListener((o, a, t) -> (t == Theme.DARK ? dark : light).setSelected(true));
        CheckMenuItem cut = new CheckMenuItem("Show Bottleneck Cut");
        cut.setId("menu-show-cut");
        cut.setAccelerator(KeyCombination.keyCombination("Shortcut+B"));
        cut.selectedProperty().bindBidirectional(vm.liveBounds().showCutProperty());
        MenuItem collapse = item("menu-collapse-groups", "Collapse Groups of Selection", "Shortcut+G",
                () -> diagram.collapseGroupsOf(vm.document().selectedNodeIds()));
        MenuItem expand = item("menu-expand-groups", "Expand All Groups", "Shortcut+Shift+G", diagram::expandAllGroups);
        CheckMenuItem outlineItem = new CheckMenuItem("Outline");
        outlineItem.setId("menu-show-outline");
        outlineItem.setAccelerator(KeyCombination.keyCombination("Shortcut+1"));
        outlineItem.selectedProperty().bindBidirectional(showOutline);
        CheckMenuItem sideItem = new CheckMenuItem("Properties and Schedule");
        sideItem.setId("menu-show-side");
        sideItem.setAccelerator(KeyCombination.keyCombination("Shortcut+2"));
        sideItem.selectedProperty().bindBidirectional(showSide);
        CheckMenuItem overviewItem = new CheckMenuItem("Overview");
        overviewItem.setId("menu-show-overview");
        overviewItem.setAccelerator(KeyCombination.keyCombination("Shortcut+3"));
        overviewItem.selectedProperty().bindBidirectional(showOverview);
        Menu view = new Menu("View");
        view.getItems().addAll(outlineItem, sideItem, overviewItem, new SeparatorMenuItem(),
                zoomIn, zoomOut, fit, zoomSelection, new SeparatorMenuItem(), grid, snap, new SeparatorMenuItem(),
                collapse, expand, new SeparatorMenuItem(), light, dark, new SeparatorMenuItem(), cut);
        return view;
    }

    private Menu layoutMenu() {
        LayoutActions l = vm.layouts();
        MenuItem force = item("menu-layout-force", "Force-Directed", null,
                () -> vm.applyLayout("Force-directed layout", l.forceDirected()));
        MenuItem layered = item("menu-layout-layered", "Layered by Group", null,
                () -> vm.applyLayout("Layered layout", l.layered()));
        Menu layout = new Menu("Layout");
        layout.getItems().addAll(force, layered);
        return layout;
    }

    private Menu scheduleMenu() {
        ScheduleViewModel s = vm.schedule();
        MenuItem run = item("menu-schedule-run", "Run", "Shortcut+R", () -> {
            showSchedulePanel();
            s.run();
        });
        run.disableProperty().bind(s.runningProperty());
        MenuItem cancel = item("menu-schedule-cancel", "Cancel", null, s::cancel);
        cancel.disableProperty().bind(s.stateProperty().isNotEqualTo(ScheduleViewModel.State.RUNNING));
        MenuItem recompute = item("menu-schedule-recompute", "Recompute", null, s::recompute);
        recompute.disableProperty().bind(s.staleProperty().not().or(s.runningProperty()));
        CheckMenuItem congestion = new CheckMenuItem("Show Congestion");
        congestion.setId("menu-schedule-congestion");
        congestion.selectedProperty().bindBidirectional(s.showCongestionProperty());
        congestion.disableProperty().bind(s.resultProperty().isNull());
        MenuItem clear = item("menu-schedule-clear-tree", "Clear Tree Highlight", null, () -> {
            s.selectTree(-1);
            schedulePanel.trees().getSelectionModel().clearSelection();
        });
        MenuItem panel = item("menu-schedule-panel", "Show Schedule Panel", "Shortcut+Shift+R", this::showSchedulePanel);
        Menu menu = new Menu("Schedule");
        menu.setId("menu-schedule");
        menu.getItems().addAll(run, cancel, recompute, new SeparatorMenuItem(), congestion, clear,
                new SeparatorMenuItem(), panel);
        return menu;
    }

    // ------------------------------------------------------------------ Analysis: comparisons and what-if

    private canopy.ui.whatif.WhatIfActions whatIf;
    private canopy.ui.compare.CompareWindow lastComparison;
    private canopy.ui.whatif.UpgradeAdvisorWindow advisor;

    private Menu analysisMenu() {
        whatIf = new canopy.ui.whatif.WhatIfActions(vm.document()::topology, vm.dialogs(), vm.scheduleExecutor(),
                vm.schedule().collectiveProperty()::get,
                c -> {
                    lastComparison = canopy.ui.compare.CompareWindow.show(c, vm.dialogs(), stage);
                    lastComparison.setDark(vm.themeProperty().get() == Theme.DARK);
                });
        MenuItem compare = item("menu-analysis-compare", "Compare Algorithms…", null, this::compareAlgorithms);
        MenuItem open = item("menu-analysis-open", "Open Comparison…", null,
                () -> whatIf.chooseComparison(vm.fileDialogDirectory()));
        MenuItem upgrade = item("menu-analysis-advisor", "Upgrade Advisor", null, () -> {
            if (advisor == null) {
                advisor = new canopy.ui.whatif.UpgradeAdvisorWindow(vm.document()::topology, vm.scheduleExecutor(),
                        links -> vm.document().selection().set(java.util.List.of(), vm.document().topology(), links), vm::upgradeLinks, stage);
            }
            advisor.show();
            advisor.stage().toFront();
        });
        diagram.setContextMenuFactory(this::contextMenu);
        Menu menu = new Menu("Analysis");
        menu.setId("menu-analysis");
        menu.getItems().addAll(compare, open, new SeparatorMenuItem(), upgrade);
        return menu;
    }

    /**
     * Analysis › Compare Algorithms…: asks which, then compares them; an imported schedule the Schedule
     * panel shows (NCCL's) is offered beside them.
     */
    private void compareAlgorithms() {
        var panel = vm.schedule();
        canopy.model.Schedule imported = panel.importedSchedule();
        String label = panel.importedLabel();
        var offer = imported == null ? null
                : new canopy.ui.compare.CompareAlgorithmsDialog.Imported(label, imported.collective());
        canopy.ui.compare.CompareAlgorithmsDialog.ask(stage, panel.collectiveProperty().get(), offer)
                .ifPresent(c -> whatIf.compareAlgorithms(c.collective(), c.algorithms(), label,
                        c.withImported() ? imported : null));
    }

    /**
     * The diagram's right-click menu: on a node, group or link (selected first when it is not), the edit
     * commands, Properties and Zoom to Selection, then what if it fails or were faster (and making it
     * faster for real, one undoable edit); on the background, Paste, Select All and Fit.
     */
    javafx.scene.control.ContextMenu contextMenu(canopy.render.HitTester.Hit hit) {
        javafx.scene.control.ContextMenu m = new javafx.scene.control.ContextMenu();
        var sel = vm.document().selection();
        switch (hit.kind()) {
            case NODE -> {
                if (!sel.nodes().contains(hit.node())) {
                    sel.set(java.util.List.of(hit.node()), java.util.List.of());
                }
            }
            case LINK -> {
                canopy.model.Link l = vm.document().topology().links().get(hit.link());
                if (!sel.contains(l)) {
                    sel.set(java.util.List.of(), java.util.List.of(l));
                }
            }
            case GROUP -> {
                var t = vm.document().topology();
                java.util.List<String> members = t.nodes().stream()
                        .filter(n -> hit.group().equals(n.group())).map(canopy.model.Node::id).toList();
                if (!sel.nodes().containsAll(members)) {
                    sel.set(members, java.util.List.of());
                }
            }
            default -> { }
        }
        if (hit.kind() == canopy.render.HitTester.Kind.NONE) {
            m.getItems().addAll(item("context-paste", "Paste", null, vm::paste),
                    item("context-select-all", "Select All", null, vm::selectAll),
                    new SeparatorMenuItem(),
                    item("context-fit", "Fit to Window", null, diagram::fitToView));
            return m;
        }
        m.getItems().addAll(
                item("context-cut", "Cut", null, vm::cut),
                item("context-copy", "Copy", null, vm::copy),
                item("context-paste", "Paste", null, vm::paste),
                item("context-duplicate", "Duplicate", null, vm::duplicate),
                item("context-delete", "Delete", null, vm::delete),
                new SeparatorMenuItem(),
                item("context-properties", "Properties", null, this::showPropertiesPanel),
                item("context-zoom-selection", "Zoom to Selection", null, diagram::zoomToSelection));
        var target = canopy.ui.whatif.WhatIfActions.failTarget(hit);
        if (target.isPresent()) {
            m.getItems().addAll(new SeparatorMenuItem(), item("context-whatif-fails", "What if it fails?", null,
                    () -> whatIf.whatIfFails(target.get())));
        }
        if (hit.kind() == canopy.render.HitTester.Kind.LINK) {
            var by = canopy.ui.whatif.WhatIfActions.FASTER_BY;
            m.getItems().addAll(
                    item("context-whatif-faster", "What if it were faster? (+" + by + " GB/s)", null,
                            () -> whatIf.whatIfFaster(hit.link(), by)),
                    item("context-upgrade", "Make it faster (+" + by + " GB/s)", null,
                            () -> vm.upgradeLinks(java.util.List.of(hit.link()), by)));
        }
        return m;
    }

    /** The comparison window opened last (tests), or null. */
    canopy.ui.compare.CompareWindow lastComparison() {
        return lastComparison;
    }

    /** Brings the Properties tab to the front. */
    public void showPropertiesPanel() {
        showSide.set(true);
        sideTabs.getSelectionModel().select(0);
    }

    /** Brings the Schedule tab to the front. */
    public void showSchedulePanel() {
        showSide.set(true);
        sideTabs.getSelectionModel().select(scheduleTab);
    }

    // ------------------------------------------------------------------ tool bar and keys

    private ToolBar toolBar() {
        ToggleGroup tools = new ToggleGroup();
        ToolBar bar = new ToolBar();
        bar.setId("tool-bar");
        for (Tool t : Tool.values()) {
            ToggleButton b = new ToggleButton(t.glyph() + "  " + t.title());
            b.setId("tool-" + t.name().toLowerCase());
            b.setUserData(t);
            b.setToggleGroup(tools);
            b.setTooltip(new Tooltip(t.tooltip()));
            b.setSelected(vm.activeToolProperty().get() == t);
            bar.getItems().add(b);
        }
        tools.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one tool is always active
            } else {
                vm.activeToolProperty().set((Tool) b.getUserData());
            }
        });
        vm.activeToolProperty().addListener((o, a, t) -> tools.getToggles().stream()
                .filter(x -> x.getUserData() == t).findFirst().ifPresent(x -> x.setSelected(true)));

        var history = vm.document().history();
        Button undo = button("tb-undo", "↶", "Undo", vm::undo);
        undo.disableProperty().bind(history.canUndoProperty().not());
        Button redo = button("tb-redo", "↷", "Redo", vm::redo);
        redo.disableProperty().bind(history.canRedoProperty().not());
        Button zoomOut = button("tb-zoom-out", "−", "Zoom out", diagram::zoomOut);
        Button zoomIn = button("tb-zoom-in", "+", "Zoom in", diagram::zoomIn);
        Button fit = button("tb-fit", "Fit", "Fit to window (F)", diagram::fitToView);
        ToggleButton cut = new ToggleButton("Bottleneck cut");
        cut.setId("tb-show-cut");
        cut.setTooltip(new Tooltip("Highlight the set of nodes that limits the optimal allreduce"));
        cut.selectedProperty().bindBidirectional(vm.liveBounds().showCutProperty());
        cut.getStyleClass().add(Styles.DANGER);
        Button template = button("tb-template", "New from template…", "Generate a DGX, MI250, fat tree, torus, ring or mesh",
                vm::newFromTemplate);
        Pane spacer = new Pane();
        javafx.scene.layout.HBox.setHgrow(spacer, javafx.scene.layout.Priority.ALWAYS);
        bar.getItems().addAll(new Separator(Orientation.VERTICAL), undo, redo, new Separator(Orientation.VERTICAL),
                zoomOut, zoomIn, fit, new Separator(Orientation.VERTICAL), cut, spacer, template);
        return bar;
    }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    /** Keys beyond the menus' accelerators: + and − zoom, Ctrl+Shift+Z redoes; never inside a text field. */
    private void installKeys(Scene scene) {
        Runnable in = () -> {
            if (textFocus().isEmpty()) {
                diagram.zoomIn();
            }
        };
        Runnable out = () -> {
            if (textFocus().isEmpty()) {
                diagram.zoomOut();
            }
        };
        scene.getAccelerators().put(new KeyCharacterCombination("+"), in);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ADD), in);
        scene.getAccelerators().put(new KeyCharacterCombination("-"), out);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.SUBTRACT), out);
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Shift+Z"), () -> {
            if (textFocus().isEmpty()) {
                vm.redo();
            }
        });
    }

    public MainViewModel viewModel() {
        return vm;
    }

    public DiagramView diagram() {
        return diagram;
    }

    public SchedulePanel schedulePanel() {
        return schedulePanel;
    }

    public OutlinePanel outline() {
        return outline;
    }

    /** The outline, the diagram with problems below it, and the side tabs (tests). */
    SplitPane split() {
        return split;
    }
}
