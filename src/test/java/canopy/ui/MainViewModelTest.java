package canopy.ui;

import canopy.ui.dialog.Dialogs;
import canopy.ui.panels.Templates;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.generate.TopologyGenerators;
import canopy.io.TopologyJson;
import canopy.model.Link;
import canopy.model.Rational;
import canopy.model.Topology;
import canopy.ui.dialog.Dialogs.SaveChoice;
import canopy.ui.document.TopologyEdits;
import canopy.ui.task.CurrentThreadTaskExecutor;
import canopy.ui.task.HeldTaskExecutor;
import canopy.ui.insight.LiveBounds;
import canopy.engine.Bounds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main view-model without a window: stub dialogs, in-memory settings, a temporary recovery folder. */
class MainViewModelTest {
    @TempDir
    Path dir;
    StubDialogs dialogs;
    TextClipboard clipboard;
    MainViewModel vm;

    @BeforeEach
    void setUp() {
        dialogs = new StubDialogs();
        clipboard = TextClipboard.inMemory();
        vm = newViewModel(Settings.inMemory());
    }

    MainViewModel newViewModel(Settings settings) {
        return new MainViewModel(new MainViewModel.Services(settings, dialogs, new CurrentThreadTaskExecutor(),
                new Recovery(dir.resolve("recovery")), clipboard, LayoutActions.available(), Duration.ZERO));
    }

    Path copyOfSample(String name) throws Exception {
        Path p = dir.resolve(name);
        Files.copy(MainViewModel.SAMPLES_DIR.resolve(name), p);
        return p;
    }

    void setBandwidth(int link, String text) {
        assertTrue(vm.properties().setLinkBandwidth(link, text).isEmpty());
    }

    @Test
    void startsWithTheSampleAndItsBound() {
        vm.startup(MainViewModel.SAMPLES_DIR);
        assertEquals("two-boxes.json", vm.document().file().getFileName().toString());
        assertEquals("Canopy — two-boxes.json", vm.titleProperty().get());
        assertEquals("AG 285.7 GB/s · AR 142.9 GB/s optimal", vm.liveBounds().statusText());
    }

    @Test
    void fallsBackToTheBundledSample() {
        vm.startup(dir.resolve("absent"));
        assertEquals(null, vm.document().file());
        assertEquals(11, vm.document().topology().nodes().size());
    }

    @Test
    void saveThenReopenGivesTheSameTopology() throws Exception {
        vm.openFile(copyOfSample("two-boxes.json"));
        setBandwidth(1, "100/3");
        assertTrue(vm.titleProperty().get().endsWith(" •"));
        Path target = dir.resolve("saved");
        dialogs.toSave.add(target);
        assertTrue(vm.saveAs());
        Path written = dir.resolve("saved.json");
        assertEquals(written, vm.document().file());
        assertFalse(vm.document().isDirty());
        assertEquals("Canopy — saved.json", vm.titleProperty().get());
        Topology saved = vm.document().topology();
        assertEquals(saved, TopologyJson.read(written));

        vm.newDocument();
        assertTrue(vm.document().topology().nodes().isEmpty());
        assertTrue(vm.openFile(written));
        assertEquals(saved, vm.document().topology());
        assertEquals(Rational.of(100, 3), vm.document().topology().links().get(1).bandwidth());
        assertEquals(written.toAbsolutePath(), vm.recentFiles().get(0));
    }

