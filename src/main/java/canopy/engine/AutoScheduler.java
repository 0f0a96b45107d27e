package canopy.engine;

import canopy.model.Collective;
import canopy.model.Rational;
import canopy.model.Topology;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The schedule with the least modeled time ({@link TimeModel}) at one message size, among every
 * candidate Canopy builds: the optimal forest; the forest with one tree per root (fewer, so often
 * shallower, trees) when the optimum has more (up to {@link #MAX_ACCELERATORS_FOR_ONE_TREE_FOREST}
 * accelerators); the ring; the double binary tree where it applies; the shortest-path trees and, on a
 * cluster of boxes, the box-entry trees (only those above that size); the balanced trees, built for the
 * message size (up to that size too). Ties go to the earlier candidate. A candidate that fails (too
 * large to build) is skipped and named in the note; cancellation stops the whole choice.
 */
public final class AutoScheduler implements CollectiveScheduler {
    public static final String NAME = "auto";
    /**
     * Above this many accelerators the one-tree-per-root forest is not weighed (it costs another forest
     * construction and came within 2 % of the optimal forest's time on every class measured), nor, on
     * clusters of boxes, the shortest-path trees (see below).
     */
    static final int MAX_ACCELERATORS_FOR_ONE_TREE_FOREST = 256;
    /** The size chosen for when the request names none. */
    public static final long DEFAULT_BYTES = 1L << 20;

    /** A schedule to build: which scheduler, with what request, shown as label. */
    private record Plan(String label, CollectiveScheduler scheduler, Request request) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the least modeled time at the message size among all of the above";
    }

    @Override
    public Set<Collective> collectives() {
        return EnumSet.allOf(Collective.class);
    }

    @Override
    public Set<Option> options() {
        return EnumSet.of(Option.MESSAGE_SIZE);
    }

    /** One schedule auto built: its label, the scheduler's result and its time model. */
    public record Built(String label, ScheduleResult result, TimeModel model) {
    }

    /** Every candidate auto weighs, built, in order; failed: the labels of those that could not be. */
    public record Weighed(List<Built> built, List<String> failed) {
        public Weighed {
            built = List.copyOf(built);
            failed = List.copyOf(failed);
        }

        public List<TimeModel> models() {
            return built.stream().map(Built::model).toList();
        }
    }

    @Override
    public ScheduleResult build(Topology t, Collective c, Request request, Progress p) {
        long bytes = request.messageBytes() > 0 ? request.messageBytes() : DEFAULT_BYTES;
        List<String> labels = new ArrayList<>();
        List<TimeModel> models = new ArrayList<>();
        Built[] best = new Built[1];
        List<String> failed = weigh(t, c, bytes, p, b -> {
            labels.add(b.label());
            models.add(b.model());
            // only the fastest so far is kept, so the others' schedules can be freed as soon as they lose
            // (a ring allreduce at 1,024 accelerators is some 300 MB)
            if (best[0] == null || SizeBands.fastest(List.of(best[0].model(), b.model()), bytes) == 1) {
                best[0] = b;
            }
        });
        if (best[0] == null) {
            throw new IllegalArgumentException("no candidate could be built: " + String.join(", ", failed));
        }
        return best[0].result().withNote(note(best[0].label(), labels, models, failed, bytes));
    }

    /**
     * Every candidate of c on t, built and kept, with its time model: what export-msccl --bands chooses
     * from over every size. The candidates built for a message size are built for {@link #DEFAULT_BYTES}.
     */
    public static Weighed weighAll(Topology t, Collective c, Progress p) {
        List<Built> built = new ArrayList<>();
        List<String> failed = weigh(t, c, DEFAULT_BYTES, p, built::add);
        return new Weighed(built, failed);
    }

    /**
     * Builds every candidate of c on t (the class comment says which), those that choose by message size
     * for bytes, in order, and hands each, with its time model, to each; keeps none. Returns the labels of
     * the candidates that could not be built.
     */
    public static List<String> weigh(Topology t, Collective c, long bytes, Progress p, Consumer<Built> each) {
        Bounds bounds = Bounds.of(NetworkGraph.of(t), p);
        List<String> failed = new ArrayList<>();
        boolean boxes = hasBoxes(t);
        List<Plan> candidates = new ArrayList<>();
        for (CollectiveScheduler s : Schedulers.ALL) {
            if (s instanceof AutoScheduler || !s.supports(c)) {
                continue;
            }
            // Without boxes the box-entry trees are the shortest-path trees. With boxes, on large clusters,
            // the shortest-path trees are not weighed: they differ only by entering a box at several GPUs,
            // network copies the box-entry trees save, and building them costs as much again.
            if (!boxes && s.name().equals(ShortestPathTrees.BOX_ENTRY_NAME) || boxes && s.name().equals(
                    ShortestPathTrees.NAME) && t.acceleratorCount() > MAX_ACCELERATORS_FOR_ONE_TREE_FOREST) {
                continue;
            }
            // The shallow forest's attempt costs up to 64 connectivity checks before it gives up: weighed
            // where those are cheap.
            if (s.name().equals(OptimalForest.SHALLOW_NAME) && t.acceleratorCount() > MAX_ACCELERATORS_FOR_ONE_TREE_FOREST) {
                continue;
            }
            // The balanced trees build one tree set per slack tried, each costing about N^3 steps: weighed
            // where that is a few seconds.
            if (s instanceof BalancedTrees && t.acceleratorCount() > MAX_ACCELERATORS_FOR_ONE_TREE_FOREST) {
                continue;
            }
            boolean bySize = s.options().contains(Option.MESSAGE_SIZE);
            candidates.add(new Plan(s.name(), s, bySize ? Request.ofMessage(bytes) : Request.DEFAULT));
        }
        for (int i = 0; i < candidates.size(); i++) {
            String label = candidates.get(i).label();
            CollectiveScheduler s = candidates.get(i).scheduler();
            Request r = candidates.get(i).request();
            p.report("auto: " + label, (double) i / candidates.size());
            ScheduleResult result;
            try {
                result = Schedulers.run(s, t, c, r, p, bounds);
            } catch (CancelledException e) {
                throw e;
            } catch (RuntimeException e) {
                failed.add(label);
                continue;
            }
            each.accept(new Built(label, result, ScheduleAnalyzer.analyze(t, result.schedule(), p).timeModel()));
            // fewer trees per root: the forest's best with one tree per root, when the optimum has more
            if (s instanceof OptimalForest && s.options().contains(Option.MAX_TREES_PER_ROOT)
                    && r.maxTreesPerRoot() == 0 && result.treesPerRoot() > 1
                    && t.acceleratorCount() <= MAX_ACCELERATORS_FOR_ONE_TREE_FOREST) {
                candidates.add(i + 1, new Plan(label + " (1 tree per root)", s, new Request(1, 0)));
            }
        }
        return failed;
    }

    /** True when every accelerator has a group (box) and there are two or more. */
    private static boolean hasBoxes(Topology t) {
        java.util.Set<String> groups = new java.util.HashSet<>();
        for (canopy.model.Node n : t.nodes()) {
            if (n.kind() == canopy.model.NodeKind.ACCELERATOR) {
                if (n.group() == null) {
                    return false;
                }
                groups.add(n.group());
            }
        }
        return groups.size() >= 2;
    }

    /** "forest (1 tree per root), least of: forest 81.2 µs, … ; could not build …". */
    private static String note(String label, List<String> labels, List<TimeModel> models, List<String> failed,
                               long bytes) {
        StringBuilder sb = new StringBuilder(label + ", least of: ");
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            parts.add(labels.get(i) + " " + micros(models.get(i).timeExact(bytes)));
        }
        sb.append(String.join(", ", parts));
        if (!failed.isEmpty()) {
            sb.append("; could not build ").append(String.join(", ", failed));
        }
        return sb.toString();
    }

    private static String micros(Rational seconds) {
        return String.format(Locale.ROOT, "%.4g µs", seconds.toDouble() * 1e6);
    }
}
