package canopy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.generate.TemplateCatalog;
import canopy.generate.TopologyGenerators;
import canopy.io.HardenedXmlTest;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphMlTopologyTest {

    private static Topology roundTrip(Topology t) throws Exception {
        String xml = GraphMlTopology.toGraphMl(t);
        GraphMlTopology.Result r = GraphMlTopology.parse(xml.getBytes(StandardCharsets.UTF_8), "t.graphml",
                GraphMlTopology.Defaults.NONE);
        assertEquals(List.of(), r.assumptions(), "Canopy's own GraphML needs no defaults");
        return r.topology();
    }

    @Test
    void generatedTopologiesRoundTrip() throws Exception {
        for (Topology t : List.of(TopologyGenerators.dgxA100(2), TopologyGenerators.mi250(2),
                TopologyGenerators.fatTree(), TopologyGenerators.torus())) {
            assertEquals(t, roundTrip(t), t.name());
        }
    }

    @Test
    void exactFractionsOneWayLinksParallelLinksAndOddTextRoundTrip() throws Exception {
        Topology t = new Topology("odd <name> & \"quotes\"", "GB/s",
                List.of(new Node("a&b", NodeKind.ACCELERATOR, "GPU <0>", 1.0 / 3, -2.5e-7, "box'0"),
                        new Node("c", NodeKind.ACCELERATOR, null, null, null, null),
                        new Node("s", NodeKind.SWITCH, "ünïcödé ✓", 12.0, null, null)),
                List.of(new Link("a&b", "c", Rational.parse("100/3"), false, 0.35),
                        new Link("c", "a&b", Rational.parse("100/3"), false, null),
                        Link.duplex("a&b", "s", Rational.parse("12.5")),
                        Link.duplex("a&b", "s", Rational.parse("7/9")),
                        Link.duplex("s", "c", Rational.parse("1000000000000000000000001/3"))));
        TopologyJson.check(t);
        assertEquals(t, roundTrip(t));
        // No name, no units.
        Topology bare = new Topology(null, null, t.nodes(), t.links());
        assertEquals(bare, roundTrip(bare));
    }

    @Test
    void fileRoundTripAndTheKeysAreNamed(@TempDir Path dir) throws Exception {
        Topology t = TopologyGenerators.dgxA100(1);
        Path f = dir.resolve("t.graphml");
        GraphMlTopology.write(t, f);
        String xml = Files.readString(f);
        for (String key : List.of("kind", "label", "x", "y", "group", "bandwidth", "duplex", "latency_us", "name",
                "units")) {
            assertTrue(xml.contains("attr.name=\"" + key + "\""), key);
        }
        assertEquals(t, GraphMlTopology.read(f, GraphMlTopology.Defaults.NONE).topology());
    }

    private static final String YED = """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml"
                     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <key for="node" id="d6" yfiles.type="nodegraphics"/>
              <key for="edge" id="d10" yfiles.type="edgegraphics"/>
              <graph edgedefault="directed" id="G">
                <node id="n0"><data key="d6"><y:ShapeNode><y:Geometry height="30.0" width="30.0" x="10.0" y="20.0"/>
                  <y:NodeLabel>GPU0</y:NodeLabel></y:ShapeNode></data></node>
                <node id="n1"><data key="d6"><y:ShapeNode><y:NodeLabel>GPU1</y:NodeLabel></y:ShapeNode></data></node>
                <node id="n2"/>
                <edge id="e0" source="n0" target="n1"><data key="d10"><y:PolyLineEdge/></data></edge>
                <edge id="e1" source="n1" target="n2"/>
                <edge id="e2" source="n2" target="n0"/>
              </graph>
            </graphml>
            """;

    @Test
    void yedGraphMlNeedsDefaultsAndReportsThem() throws Exception {
        byte[] bytes = YED.getBytes(StandardCharsets.UTF_8);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> GraphMlTopology.parse(bytes, "yed.graphml", GraphMlTopology.Defaults.NONE));
        assertEquals("node n0: no kind (give the GraphML a \"kind\" key with accelerator or switch, or use "
                + "--default-kind)", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> GraphMlTopology.parse(bytes, "yed.graphml",
                new GraphMlTopology.Defaults(NodeKind.ACCELERATOR, null, false)));
        assertTrue(e.getMessage().startsWith("edge #0 (n0->n1): no bandwidth"), e.getMessage());
        GraphMlTopology.Result r = GraphMlTopology.parse(bytes, "yed.graphml",
                new GraphMlTopology.Defaults(NodeKind.ACCELERATOR, Rational.of(50), false));
        Topology t = r.topology();
        assertEquals(3, t.acceleratorCount());
        assertEquals(List.of(Link.duplex("n0", "n1", Rational.of(50)), Link.duplex("n1", "n2", Rational.of(50)),
                Link.duplex("n2", "n0", Rational.of(50))), t.links());
        assertEquals(3, r.assumptions().size(), r.assumptions().toString());
        assertTrue(r.assumptions().get(0).startsWith("nodes without a kind key are accelerators (--default-kind) (3×)"));
        // One-way: a directed ring, still valid.
        Topology ring = GraphMlTopology.parse(bytes, "yed.graphml",
                new GraphMlTopology.Defaults(NodeKind.ACCELERATOR, Rational.of(50), true)).topology();
        assertFalse(ring.links().get(0).duplex());
    }

    private static String importError(String xml) {
        return assertThrows(InvalidInputException.class, () -> GraphMlTopology.parse(
                xml.getBytes(StandardCharsets.UTF_8), "t.graphml", GraphMlTopology.Defaults.NONE)).getMessage();
    }

    @Test
    void badFilesAreRefusedNamingTheElement() throws Exception {
        String good = GraphMlTopology.toGraphMl(TopologyGenerators.ring());
        assertTrue(importError(good.replaceFirst("<data key=\"key7\">[^<]*", "<data key=\"key7\">twelve")).matches("edge #0 \\(.*\\): bandwidth \"twelve\" is not a number"), good);
        assertTrue(importError(good.replace(">accelerator<", ">gpu<")).matches(
                "node .*: kind \"gpu\" is not \"accelerator\" or \"switch\""));
        assertTrue(importError("<system/>").contains("root element <system> is not <graphml>"));
        assertTrue(importError("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"/>").contains("no <graph>"));
        assertTrue(importError(good.substring(0, good.length() / 2)).startsWith("t.graphml: line "));
        // Valid GraphML, invalid topology: the validator's message.
        String oneAcc = good.replace(">accelerator<", ">switch<");
        assertTrue(importError(oneAcc).contains("no accelerators"), importError(oneAcc));
    }

    @Test
    void hostileFilesAreRefused(@TempDir Path dir) throws Exception {
        for (String evil : new String[] {HardenedXmlTest.xxe("graphml"), HardenedXmlTest.billionLaughs("graphml"),
            HardenedXmlTest.externalDtd("graphml")}) {
            assertTrue(importError(evil).contains("DTDs (<!DOCTYPE …>) are not accepted"), importError(evil));
        }
        Path big = dir.resolve("big.graphml");
        GraphMlTopology.write(TopologyGenerators.dgxA100(4), big);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> GraphMlTopology.read(big, GraphMlTopology.Defaults.NONE, 2000));
        assertTrue(e.getMessage().contains("above the limit"), e.getMessage());
    }

    @Test
    void templatesRoundTrip() throws Exception {
        for (TemplateCatalog.Template tpl : TemplateCatalog.templates()) {
            Topology t = tpl.create(java.util.Map.of());
            assertEquals(t, roundTrip(t), tpl.toString());
        }
    }
}
