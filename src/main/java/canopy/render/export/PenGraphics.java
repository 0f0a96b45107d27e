package canopy.render.export;

import canopy.render.DiagramGraphics;
import canopy.render.Rgba;

/**
 * An export back-end that writes shapes out with the pen set last ({@link SvgGraphics}, {@link PdfGraphics}):
 * the pen and its four setters are kept here once; each back-end saves and restores it with its own
 * output's state.
 */
abstract class PenGraphics implements DiagramGraphics {
    /** Fill and stroke colours (ARGB), line width and dash (null: solid). */
    static final class Pen {
        int fill = 0xff000000;
        int stroke = 0xff000000;
        double lineWidth = 1;
        double[] dash;

        Pen copy() {
            Pen p = new Pen();
            p.fill = fill;
            p.stroke = stroke;
            p.lineWidth = lineWidth;
            p.dash = dash;
            return p;
        }
    }

    /** What the next shape is drawn with. */
    protected Pen pen = new Pen();

    @Override
    public void setFill(Rgba colour) {
        pen.fill = colour.argb();
    }

    @Override
    public void setStroke(Rgba colour) {
        pen.stroke = colour.argb();
    }

    @Override
    public void setLineWidth(double width) {
        pen.lineWidth = width;
    }

    @Override
    public void setLineDash(double[] dash) {
        pen.dash = dash == null ? null : dash.clone();
    }
}
