package canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.engine.ScheduleVerifier;
import canopy.io.ScheduleJson;
import canopy.io.TopologyJson;
import canopy.model.Collective;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The happy path of every subcommand on the sample topologies, with the real figures. */
class SubcommandsTest {
    static final Path SAMPLES = Path.of("sample-topologies");
    static final String TWO_BOXES = SAMPLES.resolve("two-boxes.json").toString();

    @TempDir
    Path tmp;

    private static void assertOk(CliRun r) {
        assertEquals(0, r.exit, r.toString());
        assertEquals("", r.err, r.toString());
    }

    @Test
    void boundOfTwoBoxes() {
        CliRun r = CliRun.of("bound", TWO_BOXES);
        assertOk(r);
        assertTrue(r.out.contains("allgather:      2000/7 ≈ 285.714 GB/s"), r.out);
        assertTrue(r.out.contains("reduce-scatter: 2000/7 ≈ 285.714 GB/s"), r.out);
        assertTrue(r.out.contains("allreduce:      1000/7 ≈ 142.857 GB/s"), r.out);
        assertTrue(r.out.contains("these 7 accelerators can send only 250 GB/s out of the set {"), r.out);
        assertTrue(r.out.contains("(every node but {box0-gpu0})"), r.out);
        assertTrue(r.out.contains("8 × 250 / 7 = 2000/7"), r.out);
        assertTrue(r.out.contains("can receive only 250 GB/s into the set"), r.out);
        assertTrue(r.out.contains("1 / (7/2000 + 7/2000) = 1000/7 GB/s"), r.out);
    }

    @Test
    void boundShowsTerminatingDecimalsAndIntegers() {
        CliRun r = CliRun.of("bound", SAMPLES.resolve("one-way-ring.json").toString());
        assertOk(r);
        assertTrue(r.out.contains("allgather:      125/2 = 62.5 GB/s"), r.out);
        assertTrue(r.out.contains("allreduce:      125/4 = 31.25 GB/s"), r.out);
        r = CliRun.of("bound", SAMPLES.resolve("mesh-2x3.json").toString());
        assertTrue(r.out.contains("allgather:      45 GB/s"), r.out);
        assertTrue(r.out.contains("set {m01, m02, m10, m11, m12}"), r.out);
    }

    @Test
    void largeCutsAreListedCompactly() throws Exception {
        Path topo = tmp.resolve("a100x4.json");
        assertOk(CliRun.of("generate", "dgx-a100", "--boxes", "4", "-o", topo.toString()));
        CliRun r = CliRun.of("bound", topo.toString());
        assertOk(r);
        assertTrue(r.out.contains("allgather:      800/3 ≈ 266.667 GB/s"), r.out);
        assertTrue(r.out.contains("these 24 accelerators can send only 200 GB/s out of the set {"), r.out);
        assertTrue(r.out.contains(", …} and 17 more (every node but {nvs0, b0g0, b0g1, b0g2, b0g3, b0g4, b0g5, "
                + "b0g6, b0g7})"), r.out);
    }

