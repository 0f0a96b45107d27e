package canopy.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws the channels of a {@link ScheduleOverlay} for {@link DiagramPainter}: each channel along the
 * physical paths of its hops in its own colour, with an arrowhead where a hop reaches its GPU, the
 * hop's step number on the hop's first segment, and a key naming each colour. Channels that share a link
 * run side by side in lanes (the channel's place in the overlay), so that all of them stay visible.
 * The paths are drawn before the nodes, the numbers and the key with the text, last.
 */
final class ChannelLayer {
    private static final TextStyle NUMBER = new TextStyle(13, true, TextStyle.HAlign.CENTER, TextStyle.VAlign.CENTER);
    private static final TextStyle KEY = new TextStyle(11, false, TextStyle.HAlign.LEFT, TextStyle.VAlign.CENTER);
    /** Entries the key lists before "and N more". */
    static final int KEY_ENTRIES = 12;
    private static final double KEY_ROW = 16;
    private static final double KEY_PAD = 10;

    private ChannelLayer() {
    }

    private static double width(LevelOfDetail lod) {
        return Math.max(2.2, 3.4 * Math.min(1.3, lod.linkWidthFactor()));
    }

    /** One segment of a hop on screen, shifted into its lane: a → (c) → b; c is null when straight. */
    private record Segment(double ax, double ay, double[] c, double bx, double by) {
    }

    /** The screen segments of one hop, shift pixels to the side; segments between equal points are left out. */
    private static List<Segment> segments(DiagramScene s, Viewport v, ScheduleOverlay.Hop hop, double shift) {
        List<Segment> out = new ArrayList<>();
        List<String> path = hop.path();
        for (int k = 0; k + 1 < path.size(); k++) {
            double[] a = ScheduleLayer.at(s, v, path.get(k));
            double[] b = ScheduleLayer.at(s, v, path.get(k + 1));
            if (a == null || b == null) {
                continue;
            }
            double len = Math.hypot(b[0] - a[0], b[1] - a[1]);
            if (len == 0) {
                continue;
            }
            // to the right of the direction of travel, so that the two directions of a link part
            double nx = -(b[1] - a[1]) / len * shift;
            double ny = (b[0] - a[0]) / len * shift;
            double[] c = ScheduleLayer.control(s, v, path.get(k), path.get(k + 1));
            out.add(new Segment(a[0] + nx, a[1] + ny, c == null ? null : new double[] {c[0] + nx, c[1] + ny},
                    b[0] + nx, b[1] + ny));
        }
        return out;
    }

    private static double shift(int lane, LevelOfDetail lod) {
        return ScheduleLayer.HOP_OFFSET + lane * (width(lod) + 1.5);
    }

    /** Every channel's hops along their paths, a casing under them, an arrowhead at each hop's end. */
    static void paintPaths(DiagramGraphics g, DiagramScene s, Viewport v, LevelOfDetail lod, ScheduleOverlay o) {
        DiagramStyle st = s.style();
        double w = width(lod);
        double inset = lod.nodeRadiusPx() + 1;
        double size = 6 + 1.4 * w;
        double[] tri = new double[6];
        g.setLineDash(null);
        List<ScheduleOverlay.Channel> channels = o.channels();
        for (int lane = 0; lane < channels.size(); lane++) {
            ScheduleOverlay.Channel ch = channels.get(lane);
            List<Segment> all = new ArrayList<>();
            List<Segment> ends = new ArrayList<>();
            for (ScheduleOverlay.Hop hop : ch.hops()) {
                List<Segment> segs = segments(s, v, hop, shift(lane, lod));
                all.addAll(segs);
                if (!segs.isEmpty()) {
                    ends.add(segs.get(segs.size() - 1));
                }
            }
            if (all.isEmpty()) {
                continue;
            }
            g.beginPath();
            for (Segment sg : all) {
                g.moveTo(sg.ax, sg.ay);
                if (sg.c != null) {
                    g.quadTo(sg.c[0], sg.c[1], sg.bx, sg.by);
                } else {
                    g.lineTo(sg.bx, sg.by);
                }
            }
            g.setStroke(st.background().withOpacity(0.85));
            g.setLineWidth(w + 2);
            g.strokePath();
            Rgba colour = ScheduleLayer.markerColour(ch.colour());
            g.setStroke(colour);
            g.setLineWidth(w);
            g.strokePath();
            g.setFill(colour);
            g.beginPath();
            for (Segment sg : ends) {
                if (Math.hypot(sg.bx - sg.ax, sg.by - sg.ay) < 2 * inset + size) {
                    continue;
                }
                double fx = sg.c != null ? sg.c[0] : sg.ax;
                double fy = sg.c != null ? sg.c[1] : sg.ay;
                ScheduleLayer.arrow(fx, fy, sg.bx, sg.by, inset, size, tri);
                g.moveTo(tri[0], tri[1]);
                g.lineTo(tri[2], tri[3]);
                g.lineTo(tri[4], tri[5]);
                g.closePath();
            }
            g.fillPath();
        }
    }

    /**
     * Each hop's step number, in its channel's colour with a halo, halfway along the hop's first
     * segment past the node's rim (where the hop leaves its GPU, so numbers of hops that share a switch
     * do not pile up on it).
     */
    static void paintNumbers(DiagramGraphics g, DiagramScene s, Viewport v, LevelOfDetail lod, ScheduleOverlay o) {
        Rgba halo = s.style().background();
        List<ScheduleOverlay.Channel> channels = o.channels();
        for (int lane = 0; lane < channels.size(); lane++) {
            ScheduleOverlay.Channel ch = channels.get(lane);
            Rgba colour = ScheduleLayer.markerColour(ch.colour());
            for (ScheduleOverlay.Hop hop : ch.hops()) {
                List<Segment> segs = segments(s, v, hop, shift(lane, lod) + 5);
                if (segs.isEmpty()) {
                    continue;
                }
                Segment first = segs.get(0);
                double len = Math.hypot(first.bx - first.ax, first.by - first.ay);
                double q = len == 0 ? 0.5 : Math.min(0.5, (lod.nodeRadiusPx() + 12) / len);
                double x = first.ax + (first.bx - first.ax) * q;
                double y = first.ay + (first.by - first.ay) * q;
                g.text(Integer.toString(hop.step()), x, y, NUMBER, colour, halo, 3);
            }
        }
    }

    /**
     * The key in the top-right corner, margin pixels in (the bottom corners hold the congestion legend
     * and, on screen, the overview): a stroke of each channel's colour and its label.
     */
    static void paintKey(DiagramGraphics g, Viewport v, DiagramStyle st, double margin, ScheduleOverlay o) {
        List<ScheduleOverlay.Channel> channels = o.channels();
        int listed = Math.min(KEY_ENTRIES, channels.size());
        int rows = listed + (channels.size() > listed ? 1 : 0);
        double longest = 0;
        for (int i = 0; i < listed; i++) {
            longest = Math.max(longest, channels.get(i).label().length());
        }
        double w = 2 * KEY_PAD + 30 + 6.5 * longest;
        double h = 2 * KEY_PAD + rows * KEY_ROW - 4;
        double x = v.width() - margin - w;
        double y = margin;
        g.setLineDash(null);
        g.setFill(st.background().withOpacity(0.92));
        g.fillRoundRect(x, y, w, h, 8);
        g.setStroke(st.groupStroke());
        g.setLineWidth(1);
        g.strokeRoundRect(x, y, w, h, 8);
        for (int i = 0; i < listed; i++) {
            double ry = y + KEY_PAD + i * KEY_ROW + 6;
            g.setStroke(ScheduleLayer.markerColour(channels.get(i).colour()));
            g.setLineWidth(3);
            g.strokeLine(x + KEY_PAD, ry, x + KEY_PAD + 22, ry);
            g.text(channels.get(i).label(), x + KEY_PAD + 30, ry, KEY, st.label(), null, 0);
        }
        if (channels.size() > listed) {
            double ry = y + KEY_PAD + listed * KEY_ROW + 6;
            g.text("and " + (channels.size() - listed) + " more", x + KEY_PAD + 30, ry, KEY, st.label(), null, 0);
        }
    }
}
