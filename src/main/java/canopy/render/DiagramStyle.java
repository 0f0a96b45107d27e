package canopy.render;

/**
 * Colours and sizes of the diagram. {@link #LIGHT} and {@link #DARK} follow the designer's themes.
 * Sizes are world units at zoom 1 (node radius) or pixels (line widths, text).
 *
 * @param nodeRadius    radius of an accelerator, half the side of a switch, in world units
 * @param minLinkWidth  width of the slowest link in the topology, pixels at zoom 1
 * @param maxLinkWidth  width of the fastest link
 * @param labelSize     node label size in pixels at zoom 1 (grows a little when zoomed in)
 */
public record DiagramStyle(
        String name,
        Rgba background, Rgba grid,
        Rgba groupFill, Rgba groupStroke, Rgba groupText,
        Rgba link, Rgba linkText,
        Rgba acceleratorFill, Rgba acceleratorStroke,
        Rgba switchFill, Rgba switchStroke,
        Rgba label, Rgba halo,
        Rgba selection, Rgba hover,
        Rgba cutTint, Rgba cutLink,
        Rgba rubberBandFill, Rgba rubberBandStroke,
        double nodeRadius, double minLinkWidth, double maxLinkWidth, double labelSize) {

    public static final DiagramStyle LIGHT = new DiagramStyle("light",
            Rgba.web("#f8f9fb"), Rgba.web("#eaedf2"),
            Rgba.web("#e9eef5"), Rgba.web("#b9c4d2"), Rgba.web("#5d6b7b"),
            Rgba.web("#8d99a8"), Rgba.web("#3d4856"),
            Rgba.web("#3b7dd8"), Rgba.web("#1f4f91"),
            Rgba.web("#f0a232"), Rgba.web("#a86a12"),
            Rgba.web("#2b3440"), Rgba.web("#f8f9fb"),
            Rgba.web("#0a84ff"), Rgba.web("#0a84ff", 0.45),
            Rgba.web("#e5484d", 0.28), Rgba.web("#d93036"),
            Rgba.web("#0a84ff", 0.10), Rgba.web("#0a84ff", 0.85),
            14, 1.2, 5.0, 10);

    public static final DiagramStyle DARK = new DiagramStyle("dark",
            Rgba.web("#1e2127"), Rgba.web("#262a31"),
            Rgba.web("#262b33"), Rgba.web("#4a5361"), Rgba.web("#9aa6b5"),
            Rgba.web("#6d7886"), Rgba.web("#c9d1db"),
            Rgba.web("#4f8fe6"), Rgba.web("#a9c8f2"),
            Rgba.web("#f0a232"), Rgba.web("#f7d39a"),
            Rgba.web("#d6dce4"), Rgba.web("#1e2127"),
            Rgba.web("#4aa3ff"), Rgba.web("#4aa3ff", 0.5),
            Rgba.web("#ff6369", 0.30), Rgba.web("#ff6369"),
            Rgba.web("#4aa3ff", 0.12), Rgba.web("#4aa3ff", 0.9),
            14, 1.2, 5.0, 10);

    /**
     * The width of a link of bandwidth bw, log-scaled between {@link #minLinkWidth} (the slowest
     * link in the file, minBw) and {@link #maxLinkWidth} (the fastest, maxBw).
     */
    public double linkWidth(double bw, double minBw, double maxBw) {
        if (!(maxBw > minBw) || !(bw > 0) || !(minBw > 0)) {
            return (minLinkWidth + maxLinkWidth) / 2;
        }
        double t = (Math.log(bw) - Math.log(minBw)) / (Math.log(maxBw) - Math.log(minBw));
        t = Math.max(0, Math.min(1, t));
        return minLinkWidth + t * (maxLinkWidth - minLinkWidth);
    }
}
