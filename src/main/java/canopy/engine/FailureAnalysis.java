package canopy.engine;

import canopy.io.InvalidInputException;
import canopy.io.TopologyValidator;
import canopy.model.Collective;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;

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
 * <p>A target names, in this order of precedence: a node id; a group; a link as messages name it
 * ("a->b" for a one-way link, "a<->b" or "b<->a" for a duplex link, "links[3] (a->b)" or "links[3]" or
 * "#3" by index in the file). "node:ID", "group:NAME" and "link:SPEC" force one reading. A name that
 * fits none is refused with an {@link InvalidInputException} (the CLI's exit status 2).
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
    public static Result analyze(Topology t, List<String> targets, boolean schedules) throws InvalidInputException {
        return analyze(t, targets, schedules, Progress.NONE);
    }

    public static Result analyze(Topology t, List<String> targets, boolean schedules, Progress progress)
            throws InvalidInputException {
        if (targets.isEmpty()) {
            throw new InvalidInputException("name at least one link, node or group to fail");
        }
        List<String> names = WhatIf.linkNames(t);
        Set<String> goneNodes = new LinkedHashSet<>();
        Set<Integer> goneLinks = new LinkedHashSet<>();
        List<String> removed = new ArrayList<>();
        for (String target : targets) {
            resolve(t, names, target.strip(), goneNodes, goneLinks, removed);
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

    // ---------------------------------------------------------------- resolving names

    private static void resolve(Topology t, List<String> names, String target, Set<String> goneNodes,
                                Set<Integer> goneLinks, List<String> removed) throws InvalidInputException {
        String forced = null;
        String name = target;
        for (String prefix : List.of("node:", "group:", "link:")) {
            if (target.startsWith(prefix)) {
                forced = prefix;
                name = target.substring(prefix.length()).strip();
            }
        }
        if (name.isEmpty()) {
            throw new InvalidInputException("--fail: empty name");
        }
        Node node = t.node(name);
        List<Node> group = new ArrayList<>();
        for (Node n : t.nodes()) {
            if (name.equals(n.group())) {
                group.add(n);
            }
        }
        if (forced == null && node != null && !group.isEmpty()) {
            throw new InvalidInputException("--fail " + name + ": both a node and a group; write node:" + name
                    + " or group:" + name);
        }
        if ((forced == null || forced.equals("node:")) && node != null) {
            goneNodes.add(node.id());
            removed.add("node " + node.id() + " (" + node.kind().jsonName() + ", " + degree(t, node.id()) + ")");
            return;
        }
        if ((forced == null || forced.equals("group:")) && !group.isEmpty()) {
            int acc = 0;
            for (Node n : group) {
                goneNodes.add(n.id());
                acc += n.isAccelerator() ? 1 : 0;
            }
            removed.add("group " + name + " (" + group.size() + " node" + (group.size() == 1 ? "" : "s") + ", "
                    + acc + " accelerator" + (acc == 1 ? "" : "s") + ")");
            return;
        }
        if (forced == null || forced.equals("link:")) {
            List<Integer> links = links(t, names, name);
            if (!links.isEmpty()) {
                for (int i : links) {
                    goneLinks.add(i);
                    removed.add("link " + names.get(i) + " (" + t.links().get(i).bandwidth() + " "
                            + (t.units() == null ? "GB/s" : t.units()) + (t.links().get(i).duplex() ? " each way)" : ")"));
                }
                return;
            }
            String hint = linkHint(t, name);
            if (hint != null) {
                throw new InvalidInputException("--fail " + name + ": no such link; " + hint);
            }
        }
        String what = forced == null ? "node, group or link" : forced.substring(0, forced.length() - 1);
        throw new InvalidInputException("--fail " + quote(name) + ": no " + what + " of that name"
                + (forced == null ? " (links are named a->b, a<->b or links[i])" : ""));
    }

    private static String quote(String s) {
        return "\"" + (s.length() > 60 ? s.substring(0, 60) + "…" : s) + "\"";
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

    /** The links a name denotes: by index, or every link whose name it is. */
    static List<Integer> links(Topology t, List<String> names, String name) throws InvalidInputException {
        String idx = null;
        if (name.startsWith("#")) {
            idx = name.substring(1);
        } else if (name.startsWith("links[")) {
            int close = name.indexOf(']');
            if (close > 6) {
                idx = name.substring(6, close);
            }
        }
        if (idx != null) {
            int i;
            try {
                i = Integer.parseInt(idx.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--fail " + name + ": " + quote(idx) + " is not a link index");
            }
            if (i < 0 || i >= t.links().size()) {
                throw new InvalidInputException("--fail " + name + ": no link #" + i + " (the topology has "
                        + t.links().size() + " links, #0 to #" + (t.links().size() - 1) + ")");
            }
            return List.of(i);
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < t.links().size(); i++) {
            Link l = t.links().get(i);
            if (names.get(i).equals(name) || l.describe().equals(name)
                    || (l.duplex() && (l.to() + "<->" + l.from()).equals(name))) {
                out.add(i);
            }
        }
        return out;
    }

    /** "did you mean a<->b?" when the name has the wrong arrow. */
    private static String linkHint(Topology t, String name) {
        String[] ends = name.contains("<->") ? name.split("<->", 2) : name.contains("->") ? name.split("->", 2) : null;
        if (ends == null || ends.length != 2) {
            return null;
        }
        String a = ends[0].strip();
        String b = ends[1].strip();
        for (Link l : t.links()) {
            boolean same = l.from().equals(a) && l.to().equals(b);
            boolean flipped = l.from().equals(b) && l.to().equals(a);
            if (same || (flipped && l.duplex())) {
                return "did you mean " + l.describe() + "?";
            }
            if (flipped) {
                return "the link goes the other way: " + l.describe();
            }
        }
        if (t.node(a) == null) {
            return "no node " + quote(a);
        }
        if (t.node(b) == null) {
            return "no node " + quote(b);
        }
        return "no link joins " + a + " and " + b;
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
