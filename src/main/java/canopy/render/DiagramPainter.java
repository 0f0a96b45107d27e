package canopy.render;

import canopy.model.Topology;

import java.util.Set;

/**
 * Draws a {@link DiagramScene} through any {@link DiagramGraphics}: the one renderer behind the
 * screen, the minimap and the file exports. It maps world to screen itself, culls what lies outside
 * the viewport, leaves out what the {@link LevelOfDetail} drops at the current zoom, and strokes all
 * links of one width class and colour as one path (far cheaper than a call per link).
 *
 * <p>Order, bottom to top: background, grid, group boxes, cut halos, links, arrowheads (or, with a
 * congestion overlay, each direction of a link coloured by utilisation), the selected tree's paths,
 * nodes, collapsed groups, selection rings, animation markers, node labels, link labels, hover, and
 * the congestion legend in the bottom-right corner. The schedule overlay ({@link ScheduleOverlay})
 * is drawn by {@link ScheduleLayer} and {@link Legend}. A painter keeps per-overlay lookup
 * tables between frames, so one painter serves one view on one thread.
 */
public final class DiagramPainter {
    private static final TextStyle NODE_LABEL = new TextStyle(11, false, TextStyle.HAlign.CENTER, TextStyle.VAlign.TOP);
    private static final TextStyle LINK_LABEL = new TextStyle(10, false, TextStyle.HAlign.CENTER, TextStyle.VAlign.CENTER);
    private static final TextStyle GROUP_LABEL = new TextStyle(11, true, TextStyle.HAlign.LEFT, TextStyle.VAlign.TOP);
    private static final TextStyle GROUP_COUNT = new TextStyle(10, false, TextStyle.HAlign.CENTER, TextStyle.VAlign.TOP);
    private static final double[] GROUP_DASH = {6, 4};
    private static final int PLAIN = 0;
    private static final int CUT = 1;
    private static final int SELECTED = 2;

    private double gridStep = Grid.STEP;
    private int nodesInView;
    private int linksInView;
    private final double[] triangle = new double[6];

    // Lookup tables for the overlay, rebuilt only when the scene or the overlay changes.
    private DiagramScene preparedScene;
    private Overlay preparedOverlay;
    private byte[] linkState = new byte[0];
    private boolean[] nodeSelected = new boolean[0];
    private boolean[] nodeHighlighted = new boolean[0];
    private ScheduleOverlay preparedSchedule;
    /** Nodes on the selected tree's paths, when a tree view dims the rest; null otherwise. */
    private boolean[] nodeOnTree;

    private ScheduleOverlay schedule = ScheduleOverlay.NONE;

    /** The schedule drawn over the topology (congestion, a tree, animation chunks); NONE for none. */
    public void setScheduleOverlay(ScheduleOverlay overlay) {
        this.schedule = overlay == null ? ScheduleOverlay.NONE : overlay;
    }

    public ScheduleOverlay scheduleOverlay() {
        return schedule;
    }

    /** Grid step in world units; 0 draws no grid (exports). */
    public void setGridStep(double step) {
        this.gridStep = step;
    }

    public double gridStep() {
        return gridStep;
    }

    /** Draws topology t as it stands, with no selection: the one-call form for exports. */
    public static void paint(DiagramGraphics g, Topology t, Viewport v, DiagramStyle style) {
        paint(g, t, v, style, null);
    }

    /** Draws topology t with a schedule overlay (or null for none), no selection, no grid: for exports. */
    public static void paint(DiagramGraphics g, Topology t, Viewport v, DiagramStyle style, ScheduleOverlay schedule) {
        DiagramPainter p = new DiagramPainter();
        p.setGridStep(0);
        p.setScheduleOverlay(schedule);
        p.paint(g, DiagramScene.of(t, style), v, Overlay.NONE);
    }

    /** Pixels between the output's edges and the legend. */
    public static final double LEGEND_MARGIN = 12;

