package canopy.generate;

import canopy.model.TopologyValidator;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Rational;
import canopy.model.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generators of issue 10's topology classes: valid, the expected counts, deterministic, bounded. */
class TopologyClassesTest {
    private static final Rational R25 = Rational.of(25);
    private static final Rational R50 = Rational.of(50);

    static List<Topology> small() {
        return List.of(
                TopologyClasses.fatTree3Tier(), TopologyClasses.fatTree3Tier(2, R25, R25),
                TopologyClasses.fatTree3Tier(6, R25, Rational.parse("25/2")),
                TopologyClasses.dragonfly(), TopologyClasses.dragonfly(2, 1, 1, 3, R25, R25, R50),
                TopologyClasses.dragonfly(1, 5, 2, 0, R25, R25, R25), TopologyClasses.dragonfly(4, 2, 2, 1, R25, R50, R25),
                TopologyClasses.dragonfly(8, 8, 4, 4, R25, R25, R25),
                TopologyClasses.torus3d(), TopologyClasses.torus3d(2, 2, 2, R25), TopologyClasses.torus3d(3, 1, 4, R25),
                TopologyClasses.randomRegular(), TopologyClasses.randomRegular(2, 1, 0, R25),
                TopologyClasses.randomRegular(30, 2, 3, R25), TopologyClasses.randomRegular(16, 3, 9, R25),
                TopologyClasses.randomRegular(8, 7, 1, R25),
                TopologyClasses.leafSpine(), TopologyClasses.leafSpine(3, new int[] {1, 5}, 3,
                        new Rational[] {Rational.parse("100/3")}, new Rational[] {Rational.parse("3/2"), Rational.ONE, R25}),
                TopologyClasses.pcieServers(), TopologyClasses.pcieServers(1, 2, 1, 1, false, 1, R25, R25),
                TopologyClasses.pcieServers(3, 5, 3, 3, true, 3, TopologyGenerators.PCIE_GEN4_X16, R50),
                TopologyGenerators.dgxA100(2, 2, true), TopologyGenerators.dgxH100(1, 8, true),
                TopologyGenerators.mi250(2, 2, true), TopologyGenerators.dgxA100Pod(3, 2, 2, Rational.of(2), true),
                TopologyGenerators.dgxH100Pod(2, 16, 8, Rational.ONE, true));
    }

    @Test
    void everyClassFollowsTheFormatRules() {
        for (Topology t : small()) {
            assertEquals(List.of(), TopologyChecks.problems(t), t.name());
            assertEquals(List.of(), TopologyValidator.problems(t), t.name());
            for (Node n : t.nodes()) {
                assertNotNull(n.x(), n.id());
                assertNotNull(n.y(), n.id());
                assertNotNull(n.label(), n.id());
            }
            for (Link l : t.links()) {
                assertNotNull(l.latencyUs(), l.describe());
                assertTrue(l.duplex(), l.describe());
            }
            assertEquals("GB/s", t.units());
        }
    }

    @Test
    void generatorsAreDeterministic() {
        assertEquals(small(), small());
    }

    @Test
    void fatTree3TierCounts() {
        Topology t = TopologyClasses.fatTree3Tier(16, R25, R25);
        assertEquals("Three-tier fat tree, k=16 (1024 hosts, 16 pods, 64 cores)", t.name());
        assertEquals(1024, t.acceleratorCount());
        assertEquals(1024 + 16 * 16 + 64, t.nodes().size());
        assertEquals(3 * 1024, t.links().size());
        Map<String, Integer> degree = degrees(t);
        for (Node n : t.nodes()) {
            assertEquals(n.isAccelerator() ? 1 : 16, degree.get(n.id()), n.id());
        }
        Topology k4 = TopologyClasses.fatTree3Tier();
        assertEquals(16, k4.acceleratorCount());
        assertEquals(4 + 16, k4.nodes().size() - 16);
        assertEquals("pod2", k4.node("h2_1_0").group());
        assertEquals("pod2", k4.node("p2a1").group());
        // aggregation switch a of every pod reaches cores a*k/2 .. a*k/2 + k/2 - 1
        Set<String> pairs = pairs(k4).keySet();
        assertTrue(pairs.contains("p3a1-core2") && pairs.contains("p3a1-core3") && pairs.contains("p0a0-core1"));
        assertTrue(pairs.contains("h1_0_1-p1e0") && pairs.contains("p1e0-p1a1"));
        assertEquals(List.of(), TopologyValidator.problems(t));
    }

