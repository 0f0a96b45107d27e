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
    public static final double OUTLINES = 0.45;
    public static final double DASHES = 0.6;
    /** The grid from this zoom on (a 20-unit step is then at least 12 px). */
    public static final double GRID = 0.6;
    /** Nodes never shrink below this radius in pixels, so a zoomed-out diagram still shows them. */
    public static final double MIN_NODE_RADIUS_PX = 1.5;

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
