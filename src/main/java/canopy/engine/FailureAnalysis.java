package canopy.engine;

import canopy.model.Collective;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;
import canopy.model.TopologyValidator;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a failure does to the bounds: remove links, nodes (a switch or an accelerator) or whole groups
 * (boxes) from a topology, validate what is left and, when it is still valid, recompute the three
 * bounds exactly and compare.
 *
 * <p>Targets are typed values ({@link FailureTarget}); turning what a user types into them is the front
 * end's job (canopy.cli.FailTargets), so the engine knows neither command-line flags nor file formats.
 */
public final class FailureAnalysis {
    private FailureAnalysis() {
    }

    /** The optimal forest schedule of one collective on the topology after the failure. */
    public record ScheduleFigures(Collective collective, Rational algbw, Rational bound, int trees,
                                  long treesPerRoot) {
        public boolean optimal() {
            return algbw.equals(bound);
        }
    }

    /**
     * The answer.
     *
     * @param before       the topology as it was
     * @param after        the topology without the removed elements
     * @param removed      one line per removed element ("link b0g0<->nvs0", "node b0g3 (accelerator, 2 links)")
     * @param notes        what else changed (the accelerator count N, links removed with their nodes)
     * @param problems     every rule of formats.md the topology now breaks (empty when valid)
     * @param cutOff       accelerators no longer in the largest set of accelerators that all reach each other
     * @param boundsBefore the three bounds before
     * @param boundsAfter  the three bounds after, or null when the topology is no longer valid
     * @param schedules    forest schedules after the failure (allgather, allreduce) when asked and valid
     */
    public record Result(Topology before, Topology after, List<String> removed, List<String> notes,
                         List<TopologyValidator.Problem> problems, List<String> cutOff, Bounds boundsBefore,
                         Bounds boundsAfter, List<ScheduleFigures> schedules) {
        public boolean valid() {
            return problems.isEmpty();
        }

        /** Before and after of one collective's bound, or null when the topology is no longer valid. */
        public WhatIf.Change change(Collective c) {
            return boundsAfter == null ? null : new WhatIf.Change(boundsBefore.of(c), boundsAfter.of(c));
        }

        /**
         * One line on why the bounds cannot be computed after the failure: the cut-off accelerators when
         * some are, else the validator's first problem; null when valid.
         */
        public String invalidReason() {
            if (valid()) {
                return null;
            }
            int left = after.acceleratorCount();
            if (left < 2) {
                return left == 0 ? "no accelerators are left" : "only one accelerator (" + after.accelerators().get(0).id()
                        + ") is left";
            }
            if (!cutOff.isEmpty()) {
                int rest = left - cutOff.size();
                return (cutOff.size() == 1 ? "accelerator " + cutOff.get(0) + " is" : "accelerators "
                        + listed(cutOff) + " are") + " cut off from the other " + rest + " accelerator"
                        + (rest == 1 ? "" : "s");
            }
            return problems.get(0).message();
        }
    }

    /** Removes the targets from a valid topology and compares the bounds; schedules adds forest figures. */
    public static Result analyze(Topology t, List<FailureTarget> targets, boolean schedules) {
        return analyze(t, targets, schedules, Progress.NONE);
    }