    @Test
    void dragonflyCounts() {
        // balanced a = 2p = 2h with a*h + 1 groups: one global link between every pair of groups
        Topology t = TopologyClasses.dragonfly();
        assertEquals(72, t.acceleratorCount());
        assertEquals(36, t.nodes().size() - 72);
        assertEquals(72 + 9 * 6 + 36, t.links().size());
        Map<String, Integer> between = new HashMap<>();
        Map<String, Integer> global = new HashMap<>();
        for (Link l : t.links()) {
            String gf = l.from().substring(0, l.from().indexOf('r'));
            String gt = l.to().substring(0, l.to().indexOf('r'));
            if (!gf.equals(gt)) {
                between.merge(gf.compareTo(gt) < 0 ? gf + gt : gt + gf, 1, Integer::sum);
                global.merge(l.from(), 1, Integer::sum);
                global.merge(l.to(), 1, Integer::sum);
                assertEquals(R25, l.bandwidth());
            }
        }
        assertEquals(36, between.size());
        between.values().forEach(c -> assertEquals(1, c));
        global.values().forEach(c -> assertEquals(2, c));
        assertEquals(36, global.size());
        assertEquals("group3", t.node("g3r1h0").group());
        // 1,024 accelerators: 32 groups of 8 routers with 4 hosts and 4 global links each
        Topology big = TopologyClasses.dragonfly(32, 8, 4, 4, R25, R25, R25);
        assertEquals(1024, big.acceleratorCount());
        assertEquals(256, big.nodes().size() - 1024);
        assertEquals(1024 + 32 * 28 + 512, big.links().size());
        assertEquals(big.links().size(), TopologyClasses.dragonflyLinkCount(32, 8, 4, 4));
        // parallel global links between two routers are one link of their summed bandwidth
        Topology two = TopologyClasses.dragonfly(2, 1, 1, 3, R25, R25, R50);
        assertEquals(Rational.of(150), pairs(two).get("g0r0-g1r0").bandwidth());
    }

    @Test
    void torus3dCounts() {
        Topology t = TopologyClasses.torus3d(8, 8, 16, Rational.of(100));
        assertEquals("3D torus 8x8x16", t.name());
        assertEquals(1024, t.acceleratorCount());
        assertEquals(1024, t.nodes().size());
        assertEquals(3 * 1024, t.links().size());
        degrees(t).values().forEach(d -> assertEquals(6, d));
        assertTrue(pairs(t).containsKey("t0_0_15-t0_0_0"), "wrap-around in depth");
        // sizes 2 and 1: no duplicate wrap-around, no links
        assertEquals(4 + 4 + 4, TopologyClasses.torus3d(2, 2, 2, R25).links().size());
        assertEquals(12 + 0 + 12, TopologyClasses.torus3d(3, 1, 4, R25).links().size());
        // depth 1 is the 2D torus
        assertEquals(TopologyGenerators.torus(), TopologyClasses.torus3d(8, 8, 1, TopologyGenerators.DEFAULT_DIRECT_BW));
        assertEquals("layer3", TopologyClasses.torus3d().node("t1_2_3").group());
    }

    @Test
    void randomRegularIsRegularSimpleConnectedAndSeeded() {
        for (int[] c : new int[][] {{64, 4}, {30, 2}, {16, 3}, {1024, 4}, {100, 2}, {257, 6}, {8, 7}}) {
            for (long seed = 0; seed < 3; seed++) {
                Topology t = TopologyClasses.randomRegular(c[0], c[1], seed, R25);
                String what = c[0] + "/" + c[1] + "/" + seed;
                assertEquals(c[0], t.acceleratorCount(), what);
                assertEquals(c[0] * c[1] / 2, t.links().size(), what);
                Map<String, Integer> degree = degrees(t);
                assertEquals(c[0], degree.size(), what);
                degree.values().forEach(d -> assertEquals(c[1], d, what));
                Set<String> simple = new HashSet<>();
                for (Link l : t.links()) {
                    assertNotEquals(l.from(), l.to(), what);
                    assertTrue(simple.add(l.from() + "-" + l.to()) && !simple.contains(l.to() + "-" + l.from()), what);
                }
                assertEquals(List.of(), TopologyChecks.problems(t), what);
            }
        }
        assertEquals(TopologyClasses.randomRegular(200, 3, 42, R25), TopologyClasses.randomRegular(200, 3, 42, R25));
        assertNotEquals(TopologyClasses.randomRegular(200, 3, 42, R25).links(),
                TopologyClasses.randomRegular(200, 3, 43, R25).links());
        // a 2-regular graph is a union of cycles, mostly disconnected before the repair: one cycle after it
        Topology ring = TopologyClasses.randomRegular(500, 2, 7, R25);
        assertEquals(List.of(), TopologyChecks.problems(ring));
    }

