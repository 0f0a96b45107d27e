package canopy.render;

import java.util.ArrayList;
import java.util.List;

/** A DiagramGraphics that records what is drawn, for asserting on the painter's output. */
final class RecordingGraphics implements DiagramGraphics {
    /** One sub-path: its kind (line, quad, circle, roundrect, polygon) and its points. */
    record Sub(String kind, List<double[]> points) {
    }

    /** One drawing operation: fill or stroke (of a path or a shape), or text. */
    record Op(String what, Rgba colour, double width, List<Sub> subs, String text) {
    }

    final List<Op> ops = new ArrayList<>();
    private Rgba fill;
    private Rgba stroke;
    private double width;
    private List<Sub> path = new ArrayList<>();
    private Sub current;

    @Override public void save() { }
    @Override public void restore() { }
    @Override public void clipRect(double x, double y, double w, double h) { }
    @Override public void setFill(Rgba c) { fill = c; }
    @Override public void setStroke(Rgba c) { stroke = c; }
    @Override public void setLineWidth(double w) { width = w; }
    @Override public void setLineDash(double[] dash) { }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        ops.add(new Op("fillRect", fill, 0, List.of(new Sub("rect", List.of(new double[] {x, y, w, h}))), null));
    }

    @Override
    public void strokeLine(double x1, double y1, double x2, double y2) {
        ops.add(new Op("stroke", stroke, width, List.of(new Sub("line", List.of(new double[] {x1, y1}, new double[] {x2, y2}))), null));
    }

    @Override
    public void fillCircle(double cx, double cy, double r) {
        ops.add(new Op("fill", fill, 0, List.of(new Sub("circle", List.of(new double[] {cx, cy, r}))), null));
    }

    @Override
    public void strokeCircle(double cx, double cy, double r) {
        ops.add(new Op("stroke", stroke, width, List.of(new Sub("circle", List.of(new double[] {cx, cy, r}))), null));
    }

    @Override
    public void fillRoundRect(double x, double y, double w, double h, double arc) {
        ops.add(new Op("fill", fill, 0, List.of(new Sub("roundrect", List.of(new double[] {x, y, w, h}))), null));
    }

    @Override
    public void strokeRoundRect(double x, double y, double w, double h, double arc) {
        ops.add(new Op("stroke", stroke, width, List.of(new Sub("roundrect", List.of(new double[] {x, y, w, h}))), null));
    }

    @Override
    public void fillPolygon(double[] xy, int n) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pts.add(new double[] {xy[2 * i], xy[2 * i + 1]});
        }
        ops.add(new Op("fill", fill, 0, List.of(new Sub("polygon", pts)), null));
    }

    @Override
    public void beginPath() {
        path = new ArrayList<>();
        current = null;
    }

    @Override
    public void moveTo(double x, double y) {
        current = new Sub("line", new ArrayList<>());
        current.points().add(new double[] {x, y});
        path.add(current);
    }

    @Override
    public void lineTo(double x, double y) {
        current.points().add(new double[] {x, y});
    }

    @Override
    public void quadTo(double cx, double cy, double x, double y) {
        Sub q = new Sub("quad", current.points());
        path.set(path.size() - 1, q);
        current = q;
        current.points().add(new double[] {x, y});
    }

    @Override
    public void closePath() {
        Sub p = new Sub("polygon", current.points());
        path.set(path.size() - 1, p);
        current = p;
    }

    @Override
    public void addCircle(double cx, double cy, double r) {
        path.add(new Sub("circle", List.of(new double[] {cx, cy, r})));
    }

    @Override
    public void addRoundRect(double x, double y, double w, double h, double arc) {
        path.add(new Sub("roundrect", List.of(new double[] {x, y, w, h})));
    }

    @Override
    public void fillPath() {
        ops.add(new Op("fill", fill, 0, List.copyOf(path), null));
    }

    @Override
    public void strokePath() {
        ops.add(new Op("stroke", stroke, width, List.copyOf(path), null));
    }

    @Override
    public void text(String text, double x, double y, TextStyle style, Rgba f, Rgba halo, double haloWidth) {
        ops.add(new Op("text", f, 0, List.of(new Sub("at", List.of(new double[] {x, y}))), text));
    }

    /** Sub-paths of this kind in operations what ("fill"/"stroke") drawn in colour. */
    long count(String what, Rgba colour, String kind) {
        return ops.stream().filter(o -> o.what().equals(what) && o.colour().equals(colour))
                .flatMap(o -> o.subs().stream()).filter(s -> s.kind().equals(kind)).count();
    }

    List<String> texts() {
        return ops.stream().filter(o -> o.what().equals("text")).map(Op::text).toList();
    }
}
