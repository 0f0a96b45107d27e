package canopy.ui;

import canopy.ui.panels.PropertiesViewModel;
import canopy.ui.dialog.Dialogs;
import canopy.ui.canvas.Tool;
import canopy.ui.insight.Figures;
import canopy.io.InvalidInputException;
import canopy.io.TopologyJson;
import canopy.model.TopologyValidator.Problem;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Topology;
import canopy.ui.document.DesignDocument;
import canopy.ui.document.TopologyEdits;
import canopy.ui.insight.LiveBounds;
import canopy.ui.schedule.ScheduleViewModel;
import canopy.ui.task.TaskExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window's state and behaviour, without controls (JabRef's view / view-model split): the
 * document, live bounds, the file actions with their safety questions, clipboard, layouts, and what the
 * designer remembers. The window binds to it; tests drive it with stub {@link Dialogs}, in-memory
 * {@link Settings}, a temporary {@link Recovery} folder and the synchronous task executor.
 */
public final class MainViewModel {
    /** The folder of sample topologies the designer opens first, relative to the working directory. */
    public static final Path SAMPLES_DIR = Path.of("sample-topologies");
    static final String DEFAULT_SAMPLE = "two-boxes.json";
    static final String BUNDLED_SAMPLE = "/canopy/samples/two-boxes.json";
    static final double PASTE_OFFSET = 40;

    /**
     * What the view-model needs from outside. scheduleExecutor runs the Schedule panel's engine runs, so
     * a long one does not hold up the live bounds on executor (it may be the same executor).
     */
    public record Services(Settings settings, Dialogs dialogs, TaskExecutor executor, Recovery recovery,
                           TextClipboard clipboard, LayoutActions layouts, Duration boundsDelay,
                           TaskExecutor scheduleExecutor) {
        /** Services whose schedules run on the same executor as everything else. */
        public Services(Settings settings, Dialogs dialogs, TaskExecutor executor, Recovery recovery,
                        TextClipboard clipboard, LayoutActions layouts, Duration boundsDelay) {
            this(settings, dialogs, executor, recovery, clipboard, layouts, boundsDelay, executor);
        }
    }

    private final Services services;
    private final DesignDocument document = new DesignDocument(empty(), null);
    private final LiveBounds liveBounds;
    private final ScheduleViewModel schedule;
    private final PropertiesViewModel properties;
    private final ObjectProperty<Tool> activeTool = new SimpleObjectProperty<>(this, "activeTool", Tool.SELECT);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");
    private final BooleanProperty showGrid = new SimpleBooleanProperty(this, "showGrid");
    private final BooleanProperty snapToGrid = new SimpleBooleanProperty(this, "snapToGrid");
    private final ObservableList<Path> recentFiles = FXCollections.observableArrayList();
    private final StringBinding documentName;
    private final StringBinding title;
    private List<Node> copiedNodes = List.of();
    private List<Link> copiedLinks = List.of();
    private int pastes;

    /** The executor long runs (schedules, the optimum beside an import) go to. */
    TaskExecutor backgroundExecutor() {
        return services.scheduleExecutor();
    }

    public MainViewModel(Services services) {
        this.services = services;
        this.liveBounds = new LiveBounds(document.topologyProperty(), document.generationProperty(),
                services.executor(), services.boundsDelay());
        this.properties = new PropertiesViewModel(document);
        this.schedule = new ScheduleViewModel(document.topologyProperty(), services.scheduleExecutor(),
                ScheduleViewModel.ENGINE);
        Settings s = services.settings();
        theme.set(s.theme());
        showGrid.set(s.showGrid());
        snapToGrid.set(s.snapToGrid());
        recentFiles.setAll(s.recentFiles());
        theme.addListener((o, a, t) -> s.setTheme(t));
        showGrid.addListener((o, a, on) -> s.setShowGrid(on));
        snapToGrid.addListener((o, a, on) -> s.setSnapToGrid(on));
        documentName = Bindings.createStringBinding(() -> nameOf(document.file(), document.topology()),
                document.fileProperty(), document.topologyProperty());
        title = Bindings.createStringBinding(
                () -> "Canopy — " + documentName.get() + (document.isDirty() ? " •" : ""),
                documentName, document.dirtyProperty());
    }

    static Topology empty() {
        return new Topology("Untitled", "GB/s", List.of(), List.of());
    }