    public void paint(DiagramGraphics g, DiagramScene s, Viewport v, Overlay o) {
        DiagramStyle st = s.style();
        LevelOfDetail lod = LevelOfDetail.at(v.scale(), st);
        prepare(s, o);
        g.setFill(st.background());
        g.fillRect(0, 0, v.width(), v.height());
        if (lod.grid() && gridStep > 0) {
            paintGrid(g, v, st);
        }
        double margin = (st.nodeRadius() * 2 + 40) + (st.maxLinkWidth() + 20) / v.scale();
        Rect view = v.visibleWorld().expand(margin);
        paintGroups(g, s, v, lod, view);
        paintCutHalos(g, s, v, lod, view);
        boolean congestion = !schedule.arcUtilisation().isEmpty();
        if (congestion) {
            linksInView = ScheduleLayer.paintCongestion(g, s, v, lod, view, schedule);
        } else {
            paintLinks(g, s, v, lod, view);
            if (lod.arrowheads()) {
                paintArrowheads(g, s, v, lod, view);
            }
        }
        if (!schedule.treePaths().isEmpty()) {
            ScheduleLayer.paintTree(g, s, v, lod, schedule);
        }
        if (!schedule.channels().isEmpty()) {
            ChannelLayer.paintPaths(g, s, v, lod, schedule);
        }
        paintNodes(g, s, v, lod, view);
        paintCollapsed(g, s, v, lod, view);
        paintSelectionRings(g, s, v, lod, view);
        if (!schedule.markers().isEmpty()) {
            ScheduleLayer.paintMarkers(g, s, v, lod, schedule);
        }
        // Text last: the screen draws everything before it into a pixel raster (see SplitGraphics).
        paintGroupLabels(g, s, v, lod, view);
        if (lod.nodeLabelsFor(nodesInView)) {
            paintNodeLabels(g, s, v, lod, view);
        }
        if (lod.linkLabelsFor(linksInView)) {
            paintLinkLabels(g, s, v, lod, view);
        }
        if (!schedule.channels().isEmpty()) {
            ChannelLayer.paintNumbers(g, s, v, lod, schedule);
        }
        if (o.hoverNode() != null || o.hoverLink() >= 0) {
            paintHover(g, s, v, o.hoverNode(), o.hoverLink());
        }
        if (congestion) {
            Legend.paint(g, v, st, LEGEND_MARGIN);
        }
        if (!schedule.channels().isEmpty()) {
            ChannelLayer.paintKey(g, v, st, LEGEND_MARGIN, schedule);
        }
    }

    /** The colour of a plain link or node: faded when a tree view dims everything outside the tree. */
    private Rgba dim(Rgba c) {
        return schedule.dimOthers() ? ScheduleLayer.dimmed(c) : c;
    }

    private void prepare(DiagramScene s, Overlay o) {
        if (s == preparedScene && o.equals(preparedOverlay) && schedule == preparedSchedule) {
            return;
        }
        preparedScene = s;
        preparedOverlay = o;
        preparedSchedule = schedule;
        nodeOnTree = null;
        if (schedule.dimOthers()) {
            nodeOnTree = new boolean[s.nodeCount()];
            for (String id : ScheduleLayer.treeNodes(schedule)) {
                int i = s.indexOf(id);
                if (i >= 0) {
                    nodeOnTree[i] = true;
                }
            }
        }
        int m = s.links().size();
        if (linkState.length < m) {
            linkState = new byte[m];
        }
        java.util.Arrays.fill(linkState, (byte) PLAIN);
        markLinks(s, o.highlightedLinks(), CUT);
        markLinks(s, o.selectedLinks(), SELECTED);
        int n = s.nodeCount();
        if (nodeSelected.length < n) {
            nodeSelected = new boolean[n];
            nodeHighlighted = new boolean[n];
        }
        java.util.Arrays.fill(nodeSelected, false);
        java.util.Arrays.fill(nodeHighlighted, false);
        markNodes(s, o.selectedNodes(), nodeSelected);
        markNodes(s, o.highlightedNodes(), nodeHighlighted);
    }

