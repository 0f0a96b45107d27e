package canopy.render.export;

import canopy.render.DiagramGraphics;
import canopy.render.Rgba;
import canopy.render.TextStyle;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * {@link DiagramGraphics} writing SVG 1.1 elements (path, line, circle, rect, polygon, text), one per
 * drawing call, with a viewBox of the drawing's size: vector output that scales without loss. Clips
 * become clipPath elements with a group per {@link #clipRect}. Text is set in a sans-serif font with
 * font-size and text-anchor; its vertical alignment is computed here (dominant-baseline is not read
 * the same by every viewer), and a halo is an outlined copy of the text under it.
 */
public final class SvgGraphics extends PenGraphics {
    private final StringBuilder body = new StringBuilder(1 << 16);
    private final StringBuilder defs = new StringBuilder();
    private final double width;
    private final double height;
    private final double scale;
    /** Clip groups opened since the last save, closed by the matching restore. */
    private int openGroups;
    private final Deque<Saved> saved = new ArrayDeque<>();
    private final StringBuilder path = new StringBuilder();
    /** Whole circles of the current path, kept apart so that they are written as circle elements. */
    private final StringBuilder pathCircles = new StringBuilder();
    private int clips;

    /** What a save keeps: the pen, and the clip groups opened before it. */
    private record Saved(Pen pen, int openGroups) {
    }

    /** A drawing of width × height units, shown at scale × that size by default. */
    public SvgGraphics(double width, double height, double scale) {
        this.width = width;
        this.height = height;
        this.scale = scale;
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        s = s.substring(0, end);
        return s.equals("-0") ? "0" : s;
    }

    /** Escapes text for XML content and attribute values, dropping characters XML 1.0 forbids. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        if (c != 0xfffe && c != 0xffff) {
                            b.append(c);
                        }
                    }
                }
            }
        }
        return b.toString();
    }

    private static String paint(String attr, Rgba c) {
        String s = " " + attr + "=\"" + c.hex() + "\"";
        if (c.alpha() < 255) {
            s += " " + attr + "-opacity=\"" + num(Math.round(c.opacity() * 1000) / 1000.0) + "\"";
        }
        return s;
    }

    private String fillAttrs() {
        return paint("fill", new Rgba(pen.fill));
    }

    private String strokeAttrs() {
        StringBuilder b = new StringBuilder(" fill=\"none\"").append(paint("stroke", new Rgba(pen.stroke)))
                .append(" stroke-width=\"").append(num(pen.lineWidth)).append('"');
        if (pen.dash != null && pen.dash.length > 0) {
            b.append(" stroke-dasharray=\"");
            for (int i = 0; i < pen.dash.length; i++) {
                b.append(i == 0 ? "" : " ").append(num(pen.dash[i]));
            }
            b.append('"');
        }
        return b.toString();
    }

    @Override
    public void save() {
        saved.push(new Saved(pen, openGroups));
        pen = pen.copy();
        openGroups = 0;
    }

    @Override
    public void restore() {
        if (saved.isEmpty()) {
            return;
        }
        for (int i = 0; i < openGroups; i++) {
            body.append("</g>\n");
        }
        Saved s = saved.pop();
        pen = s.pen();
        openGroups = s.openGroups();
    }

    @Override
    public void clipRect(double x, double y, double w, double h) {
        String id = "clip" + (++clips);
        defs.append("<clipPath id=\"").append(id).append("\"><rect x=\"").append(num(x)).append("\" y=\"")
                .append(num(y)).append("\" width=\"").append(num(w)).append("\" height=\"").append(num(h))
                .append("\"/></clipPath>\n");
        body.append("<g clip-path=\"url(#").append(id).append(")\">\n");
        openGroups++;
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        body.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(w))
                .append("\" height=\"").append(num(h)).append('"').append(fillAttrs()).append("/>\n");
    }

    @Override
    public void strokeLine(double x1, double y1, double x2, double y2) {
        body.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"")
                .append(num(x2)).append("\" y2=\"").append(num(y2)).append('"').append(strokeAttrs()).append("/>\n");
    }

    private void circle(double cx, double cy, double r, String attrs) {
        body.append("<circle cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy)).append("\" r=\"")
                .append(num(r)).append('"').append(attrs).append("/>\n");
    }

    @Override
    public void fillCircle(double cx, double cy, double r) {
        circle(cx, cy, r, fillAttrs());
    }

    @Override
    public void strokeCircle(double cx, double cy, double r) {
        circle(cx, cy, r, strokeAttrs());
    }

    private void roundRect(double x, double y, double w, double h, double arc, String attrs) {
        body.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(w))
                .append("\" height=\"").append(num(h)).append("\" rx=\"").append(num(arc)).append('"').append(attrs)
                .append("/>\n");
    }

    @Override
    public void fillRoundRect(double x, double y, double w, double h, double arc) {
        roundRect(x, y, w, h, arc, fillAttrs());
    }

    @Override
    public void strokeRoundRect(double x, double y, double w, double h, double arc) {
        roundRect(x, y, w, h, arc, strokeAttrs());
    }

    @Override
    public void fillPolygon(double[] xy, int n) {
        body.append("<polygon points=\"");
        for (int i = 0; i < n; i++) {
            body.append(i == 0 ? "" : " ").append(num(xy[2 * i])).append(',').append(num(xy[2 * i + 1]));
        }
        body.append('"').append(fillAttrs()).append("/>\n");
    }

    @Override
    public void beginPath() {
        path.setLength(0);
        pathCircles.setLength(0);
    }

    @Override
    public void moveTo(double x, double y) {
        path.append('M').append(num(x)).append(' ').append(num(y));
    }

    @Override
    public void lineTo(double x, double y) {
        path.append('L').append(num(x)).append(' ').append(num(y));
    }

    @Override
    public void quadTo(double cx, double cy, double x, double y) {
        path.append('Q').append(num(cx)).append(' ').append(num(cy)).append(' ').append(num(x)).append(' ').append(num(y));
    }

    @Override
    public void closePath() {
        path.append('Z');
    }

    @Override
    public void addCircle(double cx, double cy, double r) {
        pathCircles.append("<circle cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy)).append("\" r=\"")
                .append(num(r)).append("\"/>\n");
    }

    @Override
    public void addRoundRect(double x, double y, double w, double h, double arc) {
        double r = Math.max(0, Math.min(arc, Math.min(w, h) / 2));
        path.append('M').append(num(x + r)).append(' ').append(num(y))
                .append('H').append(num(x + w - r))
                .append('Q').append(num(x + w)).append(' ').append(num(y)).append(' ').append(num(x + w)).append(' ').append(num(y + r))
                .append('V').append(num(y + h - r))
                .append('Q').append(num(x + w)).append(' ').append(num(y + h)).append(' ').append(num(x + w - r)).append(' ').append(num(y + h))
                .append('H').append(num(x + r))
                .append('Q').append(num(x)).append(' ').append(num(y + h)).append(' ').append(num(x)).append(' ').append(num(y + h - r))
                .append('V').append(num(y + r))
                .append('Q').append(num(x)).append(' ').append(num(y)).append(' ').append(num(x + r)).append(' ').append(num(y))
                .append('Z');
    }

    @Override
    public void fillPath() {
        emitPath(fillAttrs());
    }

    @Override
    public void strokePath() {
        emitPath(strokeAttrs() + " stroke-linejoin=\"bevel\"");
    }

    private void emitPath(String attrs) {
        if (path.length() > 0) {
            body.append("<path d=\"").append(path).append('"').append(attrs).append("/>\n");
        }
        if (pathCircles.length() > 0) {
            body.append("<g").append(attrs).append(">\n").append(pathCircles).append("</g>\n");
        }
    }

    /** The baseline of text drawn at y with this vertical alignment (the same rule in every export). */
    static double baseline(double y, TextStyle style) {
        double s = style.size();
        return switch (style.vAlign()) {
            case TOP -> y + 0.8 * s;
            case CENTER -> y + 0.35 * s;
            case BASELINE -> y;
            case BOTTOM -> y - 0.22 * s;
        };
    }

    @Override
    public void text(String text, double x, double y, TextStyle style, Rgba fill, Rgba halo, double haloWidth) {
        String anchor = switch (style.hAlign()) {
            case LEFT -> "start";
            case CENTER -> "middle";
            case RIGHT -> "end";
        };
        StringBuilder head = new StringBuilder("<text x=\"").append(num(x)).append("\" y=\"")
                .append(num(baseline(y, style))).append("\" font-size=\"").append(num(style.size()))
                .append("\" text-anchor=\"").append(anchor).append('"');
        if (style.bold()) {
            head.append(" font-weight=\"bold\"");
        }
        String t = escape(text);
        if (halo != null && haloWidth > 0) {
            // The halo as its own outlined copy underneath (paint-order is not read by every viewer).
            body.append(head).append(paint("fill", halo)).append(paint("stroke", halo)).append(" stroke-width=\"")
                    .append(num(haloWidth)).append("\" stroke-linejoin=\"round\">").append(t).append("</text>\n");
        }
        body.append(head).append(paint("fill", fill)).append('>').append(t).append("</text>\n");
    }

    /** The whole document. Open clip groups are closed. */
    public String toSvg() {
        StringBuilder b = new StringBuilder(body.length() + defs.length() + 512);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(num(width * scale))
                .append("\" height=\"").append(num(height * scale)).append("\" viewBox=\"0 0 ").append(num(width))
                .append(' ').append(num(height)).append("\" font-family=\"Helvetica, Arial, 'DejaVu Sans', sans-serif\""
                        + " stroke-linecap=\"butt\">\n");
        if (defs.length() > 0) {
            b.append("<defs>\n").append(defs).append("</defs>\n");
        }
        b.append(body);
        int open = openGroups;
        for (Saved s : saved) {
            open += s.openGroups();
        }
        for (int i = 0; i < open; i++) {
            b.append("</g>\n");
        }
        b.append("</svg>\n");
        return b.toString();
    }
}
