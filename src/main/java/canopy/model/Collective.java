package canopy.model;

/** The collectives Canopy schedules. */
public enum Collective {
    ALLGATHER("allgather"),
    REDUCE_SCATTER("reduce-scatter"),
    ALLREDUCE("allreduce");

    private final String jsonName;

    Collective(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static Collective fromJson(String name) {
        for (Collective c : values()) {
            if (c.jsonName.equals(name)) {
                return c;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