    private void markLinks(DiagramScene s, Set<Integer> links, int state) {
        for (int i : links) {
            int d = s.drawnOf(i);
            if (d >= 0) {
                linkState[d] = (byte) state;
            }
        }
    }

    private static void markNodes(DiagramScene s, Set<String> ids, boolean[] out) {
        for (String id : ids) {
            int i = s.indexOf(id);
            if (i >= 0) {
                out[i] = true;
            }
        }
    }

    private void paintGrid(DiagramGraphics g, Viewport v, DiagramStyle st) {
        double stepPx = gridStep * v.scale();
        if (stepPx < 8) {
            return;
        }
        Rect w = v.visibleWorld();
        // One-pixel rectangles on whole pixels: the rasteriser's fast path, far cheaper than stroked lines.
        g.setFill(st.grid());
        for (double x = Math.floor(w.minX() / gridStep) * gridStep; x <= w.maxX(); x += gridStep) {
            g.fillRect(Math.floor(v.toScreenX(x)), 0, 1, Math.ceil(v.height()));
        }
        for (double y = Math.floor(w.minY() / gridStep) * gridStep; y <= w.maxY(); y += gridStep) {
            g.fillRect(0, Math.floor(v.toScreenY(y)), Math.ceil(v.width()), 1);
        }
    }

    private void paintGroups(DiagramGraphics g, DiagramScene s, Viewport v, LevelOfDetail lod, Rect view) {
        DiagramStyle st = s.style();
        double arc = Math.max(2, 9 * Math.min(1, v.scale()));
        int inView = 0;
        for (DiagramScene.GroupBox b : s.groups()) {
            if (!b.collapsed() && view.intersects(b.box())) {
                inView++;
            }
        }
        boolean fills = lod.groupFillsFor(inView);
        g.setLineWidth(1);
        for (DiagramScene.GroupBox b : s.groups()) {
            if (b.collapsed() || !view.intersects(b.box())) {
                continue;
            }
            double x = v.toScreenX(b.box().minX());
            double y = v.toScreenY(b.box().minY());
            double w = b.box().width() * v.scale();
            double h = b.box().height() * v.scale();
            if (fills) {
                g.setFill(st.groupFill());
                g.fillRoundRect(x, y, w, h, arc);
            }
            g.setStroke(st.groupStroke());
            g.setLineDash(lod.dashedGroups() ? GROUP_DASH : null);
            g.strokeRoundRect(x, y, w, h, arc);
        }
        g.setLineDash(null);
    }

    /** The names of the group boxes, and of collapsed groups with their member counts. */
    private void paintGroupLabels(DiagramGraphics g, DiagramScene s, Viewport v, LevelOfDetail lod, Rect view) {
        if (!lod.groupLabels()) {
            return;
        }
        DiagramStyle st = s.style();
        for (DiagramScene.GroupBox b : s.groups()) {
            if (!view.intersects(b.box())) {
                continue;
            }
            if (!b.collapsed()) {
                g.text(b.name(), v.toScreenX(b.box().minX()) + 8, v.toScreenY(b.box().minY()) + 5,
                        GROUP_LABEL, st.groupText(), null, 0);
                continue;
            }
            double x = v.toScreenX(b.box().minX());
            double y = v.toScreenY(b.box().minY());
            double w = b.box().width() * v.scale();
            double h = b.box().height() * v.scale();
            double size = Math.max(8, Math.min(16, 11 * Math.sqrt(v.scale())));
            g.text(b.name(), x + w / 2, y + h / 2 - size, GROUP_LABEL.withSize(size)
                    .aligned(TextStyle.HAlign.CENTER, TextStyle.VAlign.TOP), st.label(), null, 0);
            g.text(b.members().size() + " nodes", x + w / 2, y + h / 2 + 1, GROUP_COUNT.withSize(size - 1),
                    st.groupText(), null, 0);
        }
    }

