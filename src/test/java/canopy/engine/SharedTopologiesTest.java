package canopy.engine;

import canopy.io.ScheduleJson;
import canopy.io.TopologyJson;
import canopy.model.Collective;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference topologies of ../shared/topologies: the engine's bounds equal expected.json, its
 * forest schedules reach them for all three collectives, and the independent Python verifier agrees.
 */
class SharedTopologiesTest {
    private static final Path SHARED = Path.of("../shared/topologies");

    @Test
    void boundsMatchExpected() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "../shared/topologies is not beside the project");
        JsonNode expected = new ObjectMapper().readTree(SHARED.resolve("expected.json").toFile());
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Topology t = TopologyJson.read(SHARED.resolve(e.getKey() + ".json"));
            Bounds b = Bounds.of(t);
            assertEquals(Rational.parse(e.getValue().get("allgather").asText()), b.allgather().algbw(), e.getKey());
            assertEquals(Rational.parse(e.getValue().get("reduce-scatter").asText()), b.reduceScatter().algbw(), e.getKey());
            assertEquals(Rational.parse(e.getValue().get("allreduce").asText()), b.allreduce(), e.getKey());
            checked++;
        }
        assertTrue(checked >= 6);
    }

    @Test
    void forestSchedulesPassThePythonVerifier(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "../shared/topologies is not beside the project");
        Assumptions.assumeTrue(python3Available(), "python3 is not installed");
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(SHARED)) {
            s.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("expected.json"))
                    .sorted().forEach(files::add);
        }
        for (Path topo : files) {
            Topology t = TopologyJson.read(topo);
            for (Collective c : Collective.values()) {
                Schedule s = new ForestScheduler().schedule(t, c);
                Path out = dir.resolve(topo.getFileName() + "." + c + ".schedule.json");
                ScheduleJson.write(s, out);
                Process p = new ProcessBuilder("python3", "../shared/tools/verify_schedule.py", topo.toString(),
                        out.toString(), "--expect-optimal").redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, p.waitFor(), topo + " " + c + ": " + output);
                assertTrue(output.contains("\"ok\": true"), output);
            }
        }
    }

    private static boolean python3Available() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