    @Test
    void anUnreadableFileLeavesTheDocumentAlone() throws Exception {
        vm.openFile(copyOfSample("two-boxes.json"));
        setBandwidth(0, "7");
        Topology before = vm.document().topology();
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"topology/1\", \"nodes\": [{\"id\": \"a\", \"kind\": \"gpu\"}], \"links\": []}");
        dialogs.toOpen.add(bad);
        dialogs.saveChoices.add(SaveChoice.DONT_SAVE);
        vm.open();
        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).startsWith("Could not open bad.json: "), dialogs.errors.get(0));
        assertTrue(dialogs.errors.get(0).contains("gpu"), dialogs.errors.get(0));
        assertEquals(before, vm.document().topology());
        assertEquals("two-boxes.json", vm.document().file().getFileName().toString());
    }

    @Test
    void aFileWithProblemsOpensAndListsThem() throws Exception {
        Path f = dir.resolve("unbalanced.json");
        Files.writeString(f, """
                {"format": "topology/1", "nodes": [
                  {"id": "a", "kind": "accelerator"}, {"id": "b", "kind": "accelerator"}, {"id": "s", "kind": "switch"}],
                 "links": [{"from": "a", "to": "s", "bandwidth": 10}, {"from": "s", "to": "b", "bandwidth": 5},
                           {"from": "b", "to": "a", "bandwidth": 5}]}
                """);
        assertTrue(vm.openFile(f));
        assertEquals(1, vm.liveBounds().problems().size(), vm.liveBounds().problems().toString());
        assertEquals("bound: fix 1 problem", vm.liveBounds().statusText());
        vm.selectProblem(vm.liveBounds().problems().get(0));
        assertEquals(Set.of("s"), vm.document().selection().nodes());
    }

    @Test
    void unsavedWorkIsProtected() throws Exception {
        vm.openFile(copyOfSample("two-boxes.json"));
        setBandwidth(0, "7");
        Topology edited = vm.document().topology();

        dialogs.saveChoices.add(SaveChoice.CANCEL);
        vm.newDocument();
        assertEquals(edited, vm.document().topology());
        assertEquals(List.of("save changes to two-boxes.json"), dialogs.asked);

        dialogs.saveChoices.add(SaveChoice.CANCEL);
        assertFalse(vm.requestClose());

        dialogs.saveChoices.add(SaveChoice.DONT_SAVE);
        vm.newDocument();
        assertTrue(vm.document().topology().nodes().isEmpty());
        assertFalse(vm.document().isDirty());
    }

    @Test
    void aNewDocumentDoesNotShowThePreviousNetworksBoundWhileItsOwnComputes() throws Exception {
        HeldTaskExecutor held = new HeldTaskExecutor(); // the bounds' worker, finishing only when told
        vm = new MainViewModel(new MainViewModel.Services(Settings.inMemory(), dialogs, held,
                new Recovery(dir.resolve("recovery")), clipboard, LayoutActions.available(), Duration.ZERO,
                new CurrentThreadTaskExecutor()));
        Path two = copyOfSample("two-boxes.json");
        assertTrue(vm.openFile(two));
        held.runAll();
        String first = "AG 285.7 GB/s · AR 142.9 GB/s optimal";
        assertEquals(first, vm.liveBounds().statusText());

        // An edit keeps the figures beside the spinner until the new ones arrive (close, and no flicker).
        setBandwidth(0, "60");
        assertTrue(vm.liveBounds().computingProperty().get());
        assertEquals(first, vm.liveBounds().statusText());
        held.runAll();

        dialogs.templates.add(TopologyGenerators.ring(4, Rational.of(100), true));
        dialogs.saveChoices.add(SaveChoice.DONT_SAVE);
        vm.newFromTemplate();
        assertTrue(vm.liveBounds().computingProperty().get());
        assertEquals("bound: computing…", vm.liveBounds().statusText());
        held.runAll();
        assertEquals(LiveBounds.describe(Bounds.of(vm.document().topology()), "GB/s"), vm.liveBounds().statusText());

        // Open: the same.
        assertTrue(vm.openFile(two));
        assertEquals("bound: computing…", vm.liveBounds().statusText());
        held.runAll();
        assertEquals(first, vm.liveBounds().statusText());
    }

    @Test
    void saveFromThePromptSavesUntitledWorkWhereTheUserSays() throws Exception {
        Topology ring = TopologyGenerators.ring();
        dialogs.templates.add(ring);
        vm.newFromTemplate();
        assertEquals(ring, vm.document().topology());
        vm.properties().setTopologyName("my ring");
        Path target = dir.resolve("ring.json");
        dialogs.saveChoices.add(SaveChoice.SAVE);
        dialogs.toSave.add(target);
        vm.newDocument();
        assertTrue(dialogs.asked.contains("save as my_ring.json"), dialogs.asked.toString());
        assertEquals("my ring", TopologyJson.read(target).name());
        assertTrue(vm.document().topology().nodes().isEmpty());
    }

    @Test
    void autosaveWritesARecoveryCopyThatTheNextStartOffers() throws Exception {
        Path file = copyOfSample("two-boxes.json");
        vm.openFile(file);
        assertTrue(vm.autosave().isEmpty(), "nothing to recover while clean");
        setBandwidth(2, "12.5");
        Topology edited = vm.document().topology();
        Path copy = vm.autosave().orElseThrow();
        assertTrue(copy.startsWith(dir.resolve("recovery")));
        assertEquals(edited, TopologyJson.readUnchecked(copy));

        // The designer dies; the next one offers the copy.
        dialogs.restore = true;
        MainViewModel next = newViewModel(Settings.inMemory());
        next.startup(MainViewModel.SAMPLES_DIR);
        assertTrue(dialogs.asked.get(dialogs.asked.size() - 1).startsWith("recover: "), dialogs.asked.toString());
        assertTrue(dialogs.asked.get(dialogs.asked.size() - 1).contains("two-boxes.json"));
        assertEquals(edited, next.document().topology());
        assertEquals(file.toAbsolutePath(), next.document().file().toAbsolutePath());
        assertTrue(next.document().isDirty());
        assertEquals("Restore autosaved changes", next.document().history().undoDescriptionProperty().get());

        // Saving cleanly removes the copy.
        assertTrue(next.save());
        assertFalse(Files.exists(copy));
        assertEquals(edited, TopologyJson.read(file));
    }

    @Test
    void aDeclinedRecoveryCopyIsDeleted() throws Exception {
        vm.openFile(copyOfSample("two-boxes.json"));
        setBandwidth(2, "12.5");
        Path copy = vm.autosave().orElseThrow();
        dialogs.restore = false;
        MainViewModel next = newViewModel(Settings.inMemory());
        next.startup(MainViewModel.SAMPLES_DIR);
        assertFalse(Files.exists(copy));
        assertEquals("two-boxes.json", next.document().file().getFileName().toString());
        assertFalse(next.document().isDirty());
    }

    @Test
    void copyPasteAndDuplicateSelectWhatTheyAdd() throws Exception {
        vm.openFile(copyOfSample("two-boxes.json"));
        Topology t = vm.document().topology();
        vm.document().selection().set(List.of("box0-gpu0", "box0-nvs"), List.of());
        assertTrue(vm.copy());
        Topology onClipboard = TopologyJson.parseUnchecked(clipboard.getText());
        assertEquals(2, onClipboard.nodes().size());
        assertEquals(1, onClipboard.links().size());

        assertTrue(vm.paste());
        assertEquals("Paste 2 nodes and 1 link", vm.document().history().undoDescriptionProperty().get());
        assertEquals(t.nodes().size() + 2, vm.document().topology().nodes().size());
        assertEquals(Set.of("box0-gpu4", "box0-nvs1"), vm.document().selection().nodes());
        assertEquals(List.of(t.links().size()), vm.document().selection().linkIndices(vm.document().topology()));
        double x0 = t.node("box0-gpu0").x();
        assertEquals(x0 + MainViewModel.PASTE_OFFSET, vm.document().topology().node("box0-gpu4").x());

        assertTrue(vm.duplicate());
        assertEquals(t.nodes().size() + 4, vm.document().topology().nodes().size());

        vm.selectAll();
        assertEquals(vm.document().topology().nodes().size(), vm.document().selection().nodes().size());
        assertTrue(vm.delete());
        assertTrue(vm.document().topology().nodes().isEmpty());
        vm.undo();
        assertEquals(t.nodes().size() + 4, vm.document().topology().nodes().size());
        vm.redo();
        assertTrue(vm.document().topology().nodes().isEmpty());
    }

    @Test
    void cutRemovesAndPasteBringsBack() throws Exception {
        vm.openFile(copyOfSample("triangle.json"));
        String id = vm.document().topology().nodes().get(0).id();
        vm.document().selection().set(List.of(id), List.of());
        assertTrue(vm.cut());
        assertEquals(null, vm.document().topology().node(id));
        assertTrue(vm.paste());
        assertTrue(vm.document().topology().node(id) != null);
    }

    @Test
    void propertyEditsAreValidatedAndUndoable() throws Exception {
        vm.openFile(copyOfSample("two-boxes.json"));
        Link before = vm.document().topology().links().get(0);
        assertTrue(vm.properties().setLinkBandwidth(0, "abc").orElseThrow().startsWith("Bandwidth: \"abc\" is not a bandwidth"));
        assertEquals("Bandwidth: unknown unit \"Gbit\" (known: GB/s, Gb/s, TB/s, Tb/s, GiB/s, MB/s, Gbps …)",
                vm.properties().setLinkBandwidth(0, "200 Gbit").orElseThrow());
        assertTrue(vm.properties().setLinkBandwidth(0, "-3").isPresent());
        assertTrue(vm.properties().setLinkBandwidth(0, "0").isPresent());
        assertTrue(vm.properties().setLinkLatency(0, "fast").isPresent());
        assertFalse(vm.document().isDirty());
        assertEquals(before, vm.document().topology().links().get(0));

        setBandwidth(0, "200Gb/s");
        assertEquals(Rational.of(25), vm.document().topology().links().get(0).bandwidth(), "units are understood");
        setBandwidth(0, "12.5");
        assertEquals(Rational.of(25, 2), vm.document().topology().links().get(0).bandwidth());
        assertEquals("Set bandwidth of " + before.describe() + " to 25/2",
                vm.document().history().undoDescriptionProperty().get());

        assertTrue(vm.properties().setNodeId("box0-gpu0", "spine").isPresent());
        assertTrue(vm.properties().setNodeId("box0-gpu0", "g0").isEmpty());
        assertEquals(Set.of("g0"), vm.document().selection().nodes());
        assertEquals("g0", vm.document().topology().links().get(0).from());
        vm.undo();
        assertEquals("box0-gpu0", vm.document().topology().links().get(0).from());
    }

    @Test
    void layoutsAreOneUndoableEdit() throws Exception {
        vm.openFile(copyOfSample("triangle.json"));
        Topology t = vm.document().topology();
        vm.applyLayout("Force-directed layout", x -> Map.of(t.nodes().get(0).id(), new double[] {1, 2}));
        assertEquals(1.0, vm.document().topology().nodes().get(0).x());
        assertEquals("Force-directed layout", vm.document().history().undoDescriptionProperty().get());
        vm.undo();
        assertEquals(t, vm.document().topology());
    }

    @Test
    void recentFilesAreRememberedMostRecentFirst() throws Exception {
        Settings settings = Settings.inMemory();
        vm = newViewModel(settings);
        Path a = copyOfSample("triangle.json");
        Path b = copyOfSample("mesh-2x3.json");
        vm.openFile(a);
        vm.openFile(b);
        vm.openFile(a);
        assertEquals(List.of(a.toAbsolutePath(), b.toAbsolutePath()), settings.recentFiles());
        Files.delete(b);
        vm.openRecent(b.toAbsolutePath());
        assertEquals(List.of(a.toAbsolutePath()), vm.recentFiles());
        assertEquals(1, dialogs.errors.size());
    }

    @Test
    void settingsRoundTrip() {
        Settings s = Settings.inMemory();
        assertEquals(Theme.LIGHT, s.theme());
        s.setTheme(Theme.DARK);
        s.setWindowBounds(10, 20, 800, 600);
        assertEquals(Theme.DARK, s.theme());
        assertEquals(800, s.windowBounds().orElseThrow()[2]);
        MainViewModel v = newViewModel(s);
        assertEquals(Theme.DARK, v.themeProperty().get());
        v.themeProperty().set(Theme.LIGHT);
        assertEquals(Theme.LIGHT, s.theme());
    }

    @Test
    void everyTemplateGeneratesAValidTopologyWithItsDefaults() {
        for (canopy.generate.TemplateCatalog.Template t : canopy.generate.TemplateCatalog.templates()) {
            Topology g = t.create(t.defaults());
            assertTrue(canopy.model.TopologyValidator.problems(g).isEmpty(), t.name());
            assertFalse(Templates.preview(t, t.defaults()).startsWith("Cannot"), t.name());
        }
        var dgx = canopy.generate.TemplateCatalog.byId("dgx-a100");
        assertEquals("8 accelerators · 2 switches · 16 links",
                Templates.preview(dgx, java.util.Map.of("boxes", 1, "rails", 1)));
        assertNotEquals(Templates.preview(dgx, java.util.Map.of("boxes", 1, "rails", 2)),
                Templates.preview(dgx, java.util.Map.of("boxes", 2, "rails", 2)));
        assertTrue(Templates.preview(canopy.generate.TemplateCatalog.byId("torus"), java.util.Map.of("rows", 1, "cols", 1))
                .startsWith("Cannot generate: "), "a 1x1 torus is refused with the generator's reason");
    }

    @Test
    void recoveryFileNamesAreSafe() {
        assertEquals("two-boxes", Recovery.safe("two-boxes.json"));
        assertEquals("2x_DGX_A100__16_GPUs_", Recovery.safe("2x DGX A100 (16 GPUs)"));
        assertEquals("untitled", Recovery.safe(""));
        assertEquals("untitled..", Recovery.safe(".."));
        assertTrue(TopologyEdits.freshId(vm.document().topology(), "g").startsWith("g"));
    }

    @Test
    void aScheduleDoesNotOutliveItsDocument() throws Exception {
        vm.openFile(copyOfSample("two-boxes.json"));
        var schedule = vm.schedule();
        schedule.run();
        assertEquals(canopy.ui.schedule.ScheduleViewModel.State.DONE, schedule.state());
        assertFalse(schedule.treeGroups().isEmpty());
        schedule.showCongestionProperty().set(true);

        vm.openFile(copyOfSample("triangle.json"));
        assertEquals(null, schedule.result(), "Open drops the previous document's schedule");
        assertTrue(schedule.figures().isEmpty());
        assertTrue(schedule.treeGroups().isEmpty());
        assertFalse(schedule.showCongestionProperty().get());
        assertEquals(canopy.ui.schedule.ScheduleViewModel.State.IDLE, schedule.state());
        assertEquals("", schedule.statusTextProperty().get());
        assertTrue(schedule.overlayProperty().get().isEmpty());

        schedule.run();
        assertEquals(canopy.ui.schedule.ScheduleViewModel.State.DONE, schedule.state());
        vm.newDocument();
        assertEquals(null, schedule.result(), "New drops it too");

        vm.openFile(copyOfSample("mesh-2x3.json"));
        schedule.run();
        dialogs.templates.add(TopologyGenerators.ring(4, Rational.of(100), true));
        vm.newFromTemplate();
        assertEquals(null, schedule.result(), "and New from Template");
    }

    @Test
    void saveAsNamesAnUntitledTopologyAfterItsFile() throws Exception {
        vm.newDocument();
        assertEquals("Untitled", vm.document().topology().name());
        vm.document().edit("add", t -> TopologyEdits.addNode(t,
                new canopy.model.Node("gpu0", canopy.model.NodeKind.ACCELERATOR, null, 0.0, 0.0, null)));
        dialogs.toSave.add(dir.resolve("rack7.json"));
        assertTrue(vm.saveAs());
        assertEquals("rack7", vm.document().topology().name());
        assertEquals("rack7", TopologyJson.readUnchecked(dir.resolve("rack7.json")).name());
        assertFalse(vm.document().isDirty());
        assertEquals(Dialogs.TOPOLOGY_SAVE, dialogs.kinds.get(dialogs.kinds.size() - 1));
    }

    @Test
    void alignDistributeAndUpgradeAreOneUndoableEditEach() throws Exception {
        vm.openFile(copyOfSample("two-boxes.json"));
        Topology t = vm.document().topology();
        List<String> gpus = List.of("box0-nvs", "box0-gpu0", "box0-gpu1");
        vm.document().selection().set(gpus, List.of());
        assertTrue(vm.align(TopologyEdits.Alignment.TOP));
        double top = gpus.stream().mapToDouble(id -> t.node(id).y()).min().orElseThrow();
        for (String id : gpus) {
            assertEquals(top, vm.document().topology().node(id).y(), id);
        }
        assertEquals("Align 3 nodes top", vm.document().history().undoDescriptionProperty().get());
        assertTrue(vm.distribute(true));
        Topology d = vm.document().topology();
        double[] xs = gpus.stream().mapToDouble(id -> d.node(id).x()).sorted().toArray();
        assertEquals(xs[1] - xs[0], xs[2] - xs[1], 1e-9, "evenly spaced");
        vm.undo();
        vm.undo();
        assertEquals(t, vm.document().topology());

        // An Upgrade Advisor row applied: every link of it +25, one step, the links selected.
        vm.upgradeLinks(List.of(1, 3), Rational.of(25));
        assertEquals(t.links().get(1).bandwidth().add(Rational.of(25)), vm.document().topology().links().get(1).bandwidth());
        assertEquals(t.links().get(3).bandwidth().add(Rational.of(25)), vm.document().topology().links().get(3).bandwidth());
        assertEquals(t.links().get(0), vm.document().topology().links().get(0));
        assertEquals(List.of(1, 3), vm.document().selection().linkIndices(vm.document().topology()));
        assertEquals("Upgrade 2 links by +25 GB/s", vm.document().history().undoDescriptionProperty().get());
        vm.undo();
        assertEquals(t, vm.document().topology());
    }
}
