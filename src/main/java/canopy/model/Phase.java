package canopy.model;

/**
 * What a tree moves (formats.md): allgather and reduce-scatter trees move part of their root's shard
 * (load share/N per link); reduce and broadcast trees move part of the whole buffer (load share).
 */
public enum Phase {
    ALLGATHER("allgather", Direction.OUT, true),
    REDUCE_SCATTER("reduce-scatter", Direction.IN, true),
    REDUCE("reduce", Direction.IN, false),
    BROADCAST("broadcast", Direction.OUT, false);

    private final String jsonName;
    private final Direction direction;
    private final boolean perShard;

    Phase(String jsonName, Direction direction, boolean perShard) {
        this.jsonName = jsonName;
        this.direction = direction;
        this.perShard = perShard;
    }

    public String jsonName() {
        return jsonName;
    }

    /** The direction every tree of this phase has. */
    public Direction direction() {
        return direction;
    }

    /** True when the tree moves part of its root's shard (load share/N), false for the whole buffer. */
    public boolean perShard() {
        return perShard;
    }

    public static Phase fromJson(String name) {
        for (Phase p : values()) {
            if (p.jsonName.equals(name)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
