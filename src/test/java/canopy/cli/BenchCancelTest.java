package canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench --cancel}: the table's shape at a tiny size, its grouping, and the options it refuses. */
class BenchCancelTest {
    private static final String ROW = "  (forest allgather|ring allgather|designer: forest allgather) +\\S.*? +\\d+ +"
            + "\\d+\\.\\d ms +\\d+\\.\\d ms.*";

    @Test
    void aTablePerClassWithEveryAlgorithmAsked() {
        CliRun r = CliRun.of("bench", "--cancel", "--sizes", "16", "--only", "torus3d,dragonfly",
                "--algorithms", "ring,forest", "--cancel-at", "0.001,0.002", "--designer");
        assertEquals(0, r.exit, r.toString());
        List<String> lines = r.out.lines().toList();
        assertTrue(lines.get(0).startsWith("cancel latency: from the request to the engine's CancelledException, "
                + "by the phase last reported; cancelled at 0.001, 0.002 s and at 0.9 of a run that ends sooner"), r.out);
        assertTrue(lines.get(lines.size() - 1).matches("every cancel stopped within 1 s|\\d+ rows? with a cancel over 1 s"),
                r.out);
        // the classes in CLASSES order, each: title, header, rows, then how each ran uncancelled
        List<String> titles = new ArrayList<>();
        int i = 1;
        while (i < lines.size() - 1) {
            titles.add(lines.get(i));
            assertTrue(lines.get(i + 1).matches("  algorithm +phase when cancelled +cancels +median +max"), r.out);
            i += 2;
            while (lines.get(i).matches(ROW)) {
                i++;
            }
            assertTrue(lines.get(i).matches("  uncancelled: forest allgather (over 0\\.002 s|\\d+\\.\\d{3} s); "
                    + "ring allgather (over 0\\.002 s|\\d+\\.\\d{3} s); designer: forest allgather "
                    + "(over 0\\.002 s|\\d+\\.\\d{3} s)"), lines.get(i) + "\n" + r.out);
            i++;
        }
        assertEquals(List.of("dragonfly 2g x 4r x 2p, h=2, 16 accelerators:", "3D torus 4x2x2, 16 accelerators:"), titles);
    }

    @Test
    void cancelsAreGroupedByAlgorithmAndPhaseWithTheirMedianAndWorst() {
        CancelBench.Outcome forest = new CancelBench.Outcome("forest allgather", List.of(
                new CancelBench.Cancel("bound", 3_000_000, true, null),
                new CancelBench.Cancel("packing trees", 2_000_000_000L, true, "TreePacker.java:630"),
                new CancelBench.Cancel("bound", 5_000_000, true, null),
                new CancelBench.Cancel("packing trees", 10_000_000, false, null),
                new CancelBench.Cancel("packing trees", 20_000_000, true, null)), -1, null);
        List<CancelBench.PhaseRow> rows = CancelBench.rows(List.of(forest));
        assertEquals(2, rows.size());
        assertEquals(new CancelBench.PhaseRow("forest allgather", "bound", 2, 4_000_000, 5_000_000, true, null), rows.get(0));
        CancelBench.PhaseRow packing = rows.get(1);
        assertEquals(3, packing.cancels());
        assertEquals(20_000_000, packing.medianNanos());
        assertEquals(2_000_000_000L, packing.maxNanos());
        assertTrue(packing.flagged());
        assertEquals("TreePacker.java:630", packing.slowestWhere());
        assertTrue(!packing.allNoticed());
        assertEquals("2.5 ms", CancelBench.millis(2_500_000));
        assertEquals("TreePacker.java:12 < ForestScheduler.java:3", CancelBench.where(new StackTraceElement[] {
            new StackTraceElement("java.util.Arrays", "fill", "Arrays.java", 1),
            new StackTraceElement("canopy.engine.TreePacker", "pack", "TreePacker.java", 12),
            new StackTraceElement("canopy.engine.ForestScheduler", "schedule", "ForestScheduler.java", 3),
            new StackTraceElement("java.lang.Thread", "run", "Thread.java", 1)}));
        assertEquals("?", CancelBench.where(new StackTraceElement[0]));
        assertNull(rows.get(0).slowestWhere());
    }

    @Test
    void everyRegistryAlgorithmIsTimedOnItsCollective() {
        List<String> labels = CancelBench.algorithms(null).stream().map(CancelBench.Algorithm::label).toList();
        assertEquals(List.of("forest allgather", "ring allgather", "double-binary-tree allreduce",
                "shortest-path-trees allgather", "box-entry-trees allgather", "shallow-forest allgather",
                "balanced-trees allreduce 1 MiB", "auto allreduce 1 MiB"), labels);
        assertEquals(List.of("ring allgather"), CancelBench.algorithms(List.of("RING")).stream()
                .map(CancelBench.Algorithm::label).toList());
    }

    @Test
    void badCancelOptionsAreRefused() {
        for (List<String> args : List.of(List.of("--cancel", "--scale"), List.of("--cancel", "--runs", "2"),
                List.of("--cancel", "--algorithms", "nope"), List.of("--cancel", "--only", "nope"),
                List.of("--cancel", "--cancel-at", "1,0.5"), List.of("--cancel", "--cancel-at", "0"),
                List.of("--cancel", "--cancel-at", "NaN"), List.of("--cancel", "--sizes", "8"),
                List.of("--cancel-at", "1"), List.of("--designer"), List.of("--scale", "--algorithms", "ring"))) {
            List<String> all = new ArrayList<>(List.of("bench"));
            all.addAll(args);
            CliRun r = CliRun.of(all.toArray(String[]::new));
            assertEquals(2, r.exit, args + "\n" + r);
            assertEquals(1, r.err.strip().lines().count(), args + "\n" + r);
        }
    }
}