    private void paintCutHalos(DiagramGraphics g, DiagramScene s, Viewport v, LevelOfDetail lod, Rect view) {
        if (preparedOverlay.highlightedNodes().isEmpty()) {
            return;
        }
        double r = lod.nodeRadiusPx() + Math.max(2, 7 * Math.min(1, v.scale()));
        g.setFill(s.style().cutTint());
        g.beginPath();
        int count = 0;
        for (int i = 0; i < s.nodeCount(); i++) {
            if (nodeHighlighted[i] && s.isVisible(i) && view.contains(s.x(i), s.y(i))) {
                g.addCircle(v.toScreenX(s.x(i)), v.toScreenY(s.y(i)), r);
                count++;
            }
        }
        if (count > 0) {
            g.fillPath();
        }
    }

    private boolean inView(DiagramScene.DrawnLink l, Rect view) {
        return view.intersects(l.minX, l.minY, l.maxX, l.maxY);
    }

    private void paintLinks(DiagramGraphics g, DiagramScene s, Viewport v, LevelOfDetail lod, Rect view) {
        DiagramStyle st = s.style();
        g.setLineDash(null);
        linksInView = 0;
        for (int state = PLAIN; state <= SELECTED; state++) {
            g.setStroke(state == PLAIN ? dim(st.link()) : state == CUT ? st.cutLink() : st.selection());
            for (int c = 0; c < s.widthClasses(); c++) {
                int[] members = s.linksOfWidthClass(c);
                int count = 0;
                for (int k : members) {
                    if (linkState[k] != state) {
                        continue;
                    }
                    DiagramScene.DrawnLink l = s.links().get(k);
                    if (!inView(l, view)) {
                        continue;
                    }
                    if (count == 0) {
                        g.beginPath();
                    }
                    count++;
                    linksInView++;
                    g.moveTo(v.toScreenX(l.ax), v.toScreenY(l.ay));
                    if (l.curved) {
                        g.quadTo(v.toScreenX(l.cx), v.toScreenY(l.cy), v.toScreenX(l.bx), v.toScreenY(l.by));
                    } else {
                        g.lineTo(v.toScreenX(l.bx), v.toScreenY(l.by));
                    }
                }
                if (count > 0) {
                    double w = s.widthOfClass(c) * lod.linkWidthFactor();
                    g.setLineWidth(state == PLAIN ? w : w + 1);
                    g.strokePath();
                }
            }
        }
    }

    private void paintArrowheads(DiagramGraphics g, DiagramScene s, Viewport v, LevelOfDetail lod, Rect view) {
        DiagramStyle st = s.style();
        for (int state = PLAIN; state <= SELECTED; state++) {
            int count = 0;
            for (int k = 0; k < s.links().size(); k++) {
                DiagramScene.DrawnLink l = s.links().get(k);
                if (!l.oneWay || linkState[k] != state || !inView(l, view)) {
                    continue;
                }
                if (count == 0) {
                    g.setFill(state == PLAIN ? dim(st.link()) : state == CUT ? st.cutLink() : st.selection());
                    g.beginPath();
                }
                count++;
                arrowhead(l, v, lod, l.width * lod.linkWidthFactor(), triangle);
                g.moveTo(triangle[0], triangle[1]);
                g.lineTo(triangle[2], triangle[3]);
                g.lineTo(triangle[4], triangle[5]);
                g.closePath();
            }
            if (count > 0) {
                g.fillPath();
            }
        }
    }

    /** The arrowhead of a one-way link in screen coordinates: tip at the target's outline. */
    static void arrowhead(DiagramScene.DrawnLink l, Viewport v, LevelOfDetail lod, double widthPx, double[] out) {
        double fx = l.curved ? v.toScreenX(l.cx) : v.toScreenX(l.ax);
        double fy = l.curved ? v.toScreenY(l.cy) : v.toScreenY(l.ay);
        double inset = Math.max(l.endInset * v.scale(), lod.nodeRadiusPx()) + 1;
        ScheduleLayer.arrow(fx, fy, v.toScreenX(l.bx), v.toScreenY(l.by), inset, 7 + 1.6 * widthPx, out);
    }

