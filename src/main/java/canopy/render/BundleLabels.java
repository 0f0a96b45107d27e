package canopy.render;

import canopy.io.FigureText;
import canopy.model.Rational;
import canopy.model.Topology;

import java.util.ArrayList;
import java.util.List;

/**
 * The small labels on bundles ("8 × 50 GB/s": eight links of 50 GB/s each, or "3 links, 250 GB/s" when
 * they differ), placed where they overlap no other label, box or bar, and left out where there is no
 * such place: a label that covers another says nothing.
 */
final class BundleLabels {
    static final TextStyle STYLE = new TextStyle(10, false, TextStyle.HAlign.CENTER, TextStyle.VAlign.CENTER);
    /** Where along a bundle a label may sit, tried in this order. */
    private static final double[] PLACES = {0.5, 0.35, 0.65, 0.2, 0.8};
    /** A bundle shorter than this on screen gets no label: there is no room beside it. */
    static final double MIN_LENGTH_PX = 20;
    /** A node's name below it, roughly: its height and the width of one character (11 px text). */
    private static final double NAME_HEIGHT_PX = 17;
    private static final double NAME_CHAR_PX = 6.5;

    private BundleLabels() {
    }

    /** The label of a drawn link standing for several: how many links, and their bandwidth. */
    static String text(DiagramScene.DrawnLink l, Topology t) {
        String units = FigureText.units(t.units());
        Rational first = t.links().get(l.indices[0]).bandwidth();
        boolean same = true;
        for (int i : l.indices) {
            same &= t.links().get(i).bandwidth().equals(first);
        }
        if (same) {
            return l.indices.length + " \u00d7 " + BandwidthFormat.format(first) + " " + units;
        }
        return FigureText.plural(l.indices.length, "link") + ", " + BandwidthFormat.format(l.bandwidth) + " " + units;
    }

    /** Labels every bundle in view that has room, in the style's link text colour. */
    static void paint(DiagramGraphics g, DiagramScene s, Viewport v, LevelOfDetail lod, Rect view) {
        DiagramStyle st = s.style();
        List<Rect> taken = obstacles(s, v, lod.nodeRadiusPx());
        Rect screen = new Rect(0, 0, v.width(), v.height());
        for (DiagramScene.DrawnLink l : s.links()) {
            if (l.indices.length < 2 || !view.intersects(l.minX, l.minY, l.maxX, l.maxY)) {
                continue;
            }
            double ax = v.toScreenX(l.ax);
            double ay = v.toScreenY(l.ay);
            double bx = v.toScreenX(l.bx);
            double by = v.toScreenY(l.by);
            if (Math.hypot(bx - ax, by - ay) < MIN_LENGTH_PX) {
                continue;
            }
            String text = text(l, s.topology());
            double w = text.length() * STYLE.size() * 0.56 + 6;
            double h = STYLE.size() + 2;
            boolean steep = Math.abs(by - ay) > 2 * Math.abs(bx - ax);
            for (double t : PLACES) {
                double x = l.curved ? quad(ax, v.toScreenX(l.cx), bx, t) : ax + t * (bx - ax);
                double y = l.curved ? quad(ay, v.toScreenY(l.cy), by, t) : ay + t * (by - ay);
                // Beside a steep bundle (right, else left), not across it: the bundle stays visible.
                Rect r = place(x, y, w, h, steep ? 1 : 0, taken, screen);
                if (r == null && steep) {
                    r = place(x, y, w, h, -1, taken, screen);
                }
                if (r != null) {
                    taken.add(r);
                    g.text(text, r.centerX(), r.centerY(), STYLE, st.linkText(), st.background(), 3);
                    break;
                }
            }
        }
    }

    /** The label's rectangle centred on (x, y), or beside it on one side; null when it is taken or off screen. */
    private static Rect place(double x, double y, double w, double h, int side, List<Rect> taken, Rect screen) {
        double cx = x + side * (w / 2 + 4);
        Rect r = new Rect(cx - w / 2, y - h / 2, cx + w / 2, y + h / 2);
        boolean onScreen = screen.contains(r.minX(), r.minY()) && screen.contains(r.maxX(), r.maxY());
        return onScreen && !overlaps(r, taken) ? r : null;
    }

    private static double quad(double a, double c, double b, double t) {
        double u = 1 - t;
        return u * u * a + 2 * u * t * c + t * t * b;
    }

    /** Screen rectangles a label must not cover: the boxes, the bars, and the nodes with their names. */
    private static List<Rect> obstacles(DiagramScene s, Viewport v, double nodeRadiusPx) {
        List<Rect> out = new ArrayList<>();
        Rect screen = new Rect(0, 0, v.width(), v.height());
        for (int i = 0; i < s.nodeCount(); i++) {
            double x = v.toScreenX(s.x(i));
            double y = v.toScreenY(s.y(i));
            if (s.isVisible(i) && screen.contains(x, y)) {
                double half = Math.max(nodeRadiusPx, s.text(i).length() * NAME_CHAR_PX / 2);
                boolean above = DiagramPainter.namesAbove(s);
                out.add(new Rect(x - half, y - nodeRadiusPx - (above ? NAME_HEIGHT_PX : 0),
                        x + half, y + nodeRadiusPx + (above ? 0 : NAME_HEIGHT_PX)));
            }
        }
        for (DiagramScene.GroupBox b : s.groups()) {
            if (b.collapsed()) {
                out.add(new Rect(v.toScreenX(b.box().minX()), v.toScreenY(b.box().minY()),
                        v.toScreenX(b.box().maxX()), v.toScreenY(b.box().maxY())));
            }
        }
        for (DiagramScene.TierBar bar : s.tiers()) {
            double[] r = TierBars.screenBox(bar, v);
            out.add(new Rect(r[0], r[1], r[0] + r[2], r[1] + r[3]));
        }
        return out;
    }

    private static boolean overlaps(Rect r, List<Rect> taken) {
        for (Rect o : taken) {
            if (r.intersects(o)) {
                return true;
            }
        }
        return false;
    }
}
