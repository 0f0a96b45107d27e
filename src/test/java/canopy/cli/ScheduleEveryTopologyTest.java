package canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import canopy.engine.Bounds;
import canopy.io.ScheduleJson;
import canopy.io.TopologyJson;
import canopy.model.Collective;
import canopy.model.Schedule;
import canopy.model.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code canopy schedule --algorithm forest} on every topology of sample-topologies/ and
 * ../shared/topologies/ (when present), every collective: the written file has algbw == bound, and the
 * bound is the engine's.
 */
class ScheduleEveryTopologyTest {
    @TempDir
    Path tmp;

    static List<Path> topologies() throws Exception {
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(Path.of("sample-topologies"), Path.of("../shared/topologies"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("expected.json"))
                        .sorted().forEach(out::add);
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> forestReachesTheBound() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path topo : topologies()) {
            for (Collective c : Collective.values()) {
                tests.add(DynamicTest.dynamicTest(topo + " " + c, () -> {
                    Path out = tmp.resolve(topo.getFileName() + "." + c + ".schedule.json");
                    CliRun r = CliRun.of("schedule", topo.toString(), "--collective", c.jsonName(),
                            "--algorithm", "forest", "-o", out.toString());
                    assertEquals(0, r.exit, r.toString());
                    Schedule s = ScheduleJson.read(out);
                    assertNotNull(s.bound());
                    assertEquals(s.bound(), s.algbw(), topo + " " + c);
                    assertEquals(c, s.collective());
                    Topology t = TopologyJson.read(topo);
                    assertEquals(Bounds.of(t).of(c), s.bound());
                }));
            }
        }
        return tests.stream();
    }
}
