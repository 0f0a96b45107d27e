package canopy.ui;

/** What a click on the diagram does: select and move, place an accelerator or a switch, draw a link. */
public enum Tool {
    SELECT("Select"), ACCELERATOR("Accelerator"), SWITCH("Switch"), LINK("Link");

    private final String title;

    Tool(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
