package canopy.ui.schedule;

import canopy.io.FigureText;
import canopy.engine.Bounds;
import canopy.engine.CollectiveScheduler;
import canopy.engine.OptimalForest;
import canopy.engine.ScheduleResult;
import canopy.engine.Schedulers;
import canopy.engine.Congestion;
import canopy.engine.NetworkGraph;
import canopy.engine.Progress;
import canopy.engine.ScheduleAnalyzer;
import canopy.engine.ScheduleAnalyzer.Analysis;
import canopy.engine.ScheduleAnalyzer.LinkUse;
import canopy.model.Collective;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;
import canopy.render.ScheduleOverlay;
import canopy.render.ScheduleOverlays;
import canopy.ui.insight.Figures;
import canopy.ui.task.BackgroundTask;
import canopy.ui.task.TaskExecutor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Schedule panel's state and behaviour, without controls: what to schedule (collective, algorithm,
 * tree limit, message size), running the engine as a {@link BackgroundTask} that Cancel stops through
 * its {@link Progress}, the figures of the result, its trees grouped by root, and the
 * {@link ScheduleOverlay} the diagram draws (the selected trees, or the congestion view). A result whose
 * topology has since been edited is stale until recomputed.
 *
 * <p>Call every method on the FX thread (or, in tests, one thread); results arrive there too, and so
 * does the run's progress, through its {@link BackgroundTask} (no timer, no shared fields).
 */
public final class ScheduleViewModel {
    /** Where a run stands. */
    public enum State { IDLE, RUNNING, CANCELLING, DONE, CANCELLED, FAILED }

    /** Runs the engine on a worker thread; tests substitute slow or failing ones. */
    @FunctionalInterface
    public interface Engine {
        ScheduleResult compute(Topology t, Collective c, CollectiveScheduler a, CollectiveScheduler.Request request,
                               Progress progress);
    }

    /** The real engine: the registry's scheduler, with its collective's bound filled in (as the CLI does). */
    public static final Engine ENGINE = (t, c, a, request, progress) -> Schedulers.run(a, t, c, request, progress, null);

    /** The algorithm the panel starts with. */
    public static final CollectiveScheduler DEFAULT_ALGORITHM = Schedulers.get(OptimalForest.NAME);

    /**
     * One run's outcome: its input, the schedule, its analysis, its congestion (computed once, by the
     * engine, keyed "from->to") and how long the engine took.
     */
    public record Result(Topology topology, Collective collective, CollectiveScheduler algorithm, long messageBytes,
                         ScheduleResult computed, Analysis analysis, Congestion congestion, long nanos) {
        public Schedule schedule() {
            return computed.schedule();
        }

        /** Each arc's utilisation as a double, for drawing and the figures. */
        public Map<String, Double> arcUtilisation() {
            return congestion.values();
        }
    }

    /** A line of the figures table. */
    public record Figure(String name, String value) {
    }

    /**
     * One tree of the list: its position in the schedule, the tree, its number among its root's trees
     * (from 1), its depth and how the list shows it.
     */
    public record TreeRow(int index, ScheduleTree tree, int number, int depthHops, String label) {
        /** Selecting this row: this tree alone. */
        public TreeSelection selection() {
            return TreeSelection.of(List.of(index), "tree " + tree.root() + " #" + number);
        }
    }

    /** A root and its trees, as the list groups them. */
    public record RootGroup(String root, List<TreeRow> trees) {
        public RootGroup {
            trees = List.copyOf(trees);
        }

        public String label() {
            return root + "  ·  " + Figures.count(trees.size(), "tree");
        }

        /** Selecting this row: every tree of the root, as the command line's {@code --view tree:ROOT} draws. */
        public TreeSelection selection() {
            return TreeSelection.of(trees.stream().map(TreeRow::index).toList(), "all trees of " + root);
        }
    }