    @Test
    void leafSpineLeavesDifferAndStayBalanced() {
        Topology t = TopologyClasses.leafSpine(64, new int[] {12, 20}, 8, new Rational[] {R25, R50},
                new Rational[] {Rational.ONE, Rational.of(2), Rational.parse("3/2")});
        assertEquals(1024, t.acceleratorCount());
        assertEquals(64 + 8, t.nodes().size() - 1024);
        assertEquals(1024 + 64 * 8, t.links().size());
        Map<String, Link> p = pairs(t);
        // leaf 0: 12 x 25 / 8 / 1; leaf 1: 20 x 50 / 8 / 2; leaf 2: 12 x 25 / 8 / (3/2); leaf 5: 20 x 50 / 8 / (3/2)
        assertEquals(Rational.parse("75/2"), p.get("leaf0-spine3").bandwidth());
        assertEquals(Rational.parse("125/2"), p.get("leaf1-spine0").bandwidth());
        assertEquals(R25, p.get("leaf2-spine7").bandwidth());
        assertEquals(Rational.parse("250/3"), p.get("leaf5-spine7").bandwidth());
        assertEquals(R50, p.get("h1_19-leaf1").bandwidth());
        assertEquals(R25, p.get("h2_11-leaf2").bandwidth());
        assertFalse(p.containsKey("h2_12-leaf2"));
        assertEquals(List.of(), TopologyValidator.problems(t));
    }

    @Test
    void pcieServersHangGpusAndNicsUnderPcieSwitches() {
        Topology t = TopologyClasses.pcieServers();
        assertEquals(16, t.acceleratorCount());
        // per server: 2 CPUs, 4 PCIe switches, 4 NICs; one network switch
        assertEquals(2 * 10 + 1, t.nodes().size() - 16);
        assertEquals(2 * (1 + 4 + 8 + 8), t.links().size());
        Map<String, Link> p = pairs(t);
        assertEquals(TopologyGenerators.PCIE_GEN4_X16, p.get("s1.pci1-s1.gpu3").bandwidth());
        assertEquals(TopologyGenerators.PCIE_GEN4_X16, p.get("s1.pci3-s1.nic3").bandwidth());
        assertEquals(TopologyGenerators.PCIE_GEN4_X16, p.get("s0.cpu1-s0.pci2").bandwidth());
        assertEquals(Rational.of(16), p.get("s0.cpu0-s0.cpu1").bandwidth());
        assertEquals(R25, p.get("s0.nic2-net").bandwidth());
        assertEquals("server1", t.node("s1.gpu3").group());
        Topology big = TopologyClasses.pcieServers(128, 8, 4, 4, false, 1, TopologyGenerators.PCIE_GEN4_X16, R25);
        assertEquals(1024, big.acceleratorCount());
        assertEquals(128 * 10 + 1, big.nodes().size() - 1024);
        Topology nv = TopologyClasses.pcieServers(2, 8, 8, 4, true, 8, TopologyGenerators.PCIE_GEN4_X16, R25);
        assertEquals(TopologyGenerators.A100_NVLINK, pairs(nv).get("s1.gpu7-s1.nvs").bandwidth());
        assertEquals(R25, pairs(nv).get("s1.nic5-rail5").bandwidth());
    }