    private static String nameOf(Path file, Topology t) {
        if (file != null) {
            return file.getFileName().toString();
        }
        return t.name() == null || t.name().isBlank() ? "Untitled" : t.name();
    }

    // ------------------------------------------------------------------ start and end

    /**
     * What the window shows first: an autosaved recovery copy if the user wants it back, else the
     * sample from samplesDir (two-boxes.json, else its first *.json), else the copy in the jar.
     */
    public void startup(Path samplesDir) {
        if (offerRecovery()) {
            return;
        }
        loadSample(samplesDir);
    }

    /** Offers the newest recovery copy; true when it was restored. */
    boolean offerRecovery() {
        Optional<Recovery.Found> found;
        try {
            found = services.recovery().find();
        } catch (IOException e) {
            return false;
        }
        if (found.isEmpty()) {
            return false;
        }
        Recovery.Found f = found.get();
        String when = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm").withZone(ZoneId.systemDefault())
                .format(f.time().toInstant());
        String what = f.origin() == null ? "an untitled topology (" + nameOf(null, f.topology()) + ")"
                : f.origin().getFileName().toString();
        boolean restore = services.dialogs().offerRecovery(
                "Canopy did not close normally. Unsaved changes to " + what + " were autosaved on " + when
                        + ". Restore them?");
        if (!restore) {
            services.recovery().deleteCopy(f.file());
            return false;
        }
        Topology base = empty();
        Path origin = f.origin();
        if (origin != null) {
            try {
                base = TopologyJson.readUnchecked(origin);
            } catch (InvalidInputException e) {
                origin = null; // the file is gone or broken: restore as untitled
            }
        }
        document.replace(base, origin);
        Topology recovered = f.topology();
        document.edit("Restore autosaved changes", t -> recovered);
        services.recovery().adopt(f.file());
        return true;
    }

    void loadSample(Path samplesDir) {
        Path sample = findSample(samplesDir);
        if (sample != null) {
            try {
                document.replace(TopologyJson.readUnchecked(sample), sample);
                return;
            } catch (InvalidInputException e) {
                System.err.println("canopy: " + e.getMessage());
            }
        }
        try (InputStream in = MainViewModel.class.getResourceAsStream(BUNDLED_SAMPLE)) {
            if (in != null) {
                document.replace(TopologyJson.parseUnchecked(new String(in.readAllBytes(), StandardCharsets.UTF_8)), null);
            }
        } catch (IOException | InvalidInputException e) {
            System.err.println("canopy: cannot read the bundled sample: " + e.getMessage());
        }
    }