    private final ObservableValue<Topology> topology;
    private final TaskExecutor executor;
    private final Engine engine;
    private final ObjectProperty<Collective> collective = new SimpleObjectProperty<>(this, "collective", Collective.ALLREDUCE);
    private final ObjectProperty<CollectiveScheduler> algorithm =
            new SimpleObjectProperty<>(this, "algorithm", DEFAULT_ALGORITHM);
    private final LongProperty maxTreesPerRoot = new SimpleLongProperty(this, "maxTreesPerRoot", 0);
    private final LongProperty messageBytes = new SimpleLongProperty(this, "messageBytes", 1L << 30);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyDoubleWrapper progressValue = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(this, "stale", false);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ObservableList<Figure> figures = FXCollections.observableArrayList();
    private final ObservableList<RootGroup> treeGroups = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<TreeSelection> selection =
            new ReadOnlyObjectWrapper<>(this, "selection", TreeSelection.ALL);
    private final BooleanProperty showCongestion = new SimpleBooleanProperty(this, "showCongestion", false);
    private final ReadOnlyObjectWrapper<ScheduleOverlay> overlay =
            new ReadOnlyObjectWrapper<>(this, "overlay", ScheduleOverlay.NONE);
    private final AnimationController animation = new AnimationController();
    private final ChannelChoices channels = new ChannelChoices();
    /** What the shown schedule is called when it was imported (e.g. "NCCL's ring"); null when computed. */
    private String importedLabel;
    /** The animation of the shown result, built with it on the worker (or why it cannot be animated). */
    private AnimationController.Built resultAnimation = AnimationController.Built.NONE;
    private BackgroundTask<Done> pending;

    public ScheduleViewModel(ObservableValue<Topology> topology, TaskExecutor executor, Engine engine) {
        this.topology = topology;
        this.executor = executor;
        this.engine = engine;
        topology.addListener((o, a, b) -> refreshStale());
        collective.addListener((o, a, c) -> {
            if (c != null && !algorithm.get().supports(c)) {
                algorithm.set(DEFAULT_ALGORITHM);
            }
        });
        algorithm.addListener((o, a, alg) -> {
            if (alg != null && !alg.supports(collective.get())) {
                collective.set(alg.collectives().iterator().next());
            }
        });
        messageBytes.addListener((o, a, b) -> refreshFigures());
        showCongestion.addListener((o, a, on) -> {
            if (on) {
                animation.stop(); // the congestion view replaces the animation
            }
            refreshOverlay();
        });
        animation.frameProperty().addListener((o, a, b) -> refreshOverlay());
        animation.activeProperty().addListener((o, a, b) -> refreshOverlay());
        channels.chosenProperty().addListener((o, a, b) -> {
            if (b != null && !b.indices().isEmpty()) {
                animation.stop(); // the channels replace the animation, as the congestion view does
            }
            refreshOverlay();
        });
    }

    /** A finished run: its result and its animation (or why it cannot be animated). */
    private record Done(Result result, AnimationController.Built animation) {
    }

    // ------------------------------------------------------------------ running

    /** Starts the engine on the current topology, cancelling a run under way. */
    public void run() {
        Topology t = topology.getValue();
        if (t == null) {
            return;
        }
        if (pending != null) {
            pending.cancel();
        }
        Collective c = collective.get();
        CollectiveScheduler a = algorithm.get();
        String unsupported = Schedulers.unsupported(a, c);
        if (unsupported != null) {
            fail(unsupported);
            return;
        }
        String refused = whatToFix(t);
        if (refused != null) {
            result.set(null);
            selection.set(TreeSelection.ALL);
            refreshAll();
            fail(refused);
            return;
        }
        long bytes = messageBytes.get();
        CollectiveScheduler.Request request = new CollectiveScheduler.Request(
                a.options().contains(CollectiveScheduler.Option.MAX_TREES_PER_ROOT) ? Math.max(0, maxTreesPerRoot.get()) : 0,
                a.options().contains(CollectiveScheduler.Option.MESSAGE_SIZE) ? bytes : 0);
        BackgroundTask<Done> task = BackgroundTask.of(reporting -> {
            long start = System.nanoTime();
            ScheduleResult computed = engine.compute(t, c, a, request, reporting);
            reporting.checkCancelled();
            reporting.report("analysing", -1);
            Analysis analysis = ScheduleAnalyzer.analyze(t, computed.schedule(), reporting.within("analysing"));
            long nanos = System.nanoTime() - start;
            Result r = new Result(t, c, a, bytes, computed, analysis, Congestion.of(analysis), nanos);
            reporting.checkCancelled();
            reporting.report("preparing the animation", -1);
            return new Done(r, AnimationController.build(t, computed.schedule(), reporting));
        });
        pending = task;
        task.onProgress((stage, fraction) -> {
            if (pending == task) {
                showProgress(stage, fraction);
            }
        }).onSuccess(r -> {
            if (pending != task) {
                return;
            }
            pending = null;
            show(r);
        }).onFailure(e -> {
            if (pending != task) {
                return;
            }
            pending = null;
            fail(e.getMessage() == null ? e.toString() : e.getMessage());
        }).onCancelled(() -> {
            if (pending != task) {
                return;
            }
            pending = null;
            setState(State.CANCELLED, "Cancelled.");
        });
        result.set(null);
        selection.set(TreeSelection.ALL);
        forgetImport();
        refreshAll();
        progressValue.set(-1);
        setState(State.RUNNING, "Computing " + c + " by " + a.name() + " on " + Figures.count(t.acceleratorCount(), "accelerator") + "…");
        executor.execute(task);
    }

