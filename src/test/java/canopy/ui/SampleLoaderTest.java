package canopy.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.model.Link;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleLoaderTest {
    private static final Path SAMPLES = Path.of("sample-topologies");

    @Test
    void readsEverySample() throws IOException {
        record Counts(String file, int accelerators, int nodes, int links) {
        }
        for (Counts c : new Counts[] {
                new Counts("triangle.json", 3, 3, 3),
                new Counts("h100-box.json", 8, 9, 8),
                new Counts("two-boxes.json", 8, 11, 16),
                new Counts("one-way-ring.json", 5, 5, 10),
                new Counts("mesh-2x3.json", 6, 6, 7),
                new Counts("two-switches.json", 4, 6, 7)}) {
            Topology t = SampleLoader.load(SAMPLES.resolve(c.file()));
            assertEquals(c.accelerators(), t.acceleratorCount(), c.file());
            assertEquals(c.nodes(), t.nodes().size(), c.file());
            assertEquals(c.links(), t.links().size(), c.file());
            assertTrue(t.nodes().stream().allMatch(n -> n.x() != null && n.y() != null), c.file());
        }
    }

    @Test
    void bundledCopyMatchesTheSampleFile() throws IOException {
        assertEquals(SampleLoader.load(SAMPLES.resolve("two-boxes.json")), SampleLoader.loadBundled());
    }

    @Test
    void initialFallsBackToTheBundledCopy(@TempDir Path empty) throws IOException {
        assertEquals(SampleLoader.loadBundled(), SampleLoader.loadInitial(empty.resolve("absent")));
        assertEquals(SampleLoader.loadBundled(), SampleLoader.loadInitial(empty));
    }

    @Test
    void readsExactBandwidthsAndFields(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("t.json");
        Files.writeString(f, """
                {"format": "topology/1", "name": "t", "units": "GB/s",
                 "nodes": [{"id": "a", "kind": "accelerator", "label": "GPU A", "x": 1, "y": 2.5, "group": "g"},
                           {"id": "b", "kind": "accelerator"},
                           {"id": "s", "kind": "switch"}],
                 "links": [{"from": "a", "to": "s", "bandwidth": 0.1, "duplex": true},
                           {"from": "b", "to": "s", "bandwidth": "100/3"}]}
                """);
        Topology t = SampleLoader.load(f);
        assertEquals("t", t.name());
        assertEquals("GPU A", t.node("a").label());
        assertEquals(2.5, t.node("a").y());
        assertEquals("g", t.node("a").group());
        assertEquals(NodeKind.SWITCH, t.node("s").kind());
        assertEquals(null, t.node("b").x());
        Link first = t.links().get(0);
        assertEquals(Rational.of(1, 10), first.bandwidth());
        assertTrue(first.duplex());
        assertEquals(Rational.of(100, 3), t.links().get(1).bandwidth());
        assertEquals(false, t.links().get(1).duplex());
    }

    @Test
    void rejectsWhatItCannotDraw(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"nodes\": [{\"id\": \"a\", \"kind\": \"gpu\"}]}");
        IOException e = assertThrows(IOException.class, () -> SampleLoader.load(f));
        assertTrue(e.getMessage().contains("node a"), e.getMessage());

        Files.writeString(f, "{\"nodes\": [");
        e = assertThrows(IOException.class, () -> SampleLoader.load(f));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }
}
