package canopy.render;

import canopy.model.Link;
import canopy.model.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws a {@link ScheduleOverlay} for {@link DiagramPainter}, in screen coordinates through any
 * {@link DiagramGraphics}: the congestion view (each direction of a link its own stroke, coloured and
 * widened by utilisation, bottlenecks cased), the selected tree along its physical paths, and the
 * chunks of an animation frame. Strokes of one colour and width are batched into one path.
 */
final class ScheduleLayer {
    /** Utilisations are quantised into this many steps (plus idle) for batching. */
    static final int STEPS = 32;
    /** Categorical palette for markers (Tableau 10), readable on both themes. */
    static final Rgba[] PALETTE = {
        Rgba.web("#4e79a7"), Rgba.web("#f28e2b"), Rgba.web("#e15759"), Rgba.web("#76b7b2"),
        Rgba.web("#59a14f"), Rgba.web("#edc948"), Rgba.web("#b07aa1"), Rgba.web("#ff9da7"),
        Rgba.web("#9c755f"), Rgba.web("#bab0ac"),
    };
    /** Opacity factor of what a tree view dims. */
    static final double DIM = 0.22;

    private ScheduleLayer() {
    }

    static Rgba treeColour(DiagramStyle st) {
        return UtilisationScale.dark(st) ? Rgba.web("#ff5fa2") : Rgba.web("#c2185b");
    }

    static Rgba dimmed(Rgba c) {
        return c.withOpacity(c.opacity() * DIM);
    }

    /** One directed stroke: screen points a → (c) → b, and the arrowhead's tip inset at b. */
    private record Stroke(double ax, double ay, boolean curved, double cx, double cy, double bx, double by,
                          double inset, boolean bottleneck) {
    }

    private static String side(DiagramScene s, String id) {
        Node n = s.topology().node(id);
        String g = n == null ? null : n.group();
        return g != null && s.collapsedGroups().contains(g) ? "\u0000" + g : id;
    }

