package canopy.ui.document;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Topology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The editing operations of the designer as pure functions from one topology to the next. Every
 * edit the UI makes goes through one of these inside {@link DesignDocument#edit}, so it is undoable
 * and testable without a window.
 */
public final class TopologyEdits {
    private TopologyEdits() {
    }

    /** Nodes and links added by a paste or duplicate, and where they are in the new topology. */
    public record Added(Topology topology, List<String> nodeIds, List<Integer> linkIndices) {
    }

    /** prefix + the smallest number giving an id not yet in t ("gpu0", "gpu1", …). */
    public static String freshId(Topology t, String prefix) {
        Set<String> used = new HashSet<>();
        for (Node n : t.nodes()) {
            used.add(n.id());
        }
        return freshId(used, prefix);
    }

    private static String freshId(Set<String> used, String prefix) {
        for (int i = 0; ; i++) {
            String id = prefix + i;
            if (!used.contains(id)) {
                return id;
            }
        }
    }

    /** The id after the highest in use that shares id's prefix (its text before the trailing digits). */
    static String nextId(Set<String> used, String id) {
        java.util.regex.Matcher m = TRAILING_NUMBER.matcher(id);
        String prefix = m.matches() ? m.group(1) : id;
        java.math.BigInteger highest = java.math.BigInteger.ZERO;
        for (String u : used) {
            if (u.length() > prefix.length() && u.startsWith(prefix)) {
                String rest = u.substring(prefix.length());
                if (rest.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    highest = highest.max(new java.math.BigInteger(rest));
                }
            }
        }
        java.math.BigInteger next = highest.add(java.math.BigInteger.ONE);
        while (used.contains(prefix + next)) {
            next = next.add(java.math.BigInteger.ONE);
        }
        return prefix + next;
    }

    private static final java.util.regex.Pattern TRAILING_NUMBER = java.util.regex.Pattern.compile("(.*?)(\\d+)");

    public static Topology addNode(Topology t, Node n) {
        if (t.node(n.id()) != null) {
            throw new IllegalArgumentException("node " + n.id() + " exists already");
        }
        List<Node> nodes = new ArrayList<>(t.nodes());
        nodes.add(n);
        return t.withNodes(nodes);
    }

    public static Topology addLink(Topology t, Link l) {
        List<Link> links = new ArrayList<>(t.links());
        links.add(l);
        return t.withLinks(links);
    }

    /** Removes the nodes (with every link that touches them) and the links at these indices. */
    public static Topology remove(Topology t, Collection<String> nodeIds, Collection<Integer> linkIndices) {
        Set<String> gone = new HashSet<>(nodeIds);
        Set<Integer> goneLinks = new HashSet<>(linkIndices);
        List<Node> nodes = new ArrayList<>();
        for (Node n : t.nodes()) {
            if (!gone.contains(n.id())) {
                nodes.add(n);
            }
        }
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < t.links().size(); i++) {
            Link l = t.links().get(i);
            if (!goneLinks.contains(i) && !gone.contains(l.from()) && !gone.contains(l.to())) {
                links.add(l);
            }
        }
        return new Topology(t.name(), t.units(), nodes, links);
    }

    /** Moves these nodes by (dx, dy); nodes without a position start from (0, 0). */
    public static Topology move(Topology t, Collection<String> ids, double dx, double dy) {
        Set<String> moving = new HashSet<>(ids);
        List<Node> nodes = new ArrayList<>();
        for (Node n : t.nodes()) {
            if (moving.contains(n.id())) {
                double x = n.x() == null ? 0 : n.x();
                double y = n.y() == null ? 0 : n.y();
                nodes.add(n.withPosition(x + dx, y + dy));
            } else {
                nodes.add(n);
            }
        }
        return t.withNodes(nodes);
    }

    /** Sets the positions of the nodes named in positions (id → {x, y}); others keep theirs. */
    public static Topology place(Topology t, Map<String, double[]> positions) {
        List<Node> nodes = new ArrayList<>();
        for (Node n : t.nodes()) {
            double[] p = positions.get(n.id());
            nodes.add(p == null ? n : n.withPosition(p[0], p[1]));
        }
        return t.withNodes(nodes);
    }

    /**
     * Replaces node id by replacement; when the id changes, links follow it. Throws when the new id
     * is taken by another node.
     */
    public static Topology replaceNode(Topology t, String id, Node replacement) {
        if (!id.equals(replacement.id()) && t.node(replacement.id()) != null) {
            throw new IllegalArgumentException("node " + replacement.id() + " exists already");
        }
        List<Node> nodes = new ArrayList<>();
        for (Node n : t.nodes()) {
            nodes.add(n.id().equals(id) ? replacement : n);
        }
        List<Link> links = new ArrayList<>();
        for (Link l : t.links()) {
            String from = l.from().equals(id) ? replacement.id() : l.from();
            String to = l.to().equals(id) ? replacement.id() : l.to();
            links.add(l.withEnds(from, to));
        }
        return new Topology(t.name(), t.units(), nodes, links);
    }

    public static Topology replaceLink(Topology t, int index, Link replacement) {
        List<Link> links = new ArrayList<>(t.links());
        links.set(index, replacement);
        return t.withLinks(links);
    }

    /**
     * Adds copies of nodes and of the links among them, shifted by (dx, dy), with fresh ids where
     * an id is taken: the next number after the highest in use with the same prefix (copies of "gpu2"
     * and "gpu3" beside gpu0…gpu3 become "gpu4" and "gpu5"; of "spine", "spine1"). Links whose ends are
     * not both copied are left out.
     */
    public static Added paste(Topology t, List<Node> nodes, List<Link> links, double dx, double dy) {
        Set<String> used = new HashSet<>();
        for (Node n : t.nodes()) {
            used.add(n.id());
        }
        Map<String, String> rename = new HashMap<>();
        List<Node> allNodes = new ArrayList<>(t.nodes());
        List<String> newIds = new ArrayList<>();
        for (Node n : nodes) {
            String id = used.contains(n.id()) ? nextId(used, n.id()) : n.id();
            used.add(id);
            rename.put(n.id(), id);
            double x = n.x() == null ? 0 : n.x();
            double y = n.y() == null ? 0 : n.y();
            allNodes.add(new Node(id, n.kind(), n.label(), x + dx, y + dy, n.group()));
            newIds.add(id);
        }
        List<Link> allLinks = new ArrayList<>(t.links());
        List<Integer> newLinks = new ArrayList<>();
        for (Link l : links) {
            String from = rename.get(l.from());
            String to = rename.get(l.to());
            if (from != null && to != null) {
                newLinks.add(allLinks.size());
                allLinks.add(new Link(from, to, l.bandwidth(), l.duplex(), l.latencyUs()));
            }
        }
        return new Added(new Topology(t.name(), t.units(), allNodes, allLinks), newIds, newLinks);
    }

    /** How align lines up nodes: by their left (smallest x), centre or right; top, middle or bottom. */
    public enum Alignment { LEFT, CENTER, RIGHT, TOP, MIDDLE, BOTTOM }

    /**
     * The placed nodes among ids lined up on one edge or centre line of their bounding box; nodes without
     * a position are left where they are.
     */
    public static Topology align(Topology t, Collection<String> ids, Alignment a) {
        List<Node> placed = placed(t, ids);
        if (placed.size() < 2) {
            return t;
        }
        boolean horizontal = a == Alignment.LEFT || a == Alignment.CENTER || a == Alignment.RIGHT;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Node n : placed) {
            double v = horizontal ? n.x() : n.y();
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double to = switch (a) {
            case LEFT, TOP -> min;
            case RIGHT, BOTTOM -> max;
            case CENTER, MIDDLE -> (min + max) / 2;
        };
        Map<String, double[]> at = new HashMap<>();
        for (Node n : placed) {
            at.put(n.id(), horizontal ? new double[] {to, n.y()} : new double[] {n.x(), to});
        }
        return place(t, at);
    }

    /**
     * The placed nodes among ids spaced evenly between the first and the last along x (horizontally) or
     * y, keeping their order; the other coordinate stays.
     */
    public static Topology distribute(Topology t, Collection<String> ids, boolean horizontally) {
        List<Node> placed = new ArrayList<>(placed(t, ids));
        if (placed.size() < 3) {
            return t;
        }
        placed.sort(java.util.Comparator.comparingDouble(n -> horizontally ? n.x() : n.y()));
        double first = horizontally ? placed.get(0).x() : placed.get(0).y();
        Node lastNode = placed.get(placed.size() - 1);
        double step = ((horizontally ? lastNode.x() : lastNode.y()) - first) / (placed.size() - 1);
        Map<String, double[]> at = new HashMap<>();
        for (int i = 0; i < placed.size(); i++) {
            Node n = placed.get(i);
            double v = first + step * i;
            at.put(n.id(), horizontally ? new double[] {v, n.y()} : new double[] {n.x(), v});
        }
        return place(t, at);
    }

    private static List<Node> placed(Topology t, Collection<String> ids) {
        List<Node> out = new ArrayList<>();
        for (String id : ids) {
            Node n = t.node(id);
            if (n != null && n.x() != null && n.y() != null) {
                out.add(n);
            }
        }
        return out;
    }

    /** Each of these links with add more bandwidth (an Upgrade Advisor row or a what-if applied). */
    public static Topology upgrade(Topology t, Collection<Integer> links, canopy.model.Rational add) {
        Topology out = t;
        for (int i : links) {
            Link l = out.links().get(i);
            out = replaceLink(out, i, l.withBandwidth(l.bandwidth().add(add)));
        }
        return out;
    }

    /** These nodes made members of group (null: of none). */
    public static Topology regroup(Topology t, Collection<String> ids, String group) {
        Set<String> chosen = new HashSet<>(ids);
        List<Node> nodes = new ArrayList<>(t.nodes().size());
        for (Node n : t.nodes()) {
            nodes.add(chosen.contains(n.id()) ? n.withGroup(group) : n);
        }
        return t.withNodes(nodes);
    }
}
