package canopy.io;

import canopy.model.TopologyValidator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

class TopologyJsonTest {
    @TempDir
    Path dir;

    @Test
    void referenceTopologiesRoundTrip() throws Exception {
        List<Path> files = TestData.referenceTopologies();
        Assumptions.assumeFalse(files.isEmpty(), "no reference topologies at " + TestData.REFERENCE.toAbsolutePath());
        assertEquals(6, files.size(), "six reference topologies: " + files);
        for (Path f : files) {
            Topology t = TopologyJson.read(f);
            String json = TopologyJson.toJson(t);
            Topology back = TopologyJson.parse(json);
            assertEquals(t, back, f.toString());
            assertEquals(json, TopologyJson.toJson(back), "stable output for " + f);
        }
    }

    @Test
    void readsExactBandwidthsAndFields() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(TestData.REFERENCE));
        Topology ts = TopologyJson.read(TestData.REFERENCE.resolve("two-switches.json"));
        assertEquals("Four GPUs under two switches, with two one-way shortcuts", ts.name());
        assertEquals("GB/s", ts.units());
        Link ac = ts.links().get(5);
        assertEquals("a", ac.from());
        assertEquals(Rational.of(15, 2), ac.bandwidth()); // 7.5 as a JSON number, exact
        assertFalse(ac.duplex());
        assertEquals(Rational.of(15, 2), ts.links().get(6).bandwidth()); // "15/2" as a string
        assertTrue(ts.links().get(0).duplex());
        assertEquals(NodeKind.SWITCH, ts.node("s1").kind());
        assertEquals(100.0, ts.node("s1").x());
        assertNull(ts.node("a").group());

        Topology mesh = TopologyJson.read(TestData.REFERENCE.resolve("mesh-2x3.json"));
        assertEquals(Rational.of(25, 2), mesh.links().get(4).bandwidth());
        String json = TopologyJson.toJson(mesh);
        assertTrue(json.contains("\"bandwidth\": 12.5,"), json);
        assertTrue(json.contains("\"bandwidth\": 25,"), json);
    }

    @Test
    void generatedTopologiesRoundTrip() throws Exception {
        Random rnd = new Random(42);
        int fractions = 0;
        for (int i = 0; i < 300; i++) {
            Topology t = TestData.randomValid(rnd);
            TopologyJson.check(t);
            String json = TopologyJson.toJson(t);
            Topology back = TopologyJson.parse(json);
            assertEquals(t, back, json);
            assertEquals(json, TopologyJson.toJson(back));
            for (Link l : t.links()) {
                if (l.bandwidth().toBigDecimalExact() == null) {
                    fractions++;
                }
            }
        }
        assertTrue(fractions > 100, "the generator makes non-decimal fractions: " + fractions);
    }

    @Test
    void writesFormatFieldsInOrderAndFractionsAsStrings() throws Exception {
        Topology t = new Topology("tiny", null,
                List.of(new Node("a", NodeKind.ACCELERATOR, "GPU A", 1.5, 2.0, "box"), Node.accelerator("b")),
                List.of(new Link("a", "b", Rational.of(100, 3), true, 0.7), Link.oneWay("b", "a", Rational.of(300))));
        String json = TopologyJson.toJson(t);
        JsonNode tree = new ObjectMapper().readTree(json);
        assertEquals("topology/1", tree.get("format").asText());
        assertEquals(List.of("format", "name", "nodes", "links"), fieldNames(tree));
        assertEquals(List.of("id", "kind", "label", "x", "y", "group"), fieldNames(tree.get("nodes").get(0)));
        assertEquals(List.of("id", "kind"), fieldNames(tree.get("nodes").get(1)));
        assertEquals(List.of("from", "to", "bandwidth", "duplex", "latency_us"), fieldNames(tree.get("links").get(0)));
        assertEquals("100/3", tree.get("links").get(0).get("bandwidth").textValue());
        assertTrue(tree.get("links").get(1).get("bandwidth").isIntegralNumber());
        assertFalse(tree.get("links").get(1).get("duplex").booleanValue());
        assertTrue(json.startsWith("{\n  \"format\": \"topology/1\",\n"), json);
        assertTrue(json.endsWith("}\n"));
        assertEquals(t, TopologyJson.parse(json));
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void acceptsStringsDefaultsAndUnknownFields() throws Exception {
        String json = "{\"nodes\": [{\"id\": \"a\", \"kind\": \"accelerator\", \"colour\": \"red\"},"
                + " {\"id\": \"b\", \"kind\": \"accelerator\", \"label\": null}],"
                + " \"links\": [{\"from\": \"a\", \"to\": \"b\", \"bandwidth\": \" 12.5 \", \"duplex\": true, \"note\": [1, {}]},"
                + " {\"from\": \"a\", \"to\": \"b\", \"bandwidth\": \"100/3\"}, {\"from\": \"b\", \"to\": \"a\", \"bandwidth\": 1.000}],"
                + " \"extra\": {\"anything\": 1}}";
        Topology t = TopologyJson.parse(json);
        assertNull(t.name());
        assertEquals(Rational.of(25, 2), t.links().get(0).bandwidth());
        assertEquals(Rational.of(100, 3), t.links().get(1).bandwidth());
        assertFalse(t.links().get(1).duplex());
        assertEquals(Rational.ONE, t.links().get(2).bandwidth());
        assertNull(t.node("b").label());
    }

    @Test
    void unsensibleButPositiveBandwidthIsRejectedWithoutBuildingIt() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TopologyJson.parse(
                "{\"nodes\": [{\"id\": \"a\", \"kind\": \"accelerator\"}, {\"id\": \"b\", \"kind\": \"accelerator\"}],"
                        + " \"links\": [{\"from\": \"a\", \"to\": \"b\", \"bandwidth\": \"1e2147483647/7\", \"duplex\": true}]}"));
        assertTrue(e.getMessage().startsWith("link a->b: bandwidth \"1e2147483647/7\" is not a sensible bandwidth"),
                e.getMessage());
    }

    @Test
    void parseUncheckedKeepsRuleBreakersForTheDesigner() throws Exception {
        String json = "{\"nodes\": [{\"id\": \"a\", \"kind\": \"accelerator\"}], \"links\": "
                + "[{\"from\": \"a\", \"to\": \"zz\", \"bandwidth\": 0}]}";
        Topology t = TopologyJson.parseUnchecked(json);
        assertEquals(1, t.nodes().size());
        assertEquals(3, TopologyValidator.problems(t).size(), TopologyValidator.problems(t).toString());
        assertThrows(InvalidInputException.class, () -> TopologyJson.parse(json));
    }

    @Test
    void writeAndReadAFile() throws Exception {
        Topology t = TestData.randomValid(new Random(7));
        Path f = dir.resolve("sub/dir/t.json");
        TopologyJson.write(t, f);
        assertEquals(t, TopologyJson.read(f));
        assertEquals(TopologyJson.toJson(t), Files.readString(f));
    }

    @Test
    void unreadableFileIsNamed() {
        Path missing = dir.resolve("nope.json");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TopologyJson.read(missing));
        assertTrue(e.getMessage().contains("nope.json"), e.getMessage());
        InvalidInputException d = assertThrows(InvalidInputException.class, () -> TopologyJson.read(dir));
        assertTrue(d.getMessage().contains(dir.toString()), d.getMessage());
    }

    @Test
    void refusesFilesOver64MiB() throws Exception {
        Path big = dir.resolve("big.json");
        try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {' '}), Json.MAX_BYTES); // sparse file
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TopologyJson.read(big));
        assertTrue(e.getMessage().contains("larger than 64 MiB"), e.getMessage());
        assertTrue(e.getMessage().contains("big.json"), e.getMessage());
    }
}
