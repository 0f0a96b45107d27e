package canopy.render;

import canopy.io.FigureText;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Rational;
import canopy.model.Topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The world geometry of a topology, computed once per change of the topology, the collapsed groups
 * or the style, and then drawn many times (every pan and zoom) by {@link DiagramPainter} and queried
 * by {@link HitTester}: node positions (nodes without x/y placed on a circle), group boxes, and the
 * drawn links with their parallel offsets, curves around nodes in their way, widths, width classes
 * (for batching equal strokes) and bounding boxes (for culling).
 *
 * <p>What is drawn as one item follows an {@link Aggregation}. A group the user collapsed is one
 * compact box at its members' centroid; in the zoomed-out overview every group is one box where its
 * outline was, and a crowded tier of switches is one bar ({@link TierBar}). Members of a box or a bar
 * are hidden, links inside one vanish, and all links between the same two drawn items merge into one
 * drawn link, a bundle, whose bandwidth is their sum and whose width grows with it.
 */
public final class DiagramScene {
    /** Sideways shift of a one-way link, so that a pair of opposite one-way links shows both. */
    public static final double ONE_WAY_OFFSET = 5;
    /** Width classes are this many pixels apart; links of one class and colour are stroked as one path. */
    public static final double WIDTH_QUANTUM = 0.25;
    static final double GROUP_PAD_X = 22;
    static final double GROUP_PAD_TOP = 26;
    static final double GROUP_PAD_BOTTOM = 30;

    /** A group's box: around its members, or the box standing for them when collapsed. */
    public record GroupBox(String name, Rect box, boolean collapsed, List<String> members) {
    }

    /**
     * A tier of switches drawn as one horizontal bar at height y from minX to maxX (their centres);
     * name says what it stands for ("64 leaves").
     */
    public record TierBar(String name, double y, double minX, double maxX, List<String> members) {
        /** The point of the bar nearest to x: where a bundle from x meets it. */
        double attach(double x) {
            return Math.max(minX, Math.min(maxX, x));
        }
    }

    /** One drawn link: a topology link, or several merged at a collapsed group. */
    public static final class DrawnLink {
        /** The topology link indices it stands for: more than one for a bundle. */
        public final int[] indices;
        public final String from;
        public final String to;
        public final double ax;
        public final double ay;
        public final double bx;
        public final double by;
        public final boolean curved;
        public final double cx;
        public final double cy;
        public final boolean oneWay;
        public final Rational bandwidth;
        public final double width;
        public final int widthClass;
        public final double minX;
        public final double minY;
        public final double maxX;
        public final double maxY;
        /** How far from b the target's outline is (where an arrowhead ends), world units. */
        public final double endInset;
        private String label;

        DrawnLink(int[] indices, String from, String to, double ax, double ay, double bx, double by,
                  boolean curved, double cx, double cy, boolean oneWay, Rational bandwidth, double width,
                  int widthClass, double endInset) {
            this.indices = indices;
            this.from = from;
            this.to = to;
            this.ax = ax;
            this.ay = ay;
            this.bx = bx;
            this.by = by;
            this.curved = curved;
            this.cx = cx;
            this.cy = cy;
            this.oneWay = oneWay;
            this.bandwidth = bandwidth;
            this.width = width;
            this.widthClass = widthClass;
            this.endInset = endInset;
            double x0 = Math.min(ax, bx);
            double y0 = Math.min(ay, by);
            double x1 = Math.max(ax, bx);
            double y1 = Math.max(ay, by);
            if (curved) {
                // The curve stays inside the triangle of its ends and control point.
                x0 = Math.min(x0, cx);
                y0 = Math.min(y0, cy);
                x1 = Math.max(x1, cx);
                y1 = Math.max(y1, cy);
            }
            minX = x0;
            minY = y0;
            maxX = x1;
            maxY = y1;
        }

        /** The midpoint of the drawn line or curve. */
        public double midX() {
            return curved ? 0.25 * ax + 0.5 * cx + 0.25 * bx : (ax + bx) / 2;
        }

