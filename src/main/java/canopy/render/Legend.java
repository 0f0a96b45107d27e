package canopy.render;

/**
 * The congestion legend, drawn by the painter in the bottom-right corner of the output so that every
 * export carries it: a title, the utilisation scale bar 0–100 % with ticks, and keys for idle and
 * bottleneck links.
 */
public final class Legend {
    public static final String TITLE = "link utilisation";
    static final double BAR_W = 220;
    static final double BAR_H = 10;
    static final double PAD = 12;
    public static final double WIDTH = BAR_W + 2 * PAD;
    public static final double HEIGHT = 92;
    /** The legend's height with the line saying how a bundle is coloured. */
    public static final double BUNDLED_HEIGHT = HEIGHT + 16;
    public static final String BUNDLE_NOTE = "a bundle shows its busiest link";
    private static final TextStyle TITLE_STYLE = new TextStyle(12, true, TextStyle.HAlign.LEFT, TextStyle.VAlign.TOP);
    private static final TextStyle TICK = new TextStyle(10, false, TextStyle.HAlign.CENTER, TextStyle.VAlign.TOP);
    private static final TextStyle KEY = new TextStyle(10, false, TextStyle.HAlign.LEFT, TextStyle.VAlign.CENTER);

    private Legend() {
    }

    /**
     * Draws the legend into the output's bottom-right corner, margin pixels in from the edges; bundled:
     * some drawn links stand for several, so a line says that each shows its busiest member.
     */
    public static void paint(DiagramGraphics g, Viewport v, DiagramStyle st, double margin, boolean bundled) {
        double height = bundled ? BUNDLED_HEIGHT : HEIGHT;
        double x = v.width() - margin - WIDTH;
        double y = v.height() - margin - height;
        g.setLineDash(null);
        g.setFill(st.background().withOpacity(0.92));
        g.fillRoundRect(x, y, WIDTH, height, 8);
        g.setStroke(st.groupStroke());
        g.setLineWidth(1);
        g.strokeRoundRect(x, y, WIDTH, height, 8);
        if (bundled) {
            g.text(BUNDLE_NOTE, x + PAD, y + height - 14, KEY, st.label(), null, 0);
        }
        g.text(TITLE, x + PAD, y + 8, TITLE_STYLE, st.label(), null, 0);
        double bx = x + PAD;
        double by = y + 30;
        int steps = 44;
        double w = BAR_W / steps;
        for (int i = 0; i < steps; i++) {
            g.setFill(UtilisationScale.ramp((i + 0.5) / steps, st));
            // A hair wider than the step so no seams show between the rectangles.
            g.fillRect(bx + i * w, by, w + 0.5, BAR_H);
        }
        g.setStroke(st.label());
        g.setLineWidth(1);
        for (int p = 0; p <= 100; p += 25) {
            double tx = bx + BAR_W * p / 100.0;
            g.strokeLine(tx, by + BAR_H, tx, by + BAR_H + 4);
            g.text(p + " %", tx, by + BAR_H + 5, TICK, st.label(), null, 0);
        }
        double ky = y + HEIGHT - 14;
        g.setStroke(UtilisationScale.idle(st));
        g.setLineWidth(1.5);
        g.strokeLine(bx, ky, bx + 22, ky);
        g.text("idle", bx + 28, ky, KEY, st.label(), null, 0);
        double kx = bx + 90;
        g.setStroke(st.label());
        g.setLineWidth(UtilisationScale.width(1) + 2);
        g.strokeLine(kx, ky, kx + 22, ky);
        g.setStroke(UtilisationScale.ramp(1, st));
        g.setLineWidth(UtilisationScale.width(1));
        g.strokeLine(kx, ky, kx + 22, ky);
        g.text("bottleneck", kx + 28, ky, KEY, st.label(), null, 0);
    }
}
