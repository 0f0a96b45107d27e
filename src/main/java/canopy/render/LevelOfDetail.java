package canopy.render;

/**
 * What is worth drawing at a zoom level: small or crowded things (labels, arrowheads, outlines,
 * dashes, the grid) cost rasterising time and cannot be read when zoomed out, so they are dropped.
 * Plain values so the decisions are tested without a toolkit.
 */
public record LevelOfDetail(
        double scale,
        boolean nodeLabels, boolean linkLabels, boolean arrowheads, boolean groupLabels,
        boolean nodeOutlines, boolean dashedGroups, boolean grid,
        double nodeRadiusPx, double linkWidthFactor, double labelSizePx) {

    /** Node labels from this zoom on. */
    public static final double NODE_LABELS = 0.75;
    /** Bandwidth labels on links from this zoom on. */
    public static final double LINK_LABELS = 1.25;
    public static final double ARROWHEADS = 0.4;
    public static final double GROUP_LABELS = 0.3;
    public static final double OUTLINES = 1.0;
    public static final double DASHES = 1.0;
    /** The grid from this zoom on (a 20-unit step is then at least 12 px). */
    public static final double GRID = 0.6;
    /** No node labels when more nodes than this are in view: they would only overlap (and cost time). */
    public static final int MAX_NODE_LABELS = 200;
    /** No bandwidth labels when more links than this are in view. */
    public static final int MAX_LINK_LABELS = 150;
    /**
     * Group boxes are filled only when at most this many are in view: the fills of many boxes cover
     * most of the screen a second time, which costs milliseconds a frame in software.
     */
    public static final int MAX_GROUP_FILLS = 12;
    /** Nodes never shrink below this radius in pixels, so a zoomed-out diagram still shows them. */
    public static final double MIN_NODE_RADIUS_PX = 1.5;

    /** Node labels for this many nodes in view? */
    public boolean nodeLabelsFor(int visibleNodes) {
        return nodeLabels && visibleNodes <= MAX_NODE_LABELS;
    }

    /** Fill the group boxes when this many are in view? */
    public boolean groupFillsFor(int visibleGroups) {
        return visibleGroups <= MAX_GROUP_FILLS;
    }

    /** Bandwidth labels for this many links in view? */
    public boolean linkLabelsFor(int visibleLinks) {
        return linkLabels && visibleLinks <= MAX_LINK_LABELS;
    }

    public static LevelOfDetail at(double scale, DiagramStyle style) {
        double r = Math.max(MIN_NODE_RADIUS_PX, style.nodeRadius() * scale);
        // Links thin out more slowly than the nodes shrink, and never below a hairline.
        double widthFactor = Math.max(0.35, Math.min(1.6, Math.sqrt(scale)));
        double labelSize = style.labelSize() * Math.max(1, Math.min(1.6, Math.sqrt(scale)));
        return new LevelOfDetail(scale,
                scale >= NODE_LABELS, scale >= LINK_LABELS, scale >= ARROWHEADS, scale >= GROUP_LABELS,
                scale >= OUTLINES, scale >= DASHES, scale >= GRID,
                r, widthFactor, labelSize);
    }
}
