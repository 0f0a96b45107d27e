package canopy.generate;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Rational;
import canopy.model.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopologyGeneratorsTest {
    static List<Topology> all() {
        Rational bw = Rational.of(100);
        return List.of(
                TopologyGenerators.dgxA100(1), TopologyGenerators.dgxA100(2), TopologyGenerators.dgxA100(3, 1),
                TopologyGenerators.dgxH100(1), TopologyGenerators.dgxH100(2),
                TopologyGenerators.dgxH100Pod(1), TopologyGenerators.dgxH100Pod(32), TopologyGenerators.dgxA100Pod(20),
                TopologyGenerators.dgxH100Pod(5, 2, 3, Rational.parse("3/2")),
                TopologyGenerators.mi250(1), TopologyGenerators.mi250(2), TopologyGenerators.mi250(2, 8),
                TopologyGenerators.fatTree(), TopologyGenerators.fatTree(1, 2, 0, bw, bw),
                TopologyGenerators.fatTree(3, 2, 1, Rational.of(25), Rational.parse("25/2")),
                TopologyGenerators.torus(), TopologyGenerators.torus(2, 3, bw), TopologyGenerators.torus(1, 2, bw),
                TopologyGenerators.ring(), TopologyGenerators.ring(2, bw, false), TopologyGenerators.ring(2, bw, true),
                TopologyGenerators.ring(5, bw, false), TopologyGenerators.mesh(), TopologyGenerators.mesh(1, 2, bw),
                TopologyGenerators.mesh(3, 3, bw));
    }

    @Test
    void everyGeneratedTopologyFollowsTheFormatRules() {
        for (Topology t : all()) {
            assertEquals(List.of(), TopologyChecks.problems(t), t.name());
            for (Node n : t.nodes()) {
                assertNotNull(n.x(), n.id());
                assertNotNull(n.y(), n.id());
                assertNotNull(n.label(), n.id());
            }
            for (Link l : t.links()) {
                assertNotNull(l.latencyUs(), l.describe());
            }
            assertEquals("GB/s", t.units());
            assertNotNull(t.name());
        }
    }

    @Test
    void dgxA100CountsBandwidthsAndRails() {
        Topology t = TopologyGenerators.dgxA100(2);
        assertEquals(16, t.acceleratorCount());
        assertEquals(2 * 9 + 2, t.nodes().size());
        assertEquals(32, t.links().size());
        Map<String, Link> byPair = pairs(t);
        assertEquals(Rational.of(300), byPair.get("b1g3-nvs1").bandwidth());
        assertEquals(Rational.of(25), byPair.get("b1g3-rail1").bandwidth());
        assertEquals(Rational.of(25), byPair.get("b0g6-rail0").bandwidth());
        assertTrue(byPair.get("b0g6-rail0").duplex());
        assertEquals("box1", t.node("b1g3").group());
        // GPUs in a row below their NVSwitch, rails above everything
        assertEquals(t.node("b0g0").y(), t.node("b0g7").y());
        assertTrue(t.node("nvs0").y() < t.node("b0g0").y());
        assertTrue(t.node("rail0").y() < t.node("nvs0").y());
        assertTrue(t.node("b1g0").x() > t.node("b0g7").x());
    }

    @Test
    void dgxA100ScalesTo1024Gpus() {
        Topology t = TopologyGenerators.dgxA100(128);
        assertEquals(1024, t.acceleratorCount());
        assertEquals(1024 + 128 + 2, t.nodes().size());
        assertEquals(2048, t.links().size());
        assertEquals(List.of(), TopologyChecks.problems(t));
    }

    @Test
    void dgxH100IsRailOptimised() {
        Topology t = TopologyGenerators.dgxH100(2);
        assertEquals(16, t.acceleratorCount());
        assertEquals(2 * 9 + 8, t.nodes().size());
        Map<String, Link> byPair = pairs(t);
        assertEquals(Rational.of(450), byPair.get("b0g5-nvs0").bandwidth());
        assertEquals(Rational.of(50), byPair.get("b1g5-rail5").bandwidth());
    }

    @Test
    void dgxH100PodIsRailOptimisedWithFullBisection() {
        Topology t = TopologyGenerators.dgxH100Pod(32);
        assertEquals("32x DGX H100, rail-optimised (256 GPUs, 16 leaves, 8 spines)", t.name());
        assertEquals(256, t.acceleratorCount());
        assertEquals(32 * 9 + 16 + 8, t.nodes().size());
        assertEquals(32 * 16 + 16 * 8, t.links().size());
        assertEquals(List.of(), canopy.model.TopologyValidator.problems(t));
        Map<String, Link> byPair = pairs(t);
        assertEquals(Rational.of(450), byPair.get("b17g3-nvs17").bandwidth());
        // GPU r of a box goes to its unit's rail-r leaf: boxes 0-15 are unit 0, 16-31 unit 1
        assertEquals(Rational.of(50), byPair.get("b3g5-leaf0r5").bandwidth());
        assertEquals(Rational.of(50), byPair.get("b17g3-leaf1r3").bandwidth());
        // full bisection: 16 NICs x 50 GB/s down, split over 8 spines
        assertEquals(Rational.of(100), byPair.get("leaf1r7-spine4").bandwidth());
        Map<String, Integer> degree = degrees(t);
        Map<String, Rational> bandwidth = bandwidthPerNode(t);
        for (Node n : t.nodes()) {
            String id = n.id();
            if (n.isAccelerator()) {
                assertEquals(2, degree.get(id), id);
                assertEquals("box" + id.substring(1, id.indexOf('g')), n.group(), id);
            } else if (id.startsWith("nvs")) {
                assertEquals(8, degree.get(id), id);
                assertEquals("box" + id.substring(3), n.group(), id);
            } else if (id.startsWith("leaf")) {
                assertEquals(16 + 8, degree.get(id), id);
                assertEquals(Rational.of(16 * 50 + 8 * 100), bandwidth.get(id), id);
            } else {
                assertTrue(id.startsWith("spine"), id);
                assertEquals(16, degree.get(id), id);
            }
        }
        // every link duplex: each switch sends what it receives
        t.links().forEach(l -> assertTrue(l.duplex(), l.describe()));
        // drawn top-down: spines, leaves, NVSwitches, GPUs; boxes side by side
        assertTrue(t.node("spine0").y() < t.node("leaf0r0").y());
        assertTrue(t.node("leaf0r0").y() < t.node("nvs0").y());
        assertTrue(t.node("nvs0").y() < t.node("b0g0").y());
        assertTrue(t.node("b1g0").x() > t.node("b0g7").x());
        // leaves by rail: both units' rail-0 leaves left of the rail-1 ones
        assertTrue(t.node("leaf1r0").x() < t.node("leaf0r1").x());
    }

    @Test
    void podUplinksFollowOversubscriptionAndPartialUnits() {
        Topology t = TopologyGenerators.dgxA100Pod(20, 16, 8, Rational.of(2));
        assertEquals("20x DGX A100, rail-optimised (160 GPUs, 16 leaves, 8 spines, 2:1 oversubscribed)", t.name());
        Map<String, Link> byPair = pairs(t);
        assertEquals(Rational.of(300), byPair.get("b0g0-nvs0").bandwidth());
        assertEquals(Rational.of(25), byPair.get("b19g2-leaf1r2").bandwidth());
        // a full unit: 16 x 25 / 8 / 2; the last unit has 4 boxes: 4 x 25 / 8 / 2
        assertEquals(Rational.of(25), byPair.get("leaf0r2-spine0").bandwidth());
        assertEquals(Rational.of(25, 4), byPair.get("leaf1r2-spine0").bandwidth());
        Topology odd = TopologyGenerators.dgxH100Pod(3, 3, 7, Rational.parse("3/2"));
        assertEquals(Rational.of(100, 7), pairs(odd).get("leaf0r0-spine6").bandwidth());
        assertEquals(List.of(), canopy.model.TopologyValidator.problems(odd));
    }

    @Test
    void mi250HasTheHybridCubeMesh() {
        Topology t = TopologyGenerators.mi250(1);
        assertEquals(16, t.acceleratorCount());
        assertEquals(18, t.nodes().size());
        assertEquals(28 + 16, t.links().size());
        Map<String, Rational> ifBandwidth = new HashMap<>();
        for (Link l : t.links()) {
            if (l.to().startsWith("rail")) {
                assertEquals(Rational.of(25), l.bandwidth());
                continue;
            }
            for (String v : List.of(l.from(), l.to())) {
                ifBandwidth.merge(v, l.bandwidth(), Rational::add);
            }
        }
        for (int d = 0; d < 16; d++) {
            // seven 50 GB/s Infinity Fabric links per GCD, four of them to its package sibling
            assertEquals(Rational.of(350), ifBandwidth.get("b0d" + d), "GCD " + d);
            String first = "b0d" + (d & ~1);
            String second = "b0d" + (d | 1);
            assertEquals(Rational.of(200), t.links().stream()
                    .filter(l -> l.from().equals(first) && l.to().equals(second))
                    .findFirst().orElseThrow().bandwidth());
        }
        assertEquals(Rational.of(200), pairs(t).get("b0d4-b0d5").bandwidth());
    }

    @Test
    void fatTreeTorusRingMeshCounts() {
        Topology f = TopologyGenerators.fatTree();
        assertEquals(16, f.acceleratorCount());
        assertEquals(16 + 4 + 2, f.nodes().size());
        assertEquals(16 + 4 * 2, f.links().size());

        Topology t = TopologyGenerators.torus();
        assertEquals(64, t.acceleratorCount());
        assertEquals(128, t.links().size());
        degrees(t).values().forEach(d -> assertEquals(4, d));
        assertTrue(pairs(t).containsKey("t0_7-t0_0"), "wrap-around link");

        // 2 rows: no vertical wrap (it would duplicate the direct link); 3 columns wrap
        assertEquals(6 + 3, TopologyGenerators.torus(2, 3, Rational.ONE).links().size());
        assertEquals(24, TopologyGenerators.mesh().links().size());
        assertEquals(8, TopologyGenerators.ring().links().size());
        Topology oneWay = TopologyGenerators.ring(5, Rational.of(40), false);
        assertEquals(5, oneWay.links().size());
        oneWay.links().forEach(l -> assertTrue(!l.duplex()));
    }

    @Test
    void badParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TopologyGenerators.dgxA100(0));
        assertThrows(IllegalArgumentException.class, () -> TopologyGenerators.dgxA100(1, 0));
        assertThrows(IllegalArgumentException.class, () -> TopologyGenerators.ring(1, Rational.ONE, true));
        for (Executable bad : List.<Executable>of(
                () -> TopologyGenerators.dgxH100Pod(0),
                () -> TopologyGenerators.dgxH100Pod(4, 0, 8, Rational.ONE),
                () -> TopologyGenerators.dgxA100Pod(4, 16, 0, Rational.ONE),
                () -> TopologyGenerators.dgxA100Pod(4, 16, 8, Rational.of(1, 2)),
                () -> TopologyGenerators.dgxA100Pod(4, 16, 8, null))) {
            assertThrows(IllegalArgumentException.class, bad);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopologyGenerators.dgxH100Pod(4, 0, 8, Rational.ONE));
        assertEquals("boxes per leaf must be at least 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TopologyGenerators.mesh(1, 1, Rational.ONE));
        assertThrows(IllegalArgumentException.class, () -> TopologyGenerators.torus(2, 2, Rational.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> TopologyGenerators.fatTree(2, 2, 0, Rational.ONE, Rational.ONE));
    }

    private static Map<String, Integer> degrees(Topology t) {
        Map<String, Integer> degree = new HashMap<>();
        for (Link l : t.links()) {
            degree.merge(l.from(), 1, Integer::sum);
            degree.merge(l.to(), 1, Integer::sum);
        }
        return degree;
    }

    /** Per node, the bandwidth of its links in one direction (all links are duplex here). */
    private static Map<String, Rational> bandwidthPerNode(Topology t) {
        Map<String, Rational> bandwidth = new HashMap<>();
        for (Link l : t.links()) {
            bandwidth.merge(l.from(), l.bandwidth(), Rational::add);
            bandwidth.merge(l.to(), l.bandwidth(), Rational::add);
        }
        return bandwidth;
    }

    private static Map<String, Link> pairs(Topology t) {
        Map<String, Link> m = new HashMap<>();
        for (Link l : t.links()) {
            m.put(l.from() + "-" + l.to(), l);
        }
        return m;
    }
}
