package canopy.render.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.engine.ForestScheduler;
import canopy.io.TopologyJson;
import canopy.io.HardenedXml;
import canopy.model.Collective;
import canopy.model.Schedule;
import canopy.model.Topology;
import canopy.render.DiagramStyle;
import canopy.render.Legend;
import canopy.render.ScheduleOverlay;
import canopy.render.ScheduleOverlays;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class DiagramExportTest {
    static final Path TWO_BOXES = Path.of("sample-topologies/two-boxes.json");

    @TempDir
    Path dir;

    static Topology twoBoxes() throws Exception {
        return TopologyJson.read(TWO_BOXES);
    }

    static ScheduleOverlay congestion(Topology t) {
        Schedule s = new ForestScheduler().schedule(t, Collective.ALLREDUCE);
        return ScheduleOverlays.congestion(t, s);
    }

    private static List<String> texts(Document d) {
        NodeList list = d.getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add(list.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void svgIsRealVectorXmlWithLabels() throws Exception {
        Topology t = twoBoxes();
        Path out = dir.resolve("t.svg");
        DiagramExport.export(t, congestion(t), DiagramExport.Format.SVG, 1, out);
        Document d = HardenedXml.parse(Files.readAllBytes(out), "svg");
        assertEquals("svg", d.getDocumentElement().getTagName());
        assertTrue(d.getDocumentElement().getAttribute("viewBox").startsWith("0 0 1600 "));
        for (String tag : List.of("path", "line", "circle", "rect", "text")) {
            assertTrue(d.getElementsByTagName(tag).getLength() > 0, tag);
        }
        List<String> texts = texts(d);
        assertTrue(texts.contains("box0-gpu0"), texts.toString());
        assertTrue(texts.contains(Legend.TITLE), texts.toString());
        assertEquals(0, d.getElementsByTagName("image").getLength());
    }

    @Test
    void svgEscapesTextAndClips() throws Exception {
        SvgGraphics g = new SvgGraphics(100, 50, 2);
        g.save();
        g.clipRect(0, 0, 50, 50);
        g.text("a<b & \"c\"\u0001", 10, 10, new canopy.render.TextStyle(10, false,
                canopy.render.TextStyle.HAlign.CENTER, canopy.render.TextStyle.VAlign.TOP),
                canopy.render.Rgba.web("#112233"), null, 0);
        g.restore();
        String svg = g.toSvg();
        Document d = HardenedXml.parse(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8), "svg");
        assertEquals(List.of("a<b & \"c\""), texts(d));
        assertEquals(1, d.getElementsByTagName("clipPath").getLength());
        assertEquals("200", d.getDocumentElement().getAttribute("width"));
        assertEquals("middle", ((org.w3c.dom.Element) d.getElementsByTagName("text").item(0)).getAttribute("text-anchor"));
    }

    @Test
    void darkThemeAndTreeView() throws Exception {
        Topology t = twoBoxes();
        Schedule s = new ForestScheduler().schedule(t, Collective.ALLGATHER);
        byte[] svg = DiagramExport.render(t, ScheduleOverlays.treesOfRoot(t, s, "box0-gpu0"), DiagramExport.Format.SVG,
                1, DiagramStyle.DARK);
        Document d = HardenedXml.parse(svg, "svg");
        assertTrue(texts(d).contains("box1-gpu3"));
    }

    @Test
    void pdfHasOnePageWithTheNodeIds() throws Exception {
        Topology t = twoBoxes();
        Path out = dir.resolve("t.pdf");
        DiagramExport.export(t, congestion(t), DiagramExport.Format.PDF, 0.5, out);
        try (org.apache.pdfbox.pdmodel.PDDocument d = org.apache.pdfbox.Loader.loadPDF(out.toFile())) {
            assertEquals(1, d.getNumberOfPages());
            assertEquals(800, d.getPage(0).getMediaBox().getWidth(), 0.01);
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(d);
            assertTrue(text.contains("box0-gpu0"), text);
            assertTrue(text.contains(Legend.TITLE), text);
        }
    }

    @Test
    void pdfReplacesCharactersHelveticaLacks() throws Exception {
        PdfGraphics g = new PdfGraphics(100, 100, 1);
        assertEquals("GPU ? \u00e9", g.encodable("GPU \u4e00 \u00e9"));
        g.text("x \u2192 y", 10, 10, new canopy.render.TextStyle(10, true, canopy.render.TextStyle.HAlign.RIGHT,
                canopy.render.TextStyle.VAlign.BOTTOM), canopy.render.Rgba.web("#000000", 0.5), canopy.render.Rgba.web("#ffffff"), 2);
        g.save();
        g.clipRect(0, 0, 10, 10);
        g.setLineDash(new double[] {3, 2});
        g.setStroke(canopy.render.Rgba.web("#ff0000", 0.3));
        g.beginPath();
        g.moveTo(0, 0);
        g.quadTo(5, 5, 10, 0);
        g.strokePath();
        g.restore();
        byte[] pdf = g.toBytes();
        try (org.apache.pdfbox.pdmodel.PDDocument d = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertEquals(1, d.getNumberOfPages());
        }
    }

    @Test
    void pngDecodesAtTheRequestedSize() throws Exception {
        Topology t = twoBoxes();
        Path out = dir.resolve("t.png");
        DiagramExport.export(t, congestion(t), DiagramExport.Format.PNG, 0.5, out);
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(out.toFile());
        DiagramExport.Page page = DiagramExport.page(canopy.render.DiagramScene.of(t, DiagramStyle.LIGHT), congestion(t));
        assertEquals(800, img.getWidth());
        assertEquals(Math.round(page.height() * 0.5), img.getHeight());
        // Not blank: the background and something drawn over it.
        assertTrue(img.getRGB(0, 0) != img.getRGB(img.getWidth() / 2, img.getHeight() / 2)
                || java.util.stream.IntStream.range(0, img.getWidth()).anyMatch(x -> img.getRGB(x, img.getHeight() / 2)
                != img.getRGB(0, 0)));
    }

    /** The list of formats is the one registration: names, extensions and each one's drawing come from it. */
    @Test
    void eachFormatIsChosenByItsExtensionAndWritesItsOwnKindOfFile() throws Exception {
        Topology t = twoBoxes();
        assertEquals(".png, .svg or .pdf", DiagramExport.Format.extensions());
        java.util.Map<DiagramExport.Format, String> magic = java.util.Map.of(DiagramExport.Format.PNG, "\u0089PNG",
                DiagramExport.Format.SVG, "<?xml", DiagramExport.Format.PDF, "%PDF");
        for (DiagramExport.Format f : DiagramExport.Format.values()) {
            assertEquals(f, DiagramExport.Format.ofFileName("diagram." + f.extension().toUpperCase()));
            byte[] bytes = DiagramExport.render(t, null, f, 0.25, DiagramStyle.LIGHT);
            String head = new String(bytes, 0, magic.get(f).length(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertEquals(magic.get(f), head, f + " writes " + f.description());
        }
        assertEquals(null, DiagramExport.Format.ofFileName("diagram.txt"));
    }

    /** A first fill of opaque white reaches the page (ARGB −1 was once the "nothing written yet" mark). */
    @Test
    void pdfWritesAFirstWhiteFill() throws Exception {
        PdfGraphics g = new PdfGraphics(10, 10, 1);
        g.setFill(canopy.render.Rgba.of(255, 255, 255));
        g.fillRect(0, 0, 10, 10);
        try (org.apache.pdfbox.pdmodel.PDDocument d = org.apache.pdfbox.Loader.loadPDF(g.toBytes());
             java.io.InputStream in = d.getPage(0).getContents()) {
            String content = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(content.contains("1 1 1 rg"), content);
        }
    }
}
