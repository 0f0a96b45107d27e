package canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.engine.AutoScheduler;
import canopy.engine.Progress;
import canopy.engine.SizeBands;
import canopy.io.FigureText;
import canopy.io.msccl.MscclInterpreter;
import canopy.io.msccl.MscclInterpreter.Program;
import java.nio.file.Files;
import canopy.model.Collective;
import canopy.model.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code canopy export-msccl --bands}: the files written, the table printed, and every refusal. */
class ExportMscclBandsTest {
    private static final String TOPO = "sample-topologies/two-boxes.json";

    @TempDir
    Path tmp;

    private Path schedule(String collective, String algorithm) {
        Path out = tmp.resolve(collective + "." + algorithm + ".schedule.json");
        CliRun r = CliRun.of("schedule", TOPO, "-c", collective, "-a", algorithm, "-o", out.toString());
        assertEquals(0, r.exit, r.toString());
        return out;
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static void assertOneLine(CliRun r, String expected) {
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains(expected), r.err);
        assertEquals(1, r.err.strip().lines().count(), r.err);
    }

    @Test
    void autoWritesOneRunnableFilePerBandAndATable() throws Exception {
        Path dir = tmp.resolve("ar");
        CliRun r = CliRun.of("export-msccl", TOPO, "-c", "allreduce", "--bands", "auto", "-o", dir.toString());
        assertEquals(0, r.exit, r.toString());
        assertEquals("", r.err);
        // what the engine says, independently of the command: the bands of auto's candidates
        Topology t = Cli.readTopology(Path.of(TOPO));
        List<AutoScheduler.Built> built = AutoScheduler.weighAll(t, Collective.ALLREDUCE, Progress.NONE).built();
        List<SizeBands.Band> bands = SizeBands.bands(built.stream().map(AutoScheduler.Built::model).toList());
        assertEquals(3, bands.size(), "two crossovers on two boxes");
        List<String> expected = new ArrayList<>();
        for (int k = 0; k < bands.size(); k++) {
            expected.add("allreduce-" + (k + 1) + "-" + built.get(bands.get(k).index()).label() + ".xml");
        }
        List<Path> files = files(dir);
        assertEquals(expected, files.stream().map(f -> f.getFileName().toString()).toList());
        assertTrue(r.out.startsWith("wrote 3 files to " + dir + ": MSCCL allreduce on "), r.out);
        long edge = bands.get(1).range().fromBytes();
        String first = built.get(bands.get(0).index()).label();
        assertTrue(r.out.lines().anyMatch(l -> l.matches("  0 B to " + edge + " B +0 +" + (edge - 1) + " +" + first
                + " .*")), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("  " + FigureText.sizeRange(bands.get(2).range()) + " +"
                + bands.get(2).range().fromBytes() + " +0 \\(no limit\\) .*")), r.out);
        assertTrue(r.out.contains("0 (no limit)"), r.out);
        assertTrue(r.out.contains("algbw → 142.857 GB/s"), "the bound, 1000/7: " + r.out);
        assertTrue(r.out.contains("MSCCL_ALGO_DIR=" + dir), r.out);
        long previousMax = -1;
        for (Path f : files) {
            Program p = MscclInterpreter.parse(f);
            assertTrue(MscclInterpreter.run(p, MscclInterpreter.Layout.OUT_OF_PLACE, 1).ok(), f.toString());
            assertEquals(previousMax + 1, p.minBytes(), f + " starts where the one before ends");
            previousMax = p.maxBytes();
        }
        assertEquals(0, previousMax, "the last file has no upper limit");
    }

    @Test
    void explicitBandsTakeOneScheduleEach() throws Exception {
        Path ring = schedule("allgather", "ring");
        Path forest = schedule("allgather", "forest");
        Path dir = tmp.resolve("ag");
        CliRun r = CliRun.of("export-msccl", TOPO, ring.toString(), forest.toString(), ring.toString(), "--bands",
                "0:1MiB,1MiB:64MiB,64MiB:", "-o", dir.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("as given"), r.out);
        assertTrue(r.out.contains("the model's fastest of these: "), r.out);
        List<Path> files = files(dir);
        assertEquals(List.of("allgather-1-allgather-ring.xml", "allgather-2-allgather-forest.xml",
                "allgather-3-allgather-ring-2.xml"), files.stream().map(f -> f.getFileName().toString()).toList());
        Program middle = MscclInterpreter.parse(files.get(1));
        assertEquals(1 << 20, middle.minBytes());
        assertEquals((64 << 20) - 1, middle.maxBytes());
        assertTrue(MscclInterpreter.run(middle, MscclInterpreter.Layout.IN_PLACE, 0).ok());
    }

    @Test
    void badBandListsAreOneLine() {
        Path ring = schedule("allgather", "ring");
        Path forest = schedule("allgather", "forest");
        String out = tmp.resolve("d").toString();
        String[][] cases = {
            {"0:1MiB,512KiB:", "overlaps band 1 (0 B to 1 MiB) from 512 KiB"},
            {"1MiB:2MiB,0:1MiB,2MiB:", "band 2 '0:1MiB' starts before band 1; list the bands in size order"},
            {"0:1MiB,2MiB:", "leaves a gap after band 1: no file would hold 1 MiB to 2 MiB"},
            {"0:1XB,1XB:", "'1XB' is not a size"},
            {"1KiB:1MiB,1MiB:", "must start at 0, or sizes below 1 KiB would have no file"},
            {"0:1MiB,1MiB:2MiB", "the last band must be open-ended (e.g. 1MiB:)"},
            {"0:,1MiB:", "has no end, but 1 more follow"},
            {"0:1,1:", "holds only 0 bytes"},
            {"0-1MiB,1MiB:", "is not FROM:TO"},
            {"0:2MiB,2MiB:1MiB", "ends at or before its start"},
        };
        for (String[] c : cases) {
            assertOneLine(CliRun.of("export-msccl", TOPO, ring.toString(), forest.toString(), "--bands", c[0], "-o",
                    out), c[1]);
        }
        assertOneLine(CliRun.of("export-msccl", TOPO, ring.toString(), "--bands", "0:1MiB,1MiB:", "-o", out),
                "--bands lists 2 bands for 1 SCHEDULE");
        assertOneLine(CliRun.of("export-msccl", TOPO, "--bands", "auto", "-o", out), "name one");
        assertOneLine(CliRun.of("export-msccl", TOPO, ring.toString(), "-c", "allgather", "--bands", "auto", "-o",
                out), "--collective goes with --bands auto and no SCHEDULE");
        assertOneLine(CliRun.of("export-msccl", TOPO, ring.toString(), forest.toString(), "-o", out),
                "export-msccl takes one SCHEDULE, not 2");
        assertOneLine(CliRun.of("export-msccl", TOPO, ring.toString(), schedule("allreduce", "ring").toString(),
                "--bands", "auto", "-o", out), "the bands of one set serve one collective");
        assertFalse(Files.exists(tmp.resolve("d")), "nothing written");
    }

    @Test
    void anExistingFileAsTheDirectoryIsRefused() throws Exception {
        Path notDir = Files.writeString(tmp.resolve("taken"), "x");
        assertOneLine(CliRun.of("export-msccl", TOPO, "-c", "allgather", "--bands", "auto", "-o", notDir.toString()),
                "not a directory");
        assertEquals("x", Files.readString(notDir));
    }

    @Test
    void aCandidateBeyondTheLimitsIsReportedWithWhereItsSizesGo() throws Exception {
        Path dir = tmp.resolve("tight");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("old.xml"), "stale");
        CliRun r = CliRun.of("export-msccl", TOPO, "-c", "allreduce", "--bands", "auto", "-o", dir.toString(),
                "--max-threadblocks", "3");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.err.matches("(?s).*canopy: warning: shortest-path-trees, the fastest left for 0 B to \\d+ B, "
                + "does not fit MSCCL's limits; those sizes go to .*"), r.err);
        assertTrue(r.err.contains("also holds 1 other file (old.xml)"), r.err);
        for (Path f : files(dir)) {
            if (!f.getFileName().toString().equals("old.xml")) {
                Program p = MscclInterpreter.parse(f);
                assertTrue(MscclInterpreter.run(p, MscclInterpreter.Layout.OUT_OF_PLACE, 1,
                        new MscclInterpreter.Limits(3, 64)).ok(), f.toString());
            }
        }
    }
}
