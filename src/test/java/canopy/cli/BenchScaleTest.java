package canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.model.TopologyValidator;
import canopy.model.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench --scale}: the classes at their sizes, rows as they finish, rows over the limit cancelled. */
class BenchScaleTest {
    @Test
    void everyClassHitsTheScaleSizes() {
        for (int n : new int[] {256, 1024, 4096}) {
            for (String c : ScaleBench.CLASSES) {
                ScaleBench.Case k = ScaleBench.at(c, n);
                Topology t = k.topology().get();
                // the k-ary fat tree has k^3/4 hosts: 250 (k=10), 1,024 (k=16), 3,456 (k=24)
                int expected = c.equals("fat-tree-3tier") ? (n == 256 ? 250 : n == 1024 ? 1024 : 3456) : n;
                assertEquals(expected, t.acceleratorCount(), k.label());
                assertTrue(k.label().length() <= 42, k.label());
                if (n == 256) {
                    assertEquals(List.of(), TopologyValidator.problems(t), k.label());
                }
            }
        }
        assertEquals("nccl-xml dgx-a100.xml --nodes 128", ScaleBench.at("nccl-xml", 1024).label());
        assertEquals("128x DGX A100, NIC nodes", ScaleBench.at("dgx-a100-nic", 1024).label());
        assertEquals("3D torus 16x8x8", ScaleBench.at("torus3d", 1024).label());
        assertEquals("dragonfly 32g x 8r x 4p, h=4", ScaleBench.at("dragonfly", 1024).label());
    }

    @Test
    void scaleRowsPrintAsTheyFinish() {
        CliRun r = CliRun.of("bench", "--scale", "--sizes", "16", "--runs", "1", "--only", "torus3d,random-regular,dragonfly");
        assertEquals(0, r.exit, r.toString());
        List<String> lines = r.out.lines().toList();
        assertEquals(2 + 3, lines.size(), r.out);
        assertTrue(lines.get(0).startsWith("forest allgather: cold = first run; median of 1 further run; rows over 300 s"),
                r.out);
        assertTrue(lines.get(1).trim().startsWith("topology") && lines.get(1).trim().endsWith("flow queries"), r.out);
        // the classes in CLASSES order, whatever --only's order
        assertTrue(lines.get(2).matches("  dragonfly 2g x 4r x 2p, h=2 +16 +8 +\\d+ +\\d+ +\\d+ +\\d+\\.\\d{3} s +\\d+\\.\\d{3} s "
                + "+\\d+ MiB +\\d+"), r.out);
        assertTrue(lines.get(3).trim().startsWith("3D torus 4x2x2 "), r.out);
        assertTrue(lines.get(4).trim().startsWith("random 4-regular, 16, seed 1 "), r.out);
    }

    @Test
    void aRowPastItsLimitIsCancelledAndTheBenchGoesOn() {
        long start = System.nanoTime();
        CliRun r = CliRun.of("bench", "--scale", "--sizes", "256,16", "--runs", "1", "--only", "nccl-xml,torus3d",
                "--row-timeout", "0.2");
        assertEquals(0, r.exit, r.toString());
        List<String> lines = r.out.lines().toList();
        assertEquals(2 + 4, lines.size(), r.out);
        assertTrue(lines.get(3).matches("  nccl-xml dgx-a100.xml --nodes 32 +256 +481 +\\d+ +- +- +over 0\\.2 s.*"), r.out);
        assertTrue(lines.get(4).trim().startsWith("3D torus 4x2x2"), r.out);
        assertTrue(System.nanoTime() - start < 60_000_000_000L, "cancelled, not run to the end");
    }

    @Test
    void badScaleOptionsAreRefused() {
        for (List<String> args : List.of(List.of("--scale", "--only", "nope"), List.of("--scale", "--sizes", "8"),
                List.of("--scale", "--row-timeout", "0"), List.of("--only", "torus3d"),
                List.of("--scale", "--max-accelerators", "100000"), List.of("--scale", "--fat-trees"),
                List.of("--scale", "--row-timeout", "NaN"))) {
            String[] all = new java.util.ArrayList<String>(List.of("bench")) {{ addAll(args); }}.toArray(String[]::new);
            CliRun r = CliRun.of(all);
            assertEquals(2, r.exit, args + "\n" + r);
            assertEquals(1, r.err.strip().lines().count(), args + "\n" + r);
        }
    }
}
