package canopy.ui.document;

import canopy.model.Topology;

/**
 * One undoable step: the topology before and after, with what a user calls it ("Move 3 nodes").
 * Topologies are immutable values, so undo is just going back to before.
 */
public record Edit(String description, Topology before, Topology after) {
}
