package canopy.render;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the diagram draws as one item, and so which links it draws as one bundle: the groups shown as
 * boxes, and the rows of switches ("tiers") shown as one bar. The user collapses groups by hand; when
 * a network of many groups is zoomed out (the {@link #OVERVIEW_SCALE overview}) every group is drawn
 * as one box where its outline was, and a tier whose switches would crowd each other, or fan out to
 * many boxes across the drawing, is drawn as one labelled bar. Links between two drawn items then
 * merge into one stroke (see {@link DiagramScene}). The same rule serves the designer and
 * {@code canopy render}, so a file and the screen at one zoom draw the same picture.
 *
 * @param groups   groups drawn as one box
 * @param overview true when the boxes stand where the groups' outlines are (zoomed out), false when
 *                 they are the compact boxes of groups the user collapsed
 * @param tierRows the y of each tier drawn as a bar: a tier is the switches outside every group that
 *                 share one y (a layered layout puts each switch level on its own row)
 */
public record Aggregation(Set<String> groups, boolean overview, Set<Double> tierRows) {
    /** Below this zoom a network of at least {@link #OVERVIEW_GROUPS} groups is drawn as its overview. */
    public static final double OVERVIEW_SCALE = 0.3;
    public static final int OVERVIEW_GROUPS = 8;
    /** A tier whose neighbouring switches come closer than this on screen is drawn as one bar. */
    public static final double MIN_SWITCH_GAP_PX = 40;
    /**
     * A tier whose every switch links to at least this many groups is drawn as one bar: otherwise each
     * switch fans out across all the boxes, and the fans cross each other and the boxes.
     */
    public static final int FAN_GROUPS = 8;

    public static final Aggregation NONE = new Aggregation(Set.of(), false, Set.of());

    public Aggregation {
        groups = Set.copyOf(groups);
        tierRows = Set.copyOf(tierRows);
    }

    /** Only the groups the user collapsed, drawn as compact boxes. */
    public static Aggregation collapsed(Set<String> groups) {
        return new Aggregation(groups, false, Set.of());
    }

    /** What to draw of t at this zoom, given the groups the user collapsed. */
    public static Aggregation at(Topology t, double scale, Set<String> userCollapsed) {
        if (scale >= OVERVIEW_SCALE) {
            return collapsed(userCollapsed);
        }
        Set<String> all = new HashSet<>();
        for (Node n : t.nodes()) {
            if (n.group() != null) {
                all.add(n.group());
            }
        }
        if (all.size() < OVERVIEW_GROUPS) {
            return collapsed(userCollapsed);
        }
        return new Aggregation(all, true, barredTiers(t, scale));
    }

    /** The rows of ungrouped switches that are drawn as bars at this scale. */
    static Set<Double> barredTiers(Topology t, double scale) {
        Map<Double, List<Node>> rows = tiers(t);
        Map<String, Set<String>> groupsOf = new HashMap<>();
        Map<String, String> groupOfNode = new HashMap<>();
        for (Node n : t.nodes()) {
            if (n.group() != null) {
                groupOfNode.put(n.id(), n.group());
            }
        }
        for (Link l : t.links()) {
            String gf = groupOfNode.get(l.from());
            String gt = groupOfNode.get(l.to());
            if (gt != null) {
                groupsOf.computeIfAbsent(l.from(), k -> new HashSet<>()).add(gt);
            }
            if (gf != null) {
                groupsOf.computeIfAbsent(l.to(), k -> new HashSet<>()).add(gf);
            }
        }
        Set<Double> out = new HashSet<>();
        rows.forEach((y, row) -> {
            if (row.size() < 2) {
                return;
            }
            double[] xs = row.stream().mapToDouble(Node::x).sorted().toArray();
            double gap = Double.MAX_VALUE;
            for (int i = 1; i < xs.length; i++) {
                gap = Math.min(gap, xs[i] - xs[i - 1]);
            }
            boolean fans = true;
            for (Node n : row) {
                fans &= groupsOf.getOrDefault(n.id(), Set.of()).size() >= FAN_GROUPS;
            }
            if (gap * scale < MIN_SWITCH_GAP_PX || fans) {
                out.add(y);
            }
        });
        return out;
    }

    /** The switches outside every group with a position, by their y, top to bottom. */
    static Map<Double, List<Node>> tiers(Topology t) {
        Map<Double, List<Node>> rows = new TreeMap<>();
        for (Node n : t.nodes()) {
            if (!n.isAccelerator() && n.group() == null && n.x() != null && n.y() != null) {
                rows.computeIfAbsent(n.y(), k -> new ArrayList<>()).add(n);
            }
        }
        return rows;
    }
}
