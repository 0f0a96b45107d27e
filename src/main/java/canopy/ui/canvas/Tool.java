package canopy.ui.canvas;

/** What a press on the canvas does; the palette shows each tool's title. */
public enum Tool {
    /** Select, move, rubber-band, edit in place. */
    SELECT("Select"),
    /** Click places an accelerator. */
    ACCELERATOR("Accelerator"),
    /** Click places a switch. */
    SWITCH("Switch"),
    /** Drag from one node to another creates a duplex link and asks for its bandwidth. */
    LINK("Link");

    private final String title;

    Tool(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