        public double midY() {
            return curved ? 0.25 * ay + 0.5 * cy + 0.25 * by : (ay + by) / 2;
        }

        /** The bandwidth label, formatted once. */
        public String label() {
            if (label == null) {
                label = BandwidthFormat.format(bandwidth);
            }
            return label;
        }
    }

    private final Topology topology;
    private final DiagramStyle style;
    private final Aggregation aggregation;
    private final Set<String> collapsed;
    private final String[] ids;
    private final double[] xs;
    private final double[] ys;
    private final boolean[] switches;
    private final boolean[] visible;
    private final String[] texts;
    private final Map<String, Integer> index;
    private final List<GroupBox> groups;
    private final Map<String, GroupBox> groupOf;
    private final List<TierBar> tiers;
    private final Map<String, TierBar> tierOf;
    private final List<DrawnLink> links;
    private final int[] drawnOfLink;
    private final int[][] byWidthClass;
    private final double[] classWidth;
    private final Rect bounds;

    private DiagramScene(Topology t, Aggregation aggregation, DiagramStyle style) {
        this.topology = t;
        this.style = style;
        this.aggregation = aggregation;
        this.collapsed = aggregation.groups();
        int n = t.nodes().size();
        ids = new String[n];
        xs = new double[n];
        ys = new double[n];
        switches = new boolean[n];
        visible = new boolean[n];
        texts = new String[n];
        index = new HashMap<>(n * 2);
        place(t.nodes());
        for (int i = 0; i < n; i++) {
            Node node = t.nodes().get(i);
            ids[i] = node.id();
            switches[i] = !node.isAccelerator();
            texts[i] = node.label() != null && !node.label().isBlank() ? node.label() : node.id();
            index.putIfAbsent(node.id(), i);
        }
        groupOf = new HashMap<>();
        groups = buildGroups(t.nodes());
        tierOf = new HashMap<>();
        tiers = buildTiers(t);
        for (int i = 0; i < n; i++) {
            String g = t.nodes().get(i).group();
            visible[i] = (g == null || !collapsed.contains(g)) && !tierOf.containsKey(ids[i]);
        }
        drawnOfLink = new int[t.links().size()];
        Arrays.fill(drawnOfLink, -1);
        links = buildLinks(t);
        double maxWidth = style.maxLinkWidth();
        int classes = (int) Math.ceil((maxWidth - style.minLinkWidth()) / WIDTH_QUANTUM) + 1;
        classWidth = new double[classes];
        int[] counts = new int[classes];
        for (DrawnLink l : links) {
            counts[l.widthClass]++;
        }
        byWidthClass = new int[classes][];
        for (int c = 0; c < classes; c++) {
            byWidthClass[c] = new int[counts[c]];
            classWidth[c] = style.minLinkWidth() + c * WIDTH_QUANTUM;
            counts[c] = 0;
        }
        for (int i = 0; i < links.size(); i++) {
            DrawnLink l = links.get(i);
            byWidthClass[l.widthClass][counts[l.widthClass]++] = i;
        }
        bounds = computeBounds();
    }

    public static DiagramScene of(Topology t, Set<String> collapsedGroups, DiagramStyle style) {
        return new DiagramScene(t, Aggregation.collapsed(collapsedGroups), style);
    }

    public static DiagramScene of(Topology t, Aggregation aggregation, DiagramStyle style) {
        return new DiagramScene(t, aggregation, style);
    }

    public static DiagramScene of(Topology t, DiagramStyle style) {
        return new DiagramScene(t, Aggregation.NONE, style);
    }

    // ---------------------------------------------------------------- positions