    /** Draws every visible drawn link as one or two directed strokes by utilisation; returns links drawn. */
    static int paintCongestion(DiagramGraphics g, DiagramScene s, Viewport v, LevelOfDetail lod, Rect view,
                               ScheduleOverlay o) {
        DiagramStyle st = s.style();
        Map<String, Double> util = o.arcUtilisation();
        List<List<Stroke>> buckets = new ArrayList<>();
        for (int i = 0; i <= STEPS; i++) {
            buckets.add(new ArrayList<>());
        }
        double factor = Math.max(0.6, lod.linkWidthFactor());
        int drawn = 0;
        for (DiagramScene.DrawnLink l : s.links()) {
            if (!view.intersects(l.minX, l.minY, l.maxX, l.maxY)) {
                continue;
            }
            drawn++;
            String fromSide = side(s, l.from);
            double fwd = 0;
            double bwd = 0;
            boolean hasFwd = false;
            boolean hasBwd = false;
            boolean bnFwd = false;
            boolean bnBwd = false;
            for (int i : l.indices) {
                Link k = s.topology().links().get(i);
                boolean same = side(s, k.from()).equals(fromSide);
                String there = ScheduleOverlay.arc(k.from(), k.to());
                String back = ScheduleOverlay.arc(k.to(), k.from());
                double uThere = util.getOrDefault(there, 0.0);
                boolean bThere = o.bottleneckArcs().contains(there);
                if (same) {
                    hasFwd = true;
                    fwd = Math.max(fwd, uThere);
                    bnFwd |= bThere;
                } else {
                    hasBwd = true;
                    bwd = Math.max(bwd, uThere);
                    bnBwd |= bThere;
                }
                if (k.duplex()) {
                    double uBack = util.getOrDefault(back, 0.0);
                    boolean bBack = o.bottleneckArcs().contains(back);
                    if (same) {
                        hasBwd = true;
                        bwd = Math.max(bwd, uBack);
                        bnBwd |= bBack;
                    } else {
                        hasFwd = true;
                        fwd = Math.max(fwd, uBack);
                        bnFwd |= bBack;
                    }
                }
            }
            double ax = v.toScreenX(l.ax);
            double ay = v.toScreenY(l.ay);
            double bx = v.toScreenX(l.bx);
            double by = v.toScreenY(l.by);
            double cx = v.toScreenX(l.cx);
            double cy = v.toScreenY(l.cy);
            double len = Math.hypot(bx - ax, by - ay);
            if (len == 0) {
                continue;
            }
            double nx = -(by - ay) / len;
            double ny = (bx - ax) / len;
            boolean both = hasFwd && hasBwd;
            double inset = Math.max(l.endInset * v.scale(), lod.nodeRadiusPx()) + 1;
            if (hasFwd) {
                double d = both ? offset(fwd, bwd, factor) : 0;
                buckets.get(bucket(fwd)).add(new Stroke(ax + nx * d, ay + ny * d, l.curved, cx + nx * d, cy + ny * d,
                        bx + nx * d, by + ny * d, inset, bnFwd));
            }
            if (hasBwd) {
                double d = both ? offset(fwd, bwd, factor) : 0;
                buckets.get(bucket(bwd)).add(new Stroke(bx - nx * d, by - ny * d, l.curved, cx - nx * d, cy - ny * d,
                        ax - nx * d, ay - ny * d, inset, bnBwd));
            }
        }
        g.setLineDash(null);
        // Bottleneck casings first, under the coloured strokes.
        g.setStroke(st.label());
        for (int b = 0; b <= STEPS; b++) {
            int count = 0;
            for (Stroke k : buckets.get(b)) {
                if (!k.bottleneck) {
                    continue;
                }
                if (count++ == 0) {
                    g.beginPath();
                }
                trace(g, k);
            }
            if (count > 0) {
                g.setLineWidth(widthOf(b) * factor + 2);
                g.strokePath();
            }
        }
        for (int b = 0; b <= STEPS; b++) {
            List<Stroke> list = buckets.get(b);
            if (list.isEmpty()) {
                continue;
            }
            g.setStroke(colourOf(b, st));
            g.setLineWidth(widthOf(b) * factor);
            g.beginPath();
            for (Stroke k : list) {
                trace(g, k);
            }
            g.strokePath();
        }
        if (lod.arrowheads()) {
            double[] tri = new double[6];
            for (int b = 0; b <= STEPS; b++) {
                List<Stroke> list = buckets.get(b);
                if (list.isEmpty()) {
                    continue;
                }
                g.setFill(colourOf(b, st));
                g.beginPath();
                for (Stroke k : list) {
                    double fx = k.curved ? k.cx : k.ax;
                    double fy = k.curved ? k.cy : k.ay;
                    arrow(fx, fy, k.bx, k.by, k.inset, 6 + 1.3 * widthOf(b) * factor, tri);
                    g.moveTo(tri[0], tri[1]);
                    g.lineTo(tri[2], tri[3]);
                    g.lineTo(tri[4], tri[5]);
                    g.closePath();
                }
                g.fillPath();
            }
        }
        return drawn;
    }

    /** Half the sideways distance between the two directions' strokes, so they just do not touch. */
    private static double offset(double fwd, double bwd, double factor) {
        return Math.max(UtilisationScale.width(fwd), UtilisationScale.width(bwd)) * factor / 2 + 1.25;
    }

    static int bucket(double u) {
        if (!(u > 0)) {
            return 0;
        }
        return 1 + (int) Math.round(Math.min(1, u) * (STEPS - 1));
    }

    private static double utilOf(int bucket) {
        return bucket == 0 ? 0 : (bucket - 1) / (double) (STEPS - 1);
    }

    private static Rgba colourOf(int bucket, DiagramStyle st) {
        return bucket == 0 ? UtilisationScale.idle(st) : UtilisationScale.ramp(utilOf(bucket), st);
    }

    private static double widthOf(int bucket) {
        return bucket == 0 ? 1.2 : UtilisationScale.width(utilOf(bucket));
    }

    private static void trace(DiagramGraphics g, Stroke k) {
        g.moveTo(k.ax, k.ay);
        if (k.curved) {
            g.quadTo(k.cx, k.cy, k.bx, k.by);
        } else {
            g.lineTo(k.bx, k.by);
        }
    }

