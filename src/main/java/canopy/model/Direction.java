package canopy.model;

/** out: edges point away from the root; in: edges point toward it. */
public enum Direction {
    OUT("out"),
    IN("in");

    private final String jsonName;

    Direction(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static Direction fromJson(String name) {
        for (Direction d : values()) {
            if (d.jsonName.equals(name)) {
                return d;
            }
        }
        return null;
    }
}
