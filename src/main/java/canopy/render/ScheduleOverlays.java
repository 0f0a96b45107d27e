package canopy.render;

import canopy.engine.Congestion;
import canopy.engine.NcclGraphSchedule;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the {@link ScheduleOverlay} of a schedule: its congestion view, or one tree (or a root's trees). */
public final class ScheduleOverlays {
    private ScheduleOverlays() {
    }

    /** The congestion view of s on t: {@link Congestion}'s utilisation, tree counts and bottlenecks. */
    public static ScheduleOverlay congestion(Topology t, Schedule s) {
        return congestion(Congestion.of(t, s));
    }

    /** The congestion view: every arc coloured by its utilisation, the bottleneck arcs marked. */
    public static ScheduleOverlay congestion(Congestion c) {
        return new ScheduleOverlay(c.values(), c.trees(), c.bottlenecks(), List.of(), false, List.of());
    }

    /** Tree number treeIndex (schedule order) along its physical paths, everything else dimmed. */
    public static ScheduleOverlay tree(Topology t, Schedule s, int treeIndex) {
        if (treeIndex < 0 || treeIndex >= s.trees().size()) {
            throw new IllegalArgumentException("no tree " + treeIndex + ": the schedule has " + s.trees().size());
        }
        return ofTrees(List.of(s.trees().get(treeIndex)));
    }

    /**
     * All trees rooted at root (for allreduce both its reduce-scatter in-trees and its allgather
     * out-trees), everything else dimmed. IllegalArgumentException when no tree has that root.
     */
    public static ScheduleOverlay treesOfRoot(Topology t, Schedule s, String root) {
        List<ScheduleTree> mine = new ArrayList<>();
        for (ScheduleTree tree : s.trees()) {
            if (tree.root().equals(root)) {
                mine.add(tree);
            }
        }
        if (mine.isEmpty()) {
            throw new IllegalArgumentException("no tree of the schedule has root '" + root + "'");
        }
        return ofTrees(mine);
    }

    /**
     * NCCL's channel number index (of channels, the import's list) as the overlay draws it: in palette
     * colour index, each hop along its path with its step.
     */
    public static ScheduleOverlay.Channel channel(List<NcclGraphSchedule.Channel> channels, int index) {
        NcclGraphSchedule.Channel c = channels.get(index);
        List<ScheduleOverlay.Hop> hops = new ArrayList<>();
        for (int i = 0; i < c.hops().size(); i++) {
            hops.add(new ScheduleOverlay.Hop(c.hops().get(i).path(), c.steps().get(i)));
        }
        return new ScheduleOverlay.Channel(index, c.label(), hops);
    }

    private static ScheduleOverlay ofTrees(List<ScheduleTree> trees) {
        List<List<String>> paths = new ArrayList<>();
        for (ScheduleTree tree : trees) {
            for (TreeEdge e : tree.edges()) {
                paths.add(e.path());
            }
        }
        return new ScheduleOverlay(Map.of(), Map.of(), Set.of(), paths, true, List.of());
    }
}
