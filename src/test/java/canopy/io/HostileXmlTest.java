package canopy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.model.Topology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 11: small XML files built to crash or stall the importers. */
class HostileXmlTest {
    private static final Duration QUICK = Duration.ofSeconds(15);

    private static String gpuPci(int i) {
        return "<pci busid=\"0000:" + Integer.toHexString(i) + ":00.0\" class=\"0x030200\" link_speed=\"16.0 GT/s PCIe\""
                + " link_width=\"16\"><gpu dev=\"" + i + "\" sm=\"80\"/></pci>";
    }

    private static String nicPci(int i) {
        return "<pci busid=\"0001:" + Integer.toHexString(i) + ":00.0\" class=\"0x020700\" link_speed=\"16.0 GT/s PCIe\""
                + " link_width=\"16\"><nic><net name=\"m" + i + "\" dev=\"" + i + "\" speed=\"200000\" port=\"1\"/></nic></pci>";
    }

    private static InvalidInputException ncclRefuses(String xml, int nodes) {
        return assertTimeoutPreemptively(QUICK, () -> assertThrows(InvalidInputException.class,
                () -> NcclTopologyImporter.parse(xml.getBytes(StandardCharsets.UTF_8), "x.xml", nodes)));
    }

    @Test
    void deepNestingIsOneLineNotAStackOverflow() {
        StringBuilder sb = new StringBuilder("<system><cpu numaid=\"0\">");
        for (int i = 0; i < 20_000; i++) {
            sb.append("<pci busid=\"b").append(i).append("\">");
        }
        sb.append("</pci>".repeat(20_000)).append("</cpu></system>");
        InvalidInputException e = ncclRefuses(sb.toString(), 1);
        assertTrue(e.getMessage().contains("nest more than 100 deep"), e.getMessage());
        String graphml = "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">" + "<data>".repeat(20_000)
                + "</data>".repeat(20_000) + "</graphml>";
        e = assertThrows(InvalidInputException.class, () -> GraphMlTopology.parse(
                graphml.getBytes(StandardCharsets.UTF_8), "g.graphml", GraphMlTopology.Defaults.NONE));
        assertTrue(e.getMessage().contains("nest more than 100 deep"), e.getMessage());
    }

    @Test
    void aFileOfManyCpusIsRefusedNotAMeshOfMillions() {
        StringBuilder sb = new StringBuilder("<system>");
        for (int i = 0; i < 20_000; i++) {
            sb.append("<cpu numaid=\"").append(i).append("\">").append(i == 0 ? gpuPci(0) + gpuPci(1) : nicPci(i))
                    .append("</cpu>");
        }
        sb.append("</system>");
        InvalidInputException e = ncclRefuses(sb.toString(), 1);
        assertTrue(e.getMessage().contains("20000 CPUs joined in a full mesh"), e.getMessage());
    }

    @Test
    void copiesTimesGpusIsBounded() {
        StringBuilder sb = new StringBuilder("<system><cpu numaid=\"0\">");
        for (int i = 0; i < 2_000; i++) {
            sb.append(gpuPci(i)).append(nicPci(i));
        }
        sb.append("</cpu></system>");
        InvalidInputException e = ncclRefuses(sb.toString(), 4096);
        assertTrue(e.getMessage().contains("more than an import may have (131072 nodes, 400000 links)"), e.getMessage());
    }

    @Test
    void manyGpusAreCheckedForDuplicatesInLinearTime() throws Exception {
        StringBuilder sb = new StringBuilder("<system><cpu numaid=\"0\">");
        for (int i = 0; i < 20_000; i++) {
            sb.append(gpuPci(i));
        }
        sb.append(gpuPci(7).replace("0000:7:", "0000:ffff7:")).append("</cpu></system>");
        InvalidInputException e = ncclRefuses(sb.toString(), 1);
        assertTrue(e.getMessage().contains("dev 7 appears twice"), e.getMessage());
    }

    @Test
    void utf16GraphMlReads() throws Exception {
        Topology t = TopologyJson.read(Path.of("sample-topologies/two-boxes.json"));
        String xml = GraphMlTopology.toGraphMl(t).replaceFirst("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
        assertTrue(xml.contains("UTF-16"), xml.substring(0, 80));
        GraphMlTopology.Result r = GraphMlTopology.parse(xml.getBytes(StandardCharsets.UTF_16), "u16.graphml",
                GraphMlTopology.Defaults.NONE);
        assertEquals(t, r.topology());
    }

    @Test
    void onlyAsciiDigitsAreNumbers() {
        String g = "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><key id=\"b\" for=\"edge\" attr.name=\"bandwidth\""
                + " attr.type=\"string\"/><graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"c\"/>"
                + "<edge source=\"a\" target=\"c\"><data key=\"b\">\u0663\u0660</data></edge></graph></graphml>";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> GraphMlTopology.parse(
                g.getBytes(StandardCharsets.UTF_8), "g.graphml",
                new GraphMlTopology.Defaults(canopy.model.NodeKind.ACCELERATOR, null, false)));
        assertTrue(e.getMessage().contains("is not a number"), e.getMessage());
        assertThrows(NumberFormatException.class, () -> ExactNumbers.parse("\u0663\u0660"));
        assertEquals(canopy.model.Rational.of(30), ExactNumbers.parse("30"));
        InvalidInputException n = ncclRefuses("<system><cpu numaid=\"0\"><pci busid=\"0000:01:00.0\" class=\"0x030200\">"
                + "<gpu dev=\"\u0663\" sm=\"80\"/></pci></cpu></system>", 1);
        assertTrue(n.getMessage().contains("is not a number"), n.getMessage());
    }
}
