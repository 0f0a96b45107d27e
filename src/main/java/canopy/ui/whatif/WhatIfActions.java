package canopy.ui.whatif;

import canopy.io.FigureText;
import canopy.compare.Comparison;
import canopy.compare.LinkContrast;
import canopy.engine.Bounds;
import canopy.engine.FailureAnalysis;
import canopy.engine.FailureTarget;
import canopy.engine.NetworkGraph;
import canopy.engine.WhatIf;
import canopy.io.InvalidInputException;
import canopy.model.Collective;
import canopy.model.Link;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;
import canopy.render.HitTester;
import canopy.ui.dialog.Dialogs;
import canopy.ui.compare.CompareViewModel;
import canopy.ui.task.BackgroundTask;
import canopy.ui.task.TaskExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The designer's what-if and comparison actions, knowing no window: each runs its engine work on the
 * executor and hands a ready {@link CompareViewModel} (figures computed) to show, or tells the user
 * through {@link Dialogs}.
 */
public final class WhatIfActions {
    /** Bandwidth added by "What if it were faster?". */
    public static final Rational FASTER_BY = Rational.of(25);

    private final Supplier<Topology> topology;
    private final Dialogs dialogs;
    private final TaskExecutor executor;
    private final Supplier<Collective> collective;
    private final Consumer<CompareViewModel> show;

    /**
     * @param topology   the designer's current topology
     * @param collective the collective to compare (the Schedule panel's)
     * @param show       opens a comparison window (called on the executor's delivery thread)
     */
    public WhatIfActions(Supplier<Topology> topology, Dialogs dialogs, TaskExecutor executor,
                         Supplier<Collective> collective, Consumer<CompareViewModel> show) {
        this.topology = Objects.requireNonNull(topology);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.executor = Objects.requireNonNull(executor);
        this.collective = Objects.requireNonNull(collective);
        this.show = Objects.requireNonNull(show);
    }

    private Collective collective() {
        Collective c = collective.get();
        return c == null ? Collective.ALLREDUCE : c;
    }

    // ------------------------------------------------------------------ comparisons

    /** Analysis › Compare Algorithms…: the algorithms on the current topology. */
    public void compareAlgorithms(Collective c, List<String> algorithms) {
        compareAlgorithms(c, algorithms, null, null);
    }

    /**
     * The algorithms on the current topology and, when imported is not null, that schedule (of c, on this
     * topology: NCCL's, imported from a graph dump) beside them, labelled label; its header then says
     * where it loses bandwidth against the forest, when the forest is among them (as {@code canopy
     * compare --schedule} prints).
     */
    public void compareAlgorithms(Collective c, List<String> algorithms, String label, Schedule imported) {
        Topology t = topology.get();
        if (algorithms.size() + (imported == null ? 0 : 1) < 2) {
            dialogs.showError("Nothing to compare", "Choose two or more algorithms.");
            return;
        }
        run("Could not compare the algorithms", () -> {
            Comparison byAlgorithm = Comparison.ofAlgorithms(t, c, algorithms);
            if (imported == null) {
                return ready(new CompareViewModel(byAlgorithm, title(t, c.jsonName() + " by algorithm"), null));
            }
            List<Comparison.Entry> entries = new ArrayList<>(byAlgorithm.entries());
            entries.add(new Comparison.Entry(label, t, imported));
            String header = null;
            for (Comparison.Entry e : byAlgorithm.entries()) {
                if (e.schedule().algorithm().equals(canopy.engine.OptimalForest.NAME)) {
                    header = LinkContrast.sentence(t, imported, label, e.schedule(), "forest");
                    break;
                }
            }
            return ready(new CompareViewModel(new Comparison(entries),
                    title(t, c.jsonName() + ": " + label + " beside the algorithms"), header));
        });
    }

    /** Analysis › Open Comparison…: asks for a comparison/1 file. */
    public void chooseComparison(Path initialDirectory) {
        dialogs.chooseFileToOpen(initialDirectory).ifPresent(this::openComparison);
    }

    public void openComparison(Path file) {
        run("Could not open " + file.getFileName(), () -> ready(CompareViewModel.load(file)));
    }

    // ------------------------------------------------------------------ what if