    /**
     * Shows a schedule made elsewhere (NCCL's channels imported from a graph dump), called label, on the
     * current topology as a finished run, with note as the status line, and offers its channels to draw.
     * Its result's algorithm is null (no engine made it); Run recomputes with the panel's own algorithm.
     * Analyses on the calling thread.
     */
    public void showImported(String label, Schedule s, List<canopy.engine.NcclGraphSchedule.Channel> drawn,
                             String note) {
        Topology t = topology.getValue();
        if (t == null) {
            return;
        }
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
        collective.set(s.collective());
        Analysis analysis = ScheduleAnalyzer.analyze(t, s);
        Result r = new Result(t, s.collective(), null, messageBytes.get(), ScheduleResult.of(s), analysis,
                Congestion.of(analysis), 0);
        selection.set(TreeSelection.ALL);
        importedLabel = label;
        channels.set(drawn);
        show(new Done(r, AnimationController.build(t, s, Progress.NONE)));
        statusText.set(note);
    }

    private void forgetImport() {
        importedLabel = null;
        channels.clear();
    }

    /** The imported schedule shown and still current (the topology unchanged), or null. */
    public Schedule importedSchedule() {
        Result r = result.get();
        return importedLabel == null || r == null || stale.get() ? null : r.schedule();
    }

    /** What the imported schedule is called ("NCCL's ring"), or null when none is shown. */
    public String importedLabel() {
        return importedSchedule() == null ? null : importedLabel;
    }

    /** The imported schedule's channels and which of them the diagram draws; empty for a computed one. */
    public ChannelChoices channels() {
        return channels;
    }

    /** Replaces the status line (an imported schedule's finding, once computed). */
    public void showNote(String note) {
        statusText.set(note);
    }

    /** How many problems whatToFix names before "and N more". */
    static final int PROBLEMS_NAMED = 3;

    /**
     * Why t cannot be scheduled (the topology rules it breaks, as the Problems panel lists them), or
     * null when it can: a schedule of a broken network would only show meaningless zeros.
     */
    static String whatToFix(Topology t) {
        List<canopy.model.TopologyValidator.Problem> problems = canopy.model.TopologyValidator.problems(t);
        if (problems.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("fix ")
                .append(problems.size() == 1 ? "this problem" : "these " + problems.size() + " problems")
                .append(" first (see Problems): ");
        for (int i = 0; i < Math.min(PROBLEMS_NAMED, problems.size()); i++) {
            sb.append(i == 0 ? "" : "; ").append(problems.get(i).message());
        }
        if (problems.size() > PROBLEMS_NAMED) {
            sb.append("; and ").append(problems.size() - PROBLEMS_NAMED).append(" more");
        }
        return sb.append('.').toString();
    }

    /** Asks the run under way to stop; the state becomes {@link State#CANCELLED} when it has. */
    public void cancel() {
        if (pending == null) {
            return;
        }
        pending.cancel();
        setState(State.CANCELLING, "Cancelling…");
    }

    /**
     * Forgets everything about the previous document (called when another one replaces it): a run under
     * way is cancelled and its result dropped, the figures, trees, selection, congestion view and
     * animation cleared, the state back to idle. The choices (collective, algorithm, sizes) stay.
     */
    public void reset() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
        animation.stop();
        resultAnimation = AnimationController.Built.NONE;
        result.set(null);
        selection.set(TreeSelection.ALL);
        forgetImport();
        showCongestion.set(false);
        progressValue.set(0);
        setState(State.IDLE, "");
        refreshAll();
    }

