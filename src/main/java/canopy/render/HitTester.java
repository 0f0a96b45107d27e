package canopy.render;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What lies under a point or inside a rectangle, in world coordinates. Nodes win over collapsed
 * group boxes, which win over links; among links the nearest within the tolerance wins. Callers turn
 * a tolerance in screen pixels into world units by dividing by the viewport's scale.
 */
public final class HitTester {
    private HitTester() {
    }

    public enum Kind { NONE, NODE, GROUP, LINK }

    /** A hit: a node id, a collapsed group's name, or a topology link index (the first of a merged link). */
    public record Hit(Kind kind, String node, String group, int link) {
        public static final Hit NONE = new Hit(Kind.NONE, null, null, -1);

        public static Hit node(String id) {
            return new Hit(Kind.NODE, id, null, -1);
        }

        public static Hit group(String name) {
            return new Hit(Kind.GROUP, null, name, -1);
        }

        public static Hit link(int index) {
            return new Hit(Kind.LINK, null, null, index);
        }

        public boolean isNone() {
            return kind == Kind.NONE;
        }
    }

    /**
     * The element at (wx, wy). nodeRadius is the drawn radius in world units (it may be larger than
     * the style's when zoomed far out); tolerance is in world units.
     */
    public static Hit hit(DiagramScene s, double wx, double wy, double nodeRadius, double tolerance) {
        double reach = nodeRadius + tolerance;
        int best = -1;
        double bestD = Double.MAX_VALUE;
        for (int i = s.nodeCount() - 1; i >= 0; i--) {
            if (!s.isVisible(i)) {
                continue;
            }
            double dx = Math.abs(wx - s.x(i));
            double dy = Math.abs(wy - s.y(i));
            boolean inside = s.isSwitch(i) ? dx <= reach && dy <= reach : dx * dx + dy * dy <= reach * reach;
            if (inside) {
                double d = dx * dx + dy * dy;
                if (d < bestD) {
                    bestD = d;
                    best = i;
                }
            }
        }
        if (best >= 0) {
            return Hit.node(s.id(best));
        }
        for (DiagramScene.GroupBox g : s.groups()) {
            if (g.collapsed() && g.box().expand(tolerance).contains(wx, wy)) {
                return Hit.group(g.name());
            }
        }
        DiagramScene.DrawnLink bestLink = null;
        double bestDist = Double.MAX_VALUE;
        for (DiagramScene.DrawnLink l : s.links()) {
            if (wx < l.minX - tolerance || wx > l.maxX + tolerance || wy < l.minY - tolerance || wy > l.maxY + tolerance) {
                continue;
            }
            double d = distance(l, wx, wy);
            if (d <= tolerance && d < bestDist) {
                bestDist = d;
                bestLink = l;
            }
        }
        return bestLink == null ? Hit.NONE : Hit.link(bestLink.indices[0]);
    }

    /** Distance from (px, py) to the drawn line or curve. */
    public static double distance(DiagramScene.DrawnLink l, double px, double py) {
        if (!l.curved) {
            return segmentDistance(px, py, l.ax, l.ay, l.bx, l.by);
        }
        double best = Double.MAX_VALUE;
        double x0 = l.ax;
        double y0 = l.ay;
        int steps = 24;
        for (int k = 1; k <= steps; k++) {
            double t = (double) k / steps;
            double u = 1 - t;
            double x1 = u * u * l.ax + 2 * u * t * l.cx + t * t * l.bx;
            double y1 = u * u * l.ay + 2 * u * t * l.cy + t * t * l.by;
            best = Math.min(best, segmentDistance(px, py, x0, y0, x1, y1));
            x0 = x1;
            y0 = y1;
        }
        return best;
    }

    public static double segmentDistance(double px, double py, double ax, double ay, double bx, double by) {
        double abx = bx - ax;
        double aby = by - ay;
        double len2 = abx * abx + aby * aby;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * abx + (py - ay) * aby) / len2));
        return Math.hypot(ax + t * abx - px, ay + t * aby - py);
    }

    /**
     * Node ids whose centres lie in r (world), in topology order; a collapsed group whose box centre
     * lies in r contributes all its members.
     */
    public static List<String> nodesIn(DiagramScene s, Rect r) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < s.nodeCount(); i++) {
            if (s.isVisible(i) && r.contains(s.x(i), s.y(i))) {
                out.add(s.id(i));
            }
        }
        for (DiagramScene.GroupBox g : s.groups()) {
            if (g.collapsed() && r.contains(g.box().centerX(), g.box().centerY())) {
                out.addAll(g.members());
            }
        }
        return new ArrayList<>(out);
    }

    /** Indices of the topology links with both ends in nodes. */
    public static List<Integer> linksAmong(DiagramScene s, Set<String> nodes) {
        List<Integer> out = new ArrayList<>();
        var links = s.topology().links();
        for (int i = 0; i < links.size(); i++) {
            if (nodes.contains(links.get(i).from()) && nodes.contains(links.get(i).to())) {
                out.add(i);
            }
        }
        return out;
    }
}