    private void paintNodes(DiagramGraphics g, DiagramScene s, Viewport v, LevelOfDetail lod, Rect view) {
        DiagramStyle st = s.style();
        double r = lod.nodeRadiusPx();
        nodesInView = 0;
        boolean[] onTree = nodeOnTree;
        // With a dimming tree view: first the faded nodes off the tree, then those on it.
        for (int pass = onTree == null ? 2 : 0; pass < 4; pass++) {
            boolean switches = pass % 2 == 1;
            int only = onTree == null ? 0 : pass < 2 ? -1 : 1;
            boolean faded = only < 0;
            if (lod.nodeOutlines()) {
                // The outline as a slightly larger shape below the fill: two fills cost less than a stroke.
                Rgba outline = switches ? st.switchStroke() : st.acceleratorStroke();
                g.setFill(faded ? ScheduleLayer.dimmed(outline) : outline);
                if (nodeShapes(g, s, v, view, switches, r + 0.75, onTree, only) == 0) {
                    continue;
                }
                g.fillPath();
                Rgba fill = switches ? st.switchFill() : st.acceleratorFill();
                g.setFill(faded ? ScheduleLayer.dimmed(fill) : fill);
                nodesInView += nodeShapes(g, s, v, view, switches, r - 0.75, onTree, only);
                g.fillPath();
            } else {
                Rgba fill = switches ? st.switchFill() : st.acceleratorFill();
                g.setFill(faded ? ScheduleLayer.dimmed(fill) : fill);
                int count = nodeShapes(g, s, v, view, switches, r, onTree, only);
                nodesInView += count;
                if (count > 0) {
                    g.fillPath();
                }
            }
        }
    }

    /**
     * Starts a path of the visible accelerators' circles or switches' squares of radius r; returns how
     * many. only: 0 all nodes, 1 those on the tree, -1 those off it.
     */
    private static int nodeShapes(DiagramGraphics g, DiagramScene s, Viewport v, Rect view, boolean switches, double r,
                                  boolean[] onTree, int only) {
        int count = 0;
        double arc = r * 0.35;
        g.beginPath();
        for (int i = 0; i < s.nodeCount(); i++) {
            if (s.isSwitch(i) != switches || !s.isVisible(i) || !view.contains(s.x(i), s.y(i))) {
                continue;
            }
            if (only != 0 && onTree[i] != (only > 0)) {
                continue;
            }
            double x = v.toScreenX(s.x(i));
            double y = v.toScreenY(s.y(i));
            if (switches) {
                g.addRoundRect(x - r, y - r, 2 * r, 2 * r, arc);
            } else {
                g.addCircle(x, y, r);
            }
            count++;
        }
        return count;
    }

    private void paintCollapsed(DiagramGraphics g, DiagramScene s, Viewport v, LevelOfDetail lod, Rect view) {
        DiagramStyle st = s.style();
        for (DiagramScene.GroupBox b : s.groups()) {
            if (!b.collapsed() || !view.intersects(b.box())) {
                continue;
            }
            double x = v.toScreenX(b.box().minX());
            double y = v.toScreenY(b.box().minY());
            double w = b.box().width() * v.scale();
            double h = b.box().height() * v.scale();
            double arc = Math.max(2, 8 * Math.min(1, v.scale()));
            boolean selected = false;
            for (String m : b.members()) {
                if (preparedOverlay.selectedNodes().contains(m)) {
                    selected = true;
                    break;
                }
            }
            g.setFill(st.groupFill());
            g.fillRoundRect(x, y, w, h, arc);
            g.setStroke(selected ? st.selection() : st.groupStroke());
            g.setLineWidth(selected ? 2.5 : 1.5);
            g.strokeRoundRect(x, y, w, h, arc);
        }
    }

