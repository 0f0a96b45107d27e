package canopy.ui.canvas;

import canopy.render.DiagramGraphics;
import canopy.render.Rgba;
import canopy.render.TextStyle;
import java.util.HashMap;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * {@link DiagramGraphics} on a JavaFX canvas. Colours and fonts are cached, and state the context
 * already has is not set again, so a frame allocates next to nothing.
 */
public final class FxDiagramGraphics implements DiagramGraphics {
    private final GraphicsContext gc;
    private final Map<Integer, Color> colours = new HashMap<>();
    private final Map<Long, Font> fonts = new HashMap<>();
    private int fill = 0x01000000;
    private int stroke = 0x01000000;
    private double lineWidth = -1;
    private double[] dash;
    private Font font;
    private TextAlignment align;
    private VPos baseline;

    public FxDiagramGraphics(GraphicsContext gc) {
        this.gc = gc;
        gc.setLineCap(StrokeLineCap.BUTT);
        gc.setLineJoin(StrokeLineJoin.BEVEL);
    }

    public GraphicsContext context() {
        return gc;
    }

    /** Forgets cached state, for when someone else changed the context. */
    public void reset() {
        fill = 0x01000000;
        stroke = 0x01000000;
        lineWidth = -1;
        dash = null;
        gc.setLineDashes((double[]) null);
        font = null;
        align = null;
        baseline = null;
    }

    private Color colour(int argb) {
        Color c = colours.get(argb);
        if (c == null) {
            c = Color.rgb((argb >> 16) & 255, (argb >> 8) & 255, argb & 255, ((argb >>> 24) & 255) / 255.0);
            colours.put(argb, c);
        }
        return c;
    }

    @Override
    public void save() {
        gc.save();
    }

    @Override
    public void restore() {
        gc.restore();
        reset();
    }

    @Override
    public void clipRect(double x, double y, double w, double h) {
        gc.beginPath();
        gc.rect(x, y, w, h);
        gc.clip();
        gc.beginPath();
    }

    @Override
    public void setFill(Rgba c) {
        if (c.argb() != fill) {
            fill = c.argb();
            gc.setFill(colour(fill));
        }
    }

    @Override
    public void setStroke(Rgba c) {
        if (c.argb() != stroke) {
            stroke = c.argb();
            gc.setStroke(colour(stroke));
        }
    }

    @Override
    public void setLineWidth(double width) {
        if (width != lineWidth) {
            lineWidth = width;
            gc.setLineWidth(width);
        }
    }

    @Override
    public void setLineDash(double[] d) {
        if (d != dash) {
            dash = d;
            gc.setLineDashes(d);
        }
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        gc.fillRect(x, y, w, h);
    }

    @Override
    public void strokeLine(double x1, double y1, double x2, double y2) {
        gc.strokeLine(x1, y1, x2, y2);
    }

    @Override
    public void fillCircle(double cx, double cy, double r) {
        gc.fillOval(cx - r, cy - r, 2 * r, 2 * r);
    }

    @Override
    public void strokeCircle(double cx, double cy, double r) {
        gc.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
    }

    @Override
    public void fillRoundRect(double x, double y, double w, double h, double arc) {
        gc.fillRoundRect(x, y, w, h, 2 * arc, 2 * arc);
    }

    @Override
    public void strokeRoundRect(double x, double y, double w, double h, double arc) {
        gc.strokeRoundRect(x, y, w, h, 2 * arc, 2 * arc);
    }

    @Override
    public void beginPath() {
        gc.beginPath();
    }

    @Override
    public void moveTo(double x, double y) {
        gc.moveTo(x, y);
    }

    @Override
    public void lineTo(double x, double y) {
        gc.lineTo(x, y);
    }

    @Override
    public void quadTo(double cx, double cy, double x, double y) {
        gc.quadraticCurveTo(cx, cy, x, y);
    }

    @Override
    public void closePath() {
        gc.closePath();
    }

    @Override
    public void addCircle(double cx, double cy, double r) {
        gc.moveTo(cx + r, cy);
        gc.arc(cx, cy, r, r, 0, 360);
        gc.closePath();
    }

    @Override
    public void addRoundRect(double x, double y, double w, double h, double arc) {
        double a = Math.min(arc, Math.min(w, h) / 2);
        gc.moveTo(x + a, y);
        gc.lineTo(x + w - a, y);
        gc.quadraticCurveTo(x + w, y, x + w, y + a);
        gc.lineTo(x + w, y + h - a);
        gc.quadraticCurveTo(x + w, y + h, x + w - a, y + h);
        gc.lineTo(x + a, y + h);
        gc.quadraticCurveTo(x, y + h, x, y + h - a);
        gc.lineTo(x, y + a);
        gc.quadraticCurveTo(x, y, x + a, y);
        gc.closePath();
    }

    @Override
    public void fillPath() {
        gc.fill();
    }

    @Override
    public void strokePath() {
        gc.stroke();
    }

    @Override
    public void text(String text, double x, double y, TextStyle style, Rgba fillColour, Rgba halo, double haloWidth) {
        Font f = font(style.size(), style.bold());
        if (f != font) {
            font = f;
            gc.setFont(f);
        }
        TextAlignment a = switch (style.hAlign()) {
            case LEFT -> TextAlignment.LEFT;
            case CENTER -> TextAlignment.CENTER;
            case RIGHT -> TextAlignment.RIGHT;
        };
        if (a != align) {
            align = a;
            gc.setTextAlign(a);
        }
        VPos b = switch (style.vAlign()) {
            case TOP -> VPos.TOP;
            case CENTER -> VPos.CENTER;
            case BASELINE -> VPos.BASELINE;
            case BOTTOM -> VPos.BOTTOM;
        };
        if (b != baseline) {
            baseline = b;
            gc.setTextBaseline(b);
        }
        if (halo != null && haloWidth > 0) {
            // A plate behind the text: stroking glyph outlines costs far more on the software pipeline.
            double w = estimateWidth(text, style.size()) + 2 * haloWidth;
            double h = style.size() * 1.25 + haloWidth;
            double left = switch (style.hAlign()) {
                case LEFT -> x - haloWidth;
                case CENTER -> x - w / 2;
                case RIGHT -> x - w + haloWidth;
            };
            double top = switch (style.vAlign()) {
                case TOP -> y - haloWidth / 2;
                case CENTER -> y - h / 2;
                case BASELINE -> y - style.size() - haloWidth / 2;
                case BOTTOM -> y - h;
            };
            setFill(halo.withOpacity(halo.opacity() * 0.8));
            gc.fillRoundRect(left, top, w, h, h / 2, h / 2);
        }
        setFill(fillColour);
        gc.fillText(text, x, y);
    }

    /** Roughly the advance of text in the UI font: plates need not be exact. */
    static double estimateWidth(String text, double size) {
        double w = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            w += c == ' ' || c == '.' || c == '/' || c == 'i' || c == 'l' ? 0.32 : Character.isUpperCase(c) ? 0.68 : 0.56;
        }
        return w * size;
    }

    private Font font(double size, boolean bold) {
        long key = Double.doubleToLongBits(Math.round(size * 4) / 4.0) ^ (bold ? 1L : 0L);
        Font f = fonts.get(key);
        if (f == null) {
            f = Font.font("System", bold ? FontWeight.BOLD : FontWeight.NORMAL, Math.round(size * 4) / 4.0);
            fonts.put(key, f);
        }
        return f;
    }
}
