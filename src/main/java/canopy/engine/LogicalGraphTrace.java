package canopy.engine;

import java.util.ArrayDeque;

/** Depth figures of a logical graph, for CANOPY_TRACE: arcs, out-degree, and BFS eccentricity from eight sources. */
final class LogicalGraphTrace {
    private LogicalGraphTrace() {
    }

    static String describe(long[][] cap) {
        int n = cap.length;
        long arcs = 0;
        int maxDeg = 0;
        for (long[] row : cap) {
            int d = 0;
            for (long c : row) {
                if (c > 0) {
                    d++;
                }
            }
            arcs += d;
            maxDeg = Math.max(maxDeg, d);
        }
        int worst = 0;
        long sum = 0;
        int sources = 0;
        for (int s = 0; s < n; s += Math.max(1, n / 8)) {
            sources++;
            int[] dist = new int[n];
            java.util.Arrays.fill(dist, -1);
            dist[s] = 0;
            ArrayDeque<Integer> q = new ArrayDeque<>();
            q.add(s);
            int ecc = 0;
            while (!q.isEmpty()) {
                int u = q.poll();
                ecc = Math.max(ecc, dist[u]);
                for (int v = 0; v < n; v++) {
                    if (cap[u][v] > 0 && dist[v] < 0) {
                        dist[v] = dist[u] + 1;
                        q.add(v);
                    }
                }
            }
            worst = Math.max(worst, ecc);
            sum += ecc;
        }
        return String.format("%d arcs, max out-degree %d, eccentricity mean %.1f max %d", arcs, maxDeg,
                (double) sum / sources, worst);
    }
}
