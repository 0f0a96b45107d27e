package canopy.ui.insight;

import canopy.engine.Bounds;
import canopy.engine.NetworkGraph;
import canopy.model.TopologyValidator;
import canopy.model.TopologyValidator.Problem;
import canopy.model.Topology;
import canopy.ui.task.BackgroundTask;
import canopy.ui.task.TaskExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Live insight while the user edits (view-model, no controls): the topology's problems at once, and
 * its three bounds recomputed in the background — debounced, and cancelled when a newer topology
 * arrives (the engine polls the task's {@link canopy.engine.Progress}). Never computes on the calling
 * thread unless the executor is the tests' synchronous one.
 *
 * <p>Call every method on the FX thread (or, in tests, one thread); results arrive there too.
 */
public final class LiveBounds {
    public static final Duration DEFAULT_DELAY = Duration.ofMillis(300);
    private static final String COMPUTING = "bound: computing…";

    private final TaskExecutor executor;
    private final Duration delay;
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ObservableList<Problem> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final ReadOnlyObjectWrapper<Bounds> bounds = new ReadOnlyObjectWrapper<>(this, "bounds");
    private final ReadOnlyObjectWrapper<BottleneckCut> cut = new ReadOnlyObjectWrapper<>(this, "cut");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper(this, "computing", false);
    private final BooleanProperty showCut = new SimpleBooleanProperty(this, "showCut", false);
    private final ReadOnlyObjectWrapper<Set<String>> cutNodeIds = new ReadOnlyObjectWrapper<>(this, "cutNodeIds", Set.of());
    private final ReadOnlyObjectWrapper<List<Integer>> cutLinkIndices =
            new ReadOnlyObjectWrapper<>(this, "cutLinkIndices", List.of());
    private final ReadOnlyStringWrapper cutSentence = new ReadOnlyStringWrapper(this, "cutSentence", "");
    private BackgroundTask<Result> pending;
    private Topology current;
    private String units;

    /** What one background run found. */
    private record Result(Bounds bounds, BottleneckCut cut) {
    }

    public LiveBounds(ObservableValue<Topology> topology, TaskExecutor executor, Duration delay) {
        this.executor = executor;
        this.delay = delay;
        topology.addListener((o, before, after) -> update(after));
        showCut.addListener((o, a, b) -> refreshCut());
        update(topology.getValue());
    }

    /**
     * Like the other constructor, and replaced moves (after the topology) when the whole document is
     * replaced (New, Open, a template): the previous network's figures are then not shown while the new
     * one's compute.
     */
    public LiveBounds(ObservableValue<Topology> topology, ObservableValue<?> replaced, TaskExecutor executor,
                      Duration delay) {
        this(topology, executor, delay);
        replaced.addListener((o, a, b) -> anotherNetwork());
    }

    /** The topology is another network's, not an edit of the last: its old figures would mislead. */
    private void anotherNetwork() {
        if (computing.get()) {
            statusText.set(COMPUTING);
        }
    }

    /** Validates t now and schedules its bounds, cancelling any earlier computation. */
    public void update(Topology t) {
        current = t;
        units = t == null ? null : Figures.units(t.units());
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
        List<Problem> found = t == null ? List.of() : TopologyValidator.problems(t);
        problems.setAll(found);
        bounds.set(null);
        cut.set(null);
        refreshCut();
        if (t == null) {
            computing.set(false);
            statusText.set("");
            return;
        }
        if (!found.isEmpty()) {
            computing.set(false);
            statusText.set("bound: fix " + Figures.count(found.size(), "problem"));
            return;
        }
        computing.set(true);
        // After an edit the last figures stay (beside the spinner) until the new ones arrive: they are
        // close, and the text would flicker. A new document clears them (anotherNetwork).
        if (statusText.get().isEmpty() || statusText.get().startsWith("bound: fix")) {
            statusText.set(COMPUTING);
        }
        Topology input = t;
        BackgroundTask<Result> task = BackgroundTask.of(progress -> {
            Bounds b = Bounds.of(NetworkGraph.of(input), progress);
            return new Result(b, BottleneckCut.of(input, b));
        });
        pending = task;
        task.onSuccess(r -> {
            if (pending != task) {
                return; // a newer topology is on its way
            }
            pending = null;
            computing.set(false);
            bounds.set(r.bounds());
            cut.set(r.cut());
            statusText.set(describe(r.bounds(), units));
            refreshCut();
        }).onFailure(e -> {
            if (pending != task) {
                return;
            }
            pending = null;
            computing.set(false);
            statusText.set("bound: failed (" + e.getMessage() + ")");
        });
        executor.schedule(task, delay);
    }

    /** "AG 346.7 GB/s · AR 173.3 GB/s optimal". */
    public static String describe(Bounds b, String units) {
        String u = Figures.units(units);
        return "AG " + Figures.bandwidth(b.allgather().algbw()) + " " + u + " · AR "
                + Figures.bandwidth(b.allreduce()) + " " + u + " optimal";
    }

    private void refreshCut() {
        BottleneckCut c = cut.get();
        if (!showCut.get() || c == null) {
            cutNodeIds.set(Set.of());
            cutLinkIndices.set(List.of());
            if (showCut.get() && !problems.isEmpty()) {
                cutSentence.set("No bound while the topology has problems: fix "
                        + Figures.count(problems.size(), "problem") + " first.");
            } else if (showCut.get() && current != null && computing.get()) {
                cutSentence.set("Finding the bottleneck…");
            } else {
                cutSentence.set("");
            }
            return;
        }
        cutNodeIds.set(c.nodeIds());
        cutLinkIndices.set(c.linkIndices());
        cutSentence.set(c.sentence());
    }

    public ObservableList<Problem> problems() {
        return problemsView;
    }

    public ReadOnlyObjectProperty<Bounds> boundsProperty() {
        return bounds.getReadOnlyProperty();
    }

    /** The allreduce bound's bottleneck cut, whether shown or not; null while unknown. */
    public ReadOnlyObjectProperty<BottleneckCut> cutProperty() {
        return cut.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public String statusText() {
        return statusText.get();
    }

    public ReadOnlyBooleanProperty computingProperty() {
        return computing.getReadOnlyProperty();
    }

    /** Whether the bottleneck cut is highlighted; the three cut properties are empty while it is not. */
    public BooleanProperty showCutProperty() {
        return showCut;
    }

    public ReadOnlyObjectProperty<Set<String>> cutNodeIdsProperty() {
        return cutNodeIds.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Integer>> cutLinkIndicesProperty() {
        return cutLinkIndices.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty cutSentenceProperty() {
        return cutSentence.getReadOnlyProperty();
    }
}