    /** Runs again with the current settings (the stale banner's action). */
    public void recompute() {
        run();
    }

    /** The run's progress, delivered by its task on the FX thread: the bar and the status line. */
    private void showProgress(String stage, double f) {
        if (state.get() != State.RUNNING) {
            return;
        }
        progressValue.set(f < 0 ? -1 : Math.min(1, f));
        Topology t = topology.getValue();
        if (stage != null && !stage.isEmpty() && t != null) {
            statusText.set("Computing " + collective.get() + " by " + algorithm.get().name() + ": " + stage + "…");
        }
    }

    private void show(Done d) {
        Result r = d.result();
        resultAnimation = d.animation();
        result.set(r);
        progressValue.set(1);
        setState(State.DONE, "Computed in " + seconds(r.nanos() / 1e9) + ".");
        refreshAll();
    }

    private void fail(String message) {
        progressValue.set(0);
        setState(State.FAILED, (message.startsWith("fix ") ? "Cannot schedule: " : "Failed: ") + message);
    }

    private void setState(State s, String text) {
        state.set(s);
        statusText.set(text);
        running.set(s == State.RUNNING || s == State.CANCELLING);
        if (s != State.RUNNING && s != State.CANCELLING && s != State.DONE) {
            progressValue.set(0);
        }
    }

    private void refreshAll() {
        refreshStale();
        syncAnimation();
        refreshFigures();
        refreshTrees();
        refreshOverlay();
    }

    private void refreshStale() {
        Result r = result.get();
        Topology t = topology.getValue();
        stale.set(r != null && (t == null || !sameNetwork(r.topology(), t)));
        syncAnimation();
        refreshOverlay();
    }

    /**
     * The animation shows the result's timeline while it is current; nothing without one or when stale.
     * A timeline put back (an edit undone) starts with every tree, so the selection is passed on again.
     */
    private void syncAnimation() {
        AnimationController.Built want = result.get() == null || stale.get() ? AnimationController.Built.NONE
                : resultAnimation;
        if (animation.timeline() != want.timeline() || !animation.unavailableProperty().get().equals(want.whyNot())) {
            animation.show(want);
            animation.select(selection.get());
        }
    }

