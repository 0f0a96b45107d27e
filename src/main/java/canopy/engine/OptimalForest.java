package canopy.engine;

import canopy.model.Collective;
import canopy.model.Topology;

import java.util.EnumSet;
import java.util.Set;

/** The registry's face of {@link ForestScheduler}: the bandwidth-optimal forest, optionally tree-count limited. */
public final class OptimalForest implements CollectiveScheduler {
    public static final String NAME = "forest";
    public static final String SHALLOW_NAME = "shallow-forest";
    private final boolean shallow;

    public OptimalForest() {
        this(false);
    }

    /** shallow: {@link ForestScheduler#preferShallow}, the optimal forest grown shallow where that is cheap. */
    public OptimalForest(boolean shallow) {
        this.shallow = shallow;
    }

    @Override
    public String name() {
        return shallow ? SHALLOW_NAME : NAME;
    }

    @Override
    public String description() {
        return shallow ? "the bandwidth-optimal tree packing, its trees grown shallow where that is cheap"
                : "the bandwidth-optimal tree packing (ForestColl)";
    }

    @Override
    public Set<Collective> collectives() {
        return EnumSet.allOf(Collective.class);
    }

    @Override
    public Set<Option> options() {
        return shallow ? EnumSet.noneOf(Option.class) : EnumSet.of(Option.MAX_TREES_PER_ROOT);
    }

    @Override
    public ScheduleResult build(Topology t, Collective c, Request request, Progress p) {
        ForestScheduler forest = new ForestScheduler(p).preferShallow(shallow);
        var s = forest.schedule(t, c, request.maxTreesPerRoot());
        ForestScheduler.Stats st = forest.stats();
        return new ScheduleResult(s, st.reduceScatterTreesPerRoot(), st.allgatherTreesPerRoot(), "");
    }
}
