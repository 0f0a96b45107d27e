package canopy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a topology file is read as a stream, so its memory is the model's, not a JSON tree's. A
 * 20 MB topology (80,000 nodes, 208,000 links) validates in a 128 MiB heap in a JVM of its own; built as
 * a whole tree first it ran out of memory there.
 */
class TopologyStreamingTest {
    @TempDir
    Path dir;

    @Test
    void aLargeTopologyReadsInAHeapSixTimesItsSize() throws Exception {
        int nodes = 80_000;
        int links = 208_000;
        Path file = dir.resolve("big.json");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"format\":\"topology/1\",\"name\":\"big\",\"nodes\":[");
            for (int i = 0; i < nodes; i++) {
                w.write((i == 0 ? "" : ",") + String.format("{\"id\":\"node%06d\",\"kind\":\"accelerator\",\"x\":%d.5,\"y\":%d.25}",
                        i, i % 1000, i / 1000));
            }
            w.write("],\"links\":[");
            for (int k = 0; k < links; k++) {
                int a = k % nodes;
                int b = (a + 1 + (k / nodes) * 7919) % nodes;
                w.write((k == 0 ? "" : ",") + String.format(
                        "{\"from\":\"node%06d\",\"to\":\"node%06d\",\"bandwidth\":\"100\",\"duplex\":true}", a, b));
            }
            w.write("]}");
        }
        assertTrue(Files.size(file) > 19_000_000, Files.size(file) + " bytes");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), "canopy.Main", "validate", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "still running");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("ok: big — 80000 accelerators, 0 switches, 208000 links"), out);
    }
}