    /** A triangle pointing from (fx, fy) towards (bx, by), its tip inset from b. */
    static void arrow(double fx, double fy, double bx, double by, double inset, double size, double[] out) {
        double dx = bx - fx;
        double dy = by - fy;
        double len = Math.hypot(dx, dy);
        if (len == 0) {
            len = 1;
        }
        dx /= len;
        dy /= len;
        double tipX = bx - dx * inset;
        double tipY = by - dy * inset;
        double baseX = tipX - dx * size;
        double baseY = tipY - dy * size;
        double sideX = -dy * size * 0.45;
        double sideY = dx * size * 0.45;
        out[0] = tipX;
        out[1] = tipY;
        out[2] = baseX + sideX;
        out[3] = baseY + sideY;
        out[4] = baseX - sideX;
        out[5] = baseY - sideY;
    }

    /** Screen position of a node (its group's box when collapsed), or null. */
    static double[] at(DiagramScene s, Viewport v, String id) {
        int i = s.indexOf(id);
        if (i < 0) {
            return null;
        }
        double x = s.x(i);
        double y = s.y(i);
        if (!s.isVisible(i)) {
            Node n = s.topology().node(id);
            DiagramScene.GroupBox b = n == null || n.group() == null ? null : s.group(n.group());
            if (b != null) {
                x = b.box().centerX();
                y = b.box().centerY();
            }
        }
        return new double[] {v.toScreenX(x), v.toScreenY(y)};
    }

    /** Sideways shift of a tree hop or marker off the centre line, so that opposite hops both show. */
    static final double HOP_OFFSET = 3;

    /** The selected tree's hops, each once, with an arrowhead at its data end. */
    static void paintTree(DiagramGraphics g, DiagramScene s, Viewport v, LevelOfDetail lod, ScheduleOverlay o) {
        Set<String> hops = new HashSet<>();
        List<double[]> segs = new ArrayList<>();
        for (List<String> path : o.treePaths()) {
            for (int k = 0; k + 1 < path.size(); k++) {
                if (!hops.add(ScheduleOverlay.arc(path.get(k), path.get(k + 1)))) {
                    continue;
                }
                double[] a = at(s, v, path.get(k));
                double[] b = at(s, v, path.get(k + 1));
                if (a == null || b == null) {
                    continue;
                }
                double len = Math.hypot(b[0] - a[0], b[1] - a[1]);
                if (len == 0) {
                    continue;
                }
                double nx = -(b[1] - a[1]) / len * HOP_OFFSET;
                double ny = (b[0] - a[0]) / len * HOP_OFFSET;
                double[] c = control(s, v, path.get(k), path.get(k + 1)); // follow a link drawn curved
                segs.add(c == null ? new double[] {a[0] + nx, a[1] + ny, b[0] + nx, b[1] + ny}
                        : new double[] {a[0] + nx, a[1] + ny, b[0] + nx, b[1] + ny, c[0] + nx, c[1] + ny});
            }
        }
        if (segs.isEmpty()) {
            return;
        }
        DiagramStyle st = s.style();
        Rgba c = treeColour(st);
        double w = Math.max(2, 3.2 * Math.min(1.3, lod.linkWidthFactor()));
        g.setLineDash(null);
        if (o.faintPaths()) {
            // Behind an animation's chunks: the routes, quietly, with no casing or arrowheads.
            g.setStroke(c.withOpacity(0.3));
            g.setLineWidth(Math.max(1.5, 0.6 * w));
            g.beginPath();
            for (double[] sg : segs) {
                g.moveTo(sg[0], sg[1]);
                if (sg.length > 4) {
                    g.quadTo(sg[4], sg[5], sg[2], sg[3]); // along the drawn curve
                } else {
                    g.lineTo(sg[2], sg[3]);
                }
            }
            g.strokePath();
            return;
        }
        // A thin casing in the background colour keeps the tree apart from links under it.
        g.setStroke(st.background().withOpacity(0.85));
        g.setLineWidth(w + 2.5);
        g.beginPath();
        for (double[] sg : segs) {
            g.moveTo(sg[0], sg[1]);
            if (sg.length > 4) {
                g.quadTo(sg[4], sg[5], sg[2], sg[3]);
            } else {
                g.lineTo(sg[2], sg[3]);
            }
        }
        g.strokePath();
        g.setStroke(c);
        g.setLineWidth(w);
        g.strokePath();
        double inset = lod.nodeRadiusPx() + 1;
        double size = 7 + 1.4 * w;
        double[] tri = new double[6];
        g.setFill(c);
        g.beginPath();
        for (double[] sg : segs) {
            if (Math.hypot(sg[2] - sg[0], sg[3] - sg[1]) < 2 * inset + size) {
                continue;
            }
            // Along a curve the arrowhead points the way the curve arrives: from its control point.
            arrow(sg.length > 4 ? sg[4] : sg[0], sg.length > 4 ? sg[5] : sg[1], sg[2], sg[3], inset, size, tri);
            g.moveTo(tri[0], tri[1]);
            g.lineTo(tri[2], tri[3]);
            g.lineTo(tri[4], tri[5]);
            g.closePath();
        }
        g.fillPath();
    }

