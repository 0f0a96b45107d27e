package canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.io.ScheduleJson;
import canopy.io.msccl.MscclInterpreter;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code canopy export-msccl}: the written file runs, the summary, and the exit codes. */
class ExportMscclCommandTest {
    @TempDir
    Path tmp;

    private Path schedule(String topo, String collective, String algorithm) {
        Path out = tmp.resolve(collective + "." + algorithm + ".schedule.json");
        CliRun r = CliRun.of("schedule", topo, "-c", collective, "-a", algorithm, "-o", out.toString());
        assertEquals(0, r.exit, r.toString());
        return out;
    }

    @Test
    void exportsARunnableFileAndPrintsASummary() throws Exception {
        String topo = "sample-topologies/two-boxes.json";
        Path sched = schedule(topo, "allreduce", "forest");
        Path xml = tmp.resolve("out/ar.xml");
        CliRun r = CliRun.of("export-msccl", topo, sched.toString(), "-o", xml.toString(), "--proto", "LL128");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("wrote " + xml + ": MSCCL allreduce by forest"), r.out);
        assertTrue(r.out.contains("GPUs:          8"), r.out);
        assertTrue(r.out.contains("chunks:        5 per shard, 40 per loop"), r.out);
        assertTrue(r.out.contains("channels:"), r.out);
        assertTrue(r.out.contains("threadblocks:  at most"), r.out);
        assertTrue(r.out.contains("(limit 108)"), r.out);
        assertTrue(r.out.contains("steps:"), r.out);
        assertEquals("", r.err);
        MscclInterpreter.Program p = MscclInterpreter.parse(xml);
        assertEquals("LL128", p.proto());
        assertTrue(MscclInterpreter.run(p, MscclInterpreter.Layout.IN_PLACE, 1).ok());
        try (var files = Files.list(xml.getParent())) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void roundingIsReportedOnStderr() throws Exception {
        String topo = "sample-topologies/one-way-ring.json";
        Path sched = schedule(topo, "allgather", "forest");
        Path xml = tmp.resolve("ag.xml");
        CliRun r = CliRun.of("export-msccl", topo, sched.toString(), "-o", xml.toString(), "--max-chunks", "3");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.err.contains("warning: the shares need more than 3 chunks per shard; rounded to 3"), r.err);
        assertTrue(r.out.contains("shares rounded"), r.out);
        assertTrue(Files.readString(xml).contains("rounded to the chunk grid"));
    }

    @Test
    void impossibleLimitsAreBadInput() {
        String topo = "sample-topologies/h100-box.json";
        Path sched = schedule(topo, "allgather", "forest");
        CliRun r = CliRun.of("export-msccl", topo, sched.toString(), "-o", tmp.resolve("x.xml").toString(),
                "--max-threadblocks", "1");
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("cannot fit the schedule into MSCCL's limits"), r.err);
        assertFalse(Files.exists(tmp.resolve("x.xml")));
    }

    @Test
    void badOptionsAndFilesAreBadInput() throws Exception {
        String topo = "sample-topologies/triangle.json";
        Path sched = schedule(topo, "allgather", "ring");
        Path xml = tmp.resolve("x.xml");
        assertEquals(2, CliRun.of("export-msccl", topo, sched.toString(), "-o", xml.toString(), "--proto", "fast").exit);
        assertEquals(2, CliRun.of("export-msccl", topo, sched.toString(), "-o", xml.toString(),
                "--max-threadblocks", "0").exit);
        CliRun missing = CliRun.of("export-msccl", topo, tmp.resolve("none.json").toString(), "-o", xml.toString());
        assertEquals(2, missing.exit);
        assertTrue(missing.err.contains("no such file"), missing.err);
        CliRun wrongTopo = CliRun.of("export-msccl", "sample-topologies/h100-box.json", sched.toString(), "-o",
                xml.toString());
        assertEquals(2, wrongTopo.exit, wrongTopo.toString());
        assertTrue(wrongTopo.err.contains("does not verify") || wrongTopo.err.contains("does not fit the topology"),
                wrongTopo.err);

        Schedule s = ScheduleJson.read(sched);
        List<ScheduleTree> trees = new ArrayList<>(s.trees());
        trees.remove(0);
        Path broken = tmp.resolve("broken.schedule.json");
        ScheduleJson.write(new Schedule(s.collective(), s.algorithm(), s.topologyName(), s.accelerators(), s.algbw(),
                s.bound(), s.bottleneckCut(), trees), broken);
        CliRun b = CliRun.of("export-msccl", topo, broken.toString(), "-o", xml.toString());
        assertEquals(2, b.exit, b.toString());
        assertFalse(Files.exists(xml));
    }
}
