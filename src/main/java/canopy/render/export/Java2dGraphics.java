package canopy.render.export;

import canopy.render.DiagramGraphics;
import canopy.render.PathBuilder;
import canopy.render.PathRecordingGraphics;
import canopy.render.Rgba;
import canopy.render.TextStyle;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link DiagramGraphics} on a {@link Graphics2D} (antialiased), for PNG files: works without a
 * display under java.awt.headless=true. Fonts are the JDK's logical SansSerif; halos are a plate
 * behind the text, as on the screen.
 */
public final class Java2dGraphics extends PathRecordingGraphics {
    private final Graphics2D g;
    private Color fill = Color.BLACK;
    private Color stroke = Color.BLACK;
    private double lineWidth = 1;
    private float[] dash;
    private BasicStroke basicStroke;
    private final Deque<Object[]> saved = new ArrayDeque<>();
    private final Map<Integer, Color> colours = new HashMap<>();
    private final Map<Long, Font> fonts = new HashMap<>();

    public Java2dGraphics(Graphics2D g) {
        this.g = g;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }

    private Color colour(Rgba c) {
        return colours.computeIfAbsent(c.argb(), argb -> new Color(argb, true));
    }

    private BasicStroke stroke() {
        if (basicStroke == null) {
            basicStroke = new BasicStroke((float) lineWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_BEVEL, 10f,
                    dash, 0f);
        }
        return basicStroke;
    }

    private void fillShape(Shape s) {
        g.setColor(fill);
        g.fill(s);
    }

    private void strokeShape(Shape s) {
        g.setColor(stroke);
        g.setStroke(stroke());
        g.draw(s);
    }

    @Override
    public void save() {
        saved.push(new Object[] {g.getClip(), fill, stroke, lineWidth, dash});
    }

    @Override
    public void restore() {
        if (saved.isEmpty()) {
            return;
        }
        Object[] s = saved.pop();
        g.setClip((Shape) s[0]);
        fill = (Color) s[1];
        stroke = (Color) s[2];
        lineWidth = (Double) s[3];
        dash = (float[]) s[4];
        basicStroke = null;
    }

    @Override
    public void clipRect(double x, double y, double w, double h) {
        g.clip(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void setFill(Rgba c) {
        fill = colour(c);
    }

    @Override
    public void setStroke(Rgba c) {
        stroke = colour(c);
    }

    @Override
    public void setLineWidth(double width) {
        if (width != lineWidth) {
            lineWidth = width;
            basicStroke = null;
        }
    }

    @Override
    public void setLineDash(double[] d) {
        float[] f = null;
        if (d != null && d.length > 0) {
            f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
        }
        dash = f;
        basicStroke = null;
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        fillShape(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void strokeLine(double x1, double y1, double x2, double y2) {
        strokeShape(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void fillCircle(double cx, double cy, double r) {
        fillShape(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
    }

    @Override
    public void strokeCircle(double cx, double cy, double r) {
        strokeShape(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
    }

    @Override
    public void fillRoundRect(double x, double y, double w, double h, double arc) {
        fillShape(new RoundRectangle2D.Double(x, y, w, h, 2 * arc, 2 * arc));
    }

    @Override
    public void strokeRoundRect(double x, double y, double w, double h, double arc) {
        strokeShape(new RoundRectangle2D.Double(x, y, w, h, 2 * arc, 2 * arc));
    }

    @Override
    public void fillPath() {
        fillShape(awtPath());
    }

    @Override
    public void strokePath() {
        strokeShape(awtPath());
    }

    /** The recorded path as a java.awt shape. */
    private Shape awtPath() {
        AwtPath p = new AwtPath();
        path.replay(p);
        return p;
    }

    /** A java.awt path that the recorded path replays into: Path2D has the rest of the calls already. */
    private static final class AwtPath extends Path2D.Double implements PathBuilder {
        @Override
        public void addCircle(double cx, double cy, double r) {
            append(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r), false);
        }

        @Override
        public void addRoundRect(double x, double y, double w, double h, double arc) {
            append(new RoundRectangle2D.Double(x, y, w, h, 2 * arc, 2 * arc), false);
        }
    }

    private Font font(double size, boolean bold) {
        long key = Double.doubleToLongBits(size) ^ (bold ? 1L : 0L);
        return fonts.computeIfAbsent(key, k -> new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 12)
                .deriveFont((float) size));
    }

    @Override
    public void text(String text, double x, double y, TextStyle style, Rgba fillColour, Rgba halo, double haloWidth) {
        Font f = font(style.size(), style.bold());
        g.setFont(f);
        FontMetrics m = g.getFontMetrics(f);
        double w = m.getStringBounds(text, g).getWidth();
        double left = switch (style.hAlign()) {
            case LEFT -> x;
            case CENTER -> x - w / 2;
            case RIGHT -> x - w;
        };
        double base = SvgGraphics.baseline(y, style);
        double size = style.size();
        if (halo != null && haloWidth > 0) {
            double h = size * 1.25 + haloWidth;
            g.setColor(colour(halo.withOpacity(halo.opacity() * 0.8)));
            g.fill(new RoundRectangle2D.Double(left - haloWidth, base - 0.95 * size - haloWidth / 2, w + 2 * haloWidth,
                    h, h, h));
        }
        g.setColor(colour(fillColour));
        g.drawString(text, (float) left, (float) base);
    }
}
