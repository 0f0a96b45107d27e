package canopy.engine;

import canopy.generate.TopologyGenerators;
import canopy.model.Collective;
import canopy.model.Schedule;
import canopy.model.Topology;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our schedules, written as formats.md JSON, pass the independent Python checker. */
class PythonCrossCheckTest {
    @TempDir
    Path dir;

    private void check(Path topo, Schedule s, boolean expectOptimal) throws Exception {
        Path file = dir.resolve(s.algorithm() + "-" + s.collective().jsonName() + ".schedule.json");
        TestJson.writeSchedule(s, file);
        JsonNode out = TestJson.runPythonVerifier(topo, file, expectOptimal);
        Assumptions.assumeTrue(out != null, "python3 or verify_schedule.py missing");
        assertTrue(out.path("ok").asBoolean(), topo + " " + s.algorithm() + " " + s.collective() + ": " + out);
    }

    @Test
    void sharedFiles() throws Exception {
        for (String name : new String[]{"two-boxes", "two-switches", "one-way-ring", "mesh-2x3"}) {
            Path topo = TestJson.TOPOLOGIES.resolve(name + ".json");
            Assumptions.assumeTrue(Files.isRegularFile(topo), "../shared/topologies is missing");
            Topology t = TestJson.readTopology(topo);
            for (Collective c : Collective.values()) {
                check(topo, RingScheduler.schedule(t, c), false);
            }
            check(topo, DoubleBinaryTreeScheduler.schedule(t), false);
        }
        // where a ring is optimal the Python checker agrees with the cut bound
        Path h100 = TestJson.TOPOLOGIES.resolve("h100-box.json");
        check(h100, RingScheduler.schedule(TestJson.readTopology(h100), Collective.ALLGATHER), true);
        Path oneWay = TestJson.TOPOLOGIES.resolve("one-way-ring.json");
        check(oneWay, RingScheduler.schedule(TestJson.readTopology(oneWay), Collective.ALLREDUCE), true);
    }

    @Test
    void generatedTopologies() throws Exception {
        for (Topology t : new Topology[]{TopologyGenerators.dgxA100(2), TopologyGenerators.mi250(1),
                TopologyGenerators.torus(3, 3, BaselineSchedulesTest.R100)}) {
            Path topo = dir.resolve("topo.json");
            TestJson.writeTopology(t, topo);
            check(topo, RingScheduler.schedule(t, Collective.ALLREDUCE), false);
            check(topo, DoubleBinaryTreeScheduler.schedule(t), false);
        }
    }
}
