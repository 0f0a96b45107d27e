package canopy.engine;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * From one accelerator, every shortest-latency path through switches only (or over one direct link) to
 * each accelerator so reached, as a DAG whose entries come in order of latency: entry 0 is the source;
 * an entry's predecessors are the arcs that end a shortest path into it, each from an earlier entry
 * (the source or a switch). Fixed by the graph, so built once and then searched many times under
 * changing link loads by a pass in entry order, without a priority queue. Built on the reversed graph,
 * it holds the paths into the source instead (same arc indices, see {@link NetworkGraph#reversed()}).
 */
final class SwitchPathDag {
    /** Per entry, its node; entry 0 is the source. */
    final int[] node;
    /** Per entry, the latency of its shortest paths from the source (LatencyScale units). */
    final long[] dist;
    /** Entry i's predecessor arcs are pred[predStart[i] .. predStart[i + 1]). */
    final int[] predStart;
    final int[] predArc;
    /** Per predecessor arc, the entry it leaves. */
    final int[] predEntry;

    private SwitchPathDag(int[] node, long[] dist, int[] predStart, int[] predArc, int[] predEntry) {
        this.node = node;
        this.dist = dist;
        this.predStart = predStart;
        this.predArc = predArc;
        this.predEntry = predEntry;
    }

    int size() {
        return node.length;
    }

    /** The DAG from source in g, with arc latencies lat (whole numbers). */
    static SwitchPathDag from(NetworkGraph g, long[] lat, int source) {
        int n = g.nodeCount();
        long[] d = new long[n];
        Arrays.fill(d, Long.MAX_VALUE);
        int[] entryOf = new int[n];
        Arrays.fill(entryOf, -1);
        d[source] = 0;
        PriorityQueue<long[]> queue = new PriorityQueue<>((x, y) -> Long.compare(x[0], y[0]));
        queue.add(new long[] {0, source});
        int[] order = new int[n];
        int size = 0;
        while (!queue.isEmpty()) {
            long[] top = queue.poll();
            int x = (int) top[1];
            if (top[0] > d[x] || entryOf[x] >= 0) {
                continue;
            }
            entryOf[x] = size;
            order[size++] = x;
            if (x != source && g.isAccelerator(x)) {
                continue; // paths end at the first accelerator
            }
            for (int a : g.outArcs(x)) {
                int y = g.arcTo(a);
                long dy = d[x] + lat[a];
                if (dy < d[y]) {
                    d[y] = dy;
                    queue.add(new long[] {dy, y});
                }
            }
        }
        int[] node = Arrays.copyOf(order, size);
        long[] dist = new long[size];
        int[] predStart = new int[size + 1];
        int[] arcs = new int[16];
        int[] from = new int[16];
        int count = 0;
        for (int i = 0; i < size; i++) {
            int x = node[i];
            dist[i] = d[x];
            predStart[i] = count;
            if (i == 0) {
                continue;
            }
            for (int a : g.inArcs(x)) {
                int w = g.arcFrom(a);
                int e = entryOf[w];
                if (e < 0 || e >= i || w != source && g.isAccelerator(w) || d[w] + lat[a] != d[x]) {
                    continue;
                }
                if (count == arcs.length) {
                    arcs = Arrays.copyOf(arcs, 2 * count);
                    from = Arrays.copyOf(from, 2 * count);
                }
                arcs[count] = a;
                from[count++] = e;
            }
        }
        predStart[size] = count;
        return new SwitchPathDag(node, dist, predStart, Arrays.copyOf(arcs, count), Arrays.copyOf(from, count));
    }
}
