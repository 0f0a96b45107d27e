package canopy.ui;

import canopy.ui.dialog.Dialogs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.io.ScheduleJson;
import canopy.render.export.DiagramExport;
import canopy.render.DiagramScene;
import canopy.render.DiagramStyle;
import canopy.render.ScheduleOverlay;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** File › Export › Diagram and Schedule (JSON) through the view-model, with stub dialogs and no window. */
class ExportActionsTest {
    @TempDir
    Path dir;
    StubDialogs dialogs;
    MainViewModel vm;
    ExportActions exports;
    final List<Double> askedScale = new ArrayList<>();
    Optional<Double> scaleAnswer = Optional.of(2.0);

    @BeforeEach
    void setUp() {
        dialogs = new StubDialogs();
        vm = HeadlessViewModels.started(dialogs, dir);
        exports = new ExportActions(vm, (offered, suggested) -> {
            askedScale.add(suggested);
            return scaleAnswer;
        });
    }

    @Test
    void pngDecodesAtTheChosenScale() throws Exception {
        Path out = dir.resolve("d.png");
        dialogs.toSave.add(out);
        scaleAnswer = Optional.of(3.0);
        assertTrue(exports.exportDiagram(), dialogs.errors.toString());
        assertEquals(List.of(2.0), askedScale, "asked once, 2× suggested");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(out)));
        assertNotNull(img);
        DiagramExport.Page page = DiagramExport.page(DiagramScene.of(vm.document().topology(), DiagramStyle.LIGHT),
                ScheduleOverlay.NONE);
        assertEquals(Math.round(page.width() * 3), img.getWidth());
        assertEquals(Math.round(page.height() * 3), img.getHeight());
        assertTrue(dialogs.asked.contains("save as two-boxes.png") || dialogs.asked.get(dialogs.asked.size() - 1)
                .endsWith(".png"), dialogs.asked.toString());
    }

    @Test
    void cancellingTheScaleWritesNothing() {
        Path out = dir.resolve("d.png");
        dialogs.toSave.add(out);
        scaleAnswer = Optional.empty();
        assertFalse(exports.exportDiagram());
        assertFalse(Files.exists(out));
        assertTrue(dialogs.errors.isEmpty());
    }

    @Test
    void svgHasTheSelectedTreesPathsInTheTreeColour() throws Exception {
        vm.schedule().run();
        vm.schedule().selectTree(0);
        Path plainOut = dir.resolve("plain.svg");
        Path out = dir.resolve("tree.svg");
        vm.schedule().selectTree(-1);
        dialogs.toSave.add(plainOut);
        assertTrue(exports.exportDiagram());
        vm.schedule().selectTree(0);
        dialogs.toSave.add(out);
        assertTrue(exports.exportDiagram(), dialogs.errors.toString());
        assertTrue(askedScale.isEmpty(), "no scale question for SVG");

        Document svg = parse(out);
        assertEquals("svg", svg.getDocumentElement().getTagName());
        String treeColour = "#c2185b"; // ScheduleLayer's tree colour on the light style
        int treeStrokes = countStroked(svg, treeColour);
        assertTrue(treeStrokes > 0, "the tree is drawn in its colour");
        assertEquals(0, countStroked(parse(plainOut), treeColour), "no tree, no tree colour");
        assertFalse(vm.schedule().overlayProperty().get().treePaths().isEmpty());
    }

    @Test
    void anUnknownExtensionIsRefused() {
        dialogs.toSave.add(dir.resolve("d.bmp"));
        assertFalse(exports.exportDiagram());
        assertTrue(dialogs.errors.get(0).contains(".png, .svg or .pdf"), dialogs.errors.toString());
    }

    @Test
    void pdfIsWritten() throws Exception {
        Path out = dir.resolve("d.pdf");
        dialogs.toSave.add(out);
        assertTrue(exports.exportDiagram());
        assertTrue(Files.readString(out, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("%PDF"));
    }

    @Test
    void scheduleJsonNeedsAScheduleThenRoundTrips() throws Exception {
        Path out = dir.resolve("s.json");
        dialogs.toSave.add(out);
        assertFalse(exports.exportScheduleJson());
        assertTrue(dialogs.errors.get(0).startsWith("No schedule to export"), dialogs.errors.toString());
        vm.schedule().run();
        assertTrue(exports.exportScheduleJson(), dialogs.errors.toString());
        assertEquals(vm.schedule().result().schedule(), ScheduleJson.read(out));
        assertTrue(dialogs.asked.get(dialogs.asked.size() - 1).endsWith(".json"), dialogs.asked.toString());
    }

    @Test
    void eachExportDialogIsTitledAndFilteredForItsFormatAndNamedAfterTheDocument() throws Exception {
        vm.schedule().run();
        exports.exportDiagram();
        exports.exportScheduleJson();
        new InteropActions(vm).exportMsccl();
        new InteropActions(vm).exportGraphMl();
        assertEquals(List.of("Export diagram", "Export schedule", "Export schedule as MSCCL XML", "Export GraphML"),
                dialogs.kinds.stream().map(Dialogs.FileKind::title).toList());
        assertEquals(List.of("PNG image (*.png)", "SVG drawing (*.svg)", "PDF document (*.pdf)"),
                dialogs.kinds.get(0).types().stream().map(Dialogs.FileType::label).toList());
        assertEquals("Schedule JSON (*.json)", dialogs.kinds.get(1).types().get(0).label());
        assertEquals("MSCCL XML (*.xml)", dialogs.kinds.get(2).types().get(0).label());
        assertEquals("save as two-boxes.png", dialogs.asked.get(0));

        // An untitled document from a template suggests the template's name, not "topology".
        dialogs.templates.add(canopy.generate.TopologyGenerators.dgxA100(2));
        vm.newFromTemplate();
        String name = vm.document().topology().name();
        exports.exportDiagram();
        assertEquals("save as " + Recovery.safe(name) + ".png", dialogs.asked.get(dialogs.asked.size() - 1));
        assertFalse(name.isBlank());
    }

    private static Document parse(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(svg.toFile());
    }

    private static int countStroked(Document d, String colour) {
        int n = 0;
        NodeList all = d.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (colour.equalsIgnoreCase(e.getAttribute("stroke"))) {
                n++;
            }
        }
        return n;
    }
}
