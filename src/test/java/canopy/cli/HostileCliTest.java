package canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.model.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 on the command line: output paths, the one-line error contract, unbounded parameters. */
class HostileCliTest {
    static final Path SAMPLES = Path.of("sample-topologies");

    @TempDir
    Path tmp;

    private Path copyOfTwoBoxes() throws Exception {
        Path t = tmp.resolve("t.json");
        Files.copy(SAMPLES.resolve("two-boxes.json"), t);
        return t;
    }

    private static void badInputOneLine(CliRun r) {
        assertEquals(2, r.exit, r.toString());
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("canopy: "), r.err);
        assertFalse(r.err.contains("bug"), r.err);
    }

    @Test
    void anOutputThatIsAnInputIsRefusedAndTheInputKept() throws Exception {
        Path t = copyOfTwoBoxes();
        byte[] before = Files.readAllBytes(t);
        badInputOneLine(CliRun.of("schedule", t.toString(), "-c", "allgather", "-o", t.toString()));
        Path link = tmp.resolve("link.json");
        Files.createSymbolicLink(link, t);
        badInputOneLine(CliRun.of("schedule", t.toString(), "-c", "allgather", "-o", link.toString()));
        Path rel = Path.of("").toAbsolutePath().relativize(t);
        badInputOneLine(CliRun.of("export-graphml", t.toString(), "-o", rel.toString()));
        badInputOneLine(CliRun.of("import", "graphml", t.toString(), "-o", t.toString()));
        badInputOneLine(CliRun.of("compare", t.toString(), "-c", "allgather", "--csv", t.toString()));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(t)));
        Path s = tmp.resolve("s.json");
        assertEquals(0, CliRun.of("schedule", t.toString(), "-c", "allgather", "-o", s.toString()).exit);
        byte[] sched = Files.readAllBytes(s);
        badInputOneLine(CliRun.of("export-msccl", t.toString(), s.toString(), "-o", s.toString()));
        assertTrue(java.util.Arrays.equals(sched, Files.readAllBytes(s)));
    }

    @Test
    void devicesFifosAndDirectoriesAreNeverReplaced() throws Exception {
        Path t = copyOfTwoBoxes();
        badInputOneLine(CliRun.of("schedule", t.toString(), "-c", "allgather", "-o", "/dev/null"));
        assertFalse(Files.isRegularFile(Path.of("/dev/null")));
        Path dir = Files.createDirectory(tmp.resolve("d"));
        badInputOneLine(CliRun.of("schedule", t.toString(), "-c", "allgather", "-o", dir.toString()));
        badInputOneLine(CliRun.of("export-graphml", t.toString(), "-o", dir.toString()));
        Path fifo = tmp.resolve("fifo");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
            badInputOneLine(CliRun.of("export-graphml", t.toString(), "-o", fifo.toString()));
            assertFalse(Files.isRegularFile(fifo));
        }
    }

    @Test
    void aWriteThatFailsIsBadInputOnOneLine() throws Exception {
        Path t = copyOfTwoBoxes();
        // the parent "directory" is a file: the write itself fails
        CliRun r = CliRun.of("export-graphml", t.toString(), "-o", t.resolve("x.graphml").toString());
        badInputOneLine(r);
        assertTrue(r.err.contains("cannot write"), r.err);
        try (var files = Files.list(tmp)) {
            assertEquals(List.of("t.json"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void idsCannotForgeLinesOrReachTheTerminal() throws Exception {
        String evil = "gpu\\ncanopy: ok\\u001b[31m" + "x".repeat(5000);
        Path t = tmp.resolve("evil.json");
        Files.writeString(t, "{\"format\": \"topology/1\", \"nodes\": [{\"id\": \"" + evil + "\", \"kind\": \"accelerator\"},"
                + " {\"id\": \"" + evil + "\", \"kind\": \"accelerator\"}], \"links\": []}");
        CliRun r = CliRun.of("validate", t.toString());
        badInputOneLine(r);
        assertFalse(r.err.contains("\u001b"), r.err);
        assertTrue(r.err.length() < Messages.MAX_LINE + 100, r.err.length() + "");
        String m = Messages.oneLine("a\nb\u001b[0m\u202e" + "y".repeat(3000) + " z\uD800");
        assertFalse(m.contains("\n") || m.contains("\u001b") || m.contains("\u202e"), m);
        assertTrue(m.startsWith("a\\nb\\u001B[0m\\u202E"), m);
        assertTrue(m.length() < 260, m);
        assertTrue(m.endsWith(" z\\uD800"), m);
    }

    @Test
    void verifyRefusesAnAllreduceWhoseGatherRunsBeforeItsReduction() throws Exception {
        Path t = copyOfTwoBoxes();
        Path s = tmp.resolve("ar.json");
        assertEquals(0, CliRun.of("schedule", t.toString(), "-c", "allreduce", "-o", s.toString()).exit);
        canopy.model.Schedule ar = canopy.io.ScheduleJson.read(s);
        List<canopy.model.ScheduleTree> swapped = ar.trees().stream()
                .map(x -> x.withStage(x.phase() == canopy.model.Phase.ALLGATHER ? 0 : 1)).toList();
        Path bad = tmp.resolve("reversed.json");
        canopy.io.ScheduleJson.write(new canopy.model.Schedule(ar.collective(), ar.algorithm(), ar.topologyName(),
                ar.accelerators(), ar.algbw(), ar.bound(), ar.bottleneckCut(), swapped), bad);
        CliRun r = CliRun.of("verify", t.toString(), bad.toString(), "--expect-optimal");
        badInputOneLine(r);
        assertTrue(r.err.contains("earlier stage than a reduction tree"), r.err);
        r = CliRun.of("export-msccl", t.toString(), bad.toString(), "-o", tmp.resolve("x.xml").toString());
        badInputOneLine(r);
        assertTrue(r.err.contains("earlier stage than a reduction tree"), r.err);
    }

    @Test
    void analyzeRechecksTheFilesBound() throws Exception {
        Path t = copyOfTwoBoxes();
        Path s = tmp.resolve("ag.json");
        assertEquals(0, CliRun.of("schedule", t.toString(), "-c", "allgather", "-o", s.toString()).exit);
        String forged = Files.readString(s).replace("\"bound_algbw_exact\": \"2000/7\"", "\"bound_algbw_exact\": \"1\"");
        Path bad = tmp.resolve("forged.json");
        Files.writeString(bad, forged);
        CliRun r = CliRun.of("analyze", t.toString(), bad.toString());
        badInputOneLine(r);
        assertTrue(r.err.contains("is not the topology's bound 2000/7"), r.err);
        r = CliRun.of("verify", t.toString(), bad.toString(), "--expect-optimal");
        badInputOneLine(r);
        r = CliRun.of("analyze", t.toString(), s.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("bound:         2000/7 ≈ 285.714 GB/s  (algbw is 100.0% of it)"), r.out);
    }

    @Test
    void mscclLimitsAreTheRuntimes() throws Exception {
        Path t = copyOfTwoBoxes();
        Path s = tmp.resolve("ag.json");
        assertEquals(0, CliRun.of("schedule", t.toString(), "-c", "allgather", "-o", s.toString()).exit);
        CliRun r = CliRun.of("export-msccl", t.toString(), s.toString(), "-o", tmp.resolve("x.xml").toString(),
                "--max-threadblocks", "129");
        badInputOneLine(r);
        assertTrue(r.err.contains("1 to 128"), r.err);
        assertEquals(0, CliRun.of("export-msccl", t.toString(), s.toString(), "-o", tmp.resolve("x.xml").toString(),
                "--max-threadblocks", "128").exit);
        assertEquals(4095, canopy.io.msccl.MscclXmlExporter.MAX_XML_NODES_PER_RANK);
    }

    @Test
    void unboundedParametersAreBadInputWithAReason() throws Exception {
        Path t = copyOfTwoBoxes();
        CliRun r = CliRun.of("render", t.toString(), "--scale", "0.0001", "-o", tmp.resolve("a.png").toString());
        badInputOneLine(r);
        assertTrue(r.err.contains("at least 16×16"), r.err);
        Path far = tmp.resolve("far.json");
        Files.writeString(far, Files.readString(t).replaceFirst("\"x\": [-0-9.eE]+", "\"x\": 1e308"));
        assertTrue(Files.readString(far).contains("1e308"));
        r = CliRun.of("render", far.toString(), "-o", tmp.resolve("a.pdf").toString());
        badInputOneLine(r);
        assertTrue(r.err.contains("coordinate 1.0E308"), r.err);
        // Too fine for 64 bits, so exact arithmetic takes over: the right, tiny gain.
        r = CliRun.of("whatif", SAMPLES.resolve("two-switches.json").toString(), "--upgrade-rank", "--by", "1e-20");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("+1/75000000000000000000"), r.out);
        r = CliRun.of("whatif", t.toString(), "--fail", "spine", "spine");
        assertEquals(0, r.exit, r.toString());
        assertEquals(1, r.out.lines().filter(l -> l.startsWith("removed: ")).count(), r.out);
    }

    @Test
    void graphMlExportRefusesWhatXmlCannotCarry() throws Exception {
        Path t = tmp.resolve("ctl.json");
        Files.writeString(t, Files.readString(SAMPLES.resolve("two-boxes.json")).replace("\"spine\"", "\"sp\\u0001ine\""));
        CliRun r = CliRun.of("export-graphml", t.toString(), "-o", tmp.resolve("x.graphml").toString());
        badInputOneLine(r);
        assertTrue(r.err.contains("U+0001"), r.err);
        assertFalse(Files.exists(tmp.resolve("x.graphml")));
    }

    @Test
    void csvCellsCannotBeFormulas() throws Exception {
        Path t = tmp.resolve("f.json");
        Files.writeString(t, Files.readString(SAMPLES.resolve("two-boxes.json"))
                .replaceFirst("\"name\": \"[^\"]*\"", "\"name\": \"=HYPERLINK(1+1)\""));
        Path csv = tmp.resolve("c.csv");
        CliRun r = CliRun.of("compare", t.toString(), "-c", "allgather", "--csv", csv.toString());
        assertEquals(0, r.exit, r.toString());
        String text = Files.readString(csv);
        assertTrue(text.contains(",'=HYPERLINK("), text);
        assertFalse(text.contains(",=") || text.contains(",\"="), text);
    }

    @Test
    void benchRefusesSizesItWouldDropOrOverflow() {
        // the doubling loop over sizes up to --max-accelerators overflowed an int and ran out of memory
        CliRun r = CliRun.of("bench", "--max-accelerators", "2147483647");
        badInputOneLine(r);
        assertTrue(r.err.contains("--max-accelerators must be from 2 to 65536"), r.err);
        // a size above the cap was dropped without a word
        r = CliRun.of("bench", "--sizes", "65536");
        badInputOneLine(r);
        assertTrue(r.err.contains("--sizes: 65536 is above --max-accelerators 256 (the default)"), r.err);
        r = CliRun.of("bench", "--scale", "--sizes", "4096", "--max-accelerators", "1024");
        badInputOneLine(r);
        assertTrue(r.err.contains("--sizes: 4096 is above --max-accelerators 1024;"), r.err);
    }
}