    /** Same nodes (id, kind, group) and links: moving a node or renaming does not change a schedule. */
    static boolean sameNetwork(Topology a, Topology b) {
        if (a == b) {
            return true;
        }
        if (!a.links().equals(b.links()) || a.nodes().size() != b.nodes().size()) {
            return false;
        }
        for (int i = 0; i < a.nodes().size(); i++) {
            Node x = a.nodes().get(i);
            Node y = b.nodes().get(i);
            if (!x.id().equals(y.id()) || x.kind() != y.kind() || !java.util.Objects.equals(x.group(), y.group())) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ figures

    private void refreshFigures() {
        Result r = result.get();
        if (r == null) {
            figures.clear();
            return;
        }
        Schedule s = r.schedule();
        Analysis a = r.analysis();
        String u = Figures.units(r.topology().units());
        List<Figure> f = new ArrayList<>();
        f.add(new Figure("Algorithm bandwidth", Figures.bandwidth(s.algbw()) + " " + u));
        f.add(new Figure("Bus bandwidth", Figures.bandwidth(a.busBandwidth()) + " " + u));
        f.add(new Figure("Bound", s.bound() == null ? "unknown" : Figures.bandwidth(s.bound()) + " " + u));
        Rational ratio = s.ratioToBound();
        f.add(new Figure("Ratio to the bound", ratio == null ? "unknown" : percent(ratio.toDouble())));
        f.add(new Figure("Trees", String.valueOf(s.trees().size())));
        if (r.computed().treesPerRoot() > 0) {
            f.add(new Figure("Trees per root", treesPerRoot(r)));
        }
        if (!r.computed().note().isEmpty()) {
            f.add(new Figure("Chosen", r.computed().note()));
        }
        double max = 0;
        double sum = 0;
        int used = 0;
        for (double x : r.arcUtilisation().values()) {
            max = Math.max(max, x);
            if (x > 0) {
                sum += x;
                used++;
            }
        }
        f.add(new Figure("Largest link utilisation", percent(max)));
        f.add(new Figure("Mean over used links", used == 0 ? "none used" : percent(sum / used)));
        long bytes = messageBytes.get();
        var model = a.timeModel();
        f.add(new Figure("Time for " + MessageSizes.format(bytes), seconds(model.timeSeconds(bytes))));
        f.add(new Figure("algbw at " + MessageSizes.format(bytes), Figures.bandwidth(model.algbwExactAt(bytes)) + " " + u));
        if (model.floor() != null && model.ratioToFloor(bytes) != null) {
            f.add(new Figure("Lower bound at " + MessageSizes.format(bytes), seconds(model.floor().seconds(bytes))
                    + "  (time is " + String.format(Locale.ROOT, "%.2f×", model.ratioToFloor(bytes).toDouble()) + ")"));
        }

        figures.setAll(f);
    }

    /** "5" for allgather or reduce-scatter; "5 RS + 5 AG" (reduce-scatter, allgather) for allreduce. */
    private static String treesPerRoot(Result r) {
        ScheduleResult c = r.computed();
        if (r.collective() == Collective.ALLREDUCE) {
            return c.reduceScatterTreesPerRoot() + " RS + " + c.allgatherTreesPerRoot() + " AG";
        }
        return String.valueOf(Math.max(c.reduceScatterTreesPerRoot(), c.allgatherTreesPerRoot()));
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    /** "12.3 µs", "4.56 ms", "1.23 s". */
    static String seconds(double s) {
        return FigureText.duration(s);
    }

    // ------------------------------------------------------------------ trees and overlay

    private void refreshTrees() {
        Result r = result.get();
        if (r == null) {
            treeGroups.clear();
            return;
        }
        List<ScheduleTree> trees = r.schedule().trees();
        List<Integer> depths = r.analysis().timeModel().treeDepthHops();
        List<Rational> latencies = r.analysis().timeModel().treeLatencyUs();
        Map<String, List<TreeRow>> byRoot = new LinkedHashMap<>();
        Map<String, Integer> numbering = new HashMap<>();
        for (int i = 0; i < trees.size(); i++) {
            ScheduleTree t = trees.get(i);
            int n = numbering.merge(t.root(), 1, Integer::sum);
            int depth = i < depths.size() ? depths.get(i) : 0;
            String latency = i < latencies.size() ? ", " + seconds(latencies.get(i).toDouble() / 1e6) : "";
            // as short as before the latency was added: a wider row makes the list scroll sideways
            String label = "#" + n + " " + t.phase().jsonName() + " · share " + t.share()
                    + " · " + Figures.count(depth, "hop") + latency;
            byRoot.computeIfAbsent(t.root(), k -> new ArrayList<>()).add(new TreeRow(i, t, n, depth, label));
        }
        List<RootGroup> groups = new ArrayList<>();
        byRoot.forEach((root, rows) -> groups.add(new RootGroup(root, rows)));
        treeGroups.setAll(groups);
    }

    /**
     * Draws the selected trees along their physical paths, the rest dimmed, and animates only their
     * chunks; {@link TreeSelection#ALL} (or a selection that does not fit the result) clears it.
     */
    public void select(TreeSelection s) {
        Result r = result.get();
        selection.set(r == null || !s.fits(r.schedule().trees().size()) ? TreeSelection.ALL : s);
        animation.select(selection.get());
        refreshOverlay();
    }

    /** Selects tree index of the schedule as its row in the list does; -1 (or no such tree) clears it. */
    public void selectTree(int index) {
        for (RootGroup g : treeGroups) {
            for (TreeRow row : g.trees()) {
                if (row.index() == index) {
                    select(row.selection());
                    return;
                }
            }
        }
        select(TreeSelection.ALL);
    }

    private void refreshOverlay() {
        Result r = result.get();
        if (r == null || stale.get()) {
            overlay.set(ScheduleOverlay.NONE);
            return;
        }
        if (animation.activeProperty().get()) {
            overlay.set(animation.frameProperty().get());
            return;
        }
        ScheduleOverlay base;
        if (showCongestion.get()) {
            base = congestionOverlay(r);
        } else if (!selection.get().isAll()) {
            base = treeOverlay(selection.get().treesIn(r.schedule()));
        } else {
            base = ScheduleOverlay.NONE;
        }
        List<ScheduleOverlay.Channel> drawn = channels.shown();
        overlay.set(drawn.isEmpty() ? base : base.withChannels(drawn)); // the chosen channels over either view
    }

    /** The trees' edges along their physical paths, everything else dimmed. */
    static ScheduleOverlay treeOverlay(List<ScheduleTree> trees) {
        List<List<String>> paths = new ArrayList<>();
        for (ScheduleTree tree : trees) {
            for (TreeEdge e : tree.edges()) {
                paths.add(e.path());
            }
        }
        return new ScheduleOverlay(Map.of(), Map.of(), Set.of(), paths, true, List.of());
    }

    /** Every arc's utilisation and tree count, the bottleneck arcs marked: the engine's {@link Congestion}. */
    static ScheduleOverlay congestionOverlay(Result r) {
        return ScheduleOverlays.congestion(r.congestion());
    }

    /**
     * The congestion tooltip of topology link index: its bandwidth, and for each direction the load per
     * stage (in buffers M), the busy fraction and the trees crossing it; null when the congestion view is
     * off or the link is unknown.
     */
    public String linkTooltip(int index) {
        Result r = result.get();
        Topology t = topology.getValue();
        if (!showCongestion.get() || r == null || stale.get() || t == null || index < 0 || index >= t.links().size()) {
            return null;
        }
        Link link = t.links().get(index);
        String u = Figures.units(t.units());
        StringBuilder sb = new StringBuilder();
        sb.append(link.from()).append(link.duplex() ? " ⇄ " : " → ").append(link.to())
                .append("  ·  ").append(Figures.bandwidth(link.bandwidth())).append(' ').append(u);
        appendArc(sb, r, link.from(), link.to());
        if (link.duplex()) {
            appendArc(sb, r, link.to(), link.from());
        }
        return sb.toString();
    }

    private static void appendArc(StringBuilder sb, Result r, String from, String to) {
        for (LinkUse l : r.analysis().links()) {
            if (l.from().equals(from) && l.to().equals(to)) {
                sb.append('\n').append(from).append(" → ").append(to).append(":  load ");
                List<String> loads = new ArrayList<>();
                for (Rational load : l.loadByStage().values()) {
                    loads.add(load + " M");
                }
                sb.append(String.join(" + ", loads));
                if (l.loadByStage().size() > 1) {
                    sb.append(" (by stage)");
                }
                double util = r.arcUtilisation().getOrDefault(ScheduleOverlay.arc(from, to), 0.0);
                sb.append(",  utilisation ").append(percent(util))
                        .append(",  ").append(Figures.count(l.trees(), "tree"))
                        .append(l.bottleneck() ? ",  bottleneck" : "");
                return;
            }
        }
    }

    // ------------------------------------------------------------------ properties

    public ObjectProperty<Collective> collectiveProperty() {
        return collective;
    }

    public ObjectProperty<CollectiveScheduler> algorithmProperty() {
        return algorithm;
    }

    /** Forest only: at most this many trees per root; 0 is no limit. */
    public LongProperty maxTreesPerRootProperty() {
        return maxTreesPerRoot;
    }

    /** The buffer size the completion time is given for, in bytes. */
    public LongProperty messageBytesProperty() {
        return messageBytes;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** 0..1, or -1 while the fraction is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progressValue.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public Result result() {
        return result.get();
    }

    /** True when the topology was edited since the shown schedule was computed. */
    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    public ObservableList<Figure> figures() {
        return figures;
    }

    /** The figure named name, or null. */
    public String figure(String name) {
        return figures.stream().filter(f -> f.name().equals(name)).map(Figure::value).findFirst().orElse(null);
    }

    public ObservableList<RootGroup> treeGroups() {
        return treeGroups;
    }

    /** The trees the tree view draws and the animation moves: every tree, one, or a root's. */
    public ReadOnlyObjectProperty<TreeSelection> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    /** Shows the congestion overlay instead of the selected trees. */
    public BooleanProperty showCongestionProperty() {
        return showCongestion;
    }

    /** The animation of the shown schedule: its frames become the overlay while it is active. */
    public AnimationController animation() {
        return animation;
    }

    /** What the diagram draws for the schedule: an animation frame, the congestion view or the selected trees. */
    public ReadOnlyObjectProperty<ScheduleOverlay> overlayProperty() {
        return overlay.getReadOnlyProperty();
    }
}
