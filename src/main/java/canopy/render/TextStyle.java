package canopy.render;

/** How a piece of text is set: size in screen pixels, weight, and where (x, y) sits on it. */
public record TextStyle(double size, boolean bold, HAlign hAlign, VAlign vAlign) {
    public enum HAlign { LEFT, CENTER, RIGHT }

    public enum VAlign { TOP, CENTER, BASELINE, BOTTOM }

    public TextStyle withSize(double newSize) {
        return new TextStyle(newSize, bold, hAlign, vAlign);
    }

    public TextStyle aligned(HAlign h, VAlign v) {
        return new TextStyle(size, bold, h, v);
    }
}
