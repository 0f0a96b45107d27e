package canopy.generate;

import canopy.generate.TemplateCatalog.Parameter;
import canopy.generate.TemplateCatalog.Template;
import canopy.model.TopologyValidator;
import canopy.model.Rational;
import canopy.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateCatalogTest {
    @Test
    void theDialogsTemplates() {
        List<String> names = TemplateCatalog.templates().stream().map(Template::name).toList();
        assertEquals(List.of("DGX A100", "DGX H100", "DGX H100 pod", "DGX A100 pod", "AMD MI250", "Fat tree",
                "Three-tier fat tree", "Heterogeneous leaf-spine", "Dragonfly", "2D torus", "3D torus", "Ring", "2D mesh",
                "Random regular graph", "PCIe servers"), names);
        Set<String> ids = new HashSet<>();
        for (Template t : TemplateCatalog.templates()) {
            assertTrue(ids.add(t.id()), t.id());
            assertEquals(t, TemplateCatalog.byId(t.id()));
            assertFalse(t.description().isBlank());
            assertFalse(t.parameters().isEmpty());
            for (Parameter p : t.parameters()) {
                assertFalse(p.label().isBlank());
                assertEquals(p, t.parameter(p.name()));
            }
        }
        assertEquals(null, TemplateCatalog.byId("nope"));
        Template ring = TemplateCatalog.byId("ring");
        assertEquals(TemplateCatalog.Type.BOOLEAN, ring.parameter("bidirectional").type());
        assertEquals(Boolean.TRUE, ring.parameter("bidirectional").defaultValue());
        assertTrue(ring.parameter("n").isInteger());
    }

    @Test
    void everyTemplateAtItsDefaultsIsValid() {
        for (Template t : TemplateCatalog.templates()) {
            Topology topo = t.create(Map.of());
            assertEquals(List.of(), TopologyValidator.problems(topo), t.name());
            assertEquals(topo, t.create(t.defaults()), t.name());
            assertEquals(topo.nodes().size(), t.nodeCount(Map.of()), t.name());
            assertEquals(topo.links().size(), t.linkCount(Map.of()), t.name());
        }
    }

    @Test
    void templatesCallTheGenerators() {
        assertEquals(TopologyGenerators.dgxA100(3, 1),
                TemplateCatalog.byId("dgx-a100").create(Map.of("boxes", 3, "rails", 1)));
        assertEquals(TopologyGenerators.dgxH100(2), TemplateCatalog.byId("dgx-h100").create(Map.of()));
        assertEquals(TopologyGenerators.dgxH100Pod(32), TemplateCatalog.byId("dgx-h100-pod").create(Map.of()));
        assertEquals(TopologyGenerators.dgxA100Pod(40, 8, 4, Rational.of(2)), TemplateCatalog.byId("dgx-a100-pod")
                .create(Map.of("boxes", 40, "boxesPerLeaf", 8, "spines", 4, "oversubscription", 2)));
        assertEquals(TopologyGenerators.mi250(1, 4), TemplateCatalog.byId("mi250").create(Map.of("boxes", 1, "rails", 4)));
        assertEquals(TopologyGenerators.fatTree(), TemplateCatalog.byId("fat-tree").create(Map.of()));
        assertEquals(TopologyGenerators.torus(), TemplateCatalog.byId("torus").create(Map.of()));
        assertEquals(TopologyGenerators.ring(), TemplateCatalog.byId("ring").create(Map.of()));
        assertEquals(TopologyGenerators.mesh(), TemplateCatalog.byId("mesh").create(Map.of()));
        assertEquals(TopologyGenerators.dgxA100(2, 2, true),
                TemplateCatalog.byId("dgx-a100").create(Map.of("nicNodes", true)));
        assertEquals(TopologyClasses.fatTree3Tier(), TemplateCatalog.byId("fat-tree-3tier").create(Map.of()));
        assertEquals(TopologyClasses.leafSpine(), TemplateCatalog.byId("leaf-spine").create(Map.of()));
        assertEquals(TopologyClasses.dragonfly(), TemplateCatalog.byId("dragonfly").create(Map.of()));
        assertEquals(TopologyClasses.torus3d(), TemplateCatalog.byId("torus3d").create(Map.of()));
        assertEquals(TopologyClasses.randomRegular(), TemplateCatalog.byId("random-regular").create(Map.of()));
        assertEquals(TopologyClasses.pcieServers(), TemplateCatalog.byId("pcie-server").create(Map.of()));
        assertFalse(TemplateCatalog.byId("ring").create(Map.of("n", 5, "bidirectional", false)).links().get(0).duplex());
    }

    /** The cheap counts agree with the built topologies across the ranges, edge cases included. */
    @Test
    void countsMatchWithoutBuilding() {
        List<Map<String, Object>> cases = List.of(
                Map.of("boxes", 1, "rails", 1), Map.of("boxes", 5, "rails", 8), Map.of("boxes", 17, "rails", 3));
        for (String id : List.of("dgx-a100", "dgx-h100", "mi250")) {
            for (Map<String, Object> v : cases) {
                check(TemplateCatalog.byId(id), v);
            }
        }
        for (String id : List.of("dgx-h100-pod", "dgx-a100-pod")) {
            check(TemplateCatalog.byId(id), Map.of("boxes", 1, "boxesPerLeaf", 1, "spines", 1));
            check(TemplateCatalog.byId(id), Map.of("boxes", 17, "boxesPerLeaf", 16, "spines", 3, "oversubscription", 3));
            check(TemplateCatalog.byId(id), Map.of("boxes", 5, "boxesPerLeaf", 64));
        }
        Template pod = TemplateCatalog.byId("dgx-h100-pod");
        assertEquals(256 * 9 + 16 * 8 + 8, pod.nodeCount(Map.of("boxes", 256)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pod.create(Map.of("oversubscription", 0)));
        assertEquals("Oversubscription must be from 1 to 8 (got 0)", e.getMessage());
        check(TemplateCatalog.byId("fat-tree"), Map.of("leaves", 1, "hostsPerLeaf", 2, "spines", 1));
        check(TemplateCatalog.byId("fat-tree"), Map.of("leaves", 7, "hostsPerLeaf", 3, "spines", 5));
        for (String id : List.of("torus", "mesh")) {
            for (int r = 1; r <= 4; r++) {
                for (int c = 1; c <= 4; c++) {
                    if (r * c >= 2) {
                        check(TemplateCatalog.byId(id), Map.of("rows", r, "cols", c));
                    }
                }
            }
        }
        for (int n = 2; n <= 4; n++) {
            for (boolean b : new boolean[] {true, false}) {
                check(TemplateCatalog.byId("ring"), Map.of("n", n, "bidirectional", b));
            }
        }
        // the classes of issue 10, NIC nodes included
        for (String id : List.of("dgx-a100", "dgx-h100", "mi250")) {
            check(TemplateCatalog.byId(id), Map.of("boxes", 3, "rails", 2, "nicNodes", true));
        }
        check(TemplateCatalog.byId("dgx-a100-pod"), Map.of("boxes", 17, "spines", 3, "nicNodes", true));
        for (int k = 2; k <= 8; k += 2) {
            check(TemplateCatalog.byId("fat-tree-3tier"), Map.of("k", k));
        }
        check(TemplateCatalog.byId("leaf-spine"), Map.of());
        check(TemplateCatalog.byId("leaf-spine"), Map.of("leaves", 5, "spines", 3, "evenHosts", 3, "oddHosts", 7,
                "oversubscription", 3));
        check(TemplateCatalog.byId("leaf-spine"), Map.of("leaves", 1, "spines", 1, "evenHosts", 2));
        for (int g : new int[] {1, 2, 3, 4, 9, 10}) {
            check(TemplateCatalog.byId("dragonfly"), Map.of("groups", g));
            check(TemplateCatalog.byId("dragonfly"), Map.of("groups", g, "routers", 3, "hosts", 1, "global", 5));
        }
        for (int[] d : new int[][] {{4, 4, 4}, {2, 3, 2}, {1, 2, 1}, {3, 1, 5}, {2, 2, 2}}) {
            check(TemplateCatalog.byId("torus3d"), Map.of("rows", d[0], "cols", d[1], "depth", d[2]));
        }
        check(TemplateCatalog.byId("random-regular"), Map.of("n", 9, "degree", 2, "seed", 5));
        check(TemplateCatalog.byId("random-regular"), Map.of("n", 10, "degree", 3));
        for (int gpus : new int[] {1, 2, 3, 8, 16}) {
            for (boolean nvlink : new boolean[] {false, true}) {
                check(TemplateCatalog.byId("pcie-server"), Map.of("servers", 3, "gpus", gpus, "nics", 2, "nvlink", nvlink));
            }
        }
        // the largest DGX H100 is counted, not built
        Template h = TemplateCatalog.byId("dgx-h100");
        assertEquals(256 * 9 + 8, h.nodeCount(Map.of("boxes", 256)));
    }

    private static void check(Template t, Map<String, Object> values) {
        Topology topo = t.create(values);
        assertEquals(List.of(), TopologyValidator.problems(topo), t.name() + " " + values);
        assertEquals(topo.nodes().size(), t.nodeCount(values), t.name() + " " + values);
        assertEquals(topo.links().size(), t.linkCount(values), t.name() + " " + values);
    }

    @Test
    void boundsAndTypesAreEnforcedWithClearMessages() {
        Template dgx = TemplateCatalog.byId("dgx-a100");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dgx.create(Map.of("boxes", 0)));
        assertEquals("Boxes must be from 1 to 256 (got 0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> dgx.create(Map.of("rails", 9)));
        assertEquals("Rails must be from 1 to 8 (got 9)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> dgx.nodeCount(Map.of("boxes", 1000)));
        assertTrue(e.getMessage().startsWith("Boxes must be from 1 to 256"));
        e = assertThrows(IllegalArgumentException.class, () -> dgx.create(Map.of("boxes", 1.5)));
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> dgx.create(Map.of("boxes", "two")));
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> dgx.create(Map.of("gpus", 4)));
        assertEquals("DGX A100 has no parameter \"gpus\"", e.getMessage());
        Template ring = TemplateCatalog.byId("ring");
        e = assertThrows(IllegalArgumentException.class, () -> ring.create(Map.of("bidirectional", 1)));
        assertEquals("Bidirectional must be true or false (got 1)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ring.create(Map.of("n", 1)));
        assertEquals("Accelerators must be from 2 to 1024 (got 1)", e.getMessage());
        // combinations the generator refuses keep its message
        e = assertThrows(IllegalArgumentException.class,
                () -> TemplateCatalog.byId("torus").create(Map.of("rows", 1, "cols", 1)));
        assertEquals("need at least two accelerators", e.getMessage());
        // friendly forms the dialog may hand over
        assertEquals(TopologyGenerators.dgxA100(3), dgx.create(Map.of("boxes", 3L)));
        assertEquals(TopologyGenerators.dgxA100(3), dgx.create(Map.of("boxes", " 3 ")));
        assertEquals(TopologyGenerators.dgxA100(3), dgx.create(Map.of("boxes", 3.0)));
        assertFalse(ring.create(Map.of("bidirectional", "false")).links().get(0).duplex());
        assertNotNull(dgx.resolve(Map.of()).get("rails"));
    }

    @Test
    void parametersCheckTheirOwnDefinition() {
        assertThrows(IllegalArgumentException.class, () -> Parameter.integer("x", "X", 1, 3, 5));
        assertThrows(IllegalArgumentException.class,
                () -> new Parameter("x", "X", TemplateCatalog.Type.BOOLEAN, 0, 1, 3));
    }
}