    /** What FailureAnalysis removes for a hit element, or empty for nothing failable. */
    public static Optional<FailureTarget> failTarget(HitTester.Hit hit) {
        return switch (hit.kind()) {
            case NODE -> Optional.of(FailureTarget.node(hit.node()));
            case GROUP -> Optional.of(FailureTarget.group(hit.group()));
            case LINK -> Optional.of(FailureTarget.link(hit.link()));
            default -> Optional.empty();
        };
    }

    /** "What if it fails?": remove the target and compare before and after. */
    public void whatIfFails(FailureTarget target) {
        Topology t = topology.get();
        Collective c = collective();
        BackgroundTask<Object> task = BackgroundTask.of(p -> {
            FailureAnalysis.Result r = FailureAnalysis.analyze(t, List.of(target), false, p);
            if (!r.valid()) {
                return r;
            }
            String what = String.join(", ", r.removed());
            List<String> lines = new ArrayList<>();
            lines.add("Without " + what + ": " + change(c, r.change(c), units(t)));
            lines.addAll(r.notes());
            return ready(new CompareViewModel(Comparison.ofTopologies(t, r.after(), c),
                    title(t, "without " + what), String.join("\n", lines)));
        });
        task.onSuccess(o -> {
            if (o instanceof FailureAnalysis.Result r) {
                dialogs.showInfo("If " + String.join(", ", r.removed()) + " failed",
                        "The topology would no longer be valid: " + r.invalidReason() + ".");
            } else {
                show.accept((CompareViewModel) o);
            }
        }).onFailure(e -> dialogs.showError("What if it fails?", message(e)));
        executor.execute(task);
    }

    /** "What if it were faster?": add by (GB/s per direction) to one link and compare before and after. */
    public void whatIfFaster(int linkIndex, Rational by) {
        Topology t = topology.get();
        Collective c = collective();
        if (linkIndex < 0 || linkIndex >= t.links().size()) {
            dialogs.showError("What if it were faster?", "No link #" + linkIndex + ".");
            return;
        }
        run("What if it were faster?", () -> {
            List<Link> links = new ArrayList<>(t.links());
            Link l = links.get(linkIndex);
            links.set(linkIndex, l.withBandwidth(l.bandwidth().add(by)));
            Topology after = t.withLinks(links);
            Rational before = Bounds.of(NetworkGraph.of(t), canopy.engine.Progress.NONE).of(c);
            Rational now = Bounds.of(NetworkGraph.of(after), canopy.engine.Progress.NONE).of(c);
            String name = WhatIf.linkNames(t).get(linkIndex);
            String header = name + " at " + format(l.bandwidth().add(by)) + " instead of " + format(l.bandwidth())
                    + " " + units(t) + ": " + change(c, new WhatIf.Change(before, now), units(t));
            return ready(new CompareViewModel(Comparison.ofTopologies(t, after, c),
                    title(t, name + " +" + format(by)), header));
        });
    }

    // ------------------------------------------------------------------ helpers

    private interface Work {
        CompareViewModel get() throws Exception;
    }

    private void run(String failure, Work work) {
        BackgroundTask<CompareViewModel> task = BackgroundTask.of(p -> work.get());
        task.onSuccess(show).onFailure(e -> dialogs.showError(failure, message(e)));
        executor.execute(task);
    }

    /** Computes the figures off the FX thread. */
    private static CompareViewModel ready(CompareViewModel vm) {
        vm.rows();
        vm.chartLines();
        return vm;
    }

    private static String title(Topology t, String what) {
        return "Comparison — " + (t.name() == null ? "topology" : t.name()) + ": " + what;
    }

    private static String units(Topology t) {
        return FigureText.units(t.units());
    }

    /** "allreduce bound 1040/6 → 130 GB/s (−43.3, −25.0%)". */
    static String change(Collective c, WhatIf.Change ch, String units) {
        return c.jsonName() + " bound " + format(ch.before()) + " → " + format(ch.after()) + " " + units + " ("
                + (ch.delta().signum() > 0 ? "+" : "") + format(ch.delta()) + ", " + WhatIf.percent(ch.relative())
                + ")";
    }

    /** "400", "12.5", "1040/3 ≈ 346.667". */
    public static String format(Rational r) {
        return FigureText.shortExact(r);
    }

    static String message(Throwable e) {
        if (e instanceof InvalidInputException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
