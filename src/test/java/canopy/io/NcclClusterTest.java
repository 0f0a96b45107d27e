package canopy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.engine.Bounds;
import canopy.model.Link;
import canopy.model.Rational;
import canopy.model.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole clusters from NCCL topology files: the three networks, several files, bounded sizes. */
class NcclClusterTest {
    private static Topology cluster(int nodes, NcclCluster.Network net) throws Exception {
        Topology t = NcclTopologyImporter.parse(NcclGraphImporterTest.resource("dgx-a100.xml"), "dgx-a100.xml", nodes, net)
                .topology();
        TopologyJson.check(t);
        return t;
    }

    private static Rational link(Topology t, String from, String to) {
        Rational sum = Rational.ZERO;
        for (Link l : t.links()) {
            if (l.from().equals(from) && l.to().equals(to) || l.duplex() && l.from().equals(to) && l.to().equals(from)) {
                sum = sum.add(l.bandwidth());
            }
        }
        return sum;
    }

    @Test
    void railOptimisedLeavesAndSpines() throws Exception {
        Topology t = cluster(4, new NcclCluster.Network(NcclCluster.Kind.RAIL, 2, Rational.ONE, 0));
        // NIC j of every node (port j, HDR 25 GB/s) on leaf rail<j>: 4 ports × 25 = 100 down, 100/2 to each spine.
        assertEquals(Rational.of(25), link(t, "n3.nic5", "rail5"));
        assertEquals(Rational.ZERO, link(t, "n3.nic5", "rail4"));
        assertEquals(Rational.of(50), link(t, "rail5", "spine1"));
        assertEquals(8 + 2, t.nodes().stream().filter(n -> n.id().startsWith("rail") || n.id().startsWith("spine")).count());
        // Non-blocking, so as with one switch the node cut binds: the other 24 GPUs send into one node through
        // its 8 × 25 = 200 GB/s, allgather bound 32 × 200 / 24 = 800/3.
        assertEquals(Rational.of(800, 3), Bounds.of(t).allgather().algbw());
    }

    @Test
    void fatTreeOversubscribed() throws Exception {
        Topology t = cluster(8, new NcclCluster.Network(NcclCluster.Kind.FAT_TREE, 2, Rational.of(8), 4));
        // Leaf 0 holds nodes 0-3: 32 ports × 25 = 800 GB/s down, 800 / (2 spines × 8) = 50 up to each spine.
        assertEquals(Rational.of(50), link(t, "leaf0", "spine0"));
        assertEquals(Rational.of(25), link(t, "n5.nic7", "leaf1"));
        // The leaf cut binds: 32 GPUs behind 2 × 50 = 100 GB/s of uplinks, allgather 64 × 100 / 32 = 200, below
        // the node cut 64 × 200 / 56 = 1600/7 (which binds at 2:1 and even 4:1).
        assertEquals(Rational.of(200), Bounds.of(t).allgather().algbw());
        assertTrue(t.name().contains("fat tree 8:1"), t.name());
    }

    @Test
    void oneFilePerNode(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a100.xml");
        Path h = dir.resolve("h100.xml");
        Files.write(a, NcclGraphImporterTest.resource("dgx-a100.xml"));
        Files.write(h, NcclGraphImporterTest.resource("dgx-h100.xml"));
        Topology t = NcclTopologyImporter.read(List.of(a, h), 2, NcclCluster.Network.SWITCH, 1 << 20).topology();
        TopologyJson.check(t);
        assertEquals(Rational.of(300), link(t, "n0.gpu0", "n0.nvs")); // A100: 12 × 25
        assertEquals(Rational.of(450), link(t, "n1.gpu0", "n1.nvs")); // H100: 18 × 25
        assertEquals(Rational.of(50), link(t, "n1.nic0", "net"));     // NDR 400000 Mb/s
        assertTrue(t.name().startsWith("2 nodes from 2 files (16 GPUs"), t.name());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> NcclTopologyImporter.read(List.of(a, h), 3, NcclCluster.Network.SWITCH, 1 << 20));
        assertEquals("2 files describe 2 nodes; --nodes 3 is for one file", e.getMessage());
    }

    @Test
    void sizesAreBounded() throws Exception {
        // 4,096 DGX nodes of 23 nodes each with a rail network: 94,208 + 10 switches fit; the links
        // (36 + 8 ports) × 4,096 + 16 = 180,240 fit too. With 16 copies of the file inside one, they would not.
        Topology t = cluster(4096, new NcclCluster.Network(NcclCluster.Kind.RAIL, 2, Rational.ONE, 0));
        assertEquals(4096 * 8, t.acceleratorCount());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> cluster(4097, NcclCluster.Network.SWITCH));
        assertEquals("--nodes must be between 1 and 4096, not 4097", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new NcclCluster.Network(NcclCluster.Kind.FAT_TREE, 2, Rational.of(1, 2), 4));
    }
}
