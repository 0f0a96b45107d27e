package canopy.layout;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Shared checks of layouts. */
final class LayoutTesting {
    private LayoutTesting() {
    }

    /** Every node has a finite position, and nothing else has one. */
    static void assertComplete(Topology t, Map<String, double[]> p) {
        assertEquals(t.nodes().size(), p.size(), t.name());
        for (Node n : t.nodes()) {
            double[] xy = p.get(n.id());
            assertNotNull(xy, n.id());
            assertEquals(2, xy.length);
            assertTrue(Double.isFinite(xy[0]) && Double.isFinite(xy[1]), n.id() + " " + xy[0] + "," + xy[1]);
        }
    }

    /** The smallest distance between two nodes (grid, so cheap for a thousand). */
    static double minDistance(Map<String, double[]> p) {
        List<double[]> pts = new ArrayList<>(p.values());
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < pts.size(); i++) {
            for (int j = i + 1; j < pts.size(); j++) {
                best = Math.min(best, Math.hypot(pts.get(i)[0] - pts.get(j)[0], pts.get(i)[1] - pts.get(j)[1]));
            }
        }
        return best;
    }

    static void assertSame(Map<String, double[]> a, Map<String, double[]> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String id : a.keySet()) {
            if (a.get(id)[0] != b.get(id)[0] || a.get(id)[1] != b.get(id)[1]) {
                fail(id + " differs");
            }
        }
    }

    /** A random connected graph: n accelerators on a random spanning tree plus extra random links. */
    static Topology random(int n, int links, long seed, boolean positions) {
        Random r = new Random(seed);
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(positions ? new Node("n" + i, NodeKind.ACCELERATOR, null, r.nextDouble() * 1000,
                    r.nextDouble() * 1000, null) : Node.accelerator("n" + i));
        }
        List<Link> out = new ArrayList<>();
        Set<Long> pairs = new HashSet<>();
        for (int i = 1; i < n; i++) {
            int j = r.nextInt(i);
            pairs.add((long) j * n + i);
            out.add(Link.duplex("n" + j, "n" + i, Rational.of(1 + r.nextInt(100))));
        }
        while (out.size() < links) {
            int a = r.nextInt(n);
            int b = r.nextInt(n);
            if (a == b || !pairs.add((long) Math.min(a, b) * n + Math.max(a, b))) {
                continue;
            }
            out.add(Link.duplex("n" + a, "n" + b, Rational.of(1 + r.nextInt(100))));
        }
        return new Topology("random " + n, "GB/s", nodes, out);
    }

    /** Mean distance between linked nodes and mean distance over a sample of all pairs. */
    static double[] neighbourAndOverallMeans(Topology t, Map<String, double[]> p) {
        double linked = 0;
        for (Link l : t.links()) {
            linked += dist(p.get(l.from()), p.get(l.to()));
        }
        linked /= t.links().size();
        List<double[]> pts = new ArrayList<>(p.values());
        double all = 0;
        int count = 0;
        for (int i = 0; i < pts.size(); i++) {
            for (int j = i + 1; j < pts.size(); j += 1 + pts.size() / 50) {
                all += dist(pts.get(i), pts.get(j));
                count++;
            }
        }
        return new double[] {linked, all / count};
    }

    static double dist(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }
}
