package canopy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.engine.NcclGraphSchedule;
import canopy.engine.ScheduleVerifier;
import canopy.model.Collective;
import canopy.model.NcclGraph;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NCCL graph dumps (NCCL_GRAPH_DUMP_FILE) turned into schedules on the topology of the same machine.
 * The dumps under /canopy/io/nccl/ are written in NCCL's format (search.cc, ncclTopoGetXmlFromGraphs:
 * dev in "%#lx"): ring channel c enters a node at GPU c through NIC c (the NIC on GPU c's PCIe switch)
 * and leaves from its PCIe partner GPU c^1 through the same NIC; tree channel c is the chain c, c^1,
 * then the other GPUs ascending.
 */
class NcclGraphImporterTest {
    static byte[] resource(String name) throws Exception {
        try (InputStream in = NcclGraphImporterTest.class.getResourceAsStream("/canopy/io/nccl/" + name)) {
            return in.readAllBytes();
        }
    }

    static Topology topology(String name, int nodes) throws Exception {
        Topology t = NcclTopologyImporter.parse(resource(name), name, nodes).topology();
        TopologyJson.check(t);
        return t;
    }

    static List<NcclGraph> graphs(String name) throws Exception {
        return NcclGraphImporter.parse(resource(name), name);
    }

    private static Schedule build(Topology t, String dump, Collective c, boolean tree) throws Exception {
        Schedule s = NcclGraphSchedule.build(t, graphs(dump), c, tree).schedule();
        ScheduleVerifier.VerificationResult v = ScheduleVerifier.verify(t, s);
        assertTrue(v.ok(), v.problems().toString());
        assertEquals(s.algbw(), v.recomputedAlgbw());
        return s;
    }

    @Test
    void readsNcclsGraphDumpFormat() throws Exception {
        List<NcclGraph> g = graphs("dgx-h100-graph.xml");
        assertEquals(4, g.size());
        NcclGraph ring = g.get(0);
        assertEquals(NcclGraph.PATTERN_RING, ring.pattern());
        assertEquals(8, ring.channels().size());
        // channel 3: <net dev="0x3"/> GPUs 3 0 1 4 5 6 7 2 <net dev="0x3"/> (dev is hexadecimal, as NCCL reads it)
        assertEquals(List.of(3, 0, 1, 4, 5, 6, 7, 2), ring.channels().get(3).gpus());
        assertEquals(List.of(3L, 3L), ring.channels().get(3).nets());
        assertEquals(NcclGraph.PATTERN_TREE, g.get(1).pattern());
        assertEquals(NcclGraph.PATTERN_NVLS, g.get(3).pattern());
        assertEquals(List.of(5), g.get(3).channels().get(5).gpus()); // NVLS channels list their first GPU only
        String hexTen = "<graphs><graph id=\"0\" pattern=\"4\" crossnic=\"0\" nchannels=\"1\"><channel>"
                + "<gpu dev=\"10\"/><gpu dev=\"0xa\"/></channel></graph></graphs>";
        assertEquals(List.of(16, 10), NcclGraphImporter.parse(hexTen.getBytes(StandardCharsets.UTF_8), "x")
                .get(0).channels().get(0).gpus());
    }

    @Test
    void dgxA100OneNode() throws Exception {
        Topology t = topology("dgx-a100.xml", 1);
        // Ring allgather on one node: every hop GPU → NVSwitch → GPU; each GPU sends on 8 channels, each
        // hop carrying 7 of the 8 roots' 1/8 shares: 8 × 7/(8 × 8) = 7/8 M per GPU uplink of 300 GB/s,
        // time 7/2400 M, algbw 2400/7 ≈ 342.9 GB/s (the NVLink-only 8 × 300 / 7).
        Schedule ag = build(t, "dgx-a100-graph.xml", Collective.ALLGATHER, false);
        assertEquals(Rational.of(2400, 7), ag.algbw());
        assertEquals(64, ag.trees().size()); // 8 channels × 8 roots
        // allreduce = reduce-scatter then allgather: 1200/7.
        assertEquals(Rational.of(1200, 7), build(t, "dgx-a100-graph.xml", Collective.ALLREDUCE, false).algbw());
        // Tree on one node: per channel the chain c, c^1, rest; each of 2 trees moves 1/16 down and 1/16 up
        // every chain hop, so a middle GPU sends 4/16 per channel and the ends 2/16. GPUs 0-4 are first
        // once, second once and middle six times: (2 + 4 + 6 × 4)/16 = 15/8 M over 300 → algbw 160.
        assertEquals(Rational.of(160), build(t, "dgx-a100-graph.xml", Collective.ALLREDUCE, true).algbw());
    }

    @Test
    void dgxA100TwoNodes() throws Exception {
        Topology t = topology("dgx-a100.xml", 2);
        // Ring channel c crosses between the nodes through NIC c only (HDR, 25 GB/s): 15 of 16 roots'
        // 1/8 shares, 15/(16 × 8) M per allgather; algbw 16 × 8 × 25 / 15 = 640/3; bus bw 200 = 8 × 25.
        Schedule ag = build(t, "dgx-a100-graph.xml", Collective.ALLGATHER, false);
        assertEquals(Rational.of(640, 3), ag.algbw());
        assertEquals(Rational.of(320, 3), build(t, "dgx-a100-graph.xml", Collective.ALLREDUCE, false).algbw());
        assertEquals(Rational.of(640, 3),
                build(t, "dgx-a100-graph.xml", Collective.REDUCE_SCATTER, false).algbw());
        // Trees: NIC c carries 1/16 down tree 0 and 1/16 up tree 1, 1/8 M over 25 → 200; the NVSwitch
        // uplinks (15/8 M over 300 → 160, as on one node) still bind.
        Schedule tree = build(t, "dgx-a100-graph.xml", Collective.ALLREDUCE, true);
        assertEquals(Rational.of(160), tree.algbw());
        assertEquals("n0.gpu0", tree.trees().get(0).root()); // tree 0: node 0 is the root (ncclGetBtree)
        assertEquals("n1.gpu0", tree.trees().get(2).root()); // tree 1 mirrors it: node 1
    }

    @Test
    void dgxH100TwoNodes() throws Exception {
        Topology t = topology("dgx-h100.xml", 2);
        // NDR NICs, 400000 Mb/s = 50 GB/s: ring allgather 16 × 8 × 50 / 15 = 1280/3, allreduce 640/3.
        assertEquals(Rational.of(1280, 3), build(t, "dgx-h100-graph.xml", Collective.ALLGATHER, false).algbw());
        assertEquals(Rational.of(640, 3), build(t, "dgx-h100-graph.xml", Collective.ALLREDUCE, false).algbw());
        // Pattern TREE: NIC c 1/8 M over 50 → 400; NVLink4 18 × 25 = 450 GB/s per GPU carries 15/8 M
        // (as on the A100) → 240, which binds.
        NcclGraphSchedule.Result r = NcclGraphSchedule.build(t, graphs("dgx-h100-graph.xml"), Collective.ALLREDUCE, true);
        assertEquals(Rational.of(240), r.schedule().algbw());
        assertTrue(r.notes().contains("graph id=3 pattern 5 (NVLS) is not imported"), r.notes().toString());
        assertTrue(r.notes().contains("graph id=2 pattern 3 (CollNet chain) is not imported"), r.notes().toString());
    }

    @Test
    void channelsForDrawingFollowTheScheduleInNcclsOrder() throws Exception {
        Topology t = topology("dgx-a100.xml", 2);
        NcclGraphSchedule.Result ring = NcclGraphSchedule.build(t, graphs("dgx-a100-graph.xml"), Collective.ALLGATHER,
                false);
        assertEquals(8, ring.channels().size());
        NcclGraphSchedule.Channel c1 = ring.channels().get(1);
        assertEquals("channel 1 (ring)", c1.label());
        // 16 hops from node 0's first GPU of channel 1 (GPU 1) round to it again, numbered 1 to 16
        assertEquals(16, c1.hops().size());
        assertEquals("n0.gpu1", c1.hops().get(0).from());
        assertEquals("n0.gpu1", c1.hops().get(15).to());
        assertEquals(java.util.stream.IntStream.rangeClosed(1, 16).boxed().toList(), c1.steps());
        // each hop is an edge of the schedule's trees, path and all
        java.util.Set<canopy.model.TreeEdge> edges = new java.util.HashSet<>();
        ring.schedule().trees().forEach(x -> edges.addAll(x.edges()));
        assertTrue(edges.containsAll(c1.hops()));

        NcclGraphSchedule.Result tree = NcclGraphSchedule.build(t, graphs("dgx-a100-graph.xml"), Collective.ALLREDUCE,
                true);
        // 8 channels carry tree 0, their duplicates 8 to 15 tree 1 (ncclTopoPreset)
        assertEquals(16, tree.channels().size());
        assertEquals("channel 0 (tree 0)", tree.channels().get(0).label());
        assertEquals("channel 8 (tree 1)", tree.channels().get(8).label());
        // Tree 0 of channel 0 broadcasts from n0.gpu0: a chain of 8 GPUs in each node (15 hops), node 1
        // hanging off n0.gpu0 (ncclGetBtree: node 1 is node 0's child of type 1, which BALANCED_TREE puts
        // on the first GPU), so n1.gpu0 is at depth 1 and n1's last GPU at 1 + 7.
        NcclGraphSchedule.Channel t0 = tree.channels().get(0);
        assertEquals(15, t0.hops().size());
        assertEquals(1, t0.steps().get(t0.hops().indexOf(t0.hops().stream()
                .filter(e -> e.from().equals("n0.gpu0")).findFirst().orElseThrow())));
        assertEquals(8, t0.steps().stream().mapToInt(Integer::intValue).max().orElseThrow());
        assertEquals(1, t0.steps().get(t0.hops().indexOf(t0.hops().stream()
                .filter(e -> e.to().equals("n1.gpu0")).findFirst().orElseThrow())));
    }

    @Test
    void aChannelLeavingThroughAnotherGpusNicRelaysThroughThatGpuByPxn() throws Exception {
        Topology t = topology("dgx-h100.xml", 2);
        NcclGraphSchedule.Result r = NcclGraphSchedule.build(t, graphs("dgx-h100-pxn-graph.xml"), Collective.ALLGATHER,
                false);
        Schedule s = r.schedule();
        // The file form keeps formats.md's rule (a path crosses only switches) and verifies.
        Schedule file = r.fileSchedule();
        ScheduleVerifier.VerificationResult v = ScheduleVerifier.verify(t, file);
        assertTrue(v.ok(), v.problems().toString());
        // Channel 0 leaves node 0 from GPU 7 (PCIe switch b1, CPU 1) through NIC 0 (PCIe switch 01, CPU 0).
        // NCCL's PXN: NIC 0's local GPU 0 relays, GPU 7 → NVSwitch → GPU 0 → PCIe → NIC 0; not over the
        // CPUs' 10 GB/s link, nor out of GPU 7's own NIC and back through the network. The receiving side
        // stays local: NIC 0 → PCIe → GPU 0 of node 1.
        assertEquals(List.of("n0.gpu7", "n0.nvs", "n0.gpu0", "n0.pci01:00.0", "n0.nic0", "net", "n1.nic0",
                "n1.pci01:00.0", "n1.gpu0"), hop(r.channels().get(0), "n0.gpu7", "n1.gpu0"));
        // In the file a path crosses only switches (formats.md): the relayed edge starts at GPU 0, which
        // holds the data already, and the NVLink hop is not charged.
        assertEquals(List.of("n0.gpu0", "n0.pci01:00.0", "n0.nic0", "net", "n1.nic0", "n1.pci01:00.0", "n1.gpu0"),
                path(file, "n0.gpu0", "n1.gpu0"));
        // Channel 1 leaves from GPU 6 through NIC 1, whose local GPU is GPU 1 (ncclTopoGetLocalNet: dev 1
        // mirrored over its two local NICs is 1).
        assertEquals(List.of("n0.gpu6", "n0.nvs", "n0.gpu1", "n0.pci01:00.0", "n0.nic1", "net", "n1.nic1",
                "n1.pci01:00.0", "n1.gpu1"), hop(r.channels().get(1), "n0.gpu6", "n1.gpu1"));
        // A ring hop lies on 15 of the 16 allgather trees of its channel, share 1/2, 1/16 M each: 15/32 M.
        // A NIC (50 GB/s; its PCIe link 4096/65 is wider) carries one channel: 15/1600 s per M, 320/3 GB/s.
        // Over the CPUs (PXN off) it would be 10 GB/s: 64/3.
        assertEquals(Rational.of(320, 3), s.algbw());
        // Cut at the relaying GPU, a ring tree crosses the network once where NCCL's crosses twice:
        // the file's figure is higher, and the import says so.
        assertEquals(file.algbw(), v.recomputedAlgbw());
        assertTrue(file.algbw().compareTo(s.algbw()) > 0);
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("is above NCCL's 320/3")), r.notes().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("PXN: 4 GPU-to-NIC routes go through")
                && n.contains("n0.gpu7 → n0.nic0 through n0.gpu0")), r.notes().toString());
        // The dumps whose GPUs send through their own NICs take no relay.
        assertTrue(NcclGraphSchedule.build(t, graphs("dgx-h100-graph.xml"), Collective.ALLGATHER, false).notes()
                .stream().noneMatch(n -> n.startsWith("PXN")));
    }

    private static List<String> hop(NcclGraphSchedule.Channel channel, String from, String to) {
        return channel.hops().stream().filter(e -> e.from().equals(from) && e.to().equals(to)).findFirst()
                .orElseThrow().path();
    }

    private static List<String> path(Schedule s, String from, String to) {
        return s.trees().stream().flatMap(x -> x.edges().stream())
                .filter(e -> e.from().equals(from) && e.to().equals(to)).findFirst().orElseThrow().path();
    }

    @Test
    void treesOverAnOddNumberOfNodesShiftTheSecondTree() throws Exception {
        Topology t = topology("dgx-a100.xml", 3);
        // ncclGetDtree over 3 nodes: tree 0 is 0 → 2 → 1, tree 1 (shifted by one) 1 → 0 → 2.
        Schedule s = build(t, "dgx-a100-graph.xml", Collective.ALLREDUCE, true);
        assertEquals("n0.gpu0", s.trees().get(0).root());
        assertEquals("n1.gpu0", s.trees().get(2).root());
        assertTrue(s.trees().get(1).edges().stream().anyMatch(e -> e.from().equals("n2.gpu1") && e.to().equals("n1.gpu0")),
                "BALANCED_TREE: node 2's child 0 (node 1) hangs off its second GPU");
        // Node 2 is interior in tree 0 (parent and child through NIC c: 2 × 1/16 each way) and a leaf in
        // tree 1 (1/16): 3/16 M each way over 25 GB/s, 3/400 → algbw 400/3.
        assertEquals(Rational.of(400, 3), s.algbw());
        String split = new String(resource("dgx-a100-graph.xml"), StandardCharsets.UTF_8)
                .replace("id=\"1\" pattern=\"1\"", "id=\"1\" pattern=\"2\"");
        Schedule st = NcclGraphSchedule.build(t, NcclGraphImporter.parse(split.getBytes(StandardCharsets.UTF_8), "s"),
                Collective.ALLREDUCE, true).schedule();
        assertTrue(ScheduleVerifier.verify(t, st).ok());
        // SPLIT_TREE: both child nodes hang off the second GPU, node 0's child 1 (node 2) included.
        assertTrue(st.trees().get(1).edges().stream().anyMatch(e -> e.from().equals("n0.gpu1") && e.to().equals("n2.gpu0")),
                st.trees().get(1).edges().toString());
    }

    @Test
    void crossNicTwoSwapsChannelPairsOnOddNodes() throws Exception {
        Topology t = topology("dgx-a100.xml", 2);
        String dump = new String(resource("dgx-a100-graph.xml"), StandardCharsets.UTF_8)
                .replaceFirst("crossnic=\"0\"", "crossnic=\"2\"");
        Schedule s = NcclGraphSchedule.build(t, NcclGraphImporter.parse(dump.getBytes(StandardCharsets.UTF_8), "x"),
                Collective.ALLGATHER, false).schedule();
        assertTrue(ScheduleVerifier.verify(t, s).ok());
        // Channel 0 on node 1 runs channel 1's GPUs: 1 2 3 4 5 6 7 0, so node 0's last GPU 1 sends to n1.gpu1.
        var tree = s.trees().get(0);
        assertTrue(tree.edges().stream().anyMatch(e -> e.from().equals("n0.gpu1") && e.to().equals("n1.gpu1")),
                tree.edges().toString());
    }

    @Test
    void badDumpsNameTheElement() throws Exception {
        Topology t = topology("dgx-a100.xml", 2);
        String good = new String(resource("dgx-a100-graph.xml"), StandardCharsets.UTF_8);
        assertEquals("graph id=0 channel 0: gpu dev=0x8 is not in the topology (no n0.gpu8; a dump from a "
                + "different machine?)", buildError(t, good.replaceFirst("<gpu dev=\"0x7\"", "<gpu dev=\"0x8\"")));
        assertEquals("graph id=0 channel 0: gpu dev=0x2 appears twice; a ring channel must be a cycle through every "
                + "GPU once", buildError(t, good.replaceFirst("<gpu dev=\"0x3\"", "<gpu dev=\"0x2\"")));
        assertEquals("graph id=0 channel 0: net dev=0x9 is not in the topology (no NIC of node n0 has net dev 9)",
                buildError(t, good.replaceFirst("<net dev=\"0\"/>", "<net dev=\"0x9\"/>")));
        // A 4-GPU machine's dump against the 8-GPU DGX: GPUs are missing.
        String small = good.replaceAll("\\s*<gpu dev=\"0x[4-7]\" rank=\"[4-7]\"/>", "");
        assertTrue(buildError(t, small).startsWith("graph id=0 channel 0 lists 4 GPUs but the node has 8: n0.gpu4 "
                + "is missing"), buildError(t, small));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NcclGraphImporter.parse(
                good.replaceFirst("nchannels=\"8\"", "nchannels=\"7\"").getBytes(StandardCharsets.UTF_8), "g.xml"));
        assertEquals("graph id=0: nchannels=7 but 8 <channel> elements", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> NcclGraphImporter.parse(resource("dgx-a100.xml"), "t.xml"));
        assertTrue(e.getMessage().startsWith("t.xml: root element <system> is an NCCL topology file"), e.getMessage());
    }

    private static String buildError(Topology t, String dump) throws Exception {
        List<NcclGraph> g = NcclGraphImporter.parse(dump.getBytes(StandardCharsets.UTF_8), "g.xml");
        return assertThrows(IllegalArgumentException.class,
                () -> NcclGraphSchedule.build(t, g, Collective.ALLREDUCE, false)).getMessage();
    }
}