    private void paintSelectionRings(DiagramGraphics g, DiagramScene s, Viewport v, LevelOfDetail lod, Rect view) {
        if (preparedOverlay.selectedNodes().isEmpty()) {
            return;
        }
        double r = lod.nodeRadiusPx() + 3.5;
        int count = 0;
        g.beginPath();
        for (int i = 0; i < s.nodeCount(); i++) {
            if (!nodeSelected[i] || !s.isVisible(i) || !view.contains(s.x(i), s.y(i))) {
                continue;
            }
            double x = v.toScreenX(s.x(i));
            double y = v.toScreenY(s.y(i));
            if (s.isSwitch(i)) {
                g.addRoundRect(x - r, y - r, 2 * r, 2 * r, r * 0.4);
            } else {
                g.addCircle(x, y, r);
            }
            count++;
        }
        if (count > 0) {
            g.setStroke(s.style().selection());
            g.setLineWidth(2.5);
            g.strokePath();
        }
    }

    private void paintNodeLabels(DiagramGraphics g, DiagramScene s, Viewport v, LevelOfDetail lod, Rect view) {
        DiagramStyle st = s.style();
        TextStyle ts = NODE_LABEL.withSize(lod.labelSizePx());
        Rect strict = v.visibleWorld().expand(st.nodeRadius() * 4);
        for (int i = 0; i < s.nodeCount(); i++) {
            if (!s.isVisible(i) || !strict.contains(s.x(i), s.y(i))) {
                continue;
            }
            g.text(s.text(i), v.toScreenX(s.x(i)), v.toScreenY(s.y(i)) + lod.nodeRadiusPx() + 3, ts,
                    st.label(), st.halo(), 3);
        }
    }

    private void paintLinkLabels(DiagramGraphics g, DiagramScene s, Viewport v, LevelOfDetail lod, Rect view) {
        DiagramStyle st = s.style();
        Rect strict = v.visibleWorld();
        for (DiagramScene.DrawnLink l : s.links()) {
            double mx = l.midX();
            double my = l.midY();
            if (!strict.contains(mx, my)) {
                continue;
            }
            g.text(l.label(), v.toScreenX(mx), v.toScreenY(my), LINK_LABEL, st.linkText(), st.background(), 3);
        }
    }

    /** The hover mark of a node or a link (index into the topology's links), on top of everything. */
    public void paintHover(DiagramGraphics g, DiagramScene s, Viewport v, String node, int link) {
        DiagramStyle st = s.style();
        LevelOfDetail lod = LevelOfDetail.at(v.scale(), st);
        g.setLineDash(null);
        g.setStroke(st.hover());
        if (node != null) {
            int i = s.indexOf(node);
            if (i >= 0 && s.isVisible(i)) {
                double r = lod.nodeRadiusPx() + 5;
                g.setLineWidth(3);
                double x = v.toScreenX(s.x(i));
                double y = v.toScreenY(s.y(i));
                if (s.isSwitch(i)) {
                    g.strokeRoundRect(x - r, y - r, 2 * r, 2 * r, r * 0.4);
                } else {
                    g.strokeCircle(x, y, r);
                }
            }
        }
        int d = s.drawnOf(link);
        if (d >= 0) {
            DiagramScene.DrawnLink l = s.links().get(d);
            g.setLineWidth(l.width * lod.linkWidthFactor() + 5);
            g.beginPath();
            g.moveTo(v.toScreenX(l.ax), v.toScreenY(l.ay));
            if (l.curved) {
                g.quadTo(v.toScreenX(l.cx), v.toScreenY(l.cy), v.toScreenX(l.bx), v.toScreenY(l.by));
            } else {
                g.lineTo(v.toScreenX(l.bx), v.toScreenY(l.by));
            }
            g.strokePath();
        }
    }
}
