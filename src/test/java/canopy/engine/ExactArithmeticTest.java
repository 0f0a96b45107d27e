package canopy.engine;

import canopy.model.Collective;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, item 2: bandwidths that overflow 64-bit arithmetic (1e-9 beside 1e10, 5e18, distinct prime
 * denominators, a double written out, 10^±30) give exact bounds, and the forest either reaches the bound
 * or refuses with {@link ScheduleTooLargeException}.
 */
class ExactArithmeticTest {

    @Test
    void boundEqualsBruteForceWithExtremeBandwidths() {
        Random rnd = new Random(20261206);
        int big = 0;
        int small = 0;
        for (int i = 0; i < 300; i++) {
            Topology t = RandomTopologies.random(rnd, 6, 4, RandomTopologies.extremeBandwidths(rnd));
            NetworkGraph g = NetworkGraph.of(t);
            for (NetworkGraph dir : List.of(g, g.reversed())) {
                Object[] r = CutBound.computeCountingBigChecks(dir);
                Bound b = (Bound) r[0];
                if ((int) r[1] > 0) {
                    big++;
                } else {
                    small++;
                }
                assertEquals(RandomTopologies.bruteForceBound(dir), b.algbw(), "graph " + i + ": " + t.links());
                Set<String> cut = new HashSet<>(b.cut());
                Rational out = Rational.ZERO;
                for (int a = 0; a < dir.arcCount(); a++) {
                    if (cut.contains(dir.id(dir.arcFrom(a))) && !cut.contains(dir.id(dir.arcTo(a)))) {
                        out = out.add(dir.bandwidth(a));
                    }
                }
                assertEquals(b.cutBandwidth(), out);
                assertEquals(b.algbw(), out.multiply(dir.acceleratorCount()).divide(b.cutAccelerators()));
            }
        }
        // Both paths were exercised: the long fast path and the BigInteger fallback.
        assertTrue(big > 50 && small > 50, big + " big, " + small + " long");
    }

    @Test
    void scaleIsNormalised() {
        NetworkGraph ring = NetworkGraph.of(ring(8, Rational.parse("5e18")));
        assertEquals(Rational.of(BigInteger.ONE, BigInteger.valueOf(5_000_000_000_000_000_000L)), ring.scale());
        for (BigInteger c : ring.scaledBandwidths()) {
            assertEquals(BigInteger.ONE, c);
        }
        assertEquals(1L, ring.scaledCapacities(BigInteger.ONE)[0]);
        NetworkGraph mixed = NetworkGraph.of(new Topology("m", null, accelerators(2),
                List.of(Link.oneWay("g0", "g1", Rational.parse("1e-9")), Link.oneWay("g1", "g0", Rational.parse("1e10")))));
        assertEquals(BigInteger.ONE, mixed.scaledBandwidths()[0]);
        assertEquals(BigInteger.TEN.pow(19), mixed.scaledBandwidths()[1]);
        NetworkGraph thirds = NetworkGraph.of(ring(3, Rational.parse("2/3")));
        assertEquals(Rational.parse("3/2"), thirds.scale());
    }

    @Test
    void bigFlowNetworkAgreesWithTheLongOne() {
        Random rnd = new Random(7);
        for (int i = 0; i < 200; i++) {
            int n = 2 + rnd.nextInt(8);
            FlowNetwork small = new FlowNetwork(n);
            BigFlowNetwork big = new BigFlowNetwork(n, 4);
            BigInteger factor = BigInteger.TEN.pow(25);
            int m = rnd.nextInt(25);
            for (int e = 0; e < m; e++) {
                int u = rnd.nextInt(n);
                int v = rnd.nextInt(n);
                long c = rnd.nextInt(50);
                small.addEdge(u, v, c);
                big.addEdge(u, v, BigInteger.valueOf(c).multiply(factor));
            }
            long f = small.maxFlow(0, n - 1);
            BigInteger bf = big.maxFlow(0, n - 1, BigInteger.TEN.pow(40));
            assertEquals(BigInteger.valueOf(f).multiply(factor), bf, "network " + i);
            boolean[] a = small.sourceSide(0);
            boolean[] b = big.sourceSide(0);
            assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
        }
    }

    /** The forest reaches the bound exactly or refuses with the dedicated exception; never anything else. */
    @Test
    void forestReachesTheBoundOrRefusesWithExtremeBandwidths() {
        Random rnd = new Random(31);
        int built = 0;
        int refused = 0;
        for (int i = 0; i < 80; i++) {
            Topology t = RandomTopologies.random(rnd, 5, 3, RandomTopologies.extremeBandwidths(rnd));
            NetworkGraph g = NetworkGraph.of(t);
            for (int limit : new int[] {0, 3}) {
                try {
                    Schedule s = new ForestScheduler().schedule(t, Collective.ALLREDUCE, limit);
                    SpanningCheck.assertValid(g, s);
                    assertEquals(s.algbw(), new LinkLoads(g, s).algbw());
                    assertTrue(s.algbw().compareTo(s.bound()) <= 0);
                    if (limit == 0) {
                        assertEquals(s.bound(), s.algbw());
                    }
                    built++;
                } catch (ScheduleTooLargeException e) {
                    assertTrue(e.getMessage().contains("trees") && !e.getMessage().contains("\n"), e.getMessage());
                    refused++;
                }
            }
        }
        assertTrue(built > 20 && refused > 5, built + " built, " + refused + " refused");
    }