    @Test
    void nicNodesSitBetweenEachGpuAndItsRail() {
        Topology t = TopologyGenerators.dgxA100(128, 2, true);
        assertEquals("128x DGX A100 (1024 GPUs, 2 rails, NIC nodes)", t.name());
        assertEquals(1024, t.acceleratorCount());
        assertEquals(1024 + 128 + 2, t.nodes().size() - 1024);
        assertEquals(3 * 1024, t.links().size());
        Map<String, Link> p = pairs(t);
        assertEquals(TopologyGenerators.PCIE_GEN4_X16, p.get("b5g3-b5n3").bandwidth());
        assertEquals(R25, p.get("b5n3-rail1").bandwidth());
        assertFalse(p.containsKey("b5g3-rail1"));
        assertEquals("box5", t.node("b5n3").group());
        assertFalse(t.node("b5n3").isAccelerator());
        Topology h = TopologyGenerators.dgxH100Pod(2, 16, 8, Rational.ONE, true);
        assertEquals(TopologyGenerators.PCIE_GEN5_X16, pairs(h).get("b1g6-b1n6").bandwidth());
        assertEquals(R50, pairs(h).get("b1n6-leaf0r6").bandwidth());
        Topology m = TopologyGenerators.mi250(1, 2, true);
        assertEquals(16 + 2, m.nodes().size() - 16);
        assertEquals(R25, pairs(m).get("b0n15-rail1").bandwidth());
        // without NIC nodes nothing changes
        assertEquals(TopologyGenerators.dgxA100(3, 2), TopologyGenerators.dgxA100(3, 2, false));
        assertEquals(TopologyGenerators.mi250(2), TopologyGenerators.mi250(2, 2, false));
    }

    @Test
    void badParametersAreRefused() {
        for (Executable bad : List.<Executable>of(
                () -> TopologyClasses.fatTree3Tier(3, R25, R25),
                () -> TopologyClasses.fatTree3Tier(0, R25, R25),
                () -> TopologyClasses.fatTree3Tier(66, R25, R25),
                () -> TopologyClasses.fatTree3Tier(Integer.MAX_VALUE - 1, R25, R25),
                () -> TopologyClasses.fatTree3Tier(4, Rational.ZERO, R25),
                () -> TopologyClasses.dragonfly(0, 4, 2, 2, R25, R25, R25),
                () -> TopologyClasses.dragonfly(5, 1, 2, 1, R25, R25, R25),
                () -> TopologyClasses.dragonfly(2, 1, 1, 0, R25, R25, R25),
                () -> TopologyClasses.dragonfly(1, 1, 1, 0, R25, R25, R25),
                () -> TopologyClasses.dragonfly(30_000_000, 30_000_000, 4, 2, R25, R25, R25),
                () -> TopologyClasses.dragonfly(1, 30_000, 1, 0, R25, R25, R25),
                () -> TopologyClasses.torus3d(1, 1, 1, R25),
                () -> TopologyClasses.torus3d(100, 100, 100, R25),
                () -> TopologyClasses.torus3d(2, 2, 0, R25),
                () -> TopologyClasses.randomRegular(7, 3, 1, R25),
                () -> TopologyClasses.randomRegular(8, 8, 1, R25),
                () -> TopologyClasses.randomRegular(8, 1, 1, R25),
                () -> TopologyClasses.randomRegular(1, 0, 1, R25),
                () -> TopologyClasses.randomRegular(65_536, 100, 1, R25),
                () -> TopologyClasses.leafSpine(4, new int[] {0}, 2, new Rational[] {R25}, new Rational[] {Rational.ONE}),
                () -> TopologyClasses.leafSpine(4, new int[] {4}, 0, new Rational[] {R25}, new Rational[] {Rational.ONE}),
                () -> TopologyClasses.leafSpine(4, new int[] {4}, 2, new Rational[] {R25}, new Rational[] {Rational.of(1, 2)}),
                () -> TopologyClasses.leafSpine(4, new int[] {4}, 30_000_000, new Rational[] {R25},
                        new Rational[] {Rational.ONE}),
                () -> TopologyClasses.leafSpine(30_000_000, new int[] {4}, 2, new Rational[] {R25},
                        new Rational[] {Rational.ONE}),
                () -> TopologyClasses.pcieServers(0, 8, 4, 4, false, 1, R25, R25),
                () -> TopologyClasses.pcieServers(2, 2, 4, 4, false, 1, R25, R25),
                () -> TopologyClasses.pcieServers(2, 8, 2, 4, false, 3, R25, R25),
                () -> TopologyClasses.pcieServers(10_000, 8, 4, 4, false, 1, R25, R25),
                () -> TopologyClasses.pcieServers(1, 1, 1, 1, false, 1, R25, R25))) {
            assertThrows(IllegalArgumentException.class, bad);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopologyClasses.fatTree3Tier(66, R25, R25));
        assertEquals("that would be 71874 accelerators; the generators' limit is 65536", e.getMessage());
    }

