package canopy.engine;

import canopy.model.Collective;
import canopy.model.Direction;
import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Latency-first trees: for every root one tree that reaches each accelerator along a shortest-latency
 * physical path, so every tree is as shallow as the network allows (depth = the root's latency
 * eccentricity, at most the accelerators' latency diameter), for small messages where start-up latency
 * dominates.
 *
 * <p>Per root, a Dijkstra search over the physical links orders paths by (latency; then fewest
 * accelerators relayed; then relaying as late as possible; then the least load already placed on their
 * links by earlier roots' trees, load / bandwidth summed). The last keys only break ties: relaying late
 * makes a cluster's tree cross the network once per remote box and fan out inside it (one NIC copy
 * per box, not one per GPU), and the load key spreads roots over equal routes (rails, spines, torus
 * directions). Each accelerator's parent is its nearest accelerator ancestor on the search tree; the
 * edge's path is the physical path between them, through switches only.
 *
 * <p>allgather: these out-trees, share 1; reduce-scatter: the same construction on the reversed links,
 * reversed into in-trees; allreduce: reduce-scatter (stage 0) then allgather (stage 1). algbw is exact;
 * bound is left to the registry.
 */
public final class ShortestPathTrees implements CollectiveScheduler {
    public static final String NAME = "shortest-path-trees";
    public static final String BOX_ENTRY_NAME = "box-entry-trees";

    private final boolean oneEntryPerBox;

    /**
     * oneEntryPerBox: after the search, each other box (group) that the tree enters at more than one
     * accelerator is entered at its shallowest entry only, the other entries hanging from it over paths
     * inside the box (switches only). One network copy per box instead of one per GPU, for a little depth.
     */
    public ShortestPathTrees(boolean oneEntryPerBox) {
        this.oneEntryPerBox = oneEntryPerBox;
    }

    @Override
    public String name() {
        return oneEntryPerBox ? BOX_ENTRY_NAME : NAME;
    }

    @Override
    public String description() {
        return oneEntryPerBox ? "shortest-path trees entering each box once and fanning out inside it"
                : "one shortest-latency tree per root (shallow; for small messages)";
    }

    @Override
    public Set<Collective> collectives() {
        return EnumSet.allOf(Collective.class);
    }

    @Override
    public ScheduleResult build(Topology t, Collective c, Request request, Progress p) {
        NetworkGraph g = NetworkGraph.of(t);
        List<ScheduleTree> trees = new ArrayList<>();
        if (c != Collective.ALLGATHER) {
            for (ScheduleTree tree : outTrees(g.reversed(), oneEntryPerBox, p)) {
                trees.add(reverse(tree));
            }
        }
        if (c != Collective.REDUCE_SCATTER) {
            int stage = c == Collective.ALLREDUCE ? 1 : 0;
            for (ScheduleTree tree : outTrees(g, oneEntryPerBox, p)) {
                trees.add(tree.withStage(stage));
            }
        }
        Rational algbw = new LinkLoads(g, trees, p).algbw();
        return ScheduleResult.of(new Schedule(c, name(), t.name(), g.acceleratorCount(), algbw, null, List.of(), trees));
    }

    /** One out-tree per accelerator of g, in accelerator order. */
    static List<ScheduleTree> outTrees(NetworkGraph g, boolean oneEntryPerBox, Progress p) {
        long[] lat = LatencyScale.of(g, ScheduleAnalyzer.DEFAULT_LATENCY_US).arcs();
        int n = g.nodeCount();
        int[][] out = outArcs(g);
        double[] inverseBw = new double[g.arcCount()];
        for (int a = 0; a < inverseBw.length; a++) {
            inverseBw[a] = 1 / g.bandwidth(a).toDouble();
        }
        double[] load = new double[g.arcCount()];
        int[] acc = g.accelerators();
        Map<String, List<Integer>> boxes = new LinkedHashMap<>();
        for (int v : acc) {
            if (g.group(v) != null) {
                boxes.computeIfAbsent(g.group(v), k -> new ArrayList<>()).add(v);
            }
        }
        List<ScheduleTree> trees = new ArrayList<>(acc.length);
        Label[] best = new Label[n];
        int[] pred = new int[n];
        int[] parent = new int[n];
        List<List<Integer>> pathOf = new ArrayList<>(Collections.nCopies(n, null));
        for (int r = 0; r < acc.length; r++) {
            p.checkCancelled();
            p.report("shortest-path trees", (double) r / acc.length);
            int root = acc[r];
            search(g, out, lat, inverseBw, load, root, best, pred);
            for (int v : acc) {
                if (v == root) {
                    continue;
                }
                if (best[v] == null) {
                    throw new IllegalArgumentException(g.id(v) + " cannot be reached from " + g.id(root));
                }
                List<Integer> path = new ArrayList<>();
                path.add(v);
                int x = v;
                do {
                    x = g.arcFrom(pred[x]);
                    path.add(x);
                } while (!g.isAccelerator(x));
                Collections.reverse(path);
                parent[v] = x;
                pathOf.set(v, path);
            }
            parent[root] = -1;
            if (oneEntryPerBox) {
                for (Map.Entry<String, List<Integer>> box : boxes.entrySet()) {
                    if (!box.getKey().equals(g.group(root))) {
                        enterOnce(g, out, box.getKey(), box.getValue(), best, parent, pathOf);
                    }
                }
            }
            List<TreeEdge> edges = new ArrayList<>(acc.length - 1);
            for (int v : acc) {
                if (v == root) {
                    continue;
                }
                List<Integer> path = pathOf.get(v);
                List<String> ids = new ArrayList<>(path.size());
                for (int k = 0; k < path.size(); k++) {
                    ids.add(g.id(path.get(k)));
                    if (k > 0) {
                        load[g.arc(path.get(k - 1), path.get(k))] += 1;
                    }
                }
                edges.add(new TreeEdge(ids.get(0), ids.get(ids.size() - 1), ids));
            }
            trees.add(new ScheduleTree(g.id(root), Phase.ALLGATHER, 0, Direction.OUT, Rational.ONE, edges));
        }
        return trees;
    }

    /**
     * Re-hangs every entry of box (a member whose parent is outside it) but the shallowest under that
     * one, over the shortest path inside the box through switches only; an entry with no such path, or
     * an ancestor of the shallowest, stays as it is.
     */
    private static void enterOnce(NetworkGraph g, int[][] out, String box, List<Integer> members, Label[] best,
                                  int[] parent, List<List<Integer>> pathOf) {
        int first = -1;
        List<Integer> entries = new ArrayList<>();
        for (int m : members) {
            if (parent[m] < 0 || box.equals(g.group(parent[m]))) {
                continue;
            }
            entries.add(m);
            if (first < 0 || best[m].compareTo(best[first]) < 0) {
                first = m;
            }
        }
        if (entries.size() < 2) {
            return;
        }
        int[] inside = insidePred(g, out, box, first);
        for (int m : entries) {
            if (m == first || inside[m] < 0 || isAncestor(parent, m, first)) {
                continue;
            }
            List<Integer> path = new ArrayList<>();
            for (int x = m; x != first; x = g.arcFrom(inside[x])) {
                path.add(x);
            }
            path.add(first);
            Collections.reverse(path);
            parent[m] = first;
            pathOf.set(m, path);
        }
    }

    /** Fewest-hop search from source over nodes of box, not through other accelerators: pred arcs, -1 unreached. */
    private static int[] insidePred(NetworkGraph g, int[][] out, String box, int source) {
        int[] pred = new int[g.nodeCount()];
        Arrays.fill(pred, -1);
        boolean[] seen = new boolean[g.nodeCount()];
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        queue.add(source);
        seen[source] = true;
        while (!queue.isEmpty()) {
            int u = queue.poll();
            if (u != source && g.isAccelerator(u)) {
                continue;
            }
            for (int a : out[u]) {
                int v = g.arcTo(a);
                if (!seen[v] && box.equals(g.group(v))) {
                    seen[v] = true;
                    pred[v] = a;
                    queue.add(v);
                }
            }
        }
        return pred;
    }

    private static boolean isAncestor(int[] parent, int a, int v) {
        for (int x = v; x >= 0; x = parent[x]) {
            if (x == a) {
                return true;
            }
        }
        return false;
    }

    /** A path's sort keys: latency, accelerators relayed, -(latency at the first relay), load. */
    private record Label(int node, long latency, int relays, long firstRelay, double load) implements Comparable<Label> {
        @Override
        public int compareTo(Label o) {
            int c = Long.compare(latency, o.latency);
            if (c == 0) {
                c = Integer.compare(relays, o.relays);
            }
            if (c == 0) {
                c = Long.compare(o.firstRelay, firstRelay); // relaying later is better
            }
            if (c == 0) {
                c = Double.compare(load, o.load);
            }
            return c;
        }
    }

    private static void search(NetworkGraph g, int[][] out, long[] lat, double[] inverseBw, double[] load, int root,
                               Label[] best, int[] pred) {
        Arrays.fill(best, null);
        Arrays.fill(pred, -1);
        PriorityQueue<Label> queue = new PriorityQueue<>();
        best[root] = new Label(root, 0, 0, Long.MAX_VALUE, 0);
        queue.add(best[root]);
        while (!queue.isEmpty()) {
            Label u = queue.poll();
            if (u != best[u.node]) {
                continue;
            }
            boolean relay = u.node != root && g.isAccelerator(u.node);
            for (int a : out[u.node]) {
                int v = g.arcTo(a);
                Label l = new Label(v, u.latency + lat[a], u.relays + (relay ? 1 : 0),
                        relay && u.firstRelay == Long.MAX_VALUE ? u.latency : u.firstRelay,
                        u.load + load[a] * inverseBw[a]);
                if (best[v] == null || l.compareTo(best[v]) < 0) {
                    best[v] = l;
                    pred[v] = a;
                    queue.add(l);
                }
            }
        }
    }

    /** Per node, the arcs leaving it. */
    static int[][] outArcs(NetworkGraph g) {
        int[] count = new int[g.nodeCount()];
        for (int a = 0; a < g.arcCount(); a++) {
            count[g.arcFrom(a)]++;
        }
        int[][] out = new int[g.nodeCount()][];
        for (int v = 0; v < out.length; v++) {
            out[v] = new int[count[v]];
            count[v] = 0;
        }
        for (int a = 0; a < g.arcCount(); a++) {
            out[g.arcFrom(a)][count[g.arcFrom(a)]++] = a;
        }
        return out;
    }

    /** An out-tree built on reversed links, turned into the reduce-scatter in-tree it stands for. */
    static ScheduleTree reverse(ScheduleTree t) {
        List<TreeEdge> edges = new ArrayList<>(t.edges().size());
        for (TreeEdge e : t.edges()) {
            List<String> path = new ArrayList<>(e.path());
            Collections.reverse(path);
            edges.add(new TreeEdge(e.to(), e.from(), path));
        }
        return new ScheduleTree(t.root(), Phase.REDUCE_SCATTER, 0, Direction.IN, t.share(), edges);
    }
}
