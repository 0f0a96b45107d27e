package canopy.engine;

import canopy.model.Collective;
import canopy.model.Schedule;
import canopy.model.Topology;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The registry of {@link CollectiveScheduler}s, read by every front end, and the one place that checks a
 * request against a scheduler and fills in a schedule's bound.
 */
public final class Schedulers {
    /** Every algorithm, in the order front ends list them. A new algorithm is one more entry. */
    public static final List<CollectiveScheduler> ALL = List.of(new OptimalForest(), new RingScheduler(),
            new DoubleBinaryTreeScheduler(), new ShortestPathTrees(false),
            new ShortestPathTrees(true), new OptimalForest(true), new BalancedTrees(), new AutoScheduler());

    private Schedulers() {
    }

    public static List<String> names() {
        return ALL.stream().map(CollectiveScheduler::name).toList();
    }

    /** The scheduler called name (case-insensitive); IllegalArgumentException naming the choices otherwise. */
    public static CollectiveScheduler get(String name) {
        for (CollectiveScheduler s : ALL) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not an algorithm; expected " + orList(names()));
    }

    /** The names of the algorithms that schedule c. */
    public static List<String> supporting(Collective c) {
        return ALL.stream().filter(s -> s.supports(c)).map(CollectiveScheduler::name).toList();
    }

    /**
     * Why s cannot schedule c, or null when it can: "double-binary-tree schedules allreduce only, not
     * allgather".
     */
    public static String unsupported(CollectiveScheduler s, Collective c) {
        if (s.supports(c)) {
            return null;
        }
        List<String> names = s.collectives().stream().map(Collective::toString).toList();
        return s.name() + " schedules " + orList(names) + " only, not " + c;
    }

    /** Why s cannot take request, or null when it can: "--max-trees-per-root" style option names are the caller's. */
    public static CollectiveScheduler.Option refusedOption(CollectiveScheduler s, CollectiveScheduler.Request r) {
        if (r.maxTreesPerRoot() != 0 && !s.options().contains(CollectiveScheduler.Option.MAX_TREES_PER_ROOT)) {
            return CollectiveScheduler.Option.MAX_TREES_PER_ROOT;
        }
        if (r.messageBytes() != 0 && !s.options().contains(CollectiveScheduler.Option.MESSAGE_SIZE)) {
            return CollectiveScheduler.Option.MESSAGE_SIZE;
        }
        return null;
    }

    /** The names of the algorithms accepting option o. */
    public static List<String> accepting(CollectiveScheduler.Option o) {
        return ALL.stream().filter(s -> s.options().contains(o)).map(CollectiveScheduler::name).toList();
    }

    public static ScheduleResult run(String name, Topology t, Collective c, CollectiveScheduler.Request r,
                                     Progress p) {
        return run(get(name), t, c, r, p, null);
    }

    /**
     * s's schedule of c on t with the bound and bottleneck cut of c filled in (from bounds, or computed
     * here when null). IllegalArgumentException when s does not schedule c or take an option of r.
     */
    public static ScheduleResult run(CollectiveScheduler s, Topology t, Collective c, CollectiveScheduler.Request r,
                                     Progress p, Bounds bounds) {
        // first, so a cancelled caller stops here even when it then asks for something refused (auto
        // weighing a candidate that turns out to refuse its request would otherwise finish its choice)
        p.checkCancelled();
        String why = unsupported(s, c);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        CollectiveScheduler.Option refused = refusedOption(s, r);
        if (refused != null) {
            throw new IllegalArgumentException(s.name() + " takes no " + refused.name().toLowerCase().replace('_', ' '));
        }
        ScheduleResult result = s.build(t, c, r, p);
        return result.withSchedule(withBound(result.schedule(), t, p, bounds));
    }

    /** s with its collective's bound and cut filled in, when it has none. */
    static Schedule withBound(Schedule s, Topology t, Progress p, Bounds bounds) {
        if (s.bound() != null) {
            return s;
        }
        p.checkCancelled();
        Bounds b = bounds != null ? bounds : Bounds.of(NetworkGraph.of(t), p);
        return new Schedule(s.collective(), s.algorithm(), s.topologyName(), s.accelerators(), s.algbw(),
                b.of(s.collective()), b.cutOf(s.collective()).cut(), s.trees());
    }

    /** "a", "a or b", "a, b or c". */
    public static String orList(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        List<String> head = new ArrayList<>(items.subList(0, items.size() - 1));
        return head.stream().collect(Collectors.joining(", ")) + " or " + items.get(items.size() - 1);
    }
}
