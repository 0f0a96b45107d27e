package canopy.render.export;

import canopy.render.DiagramGraphics;
import canopy.render.Rgba;
import canopy.render.TextStyle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;

/**
 * {@link DiagramGraphics} drawing one vector PDF page with Apache PDFBox: paths, shapes and text in
 * Helvetica (a standard 14 font, so nothing is embedded; characters outside WinAnsi become '?').
 * The page's y axis points up, so the content is drawn under a flipping matrix and each text run
 * flips back. Colours with opacity use an extended graphics state (ca / CA). A path is kept until it
 * is filled or stroked, because PDF forbids changing colours while one is being built. Halos are a
 * plate behind the text, as on the screen. Use once: draw, then {@link #toBytes()}.
 */
public final class PdfGraphics extends PenGraphics {
    /**
     * PDFBox warns on stderr (through java.util.logging) that it maps Helvetica to a system font for
     * its own rendering; the file names Helvetica all the same, so the warning is only noise on the
     * command line. Held here so that the level setting is not garbage-collected with the logger.
     */
    private static final java.util.logging.Logger FONT_LOG = quiet("org.apache.pdfbox.pdmodel.font");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        if (l.getLevel() == null) {
            l.setLevel(java.util.logging.Level.SEVERE);
        }
        return l;
    }

    private static final double KAPPA = 0.5522847498;
    private final PDDocument doc = new PDDocument();
    private final PDPageContentStream cs;
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final Map<Long, PDExtendedGraphicsState> alphaStates = new HashMap<>();
    private final Map<Character, Boolean> encodable = new HashMap<>();

    /** What the content stream has (the caller's is the inherited pen). */
    private Pen has = new Pen();
    private final Deque<Pen[]> saved = new ArrayDeque<>();
    private final List<double[]> path = new ArrayList<>();
    private double curX;
    private double curY;
    private double startX;
    private double startY;

    private static final int MOVE = 0;
    private static final int LINE = 1;
    private static final int CURVE = 2;
    private static final int CLOSE = 3;

    /** A page of width × height drawing units, scale points each. */
    public PdfGraphics(double width, double height, double scale) {
        PDPage page = new PDPage(new PDRectangle((float) (width * scale), (float) (height * scale)));
        doc.addPage(page);
        try {
            cs = new PDPageContentStream(doc, page);
            cs.transform(new Matrix((float) scale, 0, 0, (float) -scale, 0, (float) (height * scale)));
            cs.setLineCapStyle(0);
            cs.setLineJoinStyle(2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        has.lineWidth = -1; // force the first width out
    }

    /**
     * Whether a fill or stroke colour has been written to the page yet (PDF's default is opaque
     * black); a sentinel colour could not tell "none yet" from opaque white, ARGB −1.
     */
    private boolean fillWritten;
    private boolean strokeWritten;

    /** The alpha the page has for fills (255 before any fill colour is written). */
    private int fillAlpha() {
        return fillWritten ? new Rgba(has.fill).alpha() : 255;
    }

    private int strokeAlpha() {
        return strokeWritten ? new Rgba(has.stroke).alpha() : 255;
    }

    private interface PdfOp {
        void run() throws IOException;
    }

    private static void io(PdfOp op) {
        try {
            op.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float f(double v) {
        return (float) v;
    }

    private void applyFill() throws IOException {
        if (!fillWritten || has.fill != pen.fill) {
            Rgba c = new Rgba(pen.fill);
            cs.setNonStrokingColor(c.red() / 255f, c.green() / 255f, c.blue() / 255f);
            applyAlpha(c.alpha(), strokeAlpha(), true);
            has.fill = pen.fill;
            fillWritten = true;
        }
    }

    private void applyStroke() throws IOException {
        if (!strokeWritten || has.stroke != pen.stroke) {
            Rgba c = new Rgba(pen.stroke);
            cs.setStrokingColor(c.red() / 255f, c.green() / 255f, c.blue() / 255f);
            applyAlpha(fillAlpha(), c.alpha(), false);
            has.stroke = pen.stroke;
            strokeWritten = true;
        }
        if (has.lineWidth != pen.lineWidth) {
            cs.setLineWidth(f(pen.lineWidth));
            has.lineWidth = pen.lineWidth;
        }
        if (has.dash != pen.dash) {
            if (pen.dash == null) {
                cs.setLineDashPattern(new float[0], 0);
            } else {
                float[] d = new float[pen.dash.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = f(pen.dash[i]);
                }
                cs.setLineDashPattern(d, 0);
            }
            has.dash = pen.dash;
        }
    }

    /** Sets both constant alphas (0..255); the one not changing keeps the value it has. */
    private void applyAlpha(int fillAlpha, int strokeAlpha, boolean fillChanged) throws IOException {
        int fa = fillChanged ? fillAlpha : fillAlpha();
        int sa = fillChanged ? strokeAlpha() : strokeAlpha;
        long key = ((long) fa << 8) | sa;
        PDExtendedGraphicsState gs = alphaStates.computeIfAbsent(key, k -> {
            PDExtendedGraphicsState s = new PDExtendedGraphicsState();
            s.setNonStrokingAlphaConstant(fa / 255f);
            s.setStrokingAlphaConstant(sa / 255f);
            return s;
        });
        cs.setGraphicsStateParameters(gs);
    }

    @Override
    public void save() {
        io(cs::saveGraphicsState);
        saved.push(new Pen[] {pen.copy(), has.copy()});
    }

    @Override
    public void restore() {
        if (saved.isEmpty()) {
            return;
        }
        io(cs::restoreGraphicsState);
        Pen[] s = saved.pop();
        pen = s[0];
        has = s[1];
    }

    @Override
    public void clipRect(double x, double y, double w, double h) {
        io(() -> {
            cs.addRect(f(x), f(y), f(w), f(h));
            cs.clip();
        });
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        io(() -> {
            applyFill();
            cs.addRect(f(x), f(y), f(w), f(h));
            cs.fill();
        });
    }

    @Override
    public void strokeLine(double x1, double y1, double x2, double y2) {
        io(() -> {
            applyStroke();
            cs.moveTo(f(x1), f(y1));
            cs.lineTo(f(x2), f(y2));
            cs.stroke();
        });
    }

    @Override
    public void fillCircle(double cx, double cy, double r) {
        beginPath();
        addCircle(cx, cy, r);
        fillPath();
    }

    @Override
    public void strokeCircle(double cx, double cy, double r) {
        beginPath();
        addCircle(cx, cy, r);
        strokePath();
    }

    @Override
    public void fillRoundRect(double x, double y, double w, double h, double arc) {
        beginPath();
        addRoundRect(x, y, w, h, arc);
        fillPath();
    }

    @Override
    public void strokeRoundRect(double x, double y, double w, double h, double arc) {
        beginPath();
        addRoundRect(x, y, w, h, arc);
        strokePath();
    }

    @Override
    public void beginPath() {
        path.clear();
    }

    @Override
    public void moveTo(double x, double y) {
        path.add(new double[] {MOVE, x, y});
        curX = startX = x;
        curY = startY = y;
    }

    @Override
    public void lineTo(double x, double y) {
        path.add(new double[] {LINE, x, y});
        curX = x;
        curY = y;
    }

    @Override
    public void quadTo(double cx, double cy, double x, double y) {
        // The cubic with the same curve: control points two thirds of the way to the quadratic's.
        curve(curX + 2.0 / 3 * (cx - curX), curY + 2.0 / 3 * (cy - curY),
                x + 2.0 / 3 * (cx - x), y + 2.0 / 3 * (cy - y), x, y);
    }

    private void curve(double x1, double y1, double x2, double y2, double x, double y) {
        path.add(new double[] {CURVE, x1, y1, x2, y2, x, y});
        curX = x;
        curY = y;
    }

    @Override
    public void closePath() {
        path.add(new double[] {CLOSE});
        curX = startX;
        curY = startY;
    }

    @Override
    public void addCircle(double cx, double cy, double r) {
        double k = KAPPA * r;
        moveTo(cx + r, cy);
        curve(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
        curve(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
        curve(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
        curve(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
        closePath();
    }

    @Override
    public void addRoundRect(double x, double y, double w, double h, double arc) {
        double r = Math.max(0, Math.min(arc, Math.min(w, h) / 2));
        double k = KAPPA * r;
        moveTo(x + r, y);
        lineTo(x + w - r, y);
        curve(x + w - r + k, y, x + w, y + r - k, x + w, y + r);
        lineTo(x + w, y + h - r);
        curve(x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h);
        lineTo(x + r, y + h);
        curve(x + r - k, y + h, x, y + h - r + k, x, y + h - r);
        lineTo(x, y + r);
        curve(x, y + r - k, x + r - k, y, x + r, y);
        closePath();
    }

    private void tracePath() throws IOException {
        for (double[] op : path) {
            switch ((int) op[0]) {
                case MOVE -> cs.moveTo(f(op[1]), f(op[2]));
                case LINE -> cs.lineTo(f(op[1]), f(op[2]));
                case CURVE -> cs.curveTo(f(op[1]), f(op[2]), f(op[3]), f(op[4]), f(op[5]), f(op[6]));
                default -> cs.closePath();
            }
        }
    }

    @Override
    public void fillPath() {
        if (path.isEmpty()) {
            return;
        }
        io(() -> {
            applyFill();
            tracePath();
            cs.fill();
        });
    }

    @Override
    public void strokePath() {
        if (path.isEmpty()) {
            return;
        }
        io(() -> {
            applyStroke();
            tracePath();
            cs.stroke();
        });
    }

    /** The text with every character Helvetica's WinAnsi encoding lacks replaced by '?'. */
    String encodable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = encodable.computeIfAbsent(c, ch -> {
                try {
                    regular.encode(String.valueOf(ch));
                    return true;
                } catch (IOException | IllegalArgumentException e) {
                    return false;
                }
            });
            b.append(ok ? c : '?');
        }
        return b.toString();
    }

    @Override
    public void text(String text, double x, double y, TextStyle style, Rgba fill, Rgba halo, double haloWidth) {
        String t = encodable(text);
        PDType1Font font = style.bold() ? bold : regular;
        double size = style.size();
        double w;
        try {
            w = font.getStringWidth(t) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double left = switch (style.hAlign()) {
            case LEFT -> x;
            case CENTER -> x - w / 2;
            case RIGHT -> x - w;
        };
        double base = SvgGraphics.baseline(y, style);
        if (halo != null && haloWidth > 0) {
            double h = size * 1.25 + haloWidth;
            setFill(halo.withOpacity(halo.opacity() * 0.8));
            fillRoundRect(left - haloWidth, base - 0.95 * size - haloWidth / 2, w + 2 * haloWidth, h, h / 2);
        }
        setFill(fill);
        io(() -> {
            applyFill();
            cs.beginText();
            cs.setFont(font, f(size));
            // Flip the glyphs back up under the page's flipped y axis.
            cs.setTextMatrix(new Matrix(1, 0, 0, -1, f(left), f(base)));
            cs.showText(t);
            cs.endText();
        });
    }

    /** Finishes the page and returns the PDF file's bytes. */
    public byte[] toBytes() throws IOException {
        cs.close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        doc.close();
        return out.toByteArray();
    }
}
