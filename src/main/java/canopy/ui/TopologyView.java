package canopy.ui;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.QuadCurve;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.shape.StrokeType;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Draws a topology scaled to fit: accelerators as circles, switches as rounded squares, links as lines
 * (thicker for more bandwidth; one-way links offset to their right with an arrowhead; a link that would
 * run through another node bowed around it), node ids below
 * their shapes, and a light box around each group. A plain scene-graph view for small topologies; the
 * designer's canvas layers replace it later.
 */
final class TopologyView extends Pane {
    static final Color ACCELERATOR_FILL = Color.web("#3b7dd8");
    static final Color ACCELERATOR_STROKE = Color.web("#1f4f91");
    static final Color SWITCH_FILL = Color.web("#f0a232");
    static final Color SWITCH_STROKE = Color.web("#a86a12");
    static final Color CUT = Color.web("#d9363e");
    private static final Color SELECTED = Color.web("#0969da");
    private static final Color[] LIGHT = {Color.web("#f8f9fb"), Color.web("#8d99a8"), Color.web("#2b3440"),
        Color.web("#e9eef5"), Color.web("#c3ccd8"), Color.web("#6b7785")};
    private static final Color[] DARK = {Color.web("#0d1117"), Color.web("#6e7b8b"), Color.web("#c9d1d9"),
        Color.web("#161b22"), Color.web("#30363d"), Color.web("#8b949e")};
    private Color background = LIGHT[0];
    private Color linkColour = LIGHT[1];
    private Color labelColour = LIGHT[2];
    private Color groupFill = LIGHT[3];
    private Color groupStroke = LIGHT[4];
    private Color groupLabel = LIGHT[5];
    private static final double RADIUS = 14;
    private static final double MARGIN = 64;
    private static final double ONE_WAY_OFFSET = 5;

    private final Group content = new Group();
    private Topology topology;
    private double zoom = 1;
    private java.util.Set<String> cutNodes = java.util.Set.of();
    private java.util.Set<Integer> cutLinks = java.util.Set.of();
    private java.util.Set<String> selectedNodes = java.util.Set.of();
    private java.util.Set<Integer> selectedLinks = java.util.Set.of();

    TopologyView() {
        getStyleClass().add("topology-view");
        setBackground(new Background(new BackgroundFill(background, null, null)));
        setMinSize(0, 0);
        content.setManaged(false);
        getChildren().add(content);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        widthProperty().addListener((o, a, b) -> redraw());
        heightProperty().addListener((o, a, b) -> redraw());
    }

    void setTopology(Topology t) {
        topology = t;
        redraw();
    }

    /** Scale relative to fitting the view: 1 fits, 2 shows everything twice as large. */
    void setZoom(double z) {
        zoom = z;
        redraw();
    }

    void setDark(boolean dark) {
        Color[] p = dark ? DARK : LIGHT;
        background = p[0];
        linkColour = p[1];
        labelColour = p[2];
        groupFill = p[3];
        groupStroke = p[4];
        groupLabel = p[5];
        setBackground(new Background(new BackgroundFill(background, null, null)));
        redraw();
    }

    /** Draws these nodes and links in the cut colour. */
    void setCutHighlight(java.util.Collection<String> nodes, java.util.Collection<Integer> links) {
        cutNodes = java.util.Set.copyOf(nodes);
        cutLinks = java.util.Set.copyOf(links);
        redraw();
    }

    /** Outlines the selected nodes and links. */
    void setSelection(java.util.Collection<String> nodes, java.util.Collection<Integer> links) {
        selectedNodes = java.util.Set.copyOf(nodes);
        selectedLinks = java.util.Set.copyOf(links);
        redraw();
    }

    private void redraw() {
        content.getChildren().clear();
        double w = getWidth();
        double h = getHeight();
        if (topology == null || topology.nodes().isEmpty() || w <= 0 || h <= 0) {
            return;
        }
        Map<String, Point2D> at = place(topology.nodes(), w, h, zoom);
        drawGroups(at);
        drawLinks(at);
        for (Node n : topology.nodes()) {
            drawNode(n, at.get(n.id()));
        }
    }

