package canopy.ui.canvas;

/**
 * What a press on the canvas does. The tool bar is built from this list (glyph, title, tooltip), so a
 * new tool is one entry here and its case in {@link CanvasMode}.
 */
public enum Tool {
    /** Select, move, rubber-band, edit in place. */
    SELECT("Select", "⬉", "Select and move"),
    /** Click places an accelerator. */
    ACCELERATOR("Accelerator", "●", "Place an accelerator"),
    /** Click places a switch. */
    SWITCH("Switch", "■", "Place a switch"),
    /** Drag from one node to another creates a duplex link and asks for its bandwidth. */
    LINK("Link", "╱", "Draw a link between two nodes");

    private final String title;
    private final String glyph;
    private final String tooltip;

    Tool(String title, String glyph, String tooltip) {
        this.title = title;
        this.glyph = glyph;
        this.tooltip = tooltip;
    }

    public String title() {
        return title;
    }

    /** The tool bar's symbol for the tool. */
    public String glyph() {
        return glyph;
    }

    /** What the tool does, in a sentence fragment for its tooltip. */
    public String tooltip() {
        return tooltip;
    }
}
