package canopy.ui.schedule;

import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which of the schedule's trees the tree view draws and the animation moves: every tree, or some by
 * their index in the schedule (one tree row, or all the trees of a root row), with how to say so.
 *
 * @param trees       the selected trees' indices, ascending; empty: every tree
 * @param description what is selected, for a label: "all trees", "tree b0g0 #2", "all trees of b0g0"
 */
public record TreeSelection(SortedSet<Integer> trees, String description) {
    /** Nothing narrowed: every tree. */
    public static final TreeSelection ALL = new TreeSelection(new TreeSet<>(), "all trees");

    public TreeSelection {
        trees = Collections.unmodifiableSortedSet(new TreeSet<>(trees));
    }

    /** These trees (not empty: that would be every tree). */
    public static TreeSelection of(Collection<Integer> trees, String description) {
        if (trees.isEmpty()) {
            throw new IllegalArgumentException("a selection of no trees: use ALL for every tree");
        }
        return new TreeSelection(new TreeSet<>(trees), description);
    }

    public boolean isAll() {
        return trees.isEmpty();
    }

    /** The selected trees of schedule s, in schedule order (every tree for {@link #ALL}). */
    public List<ScheduleTree> treesIn(Schedule s) {
        if (isAll()) {
            return s.trees();
        }
        List<ScheduleTree> out = new ArrayList<>(trees.size());
        for (int i : trees) {
            out.add(s.trees().get(i));
        }
        return out;
    }

    /** True when every selected index is a tree of a schedule with this many trees. */
    boolean fits(int treeCount) {
        return isAll() || (trees.first() >= 0 && trees.last() < treeCount);
    }
}
