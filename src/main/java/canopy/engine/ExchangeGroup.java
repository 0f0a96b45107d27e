package canopy.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The trees of one stage, phase and share, which {@link DepthExchange} may swap edges between, with
 * each vertex's parent and edge latency in every tree side by side: the search's first test reads
 * them in a row for one vertex, where the trees' own arrays would each cost a cache miss (at 1,024
 * accelerators, several times the search's time).
 */
final class ExchangeGroup {
    private final int vertices;
    private final List<ExchangeTree> trees = new ArrayList<>();
    private final Map<ExchangeTree, Integer> slot = new HashMap<>();
    /** [vertex][slot]: the vertex's parent in the tree at slot, -1 at its root. */
    private int[][] parentAt;
    /** [vertex][slot]: the latency of the edge joining the vertex to that parent. */
    private long[][] latencyAt;

    ExchangeGroup(int vertices) {
        this.vertices = vertices;
        parentAt = new int[vertices][4];
        latencyAt = new long[vertices][4];
    }

    int size() {
        return trees.size();
    }

    ExchangeTree tree(int slot) {
        return trees.get(slot);
    }

    int[] parentsAt(int v) {
        return parentAt[v];
    }

    long[] latenciesAt(int v) {
        return latencyAt[v];
    }

    void add(ExchangeTree t) {
        int s = trees.size();
        if (s == parentAt[0].length) {
            for (int v = 0; v < vertices; v++) {
                parentAt[v] = Arrays.copyOf(parentAt[v], 2 * s);
                latencyAt[v] = Arrays.copyOf(latencyAt[v], 2 * s);
            }
        }
        trees.add(t);
        slot.put(t, s);
        for (int v = 0; v < vertices; v++) {
            copy(t, v, s);
        }
    }

    /** Takes t out; the last tree moves into its slot. */
    void remove(ExchangeTree t) {
        int s = slot.remove(t);
        ExchangeTree last = trees.remove(trees.size() - 1);
        if (last != t) {
            trees.set(s, last);
            slot.put(last, s);
            for (int v = 0; v < vertices; v++) {
                parentAt[v][s] = parentAt[v][trees.size()];
                latencyAt[v][s] = latencyAt[v][trees.size()];
            }
        }
    }

    /** After t's edge into v changed. */
    void update(ExchangeTree t, int v) {
        copy(t, v, slot.get(t));
    }

    private void copy(ExchangeTree t, int v, int s) {
        parentAt[v][s] = t.parent[v];
        latencyAt[v][s] = t.latency[v];
    }
}
