package canopy.engine;

import canopy.model.Collective;
import canopy.model.Topology;

import java.util.EnumSet;
import java.util.Set;

/** The registry's face of {@link ForestScheduler}: the bandwidth-optimal forest, optionally tree-count limited. */
public final class OptimalForest implements CollectiveScheduler {
    public static final String NAME = "forest";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the bandwidth-optimal tree packing (ForestColl)";
    }

    @Override
    public Set<Collective> collectives() {
        return EnumSet.allOf(Collective.class);
    }

    @Override
    public Set<Option> options() {
        return EnumSet.of(Option.MAX_TREES_PER_ROOT);
    }

    @Override
    public ScheduleResult build(Topology t, Collective c, Request request, Progress p) {
        ForestScheduler forest = new ForestScheduler(p);
        var s = forest.schedule(t, c, request.maxTreesPerRoot());
        ForestScheduler.Stats st = forest.stats();
        return new ScheduleResult(s, st.reduceScatterTreesPerRoot(), st.allgatherTreesPerRoot(), "");
    }
}