    /** 14 links with distinct prime denominators: bound exact, optimal forest refused, K = 4 works. */
    @Test
    void fourteenPrimeDenominators() {
        int[] primes = {3, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53};
        List<Node> nodes = accelerators(14);
        nodes.add(new Node("s", NodeKind.SWITCH, null, null, null, null));
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            links.add(Link.duplex("g" + i, "s", Rational.parse("100/" + primes[i])));
        }
        Topology t = new Topology("primes", null, nodes, links);
        NetworkGraph g = NetworkGraph.of(t);
        // The slowest accelerator (100/53) must send 13/14 of its shard: 14 × (100/53) / 13.
        assertEquals(Rational.parse("1400/689"), CutBound.compute(g).algbw());
        ScheduleTooLargeException e = assertThrows(ScheduleTooLargeException.class,
                () -> new ForestScheduler().schedule(t, Collective.ALLGATHER));
        assertTrue(e.getMessage().contains("--max-trees-per-root"), e.getMessage());
        Schedule s = new ForestScheduler().schedule(t, Collective.ALLGATHER, 4);
        SpanningCheck.assertValid(g, s);
        assertEquals(s.algbw(), new LinkLoads(g, s).algbw());
        assertTrue(s.algbw().compareTo(s.bound()) <= 0);
    }

    /** A uniform 5e18 ring normalises to capacity 1: the optimal forest on the long path. */
    @Test
    void ringOf5e18IsScheduledExactly() {
        Topology t = ring(8, Rational.parse("5e18"));
        NetworkGraph g = NetworkGraph.of(t);
        Schedule s = new ForestScheduler().schedule(t, Collective.ALLREDUCE);
        SpanningCheck.assertValid(g, s);
        assertEquals(Rational.parse("40000000000000000000/7"), s.bound());
        assertEquals(s.bound(), s.algbw());
        for (Schedule baseline : List.of(RingScheduler.schedule(t, Collective.ALLREDUCE),
                DoubleBinaryTreeScheduler.schedule(t))) {
            assertEquals(baseline.algbw(), new LinkLoads(g, baseline).algbw());
            assertTrue(baseline.algbw().signum() > 0 && baseline.algbw().compareTo(s.bound()) <= 0);
        }
    }

    /** A 1e10 link between two accelerators beside 1e-9 ones: clamped to N·k, the forest is optimal. */
    @Test
    void hugeLinkBetweenAcceleratorsIsClamped() {
        List<Link> links = new ArrayList<>();
        links.add(Link.duplex("g0", "g1", Rational.parse("1e10")));
        links.add(Link.duplex("g1", "g2", Rational.parse("1e-9")));
        links.add(Link.duplex("g2", "g0", Rational.parse("3e-9")));
        Topology t = new Topology("mixed", null, accelerators(3), links);
        NetworkGraph g = NetworkGraph.of(t);
        Schedule s = new ForestScheduler().schedule(t, Collective.ALLREDUCE);
        SpanningCheck.assertValid(g, s);
        assertEquals(RandomTopologies.bruteForceBound(g), CutBound.compute(g).algbw());
        assertEquals(s.bound(), s.algbw());
    }

    /** Parallel links are summed once by common scale; the sum equals the pairwise one. */
    @Test
    void parallelLinksAreSummedExactly() {
        Random rnd = new Random(11);
        List<Link> links = new ArrayList<>();
        Rational pairwise = Rational.ZERO;
        for (int i = 0; i < 60; i++) {
            Rational bw = Rational.of(new BigInteger(99, rnd).add(BigInteger.ONE), new BigInteger(99, rnd).add(BigInteger.ONE));
            links.add(Link.duplex("g0", "g1", bw));
            pairwise = pairwise.add(bw);
        }
        NetworkGraph g = NetworkGraph.of(new Topology("parallel", null, accelerators(2), links));
        assertEquals(2, g.arcCount());
        assertEquals(pairwise, g.bandwidth(0));
        assertEquals(pairwise.multiply(2), CutBound.compute(g).algbw());
    }

    @Test
    void aDoubleWrittenOutIsRecognised() {
        NetworkGraph g = NetworkGraph.of(ring(4, Rational.parse("31.50769230769231")));
        assertEquals("31.50769230769231 looks like 2048/65 written as a double", ForestMagnitudes.writtenAsDouble(g));
        assertEquals(null, ForestMagnitudes.writtenAsDouble(NetworkGraph.of(ring(4, Rational.parse("31.5")))));
        assertEquals(null, ForestMagnitudes.writtenAsDouble(NetworkGraph.of(ring(4, Rational.parse("2048/65")))));
    }

    private static List<Node> accelerators(int n) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(new Node("g" + i, NodeKind.ACCELERATOR, null, null, null, null));
        }
        return nodes;
    }

    private static Topology ring(int n, Rational bw) {
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            links.add(Link.duplex("g" + i, "g" + ((i + 1) % n), bw));
        }
        return new Topology("ring", null, accelerators(n), links);
    }
}
