package canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.io.ScheduleJson;
import canopy.io.TopologyJson;
import canopy.model.Schedule;
import canopy.model.Topology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportNcclGraphCliTest {
    static final Path DIR = Path.of("src", "test", "resources", "canopy", "io", "nccl");

    @TempDir
    Path tmp;

    private Path topology(String xml, int nodes) {
        Path out = tmp.resolve(xml + "-" + nodes + ".json");
        CliRun r = CliRun.of("import", "nccl-xml", DIR.resolve(xml).toString(), "--nodes", "" + nodes, "-o", out.toString());
        assertEquals(0, r.exit, r.toString());
        return out;
    }

    @Test
    void ringAndTreeOfTwoDgxA100() throws Exception {
        Path topo = topology("dgx-a100.xml", 2);
        Path ring = tmp.resolve("ring.schedule.json");
        CliRun r = CliRun.of("import", "nccl-graph", DIR.resolve("dgx-a100-graph.xml").toString(), "--topology",
                topo.toString(), "-o", ring.toString(), "--collective", "allgather");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("algbw:       640/3 ≈ 213.333 GB/s"), r.out);
        assertTrue(r.out.contains("8 channels"), r.out);
        assertTrue(r.out.contains("note: graph id=2 pattern 3 (CollNet chain) is not imported"), r.out);
        Topology t = TopologyJson.read(topo);
        Schedule s = ScheduleJson.read(ring, t);
        assertEquals("nccl-ring", s.algorithm());
        CliRun v = CliRun.of("verify", topo.toString(), ring.toString());
        assertEquals(0, v.exit, v.toString());
        Path tree = tmp.resolve("tree.schedule.json");
        r = CliRun.of("import", "nccl-graph", DIR.resolve("dgx-a100-graph.xml").toString(), "--topology",
                topo.toString(), "-o", tree.toString(), "--graph", "tree");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("algbw:       160 GB/s"), r.out);
        assertEquals(0, CliRun.of("verify", topo.toString(), tree.toString()).exit);
    }

    @Test
    void clusterNetworksFromTheCommandLine() throws Exception {
        Path out = tmp.resolve("rail.json");
        String a100 = DIR.resolve("dgx-a100.xml").toString();
        CliRun r = CliRun.of("import", "nccl-xml", a100, "--nodes", "4", "--network", "rail", "--spines", "2", "-o",
                out.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("rail-optimised network: NIC port j of every node"), r.out);
        r = CliRun.of("import", "nccl-graph", DIR.resolve("dgx-a100-graph.xml").toString(), "--topology", out.toString(),
                "-o", tmp.resolve("r.schedule.json").toString(), "-c", "allgather");
        assertEquals(0, r.exit, r.toString());
        // Each of 8 rings crosses every node boundary on its own rail: 32 × 8 × 25 / 31 = 6400/31.
        assertTrue(r.out.contains("algbw:       6400/31 ≈ 206.452 GB/s"), r.out);
        r = CliRun.of("import", "nccl-xml", a100, DIR.resolve("dgx-h100.xml").toString(), "--network", "fat-tree",
                "--oversubscription", "2", "--leaf-nodes", "1", "-o", tmp.resolve("ft.json").toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("imported 2 nodes from 2 files (16 GPUs, NCCL topology, fat tree 2:1)"), r.out);
        for (String[] bad : new String[][] {{"--network", "torus"}, {"--network", "rail", "--leaf-nodes", "2"},
                {"--spines", "2"}, {"--network", "fat-tree", "--oversubscription", "1/2"}, {"--nodes", "3", a100}}) {
            java.util.List<String> args = new java.util.ArrayList<>(
                    java.util.List.of("import", "nccl-xml", a100, "-o", tmp.resolve("x.json").toString()));
            args.addAll(java.util.List.of(bad));
            CliRun b = CliRun.of(args.toArray(new String[0]));
            assertEquals(2, b.exit, args + "\n" + b);
            assertEquals(1, b.err.strip().lines().count(), b.err);
        }
    }

    @Test
    void badInputExitsTwoWithOneLine() throws Exception {
        Path topo = topology("dgx-a100.xml", 2);
        String good = Files.readString(DIR.resolve("dgx-a100-graph.xml"));
        assertBad(topo, good.replaceFirst("<gpu dev=\"0x7\"", "<gpu dev=\"0x8\""),
                "canopy: g.xml: graph id=0 channel 0: gpu dev=0x8 is not in the topology");
        assertBad(topo, good.replaceFirst("<net dev=\"0\"/>", "<net dev=\"0x9\"/>"),
                "canopy: g.xml: graph id=0 channel 0: net dev=0x9 is not in the topology");
        assertBad(topo, good.replaceFirst("<gpu dev=\"0x3\"", "<gpu dev=\"0x2\""),
                "canopy: g.xml: graph id=0 channel 0: gpu dev=0x2 appears twice");
        // The DGX H100's dump on the A100 topology fits (same GPU and NIC numbers); a dump of a 4-GPU machine does not.
        assertBad(topo, good.replaceAll("\\s*<gpu dev=\"0x[4-7]\" rank=\"[4-7]\"/>", ""),
                "canopy: g.xml: graph id=0 channel 0 lists 4 GPUs but the node has 8: n0.gpu4 is missing");
        assertBad(topo, good.replace("<graphs", "<!DOCTYPE graphs [<!ENTITY x \"y\">]><graphs"), "canopy: g.xml");
        assertBad(topo, good.replaceFirst("pattern=\"4\"", "pattern=\"5\"").replaceFirst("id=\"0\"", "id=\"3\""),
                "canopy: g.xml: the dump has no ring graph (id=0, pattern 4)");
    }

    private void assertBad(Path topo, String dump, String start) throws Exception {
        Path g = tmp.resolve("g.xml");
        Files.writeString(g, dump, StandardCharsets.UTF_8);
        CliRun r = CliRun.of("import", "nccl-graph", g.toString(), "--topology", topo.toString(), "-o",
                tmp.resolve("out.schedule.json").toString());
        assertEquals(2, r.exit, r.toString());
        assertEquals(1, r.err.strip().lines().count(), r.err);
        assertTrue(r.err.startsWith(start), r.err);
        assertTrue(!Files.exists(tmp.resolve("out.schedule.json")));
    }

    @Test
    void renderDrawsTheDumpsChannelsNumberedOverTheCongestionView() throws Exception {
        Path topo = topology("dgx-h100.xml", 2);
        String dump = DIR.resolve("dgx-h100-graph.xml").toString();
        Path svg = tmp.resolve("ch0.svg");
        CliRun r = CliRun.of("render", topo.toString(), "--nccl-graph", dump, "--view", "channel:0", "-o", svg.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("channel:0 view of"), r.out);
        String drawn = java.nio.file.Files.readString(svg);
        // the key names the channel, its 16 hops (8 GPUs on each of two nodes) are numbered, the legend is there
        assertTrue(drawn.contains(">channel 0 (ring)<") && drawn.contains(">link utilisation<"), "key and legend");
        for (int step = 1; step <= 16; step++) {
            assertTrue(drawn.contains(">" + step + "<"), "hop " + step);
        }
        // every channel by default; a channel the dump lacks or a schedule file without channels is refused
        Path all = tmp.resolve("all.svg");
        r = CliRun.of("render", topo.toString(), "--nccl-graph", dump, "-o", all.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(java.nio.file.Files.readString(all).contains(">channel 7 (ring)<"));
        r = CliRun.of("render", topo.toString(), "--nccl-graph", dump, "--view", "channel:8", "-o", svg.toString());
        assertEquals(2, r.exit);
        assertEquals("canopy: --view channel:8: the dump's schedule has channels 0 to 7", r.err.strip());
        r = CliRun.of("render", topo.toString(), "--view", "channels", "-o", svg.toString());
        assertEquals(2, r.exit);
        assertTrue(r.err.contains("needs --nccl-graph"), r.err);
    }
}
