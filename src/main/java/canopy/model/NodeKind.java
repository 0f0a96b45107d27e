package canopy.model;

/** What a node is: an accelerator holds data; a switch only forwards it. */
public enum NodeKind {
    ACCELERATOR("accelerator"),
    SWITCH("switch");

    private final String jsonName;

    NodeKind(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    /** The kind with this file name, or null. */
    public static NodeKind fromJson(String name) {
        for (NodeKind k : values()) {
            if (k.jsonName.equals(name)) {
                return k;
            }
        }
        return null;
    }
}