    /** The small instances under src/test/resources/canopy/generate/classes are what the generators make. */
    @Test
    void classFilesAreTheGeneratorsOutput() throws Exception {
        Rational x32 = Rational.parse("3/2");
        Map<String, Topology> expected = new java.util.LinkedHashMap<>();
        expected.put("fat-tree-3tier-k4", TopologyClasses.fatTree3Tier());
        expected.put("dragonfly-32", TopologyClasses.dragonfly(4, 4, 2, 2, R25, R25, R25));
        expected.put("dragonfly-36", TopologyClasses.dragonfly(9, 4, 1, 2, R25, R25, R25));
        expected.put("torus3d-4x4x4", TopologyClasses.torus3d());
        expected.put("torus3d-2x3x4", TopologyClasses.torus3d(2, 3, 4, TopologyGenerators.DEFAULT_DIRECT_BW));
        expected.put("random-regular-32-d3", TopologyClasses.randomRegular(32, 3, 1, TopologyGenerators.DEFAULT_DIRECT_BW));
        expected.put("random-regular-64-d4", TopologyClasses.randomRegular());
        expected.put("leaf-spine-hetero-32", TopologyClasses.leafSpine(4, new int[] {6, 10}, 2,
                new Rational[] {R25, R50}, new Rational[] {Rational.ONE, Rational.of(2), x32}));
        expected.put("leaf-spine-hetero-64", TopologyClasses.leafSpine(6, new int[] {8, 12, 12}, 3,
                new Rational[] {R25, R50}, new Rational[] {Rational.ONE, Rational.of(2), x32}));
        expected.put("dgx-a100-nic-nodes-2", TopologyGenerators.dgxA100(2, 2, true));
        expected.put("dgx-h100-nic-nodes-2", TopologyGenerators.dgxH100(2, 8, true));
        expected.put("mi250-nic-nodes-2", TopologyGenerators.mi250(2, 2, true));
        expected.put("dgx-h100-pod-nic-nodes-4", TopologyGenerators.dgxH100Pod(4, 2, 2, Rational.ONE, true));
        expected.put("dgx-a100-pod-nic-nodes-4", TopologyGenerators.dgxA100Pod(4, 2, 2, Rational.of(2), true));
        expected.put("pcie-server-2", TopologyClasses.pcieServers());
        expected.put("pcie-server-nvlink-4", TopologyClasses.pcieServers(4, 8, 4, 4, true, 2,
                TopologyGenerators.PCIE_GEN4_X16, R25));
        java.nio.file.Path dir = java.nio.file.Path.of("src/test/resources/canopy/generate/classes");
        Set<String> files = new HashSet<>();
        try (var list = java.nio.file.Files.list(dir)) {
            list.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).forEach(files::add);
        }
        assertEquals(expected.keySet().stream().map(n -> n + ".json").collect(java.util.stream.Collectors.toSet()), files);
        for (Map.Entry<String, Topology> e : expected.entrySet()) {
            Topology t = canopy.io.TopologyJson.read(dir.resolve(e.getKey() + ".json"));
            assertEquals(e.getValue(), t, e.getKey());
            assertTrue(t.acceleratorCount() >= 8 && t.acceleratorCount() <= 64, e.getKey());
        }
    }

    private static Map<String, Integer> degrees(Topology t) {
        Map<String, Integer> degree = new HashMap<>();
        for (Link l : t.links()) {
            degree.merge(l.from(), 1, Integer::sum);
            degree.merge(l.to(), 1, Integer::sum);
        }
        return degree;
    }

    private static Map<String, Link> pairs(Topology t) {
        Map<String, Link> m = new HashMap<>();
        for (Link l : t.links()) {
            m.put(l.from() + "-" + l.to(), l);
        }
        return m;
    }
}
