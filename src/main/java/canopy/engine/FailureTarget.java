package canopy.engine;

/**
 * One element a what-if removes, as a typed value: the command line resolves the names its user types
 * (canopy.cli.FailTargets) and the designer what was clicked, so the engine parses no text.
 */
public sealed interface FailureTarget {
    /** A node (an accelerator or a switch) with every link it has. */
    record Node(String id) implements FailureTarget {
    }

    /** Every node of a group (a box) with every link they have. */
    record Group(String name) implements FailureTarget {
    }

    /** The link at this index of the topology's list. */
    record Link(int index) implements FailureTarget {
    }

    static FailureTarget node(String id) {
        return new Node(id);
    }

    static FailureTarget group(String name) {
        return new Group(name);
    }

    static FailureTarget link(int index) {
        return new Link(index);
    }
}
