package canopy.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.io.GraphMlTopology;
import canopy.io.msccl.MscclXmlExporter;
import canopy.io.TopologyJson;
import canopy.model.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File › Import and Export through the view-model, with stub dialogs and no window. */
class InteropActionsTest {
    @TempDir
    Path dir;
    StubDialogs dialogs;
    MainViewModel vm;
    InteropActions interop;

    @BeforeEach
    void setUp() {
        dialogs = new StubDialogs();
        vm = HeadlessViewModels.started(dialogs, dir);
        interop = new InteropActions(vm);
    }

    @Test
    void graphMlExportAndImportRoundTrip() throws Exception {
        Topology shown = vm.document().topology();
        Path out = dir.resolve("t.graphml");
        dialogs.toSave.add(out);
        assertTrue(interop.exportGraphMl());
        assertEquals(shown, GraphMlTopology.read(out, GraphMlTopology.Defaults.NONE).topology());
        vm.document().replace(TopologyJson.read(MainViewModel.SAMPLES_DIR.resolve("triangle.json")), null);
        dialogs.toOpen.add(out);
        assertTrue(interop.importGraphMl());
        assertEquals(shown, vm.document().topology());
        assertEquals(null, vm.document().file());
    }

    @Test
    void ncclXmlImportShowsTheAssumptions() {
        dialogs.toOpen.add(Path.of("src/test/resources/canopy/io/nccl/dgx-a100.xml"));
        assertTrue(interop.importNcclXml());
        assertEquals(8, vm.document().topology().acceleratorCount());
        assertEquals(1, dialogs.infos.size(), dialogs.infos.toString());
    }

    @Test
    void aBadImportLeavesTheDocumentAndSaysWhy() throws Exception {
        Topology before = vm.document().topology();
        Path bad = dir.resolve("bad.xml");
        Files.writeString(bad, "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><system>&e;</system>");
        dialogs.toOpen.add(bad);
        assertFalse(interop.importNcclXml());
        assertEquals(before, vm.document().topology());
        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).contains("DOCTYPE"), dialogs.errors.get(0));
    }

    @Test
    void msccExportNeedsAScheduleThenWritesIt() throws Exception {
        Path out = dir.resolve("s.xml");
        dialogs.toSave.add(out);
        assertFalse(interop.exportMsccl());
        assertTrue(dialogs.errors.get(0).startsWith("No schedule to export"), dialogs.errors.toString());
        vm.schedule().run();
        assertTrue(interop.exportMsccl());
        String xml = Files.readString(out);
        assertTrue(xml.startsWith("<algo "), xml.substring(0, 40));
        assertTrue(xml.contains("ngpus=\"8\""), xml.substring(0, 200));
        assertEquals(MscclXmlExporter.export(vm.schedule().result().schedule(), vm.document().topology(),
                MscclXmlExporter.Options.defaults()).xml(), xml);
    }
}