    @Test
    void idSetsAreCutAfterTwelve() {
        assertEquals("{}", Cli.idSet(List.of()));
        assertEquals("{a, b}", Cli.idSet(List.of("a", "b")));
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add("n" + i);
        }
        assertEquals("{n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11, …} and 8 more", Cli.idSet(ids));
        assertEquals(12, Cli.idSet(ids.subList(0, 12)).split(",").length);
    }

    @Test
    void scheduleForestWritesAnOptimalFile() throws Exception {
        Path out = tmp.resolve("ag.schedule.json");
        CliRun r = CliRun.of("schedule", TWO_BOXES, "--collective", "allgather", "--algorithm", "forest",
                "-o", out.toString());
        assertOk(r);
        assertTrue(r.out.contains("algbw:       2000/7 ≈ 285.714 GB/s"), r.out);
        assertTrue(r.out.contains("bound:       2000/7 ≈ 285.714 GB/s"), r.out);
        assertTrue(r.out.contains("ratio:       1 (100.0% of the bound)"), r.out);
        assertTrue(r.out.matches("(?s).*trees: +\\d+ \\(\\d+ per root\\).*"), r.out);
        assertTrue(r.out.matches("(?s).*engine time: \\d+\\.\\d{3} s\n.*"), r.out);
        Schedule s = ScheduleJson.read(out);
        assertEquals(Rational.of(2000, 7), s.algbw());
        assertEquals(s.bound(), s.algbw());
        assertEquals("forest", s.algorithm());
    }

    @Test
    void baselineSchedulesCarryTheBound() throws Exception {
        Path ring = tmp.resolve("ring.json");
        CliRun r = CliRun.of("schedule", TWO_BOXES, "-c", "allreduce", "-a", "ring", "-o", ring.toString());
        assertOk(r);
        assertTrue(r.out.contains("algbw:       800/7 ≈ 114.286 GB/s"), r.out);
        assertTrue(r.out.contains("bound:       1000/7 ≈ 142.857 GB/s"), r.out);
        assertTrue(r.out.contains("ratio:       4/5 (80.0% of the bound)"), r.out);
        Schedule s = ScheduleJson.read(ring);
        assertEquals(Rational.of(1000, 7), s.bound());
        assertFalse(s.bottleneckCut().isEmpty());

        Path dbt = tmp.resolve("dbt.json");
        assertOk(CliRun.of("schedule", TWO_BOXES, "-c", "allreduce", "-a", "double-binary-tree", "-o", dbt.toString()));
        Schedule d = ScheduleJson.read(dbt);
        assertEquals(Rational.of(1000, 7), d.bound());
        Topology t = TopologyJson.read(Path.of(TWO_BOXES));
        assertTrue(ScheduleVerifier.verify(t, d).ok());
    }

    @Test
    void maxTreesPerRootLimitsTheForest() throws Exception {
        Path out = tmp.resolve("k1.json");
        CliRun r = CliRun.of("schedule", TWO_BOXES, "-c", "allgather", "--max-trees-per-root", "1", "-o",
                out.toString());
        assertOk(r);
        assertTrue(r.out.contains("(1 per root)"), r.out);
        Schedule s = ScheduleJson.read(out);
        assertTrue(s.algbw().compareTo(s.bound()) <= 0);
        assertTrue(ScheduleVerifier.verify(TopologyJson.read(Path.of(TWO_BOXES)), s).ok());
        assertEquals(2, CliRun.of("schedule", TWO_BOXES, "-c", "allgather", "-a", "ring",
                "--max-trees-per-root", "2", "-o", out.toString()).exit);
    }

    @Test
    void validatePrintsTheCounts() {
        CliRun r = CliRun.of("validate", SAMPLES.resolve("h100-box.json").toString());
        assertOk(r);
        assertEquals("ok: One 8-GPU box behind an NVSwitch — 8 accelerators, 1 switch, 8 links\n", r.out);
    }

    @Test
    void validateListsEveryProblem() throws Exception {
        Path f = tmp.resolve("two-problems.json");
        Files.writeString(f, """
                {"format": "topology/1", "nodes": [
                  {"id": "a", "kind": "accelerator"}, {"id": "b", "kind": "accelerator"},
                  {"id": "s", "kind": "switch"}],
                 "links": [{"from": "a", "to": "a", "bandwidth": 1},
                           {"from": "a", "to": "s", "bandwidth": 2},
                           {"from": "s", "to": "b", "bandwidth": 1},
                           {"from": "b", "to": "a", "bandwidth": 1}]}
                """);
        CliRun r = CliRun.of("validate", f.toString());
        assertEquals(2, r.exit, r.toString());
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("canopy: link a->a: a self-loop"), r.err);
        assertTrue(r.err.contains("(first of 2 problems, all listed on stdout)"), r.err);
        assertEquals(2, r.out.lines().count(), r.out);
        assertTrue(r.out.contains("switch s: incoming bandwidth 2 differs from outgoing 1"), r.out);
        assertTrue(r.out.lines().allMatch(l -> l.startsWith("problem: ")), r.out);
    }

    @Test
    void verifyAcceptsOptimalAndRefusesRingAsOptimal() throws Exception {
        Path ag = tmp.resolve("ag.json");
        assertOk(CliRun.of("schedule", TWO_BOXES, "-c", "allgather", "-o", ag.toString()));
        CliRun r = CliRun.of("verify", TWO_BOXES, ag.toString(), "--expect-optimal");
        assertOk(r);
        assertTrue(r.out.startsWith("ok: allgather by forest on "), r.out);
        assertTrue(r.out.contains("algbw (recomputed): 2000/7 ≈ 285.714 GB/s"), r.out);
        assertTrue(r.out.contains("optimal: equals the bound 2000/7"), r.out);

        Path ring = tmp.resolve("ring.json");
        assertOk(CliRun.of("schedule", TWO_BOXES, "-c", "allgather", "-a", "ring", "-o", ring.toString()));
        assertOk(CliRun.of("verify", TWO_BOXES, ring.toString()));
        r = CliRun.of("verify", TWO_BOXES, ring.toString(), "--expect-optimal");
        assertEquals(2, r.exit, r.toString());
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("canopy: verification failed: algbw "), r.err);
        assertTrue(r.out.startsWith("problem: "), r.out);
    }

    @Test
    void verifyRefusesAScheduleOfAnotherTopology() throws Exception {
        Path ag = tmp.resolve("ag.json");
        assertOk(CliRun.of("schedule", TWO_BOXES, "-c", "allgather", "-o", ag.toString()));
        CliRun r = CliRun.of("verify", SAMPLES.resolve("triangle.json").toString(), ag.toString());
        assertEquals(2, r.exit, r.toString());
        assertEquals(1, r.err.lines().count(), r.err);
        assertFalse(r.err.contains("\tat "), r.err);
        r = CliRun.of("analyze", SAMPLES.resolve("triangle.json").toString(), ag.toString());
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.startsWith("canopy: the schedule does not fit the topology: "), r.err);
    }

    @Test
    void analyzeShowsLinksBandwidthAndTimes() throws Exception {
        Path ag = tmp.resolve("ag.json");
        assertOk(CliRun.of("schedule", TWO_BOXES, "-c", "allgather", "-o", ag.toString()));
        CliRun r = CliRun.of("analyze", TWO_BOXES, ag.toString(), "--top", "3");
        assertOk(r);
        assertTrue(r.out.contains("algbw:         2000/7 ≈ 285.714 GB/s  (285.7142857142857)"), r.out);
        assertTrue(r.out.contains("bus bandwidth: 250 GB/s  (250.0)"), r.out);
        assertTrue(r.out.contains("links: 32 directed, 32 used; the 3 busiest"), r.out);
        assertTrue(r.out.contains("box0-gpu0 -> box0-nvs *  200        7/10        100.0%"), r.out);
        assertTrue(r.out.contains("stage 0: 32 links: "), r.out);
        for (String size : List.of("1 KiB", "1 MiB", "64 MiB", "1 GiB", "4 GiB")) {
            assertTrue(r.out.contains("\n  " + size + " "), size + "\n" + r.out);
        }
        // Exactly 3 link rows between the header and the blank line.
        String links = r.out.substring(r.out.indexOf("  link "), r.out.indexOf("\n\nbottleneck"));
        assertEquals(4, links.lines().count(), links);

        r = CliRun.of("analyze", TWO_BOXES, ag.toString(), "--all", "--sizes", "2KiB,3MB", "--latency-us", "0");
        assertOk(r);
        assertTrue(r.out.contains("all, busiest first"), r.out);
        assertTrue(r.out.contains("\n  2 KiB "), r.out);
        assertTrue(r.out.contains("\n  3 MiB "), r.out);
        assertFalse(r.out.contains("\n  1 GiB "), r.out);
    }

    @Test
    void analyzeAlphaBetaFiguresFollowTheModel() throws Exception {
        // triangle: 3 accelerators, direct 100 GB/s links without latency: time(M) = depth + M / 300 GB/s.
        Path topo = SAMPLES.resolve("triangle.json");
        Path ag = tmp.resolve("tri.json");
        assertOk(CliRun.of("schedule", topo.toString(), "-c", "allgather", "-o", ag.toString()));
        CliRun r = CliRun.of("analyze", topo.toString(), ag.toString(), "--sizes", "4GiB");
        assertOk(r);
        assertTrue(r.out.contains("algbw:         300 GB/s"), r.out);
        assertTrue(r.out.contains("bus bandwidth: 200 GB/s"), r.out);
    }

    @Test
    void generateWritesValidTopologies() throws Exception {
        for (String kind : GenerateCommand.KINDS) {
            Path f = tmp.resolve(kind + ".json");
            CliRun r = CliRun.of("generate", kind, "-o", f.toString());
            assertOk(r);
            assertTrue(r.out.startsWith("wrote " + f + ": "), r.out);
            TopologyJson.read(f);
        }
        Path f = tmp.resolve("a100.json");
        CliRun r = CliRun.of("generate", "dgx-a100", "--boxes", "4", "--rails", "8", "--name", "lab", "-o", f.toString());
        assertOk(r);
        assertEquals("wrote " + f + ": lab — 32 accelerators, 12 switches, 64 links\n", r.out);
        r = CliRun.of("generate", "torus", "--rows", "3", "--cols", "5", "--bandwidth", "25/2", "-o", f.toString());
        assertOk(r);
        Topology t = TopologyJson.read(f);
        assertEquals(15, t.acceleratorCount());
        assertEquals(Rational.of(25, 2), t.links().get(0).bandwidth());
    }

    @Test
    void generateWritesARailOptimisedPod() throws Exception {
        Path f = tmp.resolve("pod.json");
        CliRun r = CliRun.of("generate", "dgx-h100-pod", "-o", f.toString());
        assertOk(r);
        assertEquals("wrote " + f + ": 32x DGX H100, rail-optimised (256 GPUs, 16 leaves, 8 spines) — 256 "
                + "accelerators, 56 switches, 640 links\n", r.out);
        Topology t = TopologyJson.read(f);
        assertEquals(canopy.generate.TopologyGenerators.dgxH100Pod(32), t);
        r = CliRun.of("generate", "dgx-a100-pod", "--boxes", "6", "--boxes-per-leaf", "4", "--spines", "2",
                "--oversubscription", "3/2", "-o", f.toString());
        assertOk(r);
        t = TopologyJson.read(f);
        assertEquals("6x DGX A100, rail-optimised (48 GPUs, 16 leaves, 2 spines, 3/2:1 oversubscribed)", t.name());
        assertEquals(canopy.generate.TopologyGenerators.dgxA100Pod(6, 4, 2, Rational.of(3, 2)), t);
    }

    @Test
    void generatePodRefusesBadParametersNamingThem() {
        assertRefused("--boxes", "generate", "dgx-h100-pod", "--boxes", "0");
        assertRefused("--boxes-per-leaf", "generate", "dgx-h100-pod", "--boxes-per-leaf", "0");
        assertRefused("--spines", "generate", "dgx-a100-pod", "--spines", "0");
        assertRefused("--oversubscription", "generate", "dgx-a100-pod", "--oversubscription", "1/2");
        assertRefused("--oversubscription", "generate", "dgx-a100-pod", "--oversubscription", "lots");
        assertRefused("--rails", "generate", "dgx-h100-pod", "--rails", "4");
        assertRefused("--oversubscription", "generate", "fat-tree", "--oversubscription", "2");
        assertRefused("--boxes-per-leaf", "generate", "dgx-h100", "--boxes-per-leaf", "4");
        assertRefused("accelerators", "generate", "dgx-h100-pod", "--boxes", "100000");
    }

    @Test
    void generateRefusesWhatDoesNotApply() {
        assertRefused("--boxes", "generate", "torus", "--boxes", "3");
        assertRefused("--rows", "generate", "dgx-a100", "--rows", "3");
        assertRefused("two accelerators", "generate", "ring", "--accelerators", "1");
        assertRefused("--boxes", "generate", "mi250", "--boxes", "0");
        assertRefused("--bandwidth", "generate", "mesh", "--bandwidth", "-1");
        assertRefused("nope", "generate", "nope");
        assertRefused("accelerators", "generate", "dgx-h100", "--boxes", "100000");
    }

    /** The command, with -o, exits 2 with one line on stderr that names {@code named}, and writes nothing. */
    private void assertRefused(String named, String... args) {
        Path out = tmp.resolve("x.json");
        List<String> withOutput = new java.util.ArrayList<>(List.of(args));
        withOutput.addAll(List.of("-o", out.toString()));
        CliRun r = CliRun.of(withOutput.toArray(String[]::new));
        assertEquals(2, r.exit, String.join(" ", args) + "\n" + r);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.contains(named), String.join(" ", args) + "\n" + r);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void benchQuickPrintsATable() {
        CliRun r = CliRun.of("bench", "--quick", "--sizes", "16");
        assertOk(r);
        List<String> lines = r.out.lines().toList();
        assertTrue(lines.get(1).trim().startsWith("topology"), r.out);
        assertTrue(lines.get(1).contains("cold") && lines.get(1).contains("median")
                && lines.get(1).contains("peak heap") && lines.get(1).contains("flow queries"), r.out);
        assertEquals(2 + 4, lines.size(), r.out);
        assertTrue(lines.get(2).matches("  2x DGX A100 \\(16 GPUs, 2 rails\\) +16 +4 +64 +\\d+ +\\d+ +\\d+\\.\\d{3} s .*"),
                r.out);
        assertTrue(lines.get(3).trim().startsWith("2x MI250"), r.out);
        assertTrue(lines.get(4).trim().startsWith("2D torus 8x8"), r.out);
        assertTrue(lines.get(5).contains(" 16 "), r.out);
        assertEquals(2, CliRun.of("bench", "--sizes", "12").exit);
        assertEquals(2, CliRun.of("bench", "--runs", "0").exit);
    }

    @Test
    void benchFatTreesAddsOptimalFatTreeRows() {
        CliRun r = CliRun.of("bench", "--quick", "--sizes", "16", "--fat-trees", "--max-accelerators", "128");
        assertOk(r);
        List<String> lines = r.out.lines().toList();
        assertEquals(2 + 5, lines.size(), r.out);
        // 128 hosts, 8 leaves + 8 spines, 128 host links + 64 uplinks, both ways; the ring is optimal here.
        assertTrue(lines.get(6).matches("  Fat tree \\(8 leaves x 16 hosts, 8 spines\\) +128 +16 +384 +1 +128 .*"
                + "100\\.0% of bound"), r.out);
    }

    @Test
    void doubleBinaryTreeIsAllreduceOnly() {
        CliRun r = CliRun.of("schedule", TWO_BOXES, "-c", "allgather", "-a", "double-binary-tree", "-o",
                tmp.resolve("x.json").toString());
        assertEquals(2, r.exit, r.toString());
        assertEquals("canopy: double-binary-tree schedules allreduce only, not allgather; use --collective "
                + "allreduce, or --algorithm forest, ring, shortest-path-trees, box-entry-trees, shallow-forest, balanced-trees or auto\n", r.err);
        assertFalse(Files.exists(tmp.resolve("x.json")));
    }

    @Test
    void usageErrorsAndMissingFilesExitTwo() {
        String out = tmp.resolve("x.json").toString();
        for (String[] args : List.of(
                new String[] {"bound"},
                new String[] {"bound", TWO_BOXES, "--bogus"},
                new String[] {"schedule", TWO_BOXES, "-o", out},
                new String[] {"schedule", TWO_BOXES, "-c", "allgather"},
                new String[] {"schedule", TWO_BOXES, "-c", "broadcast", "-o", out},
                new String[] {"schedule", TWO_BOXES, "-c", "allgather", "-a", "tree", "-o", out},
                new String[] {"schedule", TWO_BOXES, "-c", "allgather", "--max-trees-per-root", "x", "-o", out},
                new String[] {"analyze", TWO_BOXES, "x.json", "--sizes", "12XB"},
                new String[] {"verify", TWO_BOXES})) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.exit, String.join(" ", args) + "\n" + r);
            assertEquals(1, r.err.lines().count(), r.err);
            assertTrue(r.err.startsWith("canopy: "), r.err);
        }
        for (String[] args : List.of(
                new String[] {"bound", "no-such.json"},
                new String[] {"validate", "no-such.json"},
                new String[] {"schedule", "no-such.json", "-c", "allgather", "-o", out},
                new String[] {"verify", TWO_BOXES, "no-such.json"},
                new String[] {"analyze", "no-such.json", "no-such.json"})) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.exit, String.join(" ", args) + "\n" + r);
            assertEquals("canopy: no such file: no-such.json\n", r.err);
        }
    }

    @Test
    void everySubcommandIsRegisteredWithHelp() {
        CliRun r = CliRun.of("--help");
        for (String name : List.of("bound", "schedule", "validate", "verify", "analyze", "generate", "bench")) {
            assertTrue(r.out.contains("\n  " + name + " "), name + "\n" + r.out);
            CliRun h = CliRun.of(name, "--help");
            assertOk(h);
            assertTrue(h.out.startsWith("Usage: canopy " + name), h.out);
        }
        assertTrue(CliRun.of("analyze", "--help").out.contains("KB and KiB all mean 1024 bytes"));
    }

    @Test
    void collectivesParseByTheirFileNames() {
        assertEquals(Collective.REDUCE_SCATTER, new Cli.CollectiveConverter().convert("reduce-scatter"));
    }
}
