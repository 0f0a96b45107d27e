package canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare --schedule: an imported NCCL schedule beside the forest, with busiest links and the contrast sentence. */
class CompareScheduleFileTest {
    static final Path DIR = ImportNcclGraphCliTest.DIR;

    @TempDir
    Path tmp;

    @Test
    void ncclRingAndTreeBesideTheForest() {
        Path topo = tmp.resolve("a2.json");
        assertEquals(0, CliRun.of("import", "nccl-xml", DIR.resolve("dgx-a100.xml").toString(), "--nodes", "2", "-o",
                topo.toString()).exit);
        Path ring = tmp.resolve("nccl-ring.schedule.json");
        Path tree = tmp.resolve("nccl-tree.schedule.json");
        String dump = DIR.resolve("dgx-a100-graph.xml").toString();
        assertEquals(0, CliRun.of("import", "nccl-graph", dump, "--topology", topo.toString(), "-o", ring.toString()).exit);
        assertEquals(0, CliRun.of("import", "nccl-graph", dump, "--topology", topo.toString(), "-o", tree.toString(),
                "--graph", "tree").exit);
        CliRun r = CliRun.of("compare", topo.toString(), "-c", "allreduce", "--schedule", ring.toString(), "--schedule",
                tree.toString());
        assertEquals(0, r.exit, r.toString());
        // forest reaches the bound 172384/975; NCCL's ring 320/3 (60.3%), its tree 160 (90.5%).
        assertTrue(r.out.matches("(?s).*  nccl-ring +nccl-ring +256 +320/3 ≈ 106\\.667 +60\\.3% .*"), r.out);
        assertTrue(r.out.matches("(?s).*  nccl-tree +nccl-tree +32 +160 +90\\.5% .*"), r.out);
        assertTrue(r.out.contains("busiest links"), r.out);
        assertTrue(r.out.contains("nccl-ring saturates 8 links that forest does not need at full rate"), r.out);
        CliRun wrong = CliRun.of("compare", topo.toString(), "-c", "allgather", "--schedule", ring.toString());
        assertEquals(2, wrong.exit, wrong.toString());
        assertTrue(wrong.err.contains("nccl-ring.schedule.json: an allreduce schedule, not allgather"), wrong.err);
    }
}
