package canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.generate.TopologyGenerators;
import canopy.io.GraphMlTopology;
import canopy.io.TopologyJson;
import canopy.model.Topology;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** whatif, import and export-graphml through the real command line. */
class WhatIfCliTest {
    @TempDir
    Path dir;

    private String dgx() throws Exception {
        Path f = dir.resolve("dgx.json");
        TopologyJson.write(TopologyGenerators.dgxA100(2), f);
        return f.toString();
    }

    @Test
    void failPrintsTheChangeOrWhyNothingRuns() throws Exception {
        CliRun r = CliRun.of("whatif", dgx(), "--fail", "b0g0<->rail0");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("allgather       1040/3 ≈ 346.667  320    -80/3 ≈ -26.6667  -7.7%"), r.out);
        r = CliRun.of("whatif", dgx(), "--fail", "rail0", "rail1");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("accelerators b1g0, b1g1, b1g2, b1g3, b1g4, b1g5, b1g6 and b1g7 are cut off from "
                + "the other 8 accelerators"), r.out);
        r = CliRun.of("whatif", dgx(), "--fail", "b1g7", "--schedule");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("N changes from 16 to 15"), r.out);
        assertTrue(r.out.contains("forest allreduce after: algbw 2625/16 = 164.0625 GB/s = the bound"), r.out);
    }

    @Test
    void badNamesAndOptionsExit2() throws Exception {
        CliRun r = CliRun.of("whatif", dgx(), "--fail", "b0g0->rail0");
        assertEquals(2, r.exit, r.toString());
        assertEquals("canopy: --fail b0g0->rail0: no such link; did you mean b0g0<->rail0?\n", r.err);
        assertEquals(2, CliRun.of("whatif", dgx(), "--fail", "box9").exit);
        assertEquals(2, CliRun.of("whatif", dgx()).exit);
        assertEquals(2, CliRun.of("whatif", dgx(), "--upgrade-rank", "--by", "-3").exit);
        assertEquals(2, CliRun.of("whatif", dgx(), "--upgrade-rank", "--factor", "1").exit);
        assertEquals(2, CliRun.of("whatif", dgx(), "--fail", "rail0", "--by", "3").exit);
        assertEquals(2, CliRun.of("whatif", dir.resolve("none.json").toString(), "--upgrade-rank").exit);
    }

    @Test
    void upgradeRankTable() throws Exception {
        CliRun r = CliRun.of("whatif", "sample-topologies/two-switches.json", "--upgrade-rank", "--by", "12.5",
                "--top", "2");
        assertEquals(0, r.exit, r.toString());
        String flat = r.out.replaceAll(" {2,}", " | ");
        assertTrue(flat.contains("1 | d<->s2 | 20 | 110/3 ≈ 36.6667 | +10 | 880/57 ≈ 15.4386 | +40/19 ≈ 2.10526"), flat);
        assertTrue(r.out.contains("27.5 (AR then 880/57 ≈ 15.4386)"), r.out);
        assertTrue(r.out.contains("7 candidates in "), r.out);
    }

    @Test
    void upgradeRankByClassTable() throws Exception {
        CliRun r = CliRun.of("whatif", dgx(), "--upgrade-rank", "--by-class");
        assertEquals(0, r.exit, r.toString());
        String flat = r.out.replaceAll(" {2,}", " | ");
        assertTrue(flat.contains("| # | class | now | new AG | AG gain | new AR | AR gain | bottleneck moves at b*"), flat);
        assertTrue(flat.contains("| 2 | accelerator ⇄ switch across groups, 25 GB/s (16 links) | 25 | 1120/3 ≈ 373.333 "
                + "| +80/3 ≈ 26.6667 | 560/3 ≈ 186.667 | +40/3 ≈ 13.3333 | 4200 (AR then 2400)"), flat);
        assertTrue(r.out.contains("upgrade: +25 GB/s per direction on every link of one class at a time"), r.out);
        assertTrue(r.out.contains("2 classes in "), r.out);

        r = CliRun.of("whatif", dgx(), "--upgrade-rank", "--by-class", "--factor", "2", "--top", "1");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("upgrade: × 2 per direction on every link of one class"), r.out);
        assertTrue(r.out.contains("… 1 more class (0 with no gain)"), r.out);
    }

    @Test
    void byClassWithoutUpgradeRankExits2() throws Exception {
        CliRun r = CliRun.of("whatif", dgx(), "--by-class");
        assertEquals(2, r.exit, r.toString());
        assertEquals("canopy: give either --fail LINK|NODE|GROUP … or --upgrade-rank\n", r.err);
        r = CliRun.of("whatif", dgx(), "--fail", "rail0", "--by-class");
        assertEquals(2, r.exit, r.toString());
        assertEquals("canopy: --by-class goes with --upgrade-rank\n", r.err);
        assertEquals(2, CliRun.of("whatif", dgx(), "--upgrade-rank", "--by-class", "--by", "5", "--factor", "2").exit);
        assertEquals(2, CliRun.of("whatif", dgx(), "--upgrade-rank", "--by-class", "--schedule").exit);
    }

    @Test
    void importAndExport() throws Exception {
        Path xml = dir.resolve("dgx-a100.xml");
        try (InputStream in = getClass().getResourceAsStream("/canopy/io/nccl/dgx-a100.xml")) {
            Files.write(xml, in.readAllBytes());
        }
        Path out = dir.resolve("out.json");
        CliRun r = CliRun.of("import", "nccl-xml", xml.toString(), "-o", out.toString(), "--nodes", "2");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("imported 2x dgx-a100.xml (16 GPUs, NCCL topology): 16 accelerators"), r.out);
        assertTrue(r.out.contains("  - sm 80: NVLink3 (A100), 25 GB/s per NVLink per direction"), r.out);
        assertEquals(16, TopologyJson.read(out).acceleratorCount());

        Path gml = dir.resolve("t.graphml");
        r = CliRun.of("export-graphml", out.toString(), "-o", gml.toString());
        assertEquals(0, r.exit, r.toString());
        Path back = dir.resolve("back.json");
        r = CliRun.of("import", "graphml", gml.toString(), "-o", back.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("assumed: nothing"), r.out);
        assertEquals(TopologyJson.read(out), TopologyJson.read(back));

        // Wrong options, hostile and missing files: exit 2.
        assertEquals(2, CliRun.of("import", "graphml", gml.toString(), "-o", back.toString(), "--nodes", "2").exit);
        assertEquals(2, CliRun.of("import", "dot", gml.toString(), "-o", back.toString()).exit);
        assertEquals(2, CliRun.of("import", "graphml", gml.toString(), "-o", back.toString(), "--max-bytes", "100").exit);
        Path evil = dir.resolve("evil.xml");
        Files.writeString(evil, canopy.io.HardenedXmlTest.xxe("system"));
        r = CliRun.of("import", "nccl-xml", evil.toString(), "-o", back.toString());
        assertEquals(2, r.exit);
        assertTrue(r.err.contains("DTDs (<!DOCTYPE …>) are not accepted"), r.err);
        assertEquals(2, CliRun.of("import", "nccl-xml", dir.resolve("no.xml").toString(), "-o", back.toString()).exit);
        Topology t = GraphMlTopology.read(gml, GraphMlTopology.Defaults.NONE).topology();
        assertEquals(TopologyJson.read(out), t);
    }

    @Test
    void benchWhatIfSection() {
        CliRun r = CliRun.of("bench", "--quick", "--sizes", "8", "--whatif");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.lines().anyMatch(l -> l.startsWith("whatif --upgrade-rank on 2x MI250 (32 GCDs, 2 rails) "
                + "(88 links, top 10 with b*): ")), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.startsWith("whatif --upgrade-rank --by-class on 2x MI250 (32 GCDs, "
                + "2 rails) (4 classes, all with b*): ") && l.endsWith("(3 exact bounds, 8 for breakpoints)")), r.out);
    }
}