    private void place(List<Node> nodes) {
        int n = nodes.size();
        int missing = 0;
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (Node node : nodes) {
            if (node.x() == null || node.y() == null) {
                missing++;
            } else {
                minX = Math.min(minX, node.x());
                maxX = Math.max(maxX, node.x());
                minY = Math.min(minY, node.y());
                maxY = Math.max(maxY, node.y());
            }
        }
        double cx = 0, cy = 0, radius = Math.max(120, missing * 3 * style.nodeRadius() / Math.PI);
        if (missing < n) {
            cx = (minX + maxX) / 2;
            cy = (minY + maxY) / 2;
            radius += Math.hypot(maxX - minX, maxY - minY) / 2;
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            Node node = nodes.get(i);
            if (node.x() == null || node.y() == null) {
                double angle = 2 * Math.PI * k++ / missing - Math.PI / 2;
                xs[i] = cx + radius * Math.cos(angle);
                ys[i] = cy + radius * Math.sin(angle);
            } else {
                xs[i] = node.x();
                ys[i] = node.y();
            }
        }
    }

    private List<GroupBox> buildGroups(List<Node> nodes) {
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            String g = nodes.get(i).group();
            if (g != null) {
                members.computeIfAbsent(g, k -> new ArrayList<>()).add(i);
            }
        }
        List<GroupBox> out = new ArrayList<>();
        double r = style.nodeRadius();
        members.forEach((name, list) -> {
            double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
            double sx = 0, sy = 0;
            List<String> ms = new ArrayList<>();
            for (int i : list) {
                x0 = Math.min(x0, xs[i]);
                x1 = Math.max(x1, xs[i]);
                y0 = Math.min(y0, ys[i]);
                y1 = Math.max(y1, ys[i]);
                sx += xs[i];
                sy += ys[i];
                ms.add(ids[i]);
            }
            GroupBox box;
            if (collapsed.contains(name) && aggregation.overview()) {
                // Where the outline was, so the boxes keep the layout's arrangement and room for their names.
                box = new GroupBox(name, new Rect(x0 - r - GROUP_PAD_X, y0 - r - GROUP_PAD_TOP,
                        x1 + r + GROUP_PAD_X, y1 + r + GROUP_PAD_BOTTOM), true, List.copyOf(ms));
            } else if (collapsed.contains(name)) {
                double cx = sx / list.size();
                double cy = sy / list.size();
                double hw = 2.6 * r;
                double hh = 1.6 * r;
                box = new GroupBox(name, new Rect(cx - hw, cy - hh, cx + hw, cy + hh), true, List.copyOf(ms));
            } else {
                box = new GroupBox(name, new Rect(x0 - r - GROUP_PAD_X, y0 - r - GROUP_PAD_TOP,
                        x1 + r + GROUP_PAD_X, y1 + r + GROUP_PAD_BOTTOM), false, List.copyOf(ms));
            }
            out.add(box);
            groupOf.put(name, box);
        });
        return Collections.unmodifiableList(out);
    }

    private List<TierBar> buildTiers(Topology t) {
        List<TierBar> out = new ArrayList<>();
        Aggregation.tiers(t).forEach((y, row) -> {
            if (!aggregation.tierRows().contains(y)) {
                return;
            }
            double x0 = Double.MAX_VALUE;
            double x1 = -Double.MAX_VALUE;
            List<String> ms = new ArrayList<>();
            for (Node n : row) {
                x0 = Math.min(x0, n.x());
                x1 = Math.max(x1, n.x());
                ms.add(n.id());
            }
            TierBar bar = new TierBar(FigureText.plural(row.size(), commonPrefix(ms)), y, x0, x1, List.copyOf(ms));
            out.add(bar);
            for (String id : ms) {
                tierOf.put(id, bar);
            }
        });
        return Collections.unmodifiableList(out);
    }

    /** What the switches of a tier are called: their ids' shared leading letters ("leaf"), else "switch". */
    static String commonPrefix(List<String> ids) {
        String word = null;
        for (String id : ids) {
            int k = 0;
            while (k < id.length() && Character.isLetter(id.charAt(k))) {
                k++;
            }
            String w = id.substring(0, k);
            if (word != null && !word.equals(w)) {
                return "switch";
            }
            word = w;
        }
        return word == null || word.isEmpty() ? "switch" : word;
    }

    // ---------------------------------------------------------------- links

    /** A drawn end: a visible node, the box of the collapsed group holding it, or its tier's bar. */
    private record End(String key, double x, double y, double inset, boolean box, TierBar bar) {
        /** This end as met by a link from the other end: a bar is met straight across from it. */
        End facing(End other) {
            if (bar == null) {
                return this;
            }
            double from = other.bar == null ? other.x : (other.bar.minX() + other.bar.maxX()) / 2;
            return new End(key, bar.attach(from), y, inset, box, bar);
        }
    }

    private End endOf(String id) {
        Integer i = index.get(id);
        if (i == null) {
            return null;
        }
        String g = topology.nodes().get(i).group();
        if (g != null && collapsed.contains(g)) {
            GroupBox b = groupOf.get(g);
            return new End("\u0000group:" + g, b.box().centerX(), b.box().centerY(), b.box().height() / 2, true, null);
        }
        TierBar bar = tierOf.get(id);
        if (bar != null) {
            return new End("\u0000tier:" + bar.y(), xs[i], bar.y(), 0, true, bar);
        }
        return new End(id, xs[i], ys[i], style.nodeRadius(), false, null);
    }

    /** The key of what node id is drawn as: its own id, or its collapsed group's or tier's (bundles share it). */
    public String drawnKey(String id) {
        End e = endOf(id);
        return e == null ? id : e.key;
    }

    private List<DrawnLink> buildLinks(Topology t) {
        // Links touching a collapsed group or a tier bar merge per pair of drawn ends.
        Map<String, List<Integer>> merged = new LinkedHashMap<>();
        List<Object> order = new ArrayList<>(); // Integer (plain link) or String (merged key)
        for (int i = 0; i < t.links().size(); i++) {
            Link l = t.links().get(i);
            End a = endOf(l.from());
            End b = endOf(l.to());
            if (a == null || b == null || a.key.equals(b.key)) {
                continue; // unknown node, self-loop, or inside one collapsed group
            }
            if (a.box || b.box) {
                String key = a.key.compareTo(b.key) < 0 ? a.key + "\u0001" + b.key : b.key + "\u0001" + a.key;
                List<Integer> list = merged.get(key);
                if (list == null) {
                    list = new ArrayList<>();
                    merged.put(key, list);
                    order.add(key);
                }
                list.add(i);
            } else {
                order.add(i);
            }
        }
        // Widths span the drawn bandwidths, so a bundle is as much wider as it carries more.
        double minBw = Double.MAX_VALUE;
        double maxBw = 0;
        for (Object o : order) {
            double bw = o instanceof Integer i ? t.links().get(i).bandwidth().toDouble() : totalBandwidth(t, merged.get((String) o)).toDouble();
            minBw = Math.min(minBw, bw);
            maxBw = Math.max(maxBw, bw);
        }
        NodeIndexByX nodesByX = new NodeIndexByX();
        Map<String, Integer> fan = new HashMap<>();
        List<DrawnLink> out = new ArrayList<>(order.size());
        for (Object o : order) {
            int[] indices;
            String fromId;
            String toId;
            boolean oneWay;
            Rational bw;
            if (o instanceof Integer i) {
                Link l = t.links().get(i);
                indices = new int[] {i};
                fromId = l.from();
                toId = l.to();
                oneWay = !l.duplex();
                bw = l.bandwidth();
            } else {
                List<Integer> list = merged.get((String) o);
                indices = list.stream().mapToInt(Integer::intValue).toArray();
                Link first = t.links().get(indices[0]);
                fromId = first.from();
                toId = first.to();
                String fromKey = endOf(fromId).key;
                boolean forward = false;
                boolean backward = false;
                bw = totalBandwidth(t, merged.get((String) o));
                for (int i : indices) {
                    Link l = t.links().get(i);
                    boolean same = endOf(l.from()).key.equals(fromKey);
                    if (l.duplex()) {
                        forward = backward = true;
                    } else if (same) {
                        forward = true;
                    } else {
                        backward = true;
                    }
                }
                oneWay = !(forward && backward);
            }
            End a0 = endOf(fromId);
            End b0 = endOf(toId);
            End a = a0.facing(b0);
            End b = b0.facing(a);
            double width = style.linkWidth(bw.toDouble(), minBw, maxBw);
            int widthClass = (int) Math.round((width - style.minLinkWidth()) / WIDTH_QUANTUM);
            double dx = b.x - a.x;
            double dy = b.y - a.y;
            double len = Math.hypot(dx, dy);
            if (len == 0) {
                continue; // two nodes on one spot: no direction to draw
            }
            double ux = dx / len;
            double uy = dy / len;
            double rx = -uy;
            double ry = ux;
            String pair = a.key.compareTo(b.key) < 0 ? a.key + "\u0000" + b.key : b.key + "\u0000" + a.key;
            int k = fan.merge(pair + (oneWay ? "o" + a.key : "d"), 1, Integer::sum) - 1;
            double shift = (oneWay ? ONE_WAY_OFFSET : 0) + k * (width + 3);
            DrawnLink drawn;
            if (nodesByX.blocks(a, b)) {
                double bow = Math.max(30, 0.12 * len) + shift;
                double cx = (a.x + b.x) / 2 + rx * 2 * bow;
                double cy = (a.y + b.y) / 2 + ry * 2 * bow;
                drawn = new DrawnLink(indices, fromId, toId, a.x, a.y, b.x, b.y, true, cx, cy, oneWay, bw, width,
                        widthClass, b.inset);
            } else {
                drawn = new DrawnLink(indices, fromId, toId, a.x + rx * shift, a.y + ry * shift, b.x + rx * shift,
                        b.y + ry * shift, false, 0, 0, oneWay, bw, width, widthClass, b.inset);
            }
            for (int i : indices) {
                drawnOfLink[i] = out.size();
            }
            out.add(drawn);
        }
        return Collections.unmodifiableList(out);
    }

    private static Rational totalBandwidth(Topology t, List<Integer> links) {
        Rational sum = Rational.ZERO;
        for (int i : links) {
            sum = sum.add(t.links().get(i).bandwidth());
        }
        return sum;
    }

    /** Visible nodes sorted by x, to find those near a segment quickly. */
    private final class NodeIndexByX {
        private final int[] order;
        private final double[] sortedX;

        NodeIndexByX() {
            Integer[] boxed = new Integer[ids.length];
            int m = 0;
            for (int i = 0; i < ids.length; i++) {
                if (visible[i]) {
                    boxed[m++] = i;
                }
            }
            Integer[] vis = Arrays.copyOf(boxed, m);
            Arrays.sort(vis, (p, q) -> Double.compare(xs[p], xs[q]));
            order = new int[m];
            sortedX = new double[m];
            for (int i = 0; i < m; i++) {
                order[i] = vis[i];
                sortedX[i] = xs[vis[i]];
            }
        }

        /** True when the straight segment a–b runs through a visible node other than its ends. */
        boolean blocks(End a, End b) {
            double clear = style.nodeRadius() + 4;
            double x0 = Math.min(a.x, b.x) - clear;
            double x1 = Math.max(a.x, b.x) + clear;
            double y0 = Math.min(a.y, b.y) - clear;
            double y1 = Math.max(a.y, b.y) + clear;
            double abx = b.x - a.x;
            double aby = b.y - a.y;
            double len2 = abx * abx + aby * aby;
            int lo = lowerBound(x0);
            for (int k = lo; k < order.length && sortedX[k] <= x1; k++) {
                int i = order[k];
                double px = xs[i];
                double py = ys[i];
                if (py < y0 || py > y1) {
                    continue;
                }
                if ((px == a.x && py == a.y) || (px == b.x && py == b.y) || ids[i].equals(a.key) || ids[i].equals(b.key)) {
                    continue;
                }
                double tt = Math.max(0, Math.min(1, ((px - a.x) * abx + (py - a.y) * aby) / len2));
                double qx = a.x + tt * abx - px;
                double qy = a.y + tt * aby - py;
                if (qx * qx + qy * qy < clear * clear) {
                    return true;
                }
            }
            return false;
        }

        private int lowerBound(double x) {
            int lo = 0;
            int hi = sortedX.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sortedX[mid] < x) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    private Rect computeBounds() {
        double r = style.nodeRadius();
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (int i = 0; i < ids.length; i++) {
            if (visible[i]) {
                x0 = Math.min(x0, xs[i] - r);
                x1 = Math.max(x1, xs[i] + r);
                y0 = Math.min(y0, ys[i] - r);
                y1 = Math.max(y1, ys[i] + r + 16); // room for the label below
            }
        }
        for (TierBar bar : tiers) {
            x0 = Math.min(x0, bar.minX() - r);
            x1 = Math.max(x1, bar.maxX() + r);
            y0 = Math.min(y0, bar.y() - r);
            y1 = Math.max(y1, bar.y() + r);
        }
        for (GroupBox g : groups) {
            x0 = Math.min(x0, g.box().minX());
            x1 = Math.max(x1, g.box().maxX());
            y0 = Math.min(y0, g.box().minY());
            y1 = Math.max(y1, g.box().maxY());
        }
        for (DrawnLink l : links) {
            if (l.curved) {
                double mx = l.midX();
                double my = l.midY();
                x0 = Math.min(x0, mx);
                x1 = Math.max(x1, mx);
                y0 = Math.min(y0, my);
                y1 = Math.max(y1, my);
            }
        }
        return x0 > x1 ? Rect.EMPTY : new Rect(x0, y0, x1, y1);
    }

    // ---------------------------------------------------------------- queries

    public Topology topology() {
        return topology;
    }

    public DiagramStyle style() {
        return style;
    }

    public Set<String> collapsedGroups() {
        return collapsed;
    }

    public int nodeCount() {
        return ids.length;
    }

    public String id(int i) {
        return ids[i];
    }

    public double x(int i) {
        return xs[i];
    }

    public double y(int i) {
        return ys[i];
    }

    public boolean isSwitch(int i) {
        return switches[i];
    }

    /** False for members of a collapsed group. */
    public boolean isVisible(int i) {
        return visible[i];
    }

    /** The label, or the id when there is none. */
    public String text(int i) {
        return texts[i];
    }

    /** The node's index, or -1. */
    public int indexOf(String id) {
        Integer i = index.get(id);
        return i == null ? -1 : i;
    }

    /** Where the node is drawn (its x/y, or the fallback place when it has none), or null. */
    public double[] positionOf(String id) {
        int i = indexOf(id);
        return i < 0 ? null : new double[] {xs[i], ys[i]};
    }

    public List<GroupBox> groups() {
        return groups;
    }

    public GroupBox group(String name) {
        return groupOf.get(name);
    }

    /** The collapsed group box node id is drawn in, or null when it is drawn on its own or in a bar. */
    public GroupBox boxOf(String id) {
        Integer i = index.get(id);
        String g = i == null ? null : topology.nodes().get(i).group();
        return g != null && collapsed.contains(g) ? groupOf.get(g) : null;
    }

    /** The tiers drawn as bars (none outside the overview). */
    public List<TierBar> tiers() {
        return tiers;
    }

    /** Whether some drawn link stands for several (the congestion legend then says how it is coloured). */
    public boolean hasBundles() {
        for (DrawnLink l : links) {
            if (l.indices.length > 1) {
                return true;
            }
        }
        return false;
    }

    /** What is drawn as one item, and so which links are bundled. */
    public Aggregation aggregation() {
        return aggregation;
    }

    public List<DrawnLink> links() {
        return links;
    }

    /** The drawn link standing for topology link i, or -1 when it is not drawn. */
    public int drawnOf(int linkIndex) {
        return linkIndex >= 0 && linkIndex < drawnOfLink.length ? drawnOfLink[linkIndex] : -1;
    }

    public int widthClasses() {
        return byWidthClass.length;
    }

    /** Drawn link indices whose width falls into class c. */
    public int[] linksOfWidthClass(int c) {
        return byWidthClass[c];
    }

    public double widthOfClass(int c) {
        return classWidth[c];
    }

    /** Everything drawn, in world coordinates: what "fit to view" shows. */
    public Rect bounds() {
        return bounds;
    }
}
