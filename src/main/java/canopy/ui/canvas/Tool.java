package canopy.ui.canvas;

/** What a press on the canvas does. */
public enum Tool {
    /** Select, move, rubber-band, edit in place. */
    SELECT,
    /** Click places an accelerator. */
    ACCELERATOR,
    /** Click places a switch. */
    SWITCH,
    /** Drag from one node to another creates a duplex link and asks for its bandwidth. */
    LINK
}