    /**
     * The same, reporting progress. A target that names nothing in t (an unknown node or group, a link
     * index out of range) or an empty list is a caller's error: IllegalArgumentException.
     */
    public static Result analyze(Topology t, List<FailureTarget> targets, boolean schedules, Progress progress) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no element to fail");
        }
        List<String> names = WhatIf.linkNames(t);
        Set<String> goneNodes = new LinkedHashSet<>();
        Set<Integer> goneLinks = new LinkedHashSet<>();
        List<String> removed = new ArrayList<>();
        for (FailureTarget target : targets) {
            removed.add(remove(t, names, target, goneNodes, goneLinks));
        }
        List<Node> nodes = new ArrayList<>();
        for (Node n : t.nodes()) {
            if (!goneNodes.contains(n.id())) {
                nodes.add(n);
            }
        }
        List<Link> links = new ArrayList<>();
        int withNodes = 0;
        for (int i = 0; i < t.links().size(); i++) {
            Link l = t.links().get(i);
            boolean nodeGone = goneNodes.contains(l.from()) || goneNodes.contains(l.to());
            if (nodeGone && !goneLinks.contains(i)) {
                withNodes++;
            }
            if (!nodeGone && !goneLinks.contains(i)) {
                links.add(l);
            }
        }
        Topology after = new Topology(t.name() == null ? null : t.name() + " (after failure)", t.units(), nodes, links);

        List<String> notes = new ArrayList<>();
        if (withNodes > 0) {
            notes.add(withNodes + " link" + (withNodes == 1 ? "" : "s") + " went with the removed node"
                    + (goneNodes.size() == 1 ? "" : "s"));
        }
        int n0 = t.acceleratorCount();
        int n1 = after.acceleratorCount();
        if (n1 != n0) {
            notes.add("N changes from " + n0 + " to " + n1 + " accelerators: the collectives now run over " + n1
                    + ", each holding 1/" + n1 + " of the buffer instead of 1/" + n0
                    + ", so the bounds compare different collectives");
        }
        List<TopologyValidator.Problem> problems = TopologyValidator.problems(after);
        List<String> cutOff = n1 >= 2 ? cutOff(after) : List.of();
        Bounds before = Bounds.of(NetworkGraph.of(t), progress);
        Bounds afterBounds = null;
        List<ScheduleFigures> figures = new ArrayList<>();
        if (problems.isEmpty()) {
            afterBounds = Bounds.of(NetworkGraph.of(after), progress);
            if (schedules) {
                for (Collective c : List.of(Collective.ALLGATHER, Collective.ALLREDUCE)) {
                    ForestScheduler fs = new ForestScheduler(progress);
                    Schedule s = fs.schedule(after, c);
                    figures.add(new ScheduleFigures(c, s.algbw(), afterBounds.of(c), s.trees().size(),
                            fs.stats().treesPerRoot()));
                }
            }
        }
        return new Result(t, after, removed, notes, problems, cutOff, before, afterBounds, figures);
    }

    /** Marks the target's nodes or link as gone and says what went ("node b0g3 (accelerator, 2 links)"). */
    private static String remove(Topology t, List<String> names, FailureTarget target, Set<String> goneNodes,
                                 Set<Integer> goneLinks) {
        if (target instanceof FailureTarget.Node n) {
            Node node = t.node(n.id());
            if (node == null) {
                throw new IllegalArgumentException("no node " + n.id());
            }
            goneNodes.add(node.id());
            return "node " + node.id() + " (" + node.kind().jsonName() + ", " + degree(t, node.id()) + ")";
        }
        if (target instanceof FailureTarget.Group g) {
            int size = 0;
            int acc = 0;
            for (Node n : t.nodes()) {
                if (g.name().equals(n.group())) {
                    goneNodes.add(n.id());
                    size++;
                    acc += n.isAccelerator() ? 1 : 0;
                }
            }
            if (size == 0) {
                throw new IllegalArgumentException("no group " + g.name());
            }
            return "group " + g.name() + " (" + size + " node" + (size == 1 ? "" : "s") + ", "
                    + acc + " accelerator" + (acc == 1 ? "" : "s") + ")";
        }
        int i = ((FailureTarget.Link) target).index();
        if (i < 0 || i >= t.links().size()) {
            throw new IllegalArgumentException("no link #" + i);
        }
        goneLinks.add(i);
        Link link = t.links().get(i);
        return "link " + names.get(i) + " (" + link.bandwidth() + " "
                + (t.units() == null ? "GB/s" : t.units()) + (link.duplex() ? " each way)" : ")");
    }

    private static String degree(Topology t, String id) {
        int d = 0;
        for (Link l : t.links()) {
            if (l.from().equals(id) || l.to().equals(id)) {
                d++;
            }
        }
        return d + " link" + (d == 1 ? "" : "s");
    }

    // ---------------------------------------------------------------- reachability

    /**
     * The accelerators outside the largest set of accelerators that all reach each other (strongly
     * connected components over all nodes; ties go to the component of the first accelerator).
     */
    static List<String> cutOff(Topology t) {
        NetworkGraph g = NetworkGraph.of(t);
        int[] comp = components(g);
        int[] acc = g.accelerators();
        int[] size = new int[g.nodeCount()];
        for (int v : acc) {
            size[comp[v]]++;
        }
        int best = comp[acc[0]];
        for (int v : acc) {
            if (size[comp[v]] > size[best]) {
                best = comp[v];
            }
        }
        List<String> out = new ArrayList<>();
        for (int v : acc) {
            if (comp[v] != best) {
                out.add(g.id(v));
            }
        }
        return out;
    }

    /** Kosaraju's strongly connected components, iterative. */
    private static int[] components(NetworkGraph g) {
        int n = g.nodeCount();
        int[] order = new int[n];
        int filled = 0;
        boolean[] seen = new boolean[n];
        int[] stack = new int[n];
        int[] pos = new int[n];
        for (int s = 0; s < n; s++) {
            if (seen[s]) {
                continue;
            }
            int sp = 0;
            stack[sp++] = s;
            seen[s] = true;
            pos[s] = 0;
            while (sp > 0) {
                int u = stack[sp - 1];
                int[] out = g.outArcs(u);
                if (pos[u] < out.length) {
                    int v = g.arcTo(out[pos[u]++]);
                    if (!seen[v]) {
                        seen[v] = true;
                        pos[v] = 0;
                        stack[sp++] = v;
                    }
                } else {
                    order[filled++] = u;
                    sp--;
                }
            }
        }
        int[] comp = new int[n];
        Arrays.fill(comp, -1);
        int c = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int i = n - 1; i >= 0; i--) {
            int s = order[i];
            if (comp[s] >= 0) {
                continue;
            }
            comp[s] = c;
            queue.add(s);
            while (!queue.isEmpty()) {
                int u = queue.poll();
                for (int a : g.inArcs(u)) {
                    int v = g.arcFrom(a);
                    if (comp[v] < 0) {
                        comp[v] = c;
                        queue.add(v);
                    }
                }
            }
            c++;
        }
        return comp;
    }

    /** "a and b", "a, b and c", or the first ten and "N more". */
    static String listed(List<String> ids) {
        if (ids.size() == 1) {
            return ids.get(0);
        }
        int shown = Math.min(ids.size(), 10);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(i == ids.size() - 1 ? " and " : ", ");
            }
            sb.append(ids.get(i));
        }
        if (ids.size() > shown) {
            sb.append(String.format(Locale.ROOT, " and %d more", ids.size() - shown));
        }
        return sb.toString();
    }
}
