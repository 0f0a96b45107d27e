package canopy.model;

import java.util.List;

/** One tree of a schedule (formats.md): root, phase, stage, direction, exact share and edges. */
public record ScheduleTree(String root, Phase phase, int stage, Direction direction, Rational share,
                           List<TreeEdge> edges) {
    public ScheduleTree {
        edges = List.copyOf(edges);
    }

    public ScheduleTree withStage(int newStage) {
        return new ScheduleTree(root, phase, newStage, direction, share, edges);
    }
}
