package canopy.io;

import canopy.model.TopologyValidator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.engine.Bounds;
import canopy.io.HardenedXmlTest;
import canopy.model.Link;
import canopy.model.Rational;
import canopy.model.Topology;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NcclTopologyImporterTest {

    static byte[] dgxA100() throws Exception {
        try (InputStream in = NcclTopologyImporterTest.class.getResourceAsStream("/canopy/io/nccl/dgx-a100.xml")) {
            return in.readAllBytes();
        }
    }

    private static String dgxText() throws Exception {
        return new String(dgxA100(), StandardCharsets.UTF_8);
    }

    @Test
    void dgxA100NodeImportsIntoAValidTopology() throws Exception {
        NcclTopologyImporter.Result r = NcclTopologyImporter.parse(dgxA100(), "dgx-a100.xml", 1);
        Topology t = r.topology();
        assertTrue(TopologyValidator.problems(t).isEmpty(), TopologyValidator.problems(t).toString());
        assertEquals(8, t.acceleratorCount());
        // 8 GPUs, 2 CPUs, 4 PCIe switches, 8 NICs, 1 NVSwitch; the NVMe drive is left out.
        assertEquals(8 + 2 + 4 + 8 + 1, t.nodes().size());
        Rational gen4x16 = Rational.of(16 * 128, 65);
        for (Link l : t.links()) {
            assertTrue(l.duplex());
            if (l.to().equals("nvs")) {
                assertEquals(Rational.of(300), l.bandwidth(), l.describe()); // 12 NVLinks × 25
            } else if (l.from().startsWith("cpu") && l.to().startsWith("cpu")) {
                assertEquals(Rational.of(16), l.bandwidth()); // NCCL's AMD_BW
            } else {
                assertEquals(gen4x16, l.bandwidth(), l.describe());
            }
        }
        // Each GPU receives 7/8 of the buffer through 300 GB/s of NVLink plus its PCIe Gen4 x16 link:
        // 8 × (300 + 1024/65·2) / 7 ≈ 378.9 GB/s, a bit above NVLink alone (8 × 300 / 7 ≈ 342.9).
        Bounds b = Bounds.of(t);
        assertEquals(Rational.of(300).add(gen4x16).multiply(8).divide(7), b.allgather().algbw());
        assertEquals(t.nodes().size() - 1, b.allgather().cut().size());
        assertTrue(r.assumptions().stream().anyMatch(s -> s.contains("sm 80: NVLink3 (A100), 25 GB/s")),
                r.assumptions().toString());
        assertTrue(r.assumptions().stream().anyMatch(s -> s.contains("storage")), r.assumptions().toString());
        assertTrue(r.assumptions().stream().anyMatch(s -> s.contains("--nodes")), r.assumptions().toString());
    }

    @Test
    void twoNodesAreJoinedThroughOneNetworkSwitch() throws Exception {
        NcclTopologyImporter.Result r = NcclTopologyImporter.parse(dgxA100(), "dgx-a100.xml", 2);
        Topology t = r.topology();
        TopologyJson.check(t);
        assertEquals(16, t.acceleratorCount());
        assertEquals("node1", t.node("n1.gpu3").group());
        // A node sends through its 8 HDR ports: 8 × 25 = 200 GB/s for 8 of 16 accelerators → 16 × 25 = 400;
        // one GPU's NVLink + PCIe, 16 × (300 + 2048/65) / 15 ≈ 353.6, binds first (2x DGX A100 with NICs on
        // the GPUs instead: 16 × 325 / 15 = 1040/3).
        Rational gen4x16 = Rational.of(16 * 128, 65);
        Bounds b = Bounds.of(t);
        assertEquals(Rational.of(300).add(gen4x16).multiply(16).divide(15), b.allgather().algbw());
        // The box cut: 8 HDR ports × 25 = 200 GB/s for 8 accelerators, 16 × 25 = 400.
        assertEquals(Rational.of(200), nodeCut(t));
    }

    @Test
    void gpusWithDirectNvlinksAndPcieGenerations() throws Exception {
        String xml = """
                <system version="1">
                  <cpu numaid="0" arch="x86_64" vendor="GenuineIntel" familyid="6" modelid="85">
                    <pci busid="0000:1a:00.0" class="0x030200" link_speed="8.0 GT/s PCIe" link_width="16">
                      <gpu dev="0" sm="70" rank="0" gdr="1">
                        <nvlink target="0000:1b:00.0" count="2" tclass="0x030200"/>
                      </gpu>
                    </pci>
                    <pci busid="0000:1b:00.0" class="0x030200" link_speed="32.0 GT/s PCIe" link_width="8">
                      <gpu dev="1" sm="70" rank="1" gdr="1">
                        <nvlink target="0000:1a:00.0" count="2" tclass="0x030200"/>
                      </gpu>
                    </pci>
                  </cpu>
                </system>
                """;
        Topology t = NcclTopologyImporter.parse(xml.getBytes(StandardCharsets.UTF_8), "v100.xml", 1).topology();
        TopologyJson.check(t);
        assertEquals(3, t.links().size());
        assertEquals(Rational.of(50), t.links().get(2).bandwidth()); // 2 NVLink2 × 25, once
        assertEquals(Rational.of(16 * 64, 65), t.links().get(0).bandwidth()); // Gen3 x16
        assertEquals(Rational.of(8 * 256, 65), t.links().get(1).bandwidth()); // Gen5 x8
    }

    /** B⁺ of node 0 (all its nodes): its NIC ports to the network switch. */
    private static Rational nodeCut(Topology t) {
        Rational sum = Rational.ZERO;
        for (Link l : t.links()) {
            if (l.from().startsWith("n0.") && l.to().equals("net")) {
                sum = sum.add(l.bandwidth());
            }
        }
        return sum;
    }

    private static String importError(String xml) {
        return assertThrows(InvalidInputException.class,
                () -> NcclTopologyImporter.parse(xml.getBytes(StandardCharsets.UTF_8), "t.xml", 1)).getMessage();
    }

    @Test
    void badFilesAreRefusedNamingTheElement() throws Exception {
        String dgx = dgxText();
        assertEquals("nvlink in gpu dev=3: count \"x\" is not a number",
                importError(dgx.replaceFirst("(<gpu dev=\"3\"[^>]*>\\s*<nvlink target=\"[^\"]*\" count=)\"2\"", "$1\"x\"")));
        assertEquals("gpu dev=2: sm \"eighty\" is not a number", importError(dgx.replace("<gpu dev=\"2\" sm=\"80\"",
                "<gpu dev=\"2\" sm=\"eighty\"")));
        assertEquals("gpu dev=5: dev 5 appears twice", importError(dgx.replace("<gpu dev=\"6\"", "<gpu dev=\"5\"")));
        assertTrue(importError(dgx.replace("speed=\"200000\"", "speed=\"fast\"")).matches(
                "net mlx5_\\d+ in nic in pci 0000:..:00.0: speed \"fast\" is not a number"));
        assertTrue(importError(dgx.replaceFirst("link_speed=\"16.0 GT/s PCIe\"", "link_speed=\"17 GT/s PCIe\""))
                .contains("is not a PCIe rate"));
        assertTrue(importError(dgx.replaceFirst("tclass=\"0x068000\"", "tclass=\"0x030200\""))
                .startsWith("nvlink in gpu dev=0: target \"0000:c1:00.0\" is no GPU or device in the file"));
        assertTrue(importError("<graphml/>").contains("root element <graphml> is not <system>"));
        assertTrue(importError("<system version=\"1\"/>").contains("no <cpu> elements"));
        assertTrue(importError("<system><cpu numaid=\"0\"/></system>").contains("no <gpu> elements"));
        assertTrue(importError(dgx.replace("<gpu dev=\"0\" sm=\"80\"", "<gpu dev=\"0\"")).contains("gpu dev=0: no sm"));
        assertTrue(importError(dgx.substring(0, dgx.length() / 2)).startsWith("t.xml: line "));
        assertThrows(InvalidInputException.class, () -> NcclTopologyImporter.parse(dgxA100(), "t.xml", 0));
    }

    @Test
    void hostileFilesAreRefused(@TempDir Path dir) throws Exception {
        for (String evil : new String[] {HardenedXmlTest.xxe("system"), HardenedXmlTest.billionLaughs("system"),
            HardenedXmlTest.externalDtd("system")}) {
            assertTrue(importError(evil).contains("DTDs (<!DOCTYPE …>) are not accepted"), importError(evil));
        }
        Path big = dir.resolve("big.xml");
        Files.write(big, dgxA100());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> NcclTopologyImporter.read(big, 1, 1000));
        assertTrue(e.getMessage().contains("above the limit"), e.getMessage());
        assertEquals(8, NcclTopologyImporter.read(big, 1).topology().acceleratorCount());
    }
}