    private static Path findSample(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return null;
        }
        Path preferred = dir.resolve(DEFAULT_SAMPLE);
        if (Files.isRegularFile(preferred)) {
            return preferred;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** Asks about unsaved work; true when the window may close (then background work has stopped). */
    public boolean requestClose() {
        if (!confirmDiscard()) {
            return false;
        }
        services.recovery().delete();
        services.settings().setRecentFiles(recentFiles);
        services.settings().flush();
        schedule.cancel();
        services.executor().shutdown();
        if (services.scheduleExecutor() != services.executor()) {
            services.scheduleExecutor().shutdown();
        }
        return true;
    }

    /** Writes the recovery copy when there is unsaved work (every 30 s from the window). */
    public Optional<Path> autosave() {
        if (!document.isDirty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(services.recovery().write(document.topology(), document.file(), documentName.get()));
        } catch (IOException e) {
            System.err.println("canopy: autosave failed: " + e.getMessage());
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------ files

    /**
     * With unsaved work, asks Save / Don't Save / Cancel; true when the current document may go (saved,
     * or knowingly discarded).
     */
    public boolean confirmDiscard() {
        if (!document.isDirty()) {
            return true;
        }
        switch (services.dialogs().askToSaveChanges(documentName.get())) {
            case SAVE:
                return save();
            case DONT_SAVE:
                services.recovery().delete();
                return true;
            default:
                return false;
        }
    }

    public void newDocument() {
        if (confirmDiscard()) {
            replace(empty(), null);
        }
    }

    public void newFromTemplate() {
        Optional<Topology> t = services.dialogs().chooseTemplate();
        if (t.isPresent() && confirmDiscard()) {
            replace(t.get(), null);
        }
    }

    public void open() {
        if (!confirmDiscard()) {
            return;
        }
        services.dialogs().chooseFileToOpen(initialDirectory()).ifPresent(this::openFile);
    }

    public void openRecent(Path file) {
        if (confirmDiscard()) {
            if (!openFile(file) && !Files.exists(file)) {
                recentFiles.remove(file);
                services.settings().setRecentFiles(recentFiles);
            }
        }
    }

    /**
     * Opens file without asking about unsaved work: a file whose structure cannot be read is refused
     * with the reader's message and changes nothing; one that breaks the topology rules opens, and its
     * problems are listed.
     */
    public boolean openFile(Path file) {
        Topology t;
        try {
            t = TopologyJson.readUnchecked(file);
        } catch (InvalidInputException e) {
            services.dialogs().showError("Could not open " + file.getFileName(), e.getMessage());
            return false;
        }
        replace(t, file);
        addRecent(file);
        return true;
    }

    /** Shows an imported topology as a new untitled document, after asking about unsaved work. */
    boolean showImported(Topology t) {
        if (!confirmDiscard()) {
            return false;
        }
        replace(t, null);
        return true;
    }

    Dialogs dialogs() {
        return services.dialogs();
    }

    /** The executor for long work (schedules, comparisons, what-if). */
    canopy.ui.task.TaskExecutor scheduleExecutor() {
        return services.scheduleExecutor();
    }

    /** Writes a file; may fail with an IOException whose message the user reads. */
    @FunctionalInterface
    interface FileWriter {
        void write(Path file) throws IOException;
    }

    /**
     * Asks where to save (suggesting suggestedName) and writes there; a failure is reported by
     * name. True when written.
     */
    boolean chooseAndWrite(String suggestedName, Dialogs.FileKind kind, FileWriter writer) {
        Optional<Path> file = services.dialogs().chooseFileToSave(initialDirectory(), suggestedName, kind);
        return file.isPresent() && write(file.get(), writer);
    }

    /** Writes file, reporting a failure by name; true when written. */
    boolean write(Path file, FileWriter writer) {
        try {
            writer.write(file);
            return true;
        } catch (IOException e) {
            services.dialogs().showError("Could not write " + file.getFileName(), String.valueOf(e.getMessage()));
            return false;
        }
    }

    /** The schedule shown in the Schedule panel, or null (having said why) when none is current. */
    canopy.model.Schedule currentScheduleOrExplain() {
        ScheduleViewModel.Result shown = schedule().result();
        if (shown == null || schedule().staleProperty().get()) {
            services.dialogs().showError("No schedule to export",
                    "Run a schedule for this topology first (Schedule › Run), then export it.");
            return null;
        }
        return shown.schedule();
    }

    /**
     * The document's name as a file name without .json, for suggested export names: the file's, else the
     * topology's name ("2x DGX A100" gives "2x_DGX_A100"), else "topology".
     */
    String documentBaseName() {
        Path f = document.file();
        if (f != null) {
            String n = f.getFileName().toString();
            return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
        }
        String name = document.topology().name();
        return name == null || name.isBlank() || name.equals(empty().name()) ? "topology" : Recovery.safe(name);
    }

    /** Where file dialogs start: the document's folder, the last recent file's, or the samples. */
    Path fileDialogDirectory() {
        return initialDirectory();
    }

    private void replace(Topology t, Path file) {
        services.recovery().delete();
        schedule.reset(); // a schedule belongs to the document it was computed for
        document.replace(t, file);
        pastes = 0;
    }

    /** Saves to the document's file, or asks for one; true when saved. */
    public boolean save() {
        if (document.file() == null) {
            return saveAs();
        }
        return writeTo(document.file());
    }

    public boolean saveAs() {
        String suggested = document.file() != null ? document.file().getFileName().toString()
                : Recovery.safe(documentName.get()) + ".json";
        Optional<Path> chosen = services.dialogs().chooseFileToSave(initialDirectory(), suggested);
        if (chosen.isEmpty()) {
            return false;
        }
        Path target = chosen.get();
        if (!target.getFileName().toString().contains(".")) {
            target = target.resolveSibling(target.getFileName() + ".json");
        }
        return writeTo(target);
    }

    private boolean writeTo(Path target) {
        String name = document.topology().name();
        if (name == null || name.isBlank() || name.equals(empty().name())) {
            // An untitled topology takes the name it is saved under, so it is not "Untitled" in the file.
            String file = target.getFileName().toString();
            String stem = file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
            document.edit("Name topology " + stem, t -> t.withName(stem));
        }
        try {
            TopologyJson.write(document.topology(), target);
        } catch (IOException e) {
            services.dialogs().showError("Could not save " + target.getFileName(), e.getMessage());
            return false;
        }
        document.markSaved(target);
        services.recovery().delete();
        addRecent(target);
        return true;
    }

    private Path initialDirectory() {
        if (document.file() != null && document.file().toAbsolutePath().getParent() != null) {
            return document.file().toAbsolutePath().getParent();
        }
        if (!recentFiles.isEmpty() && recentFiles.get(0).getParent() != null) {
            return recentFiles.get(0).getParent();
        }
        return Files.isDirectory(SAMPLES_DIR) ? SAMPLES_DIR.toAbsolutePath() : Path.of(System.getProperty("user.home"));
    }

    private void addRecent(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        recentFiles.remove(abs);
        recentFiles.add(0, abs);
        while (recentFiles.size() > Settings.MAX_RECENT) {
            recentFiles.remove(recentFiles.size() - 1);
        }
        services.settings().setRecentFiles(recentFiles);
    }

    // ------------------------------------------------------------------ edit

    public void undo() {
        document.history().undo();
    }

    public void redo() {
        document.history().redo();
    }

    /** The selected nodes, and every link between two of them, in topology order. */
    private List<Node> selectedNodes() {
        List<Node> out = new ArrayList<>();
        for (String id : document.selectedNodeIds()) {
            out.add(document.topology().node(id));
        }
        return out;
    }

    private List<Link> linksAmong(List<Node> nodes) {
        Set<String> ids = new HashSet<>();
        nodes.forEach(n -> ids.add(n.id()));
        List<Link> out = new ArrayList<>();
        for (Link l : document.topology().links()) {
            if (ids.contains(l.from()) && ids.contains(l.to())) {
                out.add(l);
            }
        }
        return out;
    }

    /** Copies the selected nodes and the links among them, also to the system clipboard as JSON. */
    public boolean copy() {
        List<Node> nodes = selectedNodes();
        if (nodes.isEmpty()) {
            return false;
        }
        copiedNodes = nodes;
        copiedLinks = linksAmong(nodes);
        pastes = 0;
        Topology t = document.topology();
        services.clipboard().putText(TopologyJson.toJson(new Topology(t.name(), t.units(), copiedNodes, copiedLinks)));
        return true;
    }

    public boolean cut() {
        if (!copy()) {
            return false;
        }
        List<String> ids = copiedNodes.stream().map(Node::id).toList();
        document.edit("Cut " + describe(ids.size(), 0), t -> TopologyEdits.remove(t, ids, List.of()), List.of(), List.of());
        pastes = 0;
        return true;
    }

    /**
     * Pastes topology JSON from the system clipboard (another window's copy), else this window's copy,
     * shifted a little further with each paste, and selects what was pasted.
     */
    public boolean paste() {
        List<Node> nodes = copiedNodes;
        List<Link> links = copiedLinks;
        String text = services.clipboard().getText();
        if (text != null && text.contains("\"nodes\"")) {
            try {
                Topology t = TopologyJson.parseUnchecked(text);
                if (!t.nodes().isEmpty()) {
                    nodes = t.nodes();
                    links = t.links();
                }
            } catch (InvalidInputException e) {
                // not a topology: paste our own copy
            }
        }
        if (nodes.isEmpty()) {
            return false;
        }
        pastes++;
        insert("Paste", nodes, links, PASTE_OFFSET * pastes);
        return true;
    }

    public boolean duplicate() {
        List<Node> nodes = selectedNodes();
        if (nodes.isEmpty()) {
            return false;
        }
        insert("Duplicate", nodes, linksAmong(nodes), PASTE_OFFSET);
        return true;
    }

    private void insert(String verb, List<Node> nodes, List<Link> links, double offset) {
        TopologyEdits.Added added = TopologyEdits.paste(document.topology(), nodes, links, offset, offset);
        document.edit(verb + " " + describe(added.nodeIds().size(), added.linkIndices().size()),
                t -> added.topology(), added.nodeIds(), added.linkIndices());
    }

    /** Edit › Delete: {@link DesignDocument#deleteSelection()}. */
    public boolean delete() {
        return document.deleteSelection();
    }

    /** Edit › Select All: {@link DesignDocument#selectAll()}. */
    public void selectAll() {
        document.selectAll();
    }

    /** "3 nodes", "1 link", "2 nodes and 1 link". */
    static String describe(int nodes, int links) {
        return DesignDocument.describe(nodes, links);
    }

    /** Selects the node or link a problem names (its element), when there is one. */
    public void selectProblem(Problem p) {
        Topology t = document.topology();
        String e = p.element();
        if (t.node(e) != null) {
            document.selection().set(List.of(e), List.of());
            return;
        }
        if (e.startsWith("links[")) {
            int close = e.indexOf(']');
            try {
                int i = Integer.parseInt(e.substring(6, close));
                if (i >= 0 && i < t.links().size()) {
                    document.selection().set(List.of(), t, List.of(i));
                }
            } catch (RuntimeException ignored) {
                // not an index after all
            }
            return;
        }
        for (int i = 0; i < t.links().size(); i++) {
            if (t.links().get(i).describe().equals(e)) {
                document.selection().set(List.of(), t, List.of(i));
                return;
            }
        }
    }

    /** Lines up the selected nodes (one undoable edit); false when fewer than two are placed. */
    public boolean align(TopologyEdits.Alignment a) {
        List<String> ids = document.selectedNodeIds();
        Topology after = TopologyEdits.align(document.topology(), ids, a);
        if (after.equals(document.topology())) {
            return false;
        }
        document.edit("Align " + Figures.count(ids.size(), "node") + " " + a.name().toLowerCase(java.util.Locale.ROOT),
                t -> TopologyEdits.align(t, ids, a));
        return true;
    }

    /** Spaces the selected nodes evenly (one undoable edit); false when fewer than three are placed. */
    public boolean distribute(boolean horizontally) {
        List<String> ids = document.selectedNodeIds();
        Topology after = TopologyEdits.distribute(document.topology(), ids, horizontally);
        if (after.equals(document.topology())) {
            return false;
        }
        document.edit("Distribute " + Figures.count(ids.size(), "node") + (horizontally ? " horizontally" : " vertically"),
                t -> TopologyEdits.distribute(t, ids, horizontally));
        return true;
    }

    /**
     * Adds bandwidth to these links as one undoable edit and selects them: an Upgrade Advisor row or a
     * what-if ("were it faster") applied to the design.
     */
    public void upgradeLinks(List<Integer> links, canopy.model.Rational add) {
        Topology t = document.topology();
        if (links.isEmpty() || links.stream().anyMatch(i -> i < 0 || i >= t.links().size())) {
            return;
        }
        String what = links.size() == 1 ? t.links().get(links.get(0)).describe() : Figures.count(links.size(), "link");
        List<Integer> chosen = List.copyOf(links);
        document.edit("Upgrade " + what + " by +" + add + " " + Figures.units(t.units()),
                x -> TopologyEdits.upgrade(x, chosen, add), List.of(), chosen);
    }

    // ------------------------------------------------------------------ layout

    public boolean layoutAvailable(LayoutActions.Layout l) {
        return l != null;
    }

    public void applyLayout(String description, LayoutActions.Layout layout) {
        if (layout != null) {
            document.edit(description, t -> TopologyEdits.place(t, layout.layout(t)));
        }
    }

    public LayoutActions layouts() {
        return services.layouts();
    }

    // ------------------------------------------------------------------ state

    public DesignDocument document() {
        return document;
    }

    public LiveBounds liveBounds() {
        return liveBounds;
    }

    /** The Schedule panel's view-model. */
    public ScheduleViewModel schedule() {
        return schedule;
    }

    public PropertiesViewModel properties() {
        return properties;
    }

    public Settings settings() {
        return services.settings();
    }

    public ObjectProperty<Tool> activeToolProperty() {
        return activeTool;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public BooleanProperty showGridProperty() {
        return showGrid;
    }

    public BooleanProperty snapToGridProperty() {
        return snapToGrid;
    }

    /** Most recent first, absolute. */
    public ObservableList<Path> recentFiles() {
        return recentFiles;
    }

    public StringBinding titleProperty() {
        return title;
    }

    public StringBinding documentNameProperty() {
        return documentName;
    }
}
