package canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.generate.TopologyGenerators;
import canopy.io.ScheduleJson;
import canopy.io.TopologyJson;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10: at 4,096 accelerators no allgather schedule file fits what the readers accept. */
class ScheduleSizeCliTest {
    @TempDir
    Path dir;

    /**
     * The least size is a true lower bound: every schedule the command writes, and the same JSON with
     * every optional space removed, is at least that large (ids with quotes and non-ASCII included).
     */
    @Test
    void leastSizeNeverExceedsAWrittenSchedule() throws Exception {
        List<Node> nodes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        String[] ids = {"a", "\"b\"", "é", "g3", "accelerator-four", "5"};
        for (String id : ids) {
            nodes.add(new Node(id, NodeKind.ACCELERATOR, null, 0.0, 0.0, null));
        }
        for (int i = 0; i < ids.length; i++) {
            links.add(new Link(ids[i], ids[(i + 1) % ids.length], Rational.of(100), true, null));
        }
        List<Topology> shapes = List.of(new Topology("odd ids", "GB/s", nodes, links),
                TopologyGenerators.ring(12, Rational.of(100), true), TopologyGenerators.dgxA100(2),
                // one tree per root over direct links: within about a tree header per root of the least
                TopologyGenerators.ring(12, Rational.of(100), false));
        for (Topology t : shapes) {
            Path topo = dir.resolve("t.json");
            TopologyJson.write(t, topo);
            BigInteger least = ScheduleJson.leastPerShardBytes(t.accelerators().stream().map(Node::id).toList());
            assertTrue(least.signum() > 0);
            for (String c : List.of("allgather", "reduce-scatter")) {
                for (String a : List.of("forest", "ring")) {
                    Path out = dir.resolve(a + "." + c + ".json");
                    CliRun r = CliRun.of("schedule", topo.toString(), "-c", c, "-a", a, "-o", out.toString());
                    assertEquals(0, r.exit, r.toString());
                    String json = Files.readString(out);
                    String compact = new ObjectMapper().readTree(json).toString();
                    assertTrue(least.compareTo(BigInteger.valueOf(compact.getBytes(StandardCharsets.UTF_8).length)) <= 0,
                            t.name() + " " + c + " " + a + ": least " + least + ", compact " + compact.length());
                }
            }
        }
    }

    /** Refused before the engine runs, one line, nothing written; 2,048 accelerators still fit. */
    @Test
    void allgatherOn4096AcceleratorsIsRefusedUpFront() throws Exception {
        Path topo = dir.resolve("ring4k.json");
        TopologyJson.write(TopologyGenerators.ring(4096, Rational.of(100), true), topo);
        for (String c : List.of("allgather", "reduce-scatter")) {
            Path out = dir.resolve(c + ".schedule.json");
            CliRun r = CliRun.of("schedule", topo.toString(), "-c", c, "-o", out.toString());
            assertEquals(2, r.exit, r.toString());
            assertEquals(1, r.err.strip().lines().count(), r.err);
            assertTrue(r.err.contains("at least 4096 trees of 4095 edges") && r.err.contains("nothing computed")
                    && r.err.contains("canopy bound"), r.err);
            assertFalse(Files.exists(out));
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2048; i++) {
            ids.add("r" + i);
        }
        assertNull(ScheduleJson.perShardTooLarge(ids));
        for (int i = 2048; i < 4096; i++) {
            ids.add("r" + i);
        }
        assertNotNull(ScheduleJson.perShardTooLarge(ids));
    }
}
