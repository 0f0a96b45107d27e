package canopy.model;

import java.util.Objects;

/**
 * A topology node. label, x, y and group are optional (null when absent in the file).
 */
public record Node(String id, NodeKind kind, String label, Double x, Double y, String group) {
    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
    }

    public static Node accelerator(String id) {
        return new Node(id, NodeKind.ACCELERATOR, null, null, null, null);
    }

    public static Node switchNode(String id) {
        return new Node(id, NodeKind.SWITCH, null, null, null, null);
    }

    public boolean isAccelerator() {
        return kind == NodeKind.ACCELERATOR;
    }

    public Node withPosition(double newX, double newY) {
        return new Node(id, kind, label, newX, newY, group);
    }

    public Node withGroup(String newGroup) {
        return new Node(id, kind, label, x, y, newGroup);
    }

    public Node withLabel(String newLabel) {
        return new Node(id, kind, newLabel, x, y, group);
    }
}
