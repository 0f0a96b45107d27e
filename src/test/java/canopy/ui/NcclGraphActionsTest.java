package canopy.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.model.Collective;
import canopy.model.Rational;
import canopy.ui.schedule.ScheduleViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File › Import › NCCL Graph Dump… through the view-model, with stub dialogs and no window. */
class NcclGraphActionsTest {
    static final Path DIR = Path.of("src/test/resources/canopy/io/nccl");
    @TempDir
    Path dir;
    StubDialogs dialogs;
    MainViewModel vm;

    @BeforeEach
    void setUp() {
        dialogs = new StubDialogs();
        vm = HeadlessViewModels.started(dialogs, dir);
        dialogs.toOpen.add(DIR.resolve("dgx-a100.xml"));
        assertTrue(new InteropActions(vm).importNcclXml());
    }

    @Test
    void ncclRingsAreShownWithTheCongestionViewAndTheSentence() {
        vm.schedule().collectiveProperty().set(Collective.ALLGATHER);
        dialogs.toOpen.add(DIR.resolve("dgx-a100-graph.xml"));
        java.util.List<canopy.ui.compare.CompareViewModel> shown = new java.util.ArrayList<>();
        assertTrue(new NcclGraphActions(vm).importGraph(shown::add));
        var comparison = shown.get(0);
        assertEquals(java.util.List.of("forest", "NCCL's ring"), comparison.rows().stream().map(x -> x.label()).toList());
        assertTrue(comparison.header().startsWith("NCCL's ring saturates"), comparison.header());
        ScheduleViewModel.Result r = vm.schedule().result();
        assertEquals("nccl-ring", r.schedule().algorithm());
        // One DGX A100: 8 channels over the NVSwitch, 7/8 M per GPU uplink of 300 GB/s → 2400/7.
        assertEquals(Rational.of(2400, 7), r.schedule().algbw());
        assertEquals(64, vm.schedule().treeGroups().stream().mapToInt(g -> g.trees().size()).sum());
        assertTrue(vm.schedule().showCongestionProperty().get());
        assertTrue(vm.schedule().overlayProperty().get() != null);
        String status = vm.schedule().statusTextProperty().get();
        assertTrue(status.startsWith("NCCL's ring saturates ") && status.contains("the optimum"), status);
        assertTrue(dialogs.infos.stream().anyMatch(i -> i.contains("CollNet chain")), dialogs.infos.toString());
    }

    @Test
    void theTreeGraphWithTheDoubleBinaryTreeSelected() {
        vm.schedule().algorithmProperty().set(canopy.engine.Schedulers.get("double-binary-tree"));
        dialogs.toOpen.add(DIR.resolve("dgx-a100-graph.xml"));
        assertTrue(new NcclGraphActions(vm).importGraph(c -> { }));
        assertEquals("nccl-tree", vm.schedule().result().schedule().algorithm());
        assertEquals(Rational.of(160), vm.schedule().result().schedule().algbw());
    }

    @Test
    void aDumpFromAnotherMachineIsRefusedNamingTheGpu() throws Exception {
        Path bad = dir.resolve("g.xml");
        Files.writeString(bad, Files.readString(DIR.resolve("dgx-a100-graph.xml"))
                .replaceFirst("<gpu dev=\"0x7\"", "<gpu dev=\"0xf\""));
        dialogs.toOpen.add(bad);
        assertFalse(new NcclGraphActions(vm).importGraph(c -> { }));
        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).contains("gpu dev=0xf is not in the topology"), dialogs.errors.toString());
    }

    @Test
    void anImportedScheduleWithPxnRelaysIsExportedInTheFormAFileCanHold() throws Exception {
        // Two DGX H100 nodes; the PXN dump's channels leave through another GPU's NIC.
        Path topology = dir.resolve("h100x2.json");
        canopy.io.TopologyJson.write(canopy.io.NcclTopologyImporter.parse(Files.readAllBytes(DIR.resolve("dgx-h100.xml")),
                "dgx-h100.xml", 2).topology(), topology);
        assertTrue(vm.openFile(topology), dialogs.errors.toString());
        vm.schedule().collectiveProperty().set(Collective.ALLGATHER);
        dialogs.toOpen.add(DIR.resolve("dgx-h100-pxn-graph.xml"));
        assertTrue(new NcclGraphActions(vm).importGraph(c -> { }));
        // The panel shows NCCL's figure, relays charged.
        assertEquals(Rational.of(320, 3), vm.schedule().result().schedule().algbw());
        Path out = dir.resolve("pxn.schedule.json");
        dialogs.toSave.add(out);
        assertTrue(new ExportActions(vm, (offered, suggested) -> java.util.Optional.of(suggested))
                .exportScheduleJson(), dialogs.errors.toString());
        // The file keeps formats.md's switch-only paths, so it verifies; its figure is recomputed.
        var written = canopy.io.ScheduleJson.read(out);
        var check = canopy.engine.ScheduleVerifier.verify(vm.document().topology(), written);
        assertTrue(check.ok(), check.problems().toString());
        assertEquals(written.algbw(), check.recomputedAlgbw());
    }
}
