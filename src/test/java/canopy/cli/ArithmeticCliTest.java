package canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 2, from the command line: files that validate but whose bandwidths overflow 64-bit
 * arithmetic. Every command exits 0, or 2 with one line on stderr; never 1 (an internal error).
 */
class ArithmeticCliTest {
    @TempDir
    Path tmp;

    private static String node(String id, String kind, String group) {
        return "{\"id\": \"" + id + "\", \"kind\": \"" + kind + "\"" + (group == null ? "" : ", \"group\": \"" + group + "\"")
                + "}";
    }

    /** bandwidth is written as is: a JSON number (12.5) or a quoted string ("100/3"). */
    private static String link(String from, String to, String bandwidth) {
        return "{\"from\": \"" + from + "\", \"to\": \"" + to + "\", \"bandwidth\": " + bandwidth + ", \"duplex\": true}";
    }

    private Path write(String name, List<String> nodes, List<String> links) throws Exception {
        Path p = tmp.resolve(name + ".json");
        Files.writeString(p, "{\"format\": \"topology/1\", \"name\": \"" + name + "\", \"nodes\": [" + String.join(", ", nodes)
                + "], \"links\": [" + String.join(", ", links) + "]}");
        return p;
    }

    /** Accelerators g0..g{n-1} on switch s with these bandwidths, plus a direct g0-g1 link. */
    private Path star(String name, String... bandwidths) throws Exception {
        List<String> nodes = new ArrayList<>();
        List<String> links = new ArrayList<>();
        nodes.add(node("s", "switch", null));
        for (int i = 0; i < bandwidths.length; i++) {
            nodes.add(node("g" + i, "accelerator", null));
            links.add(link("g" + i, "s", bandwidths[i]));
        }
        links.add(link("g0", "g1", bandwidths[bandwidths.length - 1]));
        return write(name, nodes, links);
    }

    /** servers two-level PCIe servers: GPU pairs under PCIe switches at 31.50769230769231, NVSwitch, a network switch. */
    private Path pcieServers(int servers) throws Exception {
        List<String> nodes = new ArrayList<>();
        List<String> links = new ArrayList<>();
        nodes.add(node("net", "switch", null));
        for (int s = 0; s < servers; s++) {
            String g = "srv" + s;
            nodes.add(node("s" + s + ".nvs", "switch", g));
            for (int p = 0; p < 4; p++) {
                String pcie = "s" + s + ".pcie" + p;
                nodes.add(node(pcie, "switch", g));
                links.add(link(pcie, "net", "25"));
                for (int j = 0; j < 2; j++) {
                    String gpu = "s" + s + ".gpu" + (2 * p + j);
                    nodes.add(node(gpu, "accelerator", g));
                    links.add(link(gpu, pcie, "31.50769230769231"));
                    links.add(link(gpu, "s" + s + ".nvs", "300"));
                }
            }
        }
        return write("pcie" + servers, nodes, links);
    }

    private static void assertZeroOrTwoWithOneLine(CliRun r, String what) {
        assertTrue(r.exit == 0 || r.exit == 2, what + ": " + r);
        if (r.exit == 2) {
            assertEquals(1, r.err.strip().split("\n").length, what + ": " + r);
            assertTrue(r.err.startsWith("canopy: ") && !r.err.contains("internal error"), what + ": " + r);
        } else {
            assertEquals("", r.err, what + ": " + r);
        }
    }

    private void runAll(Path topo, boolean schedules) {
        String f = topo.toString();
        String out = tmp.resolve("out.schedule.json").toString();
        List<String[]> commands = new ArrayList<>(List.of(
                new String[] {"validate", f},
                new String[] {"bound", f},
                new String[] {"whatif", f, "--fail", "g0<->s"},
                new String[] {"whatif", f, "--fail", "g0<->g1"},
                new String[] {"whatif", f, "--upgrade-rank", "--top", "3"},
                new String[] {"whatif", f, "--upgrade-rank", "--by-class"}));
        if (schedules) {
            commands.add(new String[] {"schedule", f, "-c", "allreduce", "-o", out});
            commands.add(new String[] {"schedule", f, "-c", "allgather", "--max-trees-per-root", "3", "-o", out});
            commands.add(new String[] {"schedule", f, "-c", "allreduce", "-a", "ring", "-o", out});
            commands.add(new String[] {"schedule", f, "-c", "allreduce", "-a", "double-binary-tree", "-o", out});
        }
        for (String[] c : commands) {
            CliRun r = CliRun.of(c);
            assertZeroOrTwoWithOneLine(r, String.join(" ", c));
            if (c[0].equals("validate") || c[0].equals("bound")) {
                assertEquals(0, r.exit, r.toString());
            }
        }
    }

