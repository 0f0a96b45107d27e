package canopy.engine;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowNetworkTest {

    /** Max-flow equals the minimum over every s-t cut, found by enumeration, on small random graphs. */
    @Test
    void maxFlowEqualsTheMinimumCutByEnumeration() {
        Random rnd = new Random(3);
        for (int round = 0; round < 300; round++) {
            int n = 2 + rnd.nextInt(7);
            long[][] cap = new long[n][n];
            FlowNetwork net = new FlowNetwork(n);
            int edges = rnd.nextInt(n * n);
            for (int e = 0; e < edges; e++) {
                int u = rnd.nextInt(n);
                int v = rnd.nextInt(n);
                if (u != v) {
                    long c = rnd.nextInt(20);
                    cap[u][v] += c;
                    net.addEdge(u, v, c);
                }
            }
            int s = 0;
            int t = n - 1;
            long best = Long.MAX_VALUE;
            for (int mask = 0; mask < 1 << n; mask++) {
                if ((mask & 1) == 0 || (mask >> t & 1) != 0) {
                    continue;
                }
                long cut = 0;
                for (int u = 0; u < n; u++) {
                    for (int v = 0; v < n; v++) {
                        if ((mask >> u & 1) != 0 && (mask >> v & 1) == 0) {
                            cut += cap[u][v];
                        }
                    }
                }
                best = Math.min(best, cut);
            }
            long flow = net.maxFlow(s, t);
            assertEquals(best, flow, "round " + round);
            // The residual source side is a minimum cut.
            boolean[] side = net.sourceSide(s);
            assertTrue(side[s] && !side[t]);
            long cut = 0;
            for (int u = 0; u < n; u++) {
                for (int v = 0; v < n; v++) {
                    if (side[u] && !side[v]) {
                        cut += cap[u][v];
                    }
                }
            }
            assertEquals(flow, cut);
            // A limit stops early at or above it, never above the maximum.
            long limited = net.maxFlow(s, t, Math.max(1, flow / 2));
            assertTrue(limited >= Math.min(flow, Math.max(1, flow / 2)) && limited <= flow);
            // Queries are repeatable: the network keeps its original capacities.
            assertEquals(flow, net.maxFlow(s, t));
            assertEquals(flow, net.copy().maxFlow(s, t));
        }
    }

    /**
     * Both networks keep their arcs the same way (ResidualArcs): built with room for one edge, so the
     * arcs grow many times, they find the same maximum and the same minimum cut; a copy that gains an
     * arc leaves the original as it was.
     */
    @Test
    void theBigIntegerNetworkAgreesAndCopiesAreIndependent() {
        Random rnd = new Random(11);
        for (int round = 0; round < 200; round++) {
            int n = 2 + rnd.nextInt(8);
            FlowNetwork net = new FlowNetwork(n, 1);
            BigFlowNetwork big = new BigFlowNetwork(n, 1);
            int edges = rnd.nextInt(3 * n * n);
            for (int e = 0; e < edges; e++) {
                int u = rnd.nextInt(n);
                int v = rnd.nextInt(n);
                long c = rnd.nextInt(20);
                assertEquals(net.addEdge(u, v, c), big.addEdge(u, v, BigInteger.valueOf(c)));
            }
            int t = n - 1;
            long flow = net.maxFlow(0, t);
            assertEquals(BigInteger.valueOf(flow), big.maxFlow(0, t, BigInteger.valueOf(FlowNetwork.INF)),
                    "round " + round);
            assertArrayEquals(net.sourceSide(0), big.sourceSide(0), "round " + round);

            FlowNetwork netCopy = net.copy();
            BigFlowNetwork bigCopy = big.copy();
            netCopy.addEdge(0, t, 7);
            bigCopy.addEdge(0, t, BigInteger.valueOf(7));
            assertEquals(flow + 7, netCopy.maxFlow(0, t));
            assertEquals(BigInteger.valueOf(flow + 7), bigCopy.maxFlow(0, t, BigInteger.valueOf(FlowNetwork.INF)));
            assertEquals(flow, net.maxFlow(0, t));
            assertEquals(BigInteger.valueOf(flow), big.maxFlow(0, t, BigInteger.valueOf(FlowNetwork.INF)));
        }
    }

    /** A long path: the iterative search needs no deep recursion. */
    @Test
    void longPathsNeedNoRecursion() {
        int n = 200_000;
        FlowNetwork net = new FlowNetwork(n, n);
        for (int i = 0; i + 1 < n; i++) {
            net.addEdge(i, i + 1, 5);
        }
        assertEquals(5, net.maxFlow(0, n - 1));
    }
}
