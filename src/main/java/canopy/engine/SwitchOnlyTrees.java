package canopy.engine;

import canopy.model.Direction;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes a baseline's tree keep formats.md's rule that a path crosses only switches between its two
 * accelerators. The baselines route a pair with no switch-only route through other accelerators (as
 * NCCL's PXN forwards); such an accelerator already holds the data it forwards, so it becomes the parent
 * of what follows it.
 *
 * <p>Edges are taken parents first (an out-tree from its root; an in-tree as the out-tree of its reversed
 * edges). Each edge's path is cut at the accelerators it crosses, and a piece is kept only when it ends
 * at an accelerator not reached yet. So every accelerator keeps one parent, joined to the root, and every
 * kept piece is a part of one old path used once: no link carries more than before, so the tree's loads
 * (and the schedule's algbw) can only improve.
 */
public final class SwitchOnlyTrees {
    private SwitchOnlyTrees() {
    }

    /**
     * The form of s a schedule file can hold: s itself when no path crosses an accelerator, else s
     * with every relayed edge cut and its algbw recomputed (an imported NCCL schedule with PXN relays).
     * Every writer of a schedule file goes through this, so a file Canopy writes always verifies.
     */
    public static Schedule forFile(Topology t, Schedule s) {
        return forFile(NetworkGraph.of(t), s);
    }

    static Schedule forFile(NetworkGraph g, Schedule s) {
        List<ScheduleTree> trees = new ArrayList<>(s.trees().size());
        boolean cut = false;
        for (ScheduleTree tree : s.trees()) {
            ScheduleTree kept = of(g, tree);
            cut |= kept != tree;
            trees.add(kept);
        }
        return !cut ? s : new Schedule(s.collective(), s.algorithm(), s.topologyName(), s.accelerators(),
                new LinkLoads(g, trees).algbw(), s.bound(), s.bottleneckCut(), trees);
    }

    /** t itself when no path crosses an accelerator, else the tree with its relayed edges cut. */
    static ScheduleTree of(NetworkGraph g, ScheduleTree t) {
        if (!relays(g, t.edges())) {
            return t;
        }
        boolean in = t.direction() == Direction.IN;
        List<TreeEdge> out = new ArrayList<>(t.edges().size());
        for (TreeEdge e : t.edges()) {
            out.add(in ? reversed(e) : e);
        }
        List<TreeEdge> cut = cutOutTree(g, t.root(), out);
        List<TreeEdge> edges = new ArrayList<>(cut.size());
        for (TreeEdge e : cut) {
            edges.add(in ? reversed(e) : e);
        }
        return new ScheduleTree(t.root(), t.phase(), t.stage(), t.direction(), t.share(), edges);
    }

    private static boolean relays(NetworkGraph g, List<TreeEdge> edges) {
        for (TreeEdge e : edges) {
            List<String> p = e.path();
            for (int k = 1; k + 1 < p.size(); k++) {
                if (g.isAccelerator(g.indexOf(p.get(k)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The out-tree's edges cut at crossed accelerators, parents first (breadth-first from root). */
    private static List<TreeEdge> cutOutTree(NetworkGraph g, String root, List<TreeEdge> edges) {
        Map<String, List<TreeEdge>> children = new HashMap<>();
        for (TreeEdge e : edges) {
            children.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
        }
        Set<String> reached = new HashSet<>();
        reached.add(root);
        List<TreeEdge> result = new ArrayList<>(edges.size());
        ArrayDeque<String> queue = new ArrayDeque<>();
        queue.add(root);
        while (!queue.isEmpty()) {
            for (TreeEdge e : children.getOrDefault(queue.poll(), List.of())) {
                List<String> p = e.path();
                int start = 0;
                for (int k = 1; k < p.size(); k++) {
                    if (!g.isAccelerator(g.indexOf(p.get(k)))) {
                        continue;
                    }
                    if (reached.add(p.get(k))) {
                        result.add(new TreeEdge(p.get(start), p.get(k), p.subList(start, k + 1)));
                    }
                    start = k;
                }
                queue.add(e.to());
            }
        }
        return result;
    }

    private static TreeEdge reversed(TreeEdge e) {
        List<String> p = new ArrayList<>(e.path());
        Collections.reverse(p);
        return new TreeEdge(e.to(), e.from(), p);
    }
}