    @Test
    void mixedScales() throws Exception {
        runAll(star("mixed", "\"1e-9\"", "\"1e10\"", "\"1e10\"", "\"3e-9\""), true);
    }

    @Test
    void nearTheLimitsOfTheFormat() throws Exception {
        runAll(star("extreme", "\"1e30\"", "\"1e-30\"", "\"999999999999999999999999999999/7\"",
                "\"3/999999999999999999999999999989\""), true);
    }

    @Test
    void fourteenPrimeDenominators() throws Exception {
        String[] bw = new String[14];
        int[] primes = {3, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53};
        for (int i = 0; i < 14; i++) {
            bw[i] = "\"100/" + primes[i] + "\"";
        }
        Path p = star("primes", bw);
        runAll(p, true);
        CliRun r = CliRun.of("bound", p.toString());
        assertTrue(r.out.contains("allgather:      1400/689 ≈ 2.03193 GB/s"), r.out);
        r = CliRun.of("schedule", p.toString(), "-c", "allgather", "-o", tmp.resolve("p.schedule.json").toString());
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("trees per root") && r.err.contains("--max-trees-per-root"), r.err);
        r = CliRun.of("schedule", p.toString(), "-c", "allgather", "--max-trees-per-root", "4", "-o",
                tmp.resolve("p.schedule.json").toString());
        assertEquals(0, r.exit, r.toString());
        assertEquals(0, CliRun.of("verify", p.toString(), tmp.resolve("p.schedule.json").toString()).exit);
    }

    @Test
    void ringOf5e18() throws Exception {
        String f = tmp.resolve("ring.json").toString();
        assertEquals(0, CliRun.of("generate", "ring", "--accelerators", "8", "--bandwidth", "5000000000000000000", "-o", f).exit);
        CliRun r = CliRun.of("bound", f);
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("allgather:      80000000000000000000/7"), r.out);
        String out = tmp.resolve("ring.schedule.json").toString();
        r = CliRun.of("schedule", f, "-c", "allreduce", "-o", out);
        assertEquals(0, r.exit, r.toString());
        assertEquals(0, CliRun.of("verify", f, out, "--expect-optimal").exit);
        runAllOnRing(f);
    }

    private void runAllOnRing(String f) {
        for (String[] c : List.of(new String[] {"whatif", f, "--fail", "r0<->r1"},
                new String[] {"whatif", f, "--upgrade-rank", "--by-class"})) {
            CliRun r = CliRun.of(c);
            assertEquals(0, r.exit, r.toString());
        }
    }

    /** 2048/65 written as the double 31.50769230769231 on 32 servers: 256 GPUs, denominators 10^14. */
    @Test
    void pcieBandwidthWrittenAsADouble() throws Exception {
        Path p = pcieServers(32);
        CliRun r = CliRun.of("bound", p.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("allgather:      3200/31 ≈ 103.226 GB/s"), r.out);
        r = CliRun.of("schedule", p.toString(), "-c", "allgather", "-o", tmp.resolve("x.json").toString());
        assertZeroOrTwoWithOneLine(r, "schedule");
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("31.50769230769231 looks like 2048/65 written as a double"), r.err);
        r = CliRun.of("whatif", p.toString(), "--fail", "s0.gpu0<->s0.pcie0");
        assertZeroOrTwoWithOneLine(r, "whatif --fail");
        assertEquals(0, r.exit, r.toString());
        // Two servers are small enough to schedule with a tree limit.
        Path two = pcieServers(2);
        r = CliRun.of("schedule", two.toString(), "-c", "allgather", "--max-trees-per-root", "2", "-o",
                tmp.resolve("two.schedule.json").toString());
        assertEquals(0, r.exit, r.toString());
        assertEquals(0, CliRun.of("verify", two.toString(), tmp.resolve("two.schedule.json").toString()).exit);
    }
}
