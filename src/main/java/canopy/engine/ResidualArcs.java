package canopy.engine;

import java.util.Arrays;

/**
 * The arcs of a max-flow network, shared by {@link FlowNetwork} (long capacities) and
 * {@link BigFlowNetwork} (BigInteger ones), which keep their capacities per arc id beside them: arcs
 * come in pairs, an arc at an even id and its reverse at id ^ 1 (so a push updates both without a
 * lookup), and each node lists the arcs leaving it, {@code head[u]} then {@code next[e]} until -1, with
 * {@code to[e]} the node arc e enters. A base class rather than a field so that the networks' hot
 * loops read these arrays as their own fields, as fast as before they were shared; only
 * {@link #addArc} changes them.
 */
abstract class ResidualArcs {
    final int n;
    int[] head;
    int[] next;
    int[] to;
    /** Arcs so far, reverses included: ids 0 .. edges-1. */
    int edges;

    ResidualArcs(int nodeCount, int expectedEdges) {
        n = nodeCount;
        head = new int[n];
        Arrays.fill(head, -1);
        int cap = Math.max(4, 2 * expectedEdges);
        next = new int[cap];
        to = new int[cap];
    }

    /** A copy of o's arcs, independent of o (a network copied for another thread). */
    ResidualArcs(ResidualArcs o) {
        n = o.n;
        head = o.head.clone();
        next = o.next.clone();
        to = o.to.clone();
        edges = o.edges;
    }

    /** Room for arc ids below this: the length the network's capacity arrays start with. */
    final int arcRoom() {
        return to.length;
    }

    /** Makes the network's capacity arrays this long (arcs are about to outgrow them). */
    abstract void growCapacities(int length);

    /** Whether arc e has room left after the last query. */
    abstract boolean hasRoom(int e);

    /** Adds u→v and its reverse v→u (id + 1) and returns u→v's id, doubling the arrays when full. */
    final int addArc(int u, int v) {
        if (edges + 2 > to.length) {
            int cap = to.length * 2;
            next = Arrays.copyOf(next, cap);
            to = Arrays.copyOf(to, cap);
            growCapacities(cap);
        }
        int e = edges;
        to[e] = v;
        next[e] = head[u];
        head[u] = e;
        to[e + 1] = u;
        next[e + 1] = head[v];
        head[v] = e + 1;
        edges += 2;
        return e;
    }

    /**
     * The source side of the minimum cut a finished query leaves: every node from which sink cannot be
     * reached along arcs with room. Searched backwards from the sink: for v's arc e to u, u reaches v
     * when u→v, the reverse e ^ 1, has room.
     */
    final boolean[] cannotReach(int sink) {
        boolean[] reaches = new boolean[n];
        int[] queue = new int[n];
        reaches[sink] = true;
        int qh = 0;
        int qt = 0;
        queue[qt++] = sink;
        while (qh < qt) {
            int v = queue[qh++];
            for (int e = head[v]; e >= 0; e = next[e]) {
                int u = to[e];
                if (!reaches[u] && hasRoom(e ^ 1)) {
                    reaches[u] = true;
                    queue[qt++] = u;
                }
            }
        }
        boolean[] side = new boolean[n];
        for (int v = 0; v < n; v++) {
            side[v] = !reaches[v];
        }
        return side;
    }
}