    /** Every node id on the selected tree's paths and the channels' (what a tree view keeps bright). */
    static Set<String> treeNodes(ScheduleOverlay o) {
        Set<String> out = new HashSet<>();
        for (List<String> p : o.treePaths()) {
            out.addAll(p);
        }
        for (ScheduleOverlay.Channel c : o.channels()) {
            for (ScheduleOverlay.Hop h : c.hops()) {
                out.addAll(h.path());
            }
        }
        return out;
    }

    /** Chunks in flight: small filled circles along their hop, ringed in the background colour. */
    static void paintMarkers(DiagramGraphics g, DiagramScene s, Viewport v, LevelOfDetail lod, ScheduleOverlay o) {
        double r = Math.max(2.5, Math.min(6, 0.35 * lod.nodeRadiusPx() + 1.5));
        DiagramStyle st = s.style();
        for (ScheduleOverlay.Marker m : o.markers()) {
            double[] a = at(s, v, m.from());
            double[] b = at(s, v, m.to());
            if (a == null || b == null) {
                continue;
            }
            double len = Math.hypot(b[0] - a[0], b[1] - a[1]);
            double nx = len == 0 ? 0 : -(b[1] - a[1]) / len * HOP_OFFSET;
            double ny = len == 0 ? 0 : (b[0] - a[0]) / len * HOP_OFFSET;
            double p = Math.max(0, Math.min(1, m.progress()));
            // Travel between the nodes' rims, not their centres: a chunk never sits on a node.
            double inset = len > 0 ? Math.min(0.45, (lod.nodeRadiusPx() + r) / len) : 0;
            double q = inset + (1 - 2 * inset) * p;
            double x;
            double y;
            double[] c = control(s, v, m.from(), m.to());
            if (c == null) {
                x = a[0] + (b[0] - a[0]) * q + nx;
                y = a[1] + (b[1] - a[1]) * q + ny;
            } else { // along the drawn curve (a quadratic Bézier)
                double u = 1 - q;
                x = u * u * a[0] + 2 * u * q * c[0] + q * q * b[0] + nx;
                y = u * u * a[1] + 2 * u * q * c[1] + q * q * b[1] + ny;
            }
            g.setFill(st.background());
            g.fillCircle(x, y, r + 1.5);
            g.setFill(markerColour(m.colour()));
            g.fillCircle(x, y, r);
        }
    }

    /** The curved links of the last scene asked about, by "from->to" both ways: a one-entry cache. */
    private record Curves(DiagramScene scene, Map<String, DiagramScene.DrawnLink> byArc) {
    }

    private static volatile Curves curves;

    /**
     * The screen control point of the drawn curve between nodes from and to when it is curved (hops
     * then follow it), else null. Only between two visible nodes.
     */
    static double[] control(DiagramScene s, Viewport v, String from, String to) {
        Curves cs = curves;
        if (cs == null || cs.scene() != s) {
            Map<String, DiagramScene.DrawnLink> m = new HashMap<>();
            for (DiagramScene.DrawnLink l : s.links()) {
                if (l.curved) {
                    m.putIfAbsent(ScheduleOverlay.arc(l.from, l.to), l);
                    m.putIfAbsent(ScheduleOverlay.arc(l.to, l.from), l);
                }
            }
            cs = new Curves(s, m);
            curves = cs;
        }
        if (cs.byArc().isEmpty()) {
            return null;
        }
        DiagramScene.DrawnLink l = cs.byArc().get(ScheduleOverlay.arc(from, to));
        if (l == null) {
            return null;
        }
        int i = s.indexOf(from);
        int j = s.indexOf(to);
        if (i < 0 || j < 0 || !s.isVisible(i) || !s.isVisible(j)) {
            return null;
        }
        return new double[] {v.toScreenX(l.cx), v.toScreenY(l.cy)};
    }

    static Rgba markerColour(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }
}