    /** Screen positions: the file's x/y scaled to fit, or a circle when some node has none. */
    private static Map<String, Point2D> place(List<Node> nodes, double w, double h, double zoom) {
        boolean positioned = nodes.stream().allMatch(n -> n.x() != null && n.y() != null);
        Map<String, Point2D> raw = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            double angle = 2 * Math.PI * i / nodes.size() - Math.PI / 2;
            raw.put(n.id(), positioned ? new Point2D(n.x(), n.y()) : new Point2D(Math.cos(angle), Math.sin(angle)));
        }
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (Point2D p : raw.values()) {
            minX = Math.min(minX, p.getX());
            maxX = Math.max(maxX, p.getX());
            minY = Math.min(minY, p.getY());
            maxY = Math.max(maxY, p.getY());
        }
        double spanX = maxX - minX;
        double spanY = maxY - minY;
        double availX = Math.max(1, w - 2 * MARGIN);
        double availY = Math.max(1, h - 2 * MARGIN);
        double scale;
        if (spanX <= 0 && spanY <= 0) {
            scale = 1;
        } else if (spanX <= 0) {
            scale = availY / spanY;
        } else if (spanY <= 0) {
            scale = availX / spanX;
        } else {
            scale = Math.min(availX / spanX, availY / spanY);
        }
        double k = scale * zoom;
        double offX = (w - spanX * k) / 2 - minX * k;
        double offY = (h - spanY * k) / 2 - minY * k;
        Map<String, Point2D> out = new LinkedHashMap<>();
        raw.forEach((id, p) -> out.put(id, new Point2D(p.getX() * k + offX, p.getY() * k + offY)));
        return out;
    }

    private void drawGroups(Map<String, Point2D> at) {
        Map<String, List<Point2D>> members = new LinkedHashMap<>();
        for (Node n : topology.nodes()) {
            if (n.group() != null) {
                members.computeIfAbsent(n.group(), g -> new ArrayList<>()).add(at.get(n.id()));
            }
        }
        members.forEach((group, points) -> {
            double x0 = points.stream().mapToDouble(Point2D::getX).min().orElse(0) - RADIUS - 22;
            double x1 = points.stream().mapToDouble(Point2D::getX).max().orElse(0) + RADIUS + 22;
            double y0 = points.stream().mapToDouble(Point2D::getY).min().orElse(0) - RADIUS - 24;
            double y1 = points.stream().mapToDouble(Point2D::getY).max().orElse(0) + RADIUS + 24;
            Rectangle box = new Rectangle(x0, y0, x1 - x0, y1 - y0);
            box.setArcWidth(18);
            box.setArcHeight(18);
            box.setFill(groupFill);
            box.setStroke(groupStroke);
            box.getStrokeDashArray().setAll(6.0, 4.0);
            box.getStyleClass().add("group-box");
            Text name = new Text(x0 + 8, y0 + 5, group);
            name.setTextOrigin(VPos.TOP);
            name.setFont(Font.font(11));
            name.setFill(groupLabel);
            halo(name);
            content.getChildren().addAll(box, name);
        });
    }

    private void drawLinks(Map<String, Point2D> at) {
        double maxBw = topology.links().stream().mapToDouble(l -> l.bandwidth().toDouble()).max().orElse(1);
        Map<String, Integer> seen = new HashMap<>();
        for (int li = 0; li < topology.links().size(); li++) {
            Link l = topology.links().get(li);
            Color colour = cutLinks.contains(li) ? CUT : selectedLinks.contains(li) ? SELECTED : linkColour;
            Point2D a = at.get(l.from());
            Point2D b = at.get(l.to());
            if (a == null || b == null || a.equals(b)) {
                continue; // a link to an unknown node or a self-loop: nothing sensible to draw
            }
            double width = 1.2 + 3.3 * Math.max(0, l.bandwidth().toDouble()) / maxBw;
            Point2D dir = b.subtract(a).normalize();
            Point2D right = new Point2D(-dir.getY(), dir.getX());
            // Parallel links between the same pair fan out so each stays visible.
            String pair = l.from().compareTo(l.to()) < 0 ? l.from() + "\u0000" + l.to() : l.to() + "\u0000" + l.from();
            int index = seen.merge(pair + (l.duplex() ? "d" : "o" + l.from()), 1, Integer::sum) - 1;
            double shift = (l.duplex() ? 0 : ONE_WAY_OFFSET) + index * (width + 3);
            double endGap = RADIUS + (l.duplex() ? 0 : 2);
            Shape line;
            Point2D end;
            Point2D endDir;
            if (passesThroughAnotherNode(l, a, b, at)) {
                // Bow the link to its right so that it goes around the nodes in its way.
                double bow = Math.max(40, 0.2 * a.distance(b)) + shift;
                Point2D control = a.midpoint(b).add(right.multiply(2 * bow));
                Point2D start = a.add(control.subtract(a).normalize().multiply(RADIUS));
                endDir = b.subtract(control).normalize();
                end = b.subtract(endDir.multiply(endGap));
                QuadCurve curve = new QuadCurve(start.getX(), start.getY(), control.getX(), control.getY(),
                        end.getX(), end.getY());
                curve.setFill(null);
                line = curve;
            } else {
                Point2D start = a.add(right.multiply(shift)).add(dir.multiply(RADIUS));
                endDir = dir;
                end = b.add(right.multiply(shift)).subtract(dir.multiply(endGap));
                line = new Line(start.getX(), start.getY(), end.getX(), end.getY());
            }
            line.setStroke(colour);
            line.setStrokeWidth(colour == linkColour ? width : width + 1.5);
            line.getStyleClass().add("link");
            content.getChildren().add(line);
            if (!l.duplex()) {
                double len = 9 + width;
                Point2D side = new Point2D(-endDir.getY(), endDir.getX()).multiply(len * 0.45);
                Point2D base = end.subtract(endDir.multiply(len));
                Polygon head = new Polygon(end.getX(), end.getY(), base.getX() + side.getX(), base.getY() + side.getY(),
                        base.getX() - side.getX(), base.getY() - side.getY());
                head.setFill(colour);
                content.getChildren().add(head);
            }
        }
    }

    /** True when the straight segment a-b would run through a node other than the link's ends. */
    private static boolean passesThroughAnotherNode(Link l, Point2D a, Point2D b, Map<String, Point2D> at) {
        Point2D ab = b.subtract(a);
        double len2 = ab.dotProduct(ab);
        for (Map.Entry<String, Point2D> e : at.entrySet()) {
            if (e.getKey().equals(l.from()) || e.getKey().equals(l.to())) {
                continue;
            }
            Point2D p = e.getValue();
            double t = Math.max(0, Math.min(1, p.subtract(a).dotProduct(ab) / len2));
            if (p.distance(a.add(ab.multiply(t))) < RADIUS + 4) {
                return true;
            }
        }
        return false;
    }

    /** A thin outline in the background colour, so that links crossing a label do not hide it. */
    private void halo(Text text) {
        text.setStroke(background);
        text.setStrokeWidth(3);
        text.setStrokeType(StrokeType.OUTSIDE);
        text.setStrokeLineJoin(StrokeLineJoin.ROUND);
    }

    private void drawNode(Node n, Point2D p) {
        if (cutNodes.contains(n.id()) || selectedNodes.contains(n.id())) {
            Circle ring = new Circle(p.getX(), p.getY(), RADIUS + 5, Color.TRANSPARENT);
            ring.setStroke(selectedNodes.contains(n.id()) ? SELECTED : CUT);
            ring.setStrokeWidth(3);
            ring.getStyleClass().add(selectedNodes.contains(n.id()) ? "selected-ring" : "cut-ring");
            content.getChildren().add(ring);
        }
        if (n.isAccelerator()) {
            Circle c = new Circle(p.getX(), p.getY(), RADIUS, ACCELERATOR_FILL);
            c.setStroke(ACCELERATOR_STROKE);
            c.setStrokeWidth(1.5);
            c.getStyleClass().add("accelerator");
            c.setId("node-" + n.id());
            content.getChildren().add(c);
        } else {
            double side = 2 * RADIUS;
            Rectangle r = new Rectangle(p.getX() - RADIUS, p.getY() - RADIUS, side, side);
            r.setArcWidth(10);
            r.setArcHeight(10);
            r.setFill(SWITCH_FILL);
            r.setStroke(SWITCH_STROKE);
            r.setStrokeWidth(1.5);
            r.getStyleClass().add("switch");
            r.setId("node-" + n.id());
            content.getChildren().add(r);
        }
        Text label = new Text(n.id());
        label.setFont(Font.font(11));
        label.setFill(labelColour);
        label.setTextOrigin(VPos.TOP);
        label.setX(p.getX() - label.getLayoutBounds().getWidth() / 2);
        label.setY(p.getY() + RADIUS + 3);
        halo(label);
        label.getStyleClass().add("node-label");
        content.getChildren().add(label);
    }
}
