package canopy.engine;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Where the arcs of a max-flow network go, shared by {@link FlowNetwork} (long capacities) and
 * {@link BigFlowNetwork} (BigInteger ones), which keep their capacities beside it: arcs come in
 * pairs, an arc at an even id and its reverse at id ^ 1 (so a push updates both without a lookup),
 * and each node lists the arcs leaving it, {@code head[u]} then {@code next[e]} until -1, with
 * {@code to[e]} the node arc e enters. The arrays are package-visible so that the networks' hot loops
 * read them directly (copied into locals); only {@link #add} changes them.
 */
final class ResidualArcs {
    final int nodeCount;
    int[] head;
    int[] next;
    int[] to;
    /** Arcs so far, reverses included: ids 0 .. count-1. */
    int count;

    ResidualArcs(int nodeCount, int expectedEdges) {
        this.nodeCount = nodeCount;
        head = new int[nodeCount];
        Arrays.fill(head, -1);
        int cap = Math.max(4, 2 * expectedEdges);
        next = new int[cap];
        to = new int[cap];
    }

    private ResidualArcs(ResidualArcs o) {
        nodeCount = o.nodeCount;
        head = o.head.clone();
        next = o.next.clone();
        to = o.to.clone();
        count = o.count;
    }

    /** An independent copy (a network copied for another thread may add arcs of its own). */
    ResidualArcs copy() {
        return new ResidualArcs(this);
    }

    /**
     * Room for arc ids below this; a network keeps its capacity arrays at least this long (they grow
     * together in {@link #add}).
     */
    int capacity() {
        return to.length;
    }

    /** Adds u→v and its reverse v→u (id + 1) and returns u→v's id, doubling the arrays when full. */
    int add(int u, int v) {
        if (count + 2 > to.length) {
            int cap = to.length * 2;
            next = Arrays.copyOf(next, cap);
            to = Arrays.copyOf(to, cap);
        }
        int e = count;
        to[e] = v;
        next[e] = head[u];
        head[u] = e;
        to[e + 1] = u;
        next[e + 1] = head[v];
        head[v] = e + 1;
        count += 2;
        return e;
    }

    /**
     * The source side of the minimum cut a finished flow leaves: every node from which sink cannot be
     * reached along arcs with room (hasRoom(e) for arc e). Searched backwards from the sink: for v's
     * arc e to u, u reaches v when u→v, the reverse e ^ 1, has room.
     */
    boolean[] cannotReach(int sink, IntPredicate hasRoom) {
        boolean[] reaches = new boolean[nodeCount];
        int[] queue = new int[nodeCount];
        reaches[sink] = true;
        int qh = 0;
        int qt = 0;
        queue[qt++] = sink;
        while (qh < qt) {
            int v = queue[qh++];
            for (int e = head[v]; e >= 0; e = next[e]) {
                int u = to[e];
                if (!reaches[u] && hasRoom.test(e ^ 1)) {
                    reaches[u] = true;
                    queue[qt++] = u;
                }
            }
        }
        boolean[] side = new boolean[nodeCount];
        for (int v = 0; v < nodeCount; v++) {
            side[v] = !reaches[v];
        }
        return side;
    }
}
