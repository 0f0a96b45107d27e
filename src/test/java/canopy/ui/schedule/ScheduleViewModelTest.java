package canopy.ui.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.engine.AnimationTimeline;
import canopy.generate.TopologyGenerators;
import canopy.engine.ForestScheduler;
import canopy.engine.ScheduleAnalyzer;
import canopy.engine.ScheduleAnalyzer.Analysis;
import canopy.engine.ScheduleAnalyzer.LinkUse;
import canopy.io.TopologyJson;
import canopy.model.Collective;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;
import canopy.render.ScheduleOverlay;
import canopy.ui.insight.Figures;
import canopy.engine.Schedulers;
import canopy.ui.schedule.ScheduleViewModel.State;
import canopy.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Schedule panel's behaviour without a window: the synchronous executor, real or stub engines. */
class ScheduleViewModelTest {
    private Topology twoBoxes;
    private SimpleObjectProperty<Topology> topology;

    @BeforeEach
    void load() throws Exception {
        twoBoxes = TopologyJson.read(Path.of("sample-topologies/two-boxes.json"));
        topology = new SimpleObjectProperty<>(twoBoxes);
    }

    private ScheduleViewModel vm(ScheduleViewModel.Engine engine) {
        return new ScheduleViewModel(topology, new CurrentThreadTaskExecutor(), engine);
    }

    @Test
    void runShowsTheFiguresOfTheForestScheduleAndItsAnalysis() {
        ScheduleViewModel vm = vm(ScheduleViewModel.ENGINE);
        vm.collectiveProperty().set(Collective.ALLREDUCE);
        vm.messageBytesProperty().set(1L << 30);
        vm.run();

        assertEquals(State.DONE, vm.state());
        ForestScheduler forest = new ForestScheduler();
        Schedule expected = forest.schedule(twoBoxes, Collective.ALLREDUCE, 0);
        Analysis analysis = ScheduleAnalyzer.analyze(twoBoxes, expected);
        Schedule got = vm.result().schedule();
        assertEquals(expected.algbw(), got.algbw());
        assertEquals(expected.bound(), got.bound());
        assertEquals(expected.trees().size(), got.trees().size());
        assertEquals(analysis.busBandwidth(), vm.result().analysis().busBandwidth());

        assertEquals(Figures.bandwidth(expected.algbw()) + " GB/s", vm.figure("Algorithm bandwidth"));
        assertEquals("142.9 GB/s", vm.figure("Algorithm bandwidth"));
        assertEquals(Figures.bandwidth(analysis.busBandwidth()) + " GB/s", vm.figure("Bus bandwidth"));
        assertEquals(Figures.bandwidth(expected.bound()) + " GB/s", vm.figure("Bound"));
        assertEquals("100.0 %", vm.figure("Ratio to the bound"));
        ForestScheduler.Stats stats = forest.stats();
        assertEquals(String.valueOf(expected.trees().size()), vm.figure("Trees"));
        assertEquals(stats.reduceScatterTreesPerRoot() + " RS + " + stats.allgatherTreesPerRoot() + " AG",
                vm.figure("Trees per root"));
        assertEquals("100.0 %", vm.figure("Largest link utilisation"));
        assertEquals(ScheduleViewModel.seconds(analysis.timeModel().timeSeconds(1L << 30)), vm.figure("Time for 1 GiB"));
        assertEquals(Figures.bandwidth(analysis.timeModel().algbwExactAt(1L << 30)) + " GB/s", vm.figure("algbw at 1 GiB"));

        // The size changes the time, not the schedule.
        vm.messageBytesProperty().set(1024);
        assertNotNull(vm.figure("Time for 1 KiB"));
        assertEquals(ScheduleViewModel.seconds(analysis.timeModel().timeSeconds(1024)), vm.figure("Time for 1 KiB"));

        // Trees grouped by root: every accelerator a root, every tree listed once.
        assertEquals(8, vm.treeGroups().size());
        assertEquals(expected.trees().size(), vm.treeGroups().stream().mapToInt(g -> g.trees().size()).sum());
        for (ScheduleViewModel.RootGroup g : vm.treeGroups()) {
            for (ScheduleViewModel.TreeRow row : g.trees()) {
                assertEquals(g.root(), row.tree().root());
                assertEquals(analysis.timeModel().treeDepthHops().get(row.index()), row.depthHops());
                assertTrue(row.label().contains("share " + row.tree().share()), row.label());
            }
        }
    }

    @Test
    void ringAndDoubleBinaryTreeCarryTheirCollectivesBound() {
        ScheduleViewModel vm = vm(ScheduleViewModel.ENGINE);
        vm.algorithmProperty().set(Schedulers.get("ring"));
        vm.collectiveProperty().set(Collective.ALLGATHER);
        vm.run();
        assertEquals(State.DONE, vm.state());
        assertEquals("ring", vm.result().schedule().algorithm());
        assertEquals("285.7 GB/s", vm.figure("Bound"));

        vm.algorithmProperty().set(Schedulers.get("double-binary-tree"));
        assertEquals(Collective.ALLREDUCE, vm.collectiveProperty().get(), "double binary tree is allreduce only");
        vm.run();
        assertEquals("double-binary-tree", vm.result().schedule().algorithm());
        assertEquals("142.9 GB/s", vm.figure("Bound"));
        assertEquals("16", vm.figure("Trees"), "NCCL's four channels on two boxes, two trees each, reduce and broadcast");

        vm.collectiveProperty().set(Collective.REDUCE_SCATTER);
        assertEquals(ScheduleViewModel.DEFAULT_ALGORITHM, vm.algorithmProperty().get());
    }

    @Test
    void cancelEndsTheRunWithoutAResult() {
        AtomicReference<ScheduleViewModel> self = new AtomicReference<>();
        List<State> seen = new ArrayList<>();
        ScheduleViewModel vm = vm((t, c, a, max, progress) -> {
            self.get().cancel(); // the user presses Cancel while the engine works
            seen.add(self.get().state());
            for (int i = 0; i < 1000; i++) {
                progress.checkCancelled();
            }
            throw new AssertionError("the engine should have stopped");
        });
        self.set(vm);
        vm.run();
        assertEquals(List.of(State.CANCELLING), seen);
        assertEquals(State.CANCELLED, vm.state());
        assertEquals("Cancelled.", vm.statusTextProperty().get());
        assertNull(vm.result());
        assertTrue(vm.figures().isEmpty());
        assertTrue(vm.treeGroups().isEmpty());
        assertFalse(vm.runningProperty().get());
        assertEquals(ScheduleOverlay.NONE, vm.overlayProperty().get());
    }

    /**
     * After the engine the panel prepares the animation with the run's progress: the status says how far
     * the simulation is, and Cancel stops it there.
     */
    @Test
    void cancelWhileTheAnimationIsPreparedStopsIt() {
        topology.set(TopologyGenerators.dgxA100(8, 2, true));
        ScheduleViewModel vm = vm(ScheduleViewModel.ENGINE);
        vm.algorithmProperty().set(Schedulers.get("shortest-path-trees"));
        vm.collectiveProperty().set(Collective.ALLGATHER);
        List<String> statuses = new ArrayList<>();
        vm.statusTextProperty().addListener((o, before, now) -> {
            statuses.add(now);
            if (now.contains(AnimationTimeline.SIMULATING) && vm.state() == State.RUNNING) {
                vm.cancel();
            }
        });
        vm.run();
        assertTrue(statuses.stream().anyMatch(s -> s.contains(AnimationTimeline.SIMULATING)), "" + statuses);
        assertEquals(State.CANCELLED, vm.state());
        assertNull(vm.result());
    }

    @Test
    void aFailingEngineSaysWhy() {
        ScheduleViewModel vm = vm((t, c, a, max, progress) -> {
            throw new IllegalArgumentException("a ring needs at least two accelerators");
        });
        vm.run();
        assertEquals(State.FAILED, vm.state());
        assertEquals("Failed: a ring needs at least two accelerators", vm.statusTextProperty().get());
        assertNull(vm.result());
    }

    @Test
    void editingTheTopologyMakesTheScheduleStaleUntilRecomputed() {
        ScheduleViewModel vm = vm(ScheduleViewModel.ENGINE);
        vm.run();
        vm.selectTree(0);
        assertFalse(vm.staleProperty().get());
        assertFalse(vm.overlayProperty().get().isEmpty());

        // Moving a node does not change the schedule.
        List<Node> moved = new ArrayList<>(twoBoxes.nodes());
        Node n = moved.get(0);
        moved.set(0, new Node(n.id(), n.kind(), n.label(), n.x() + 50, n.y(), n.group()));
        topology.set(new Topology(twoBoxes.name(), twoBoxes.units(), moved, twoBoxes.links()));
        assertFalse(vm.staleProperty().get());

        // A bandwidth does.
        List<Link> links = new ArrayList<>(twoBoxes.links());
        links.set(1, links.get(1).withBandwidth(Rational.of(10)));
        Topology edited = new Topology(twoBoxes.name(), twoBoxes.units(), twoBoxes.nodes(), links);
        topology.set(edited);
        assertTrue(vm.staleProperty().get());
        assertEquals(ScheduleOverlay.NONE, vm.overlayProperty().get(), "no stale drawing on a changed diagram");

        // Undo: fresh again.
        topology.set(twoBoxes);
        assertFalse(vm.staleProperty().get());

        topology.set(edited);
        vm.recompute();
        assertFalse(vm.staleProperty().get());
        assertEquals(edited, vm.result().topology());
        assertEquals(new ForestScheduler().schedule(edited, Collective.ALLREDUCE, 0).algbw(),
                vm.result().schedule().algbw());
    }

    @Test
    void selectingATreeDrawsItsPathsAndDimsTheRest() {
        ScheduleViewModel vm = vm(ScheduleViewModel.ENGINE);
        vm.collectiveProperty().set(Collective.ALLGATHER);
        vm.run();
        ScheduleViewModel.TreeRow row = vm.treeGroups().get(2).trees().get(0);
        vm.select(row.selection());
        ScheduleOverlay o = vm.overlayProperty().get();
        List<List<String>> paths = new ArrayList<>();
        for (TreeEdge e : vm.result().schedule().trees().get(row.index()).edges()) {
            paths.add(e.path());
        }
        assertEquals(paths, o.treePaths());
        assertEquals(7, o.treePaths().size(), "a spanning tree of 8 accelerators");
        assertTrue(o.dimOthers());
        assertTrue(o.arcUtilisation().isEmpty());
        assertTrue(paths.stream().anyMatch(p -> p.size() > 2), "paths run through switches");
        assertEquals("tree " + row.tree().root() + " #1", vm.selectionProperty().get().description());

        vm.selectTree(-1);
        assertEquals(ScheduleOverlay.NONE, vm.overlayProperty().get());
        assertEquals(TreeSelection.ALL, vm.selectionProperty().get());
    }

    @Test
    void selectingARootDrawsAllItsTreesPathsAndDimsTheRest() {
        ScheduleViewModel vm = vm(ScheduleViewModel.ENGINE);
        vm.run();
        ScheduleViewModel.RootGroup group = vm.treeGroups().get(2);
        assertTrue(group.trees().size() > 1, "the root has several trees");
        vm.select(group.selection());

        List<List<String>> paths = new ArrayList<>();
        for (int i = 0; i < vm.result().schedule().trees().size(); i++) {
            if (vm.result().schedule().trees().get(i).root().equals(group.root())) {
                for (TreeEdge e : vm.result().schedule().trees().get(i).edges()) {
                    paths.add(e.path());
                }
            }
        }
        ScheduleOverlay o = vm.overlayProperty().get();
        assertEquals(paths, o.treePaths(), "every tree of the root, in schedule order");
        assertEquals(7 * group.trees().size(), o.treePaths().size(), "spanning trees of 8 accelerators");
        assertTrue(o.dimOthers());
        assertTrue(o.arcUtilisation().isEmpty());
        assertEquals("all trees of " + group.root(), vm.selectionProperty().get().description());
        assertEquals(group.trees().stream().map(ScheduleViewModel.TreeRow::index).toList(),
                List.copyOf(vm.selectionProperty().get().trees()));

        vm.selectTree(-1); // Schedule › Clear Tree Highlight
        assertEquals(ScheduleOverlay.NONE, vm.overlayProperty().get(), "every tree, none highlighted");
        assertTrue(vm.selectionProperty().get().isAll());
    }

    @Test
    void selectingARootAnimatesOnlyItsTreesChunksAndStepsBetweenTheirEvents() {
        ScheduleViewModel vm = vm(ScheduleViewModel.ENGINE);
        vm.run();
        // box1-gpu3: three trees in each stage, so several of its trees move at once
        ScheduleViewModel.RootGroup group = vm.treeGroups().stream()
                .max(java.util.Comparator.comparingInt(g -> g.trees().size())).orElseThrow();
        Set<Integer> trees = new HashSet<>(group.selection().trees());
        AnimationController animation = vm.animation();
        AnimationTimeline tl = animation.timeline();
        double t = AnimationControllerTest.whileTreesMove(tl, trees, 2);
        animation.scrub(t);
        List<ScheduleOverlay.Marker> all = vm.overlayProperty().get().markers();

        vm.select(group.selection());
        ScheduleOverlay o = vm.overlayProperty().get();
        assertEquals(AnimationControllerTest.markers(tl, t, trees), o.markers());
        assertTrue(o.markers().size() < all.size(), "only the root's trees' chunks");
        Set<List<String>> hops = AnimationControllerTest.hopsOf(
                group.trees().stream().map(ScheduleViewModel.TreeRow::tree).toArray(ScheduleTree[]::new));
        o.markers().forEach(m -> assertTrue(hops.contains(List.of(m.from(), m.to())), m.toString()));
        assertEquals(hops, new HashSet<>(o.treePaths()));

        Set<Double> theirs = new HashSet<>();
        for (AnimationTimeline.Hop h : tl.hops()) {
            if (trees.contains(h.tree())) {
                theirs.add(h.start());
                theirs.add(h.end());
            }
        }
        double before = animation.time();
        animation.stepForward();
        assertTrue(theirs.contains(animation.time()), "a step lands on an event of the root's trees");
        assertEquals(tl.forTrees(trees).nextEventAfter(before), animation.time(), 0);
        animation.stepBack();
        assertEquals(tl.forTrees(trees).previousEventBefore(tl.forTrees(trees).nextEventAfter(before)),
                animation.time(), 0);

        vm.select(TreeSelection.ALL);
        assertEquals(AnimationControllerTest.markers(tl, animation.time()), vm.overlayProperty().get().markers(),
                "every tree's chunks again");
    }

    @Test
    void selectingATreeAnimatesOnlyItsChunksUntilTheSelectionIsCleared() {
        ScheduleViewModel vm = vm(ScheduleViewModel.ENGINE);
        vm.run();
        ScheduleViewModel.TreeRow row = vm.treeGroups().get(2).trees().get(0);
        AnimationController animation = vm.animation();
        AnimationTimeline tl = animation.timeline();
        double t = AnimationControllerTest.whileTreeMoves(tl, row.index());
        animation.scrub(t);
        List<ScheduleOverlay.Marker> all = vm.overlayProperty().get().markers();
        assertEquals(AnimationControllerTest.markers(tl, t), all);

        vm.select(row.selection());
        ScheduleOverlay o = vm.overlayProperty().get();
        assertEquals(AnimationControllerTest.markers(tl, t, Set.of(row.index())), o.markers());
        assertFalse(o.markers().isEmpty());
        assertTrue(o.markers().size() < all.size(), "only the selected tree's chunks");
        Set<List<String>> hops = AnimationControllerTest.hopsOf(row.tree());
        o.markers().forEach(m -> assertTrue(hops.contains(List.of(m.from(), m.to())), m.toString()));
        assertEquals(hops, new HashSet<>(o.treePaths()));

        vm.select(TreeSelection.ALL);
        assertEquals(all, vm.overlayProperty().get().markers(), "every tree's chunks again");
    }

    @Test
    void theAnimationKeepsTheSelectedTreeOrRootWhenAnEditIsUndone() {
        ScheduleViewModel vm = vm(ScheduleViewModel.ENGINE);
        vm.run();
        assertSelectionOutlivesAnEditAndItsUndo(vm, vm.treeGroups().get(1).trees().get(0).selection());
        assertSelectionOutlivesAnEditAndItsUndo(vm, vm.treeGroups().get(3).selection());
    }

    private void assertSelectionOutlivesAnEditAndItsUndo(ScheduleViewModel vm, TreeSelection selection) {
        vm.select(selection);
        ScheduleOverlay drawn = vm.overlayProperty().get();
        List<Link> links = new ArrayList<>(twoBoxes.links());
        links.set(1, links.get(1).withBandwidth(Rational.of(10)));
        topology.set(new Topology(twoBoxes.name(), twoBoxes.units(), twoBoxes.nodes(), links));
        assertTrue(vm.staleProperty().get());
        assertEquals(selection, vm.selectionProperty().get(), "stale: still selected in the list");
        topology.set(twoBoxes); // undo: the same result, its trees still selected in the list
        assertFalse(vm.staleProperty().get());
        assertEquals(selection, vm.selectionProperty().get());
        assertEquals(selection, vm.animation().selection());
        assertEquals(drawn, vm.overlayProperty().get(), "the same trees drawn again");

        AnimationTimeline tl = vm.animation().timeline();
        double t = AnimationControllerTest.whileTreesMove(tl, selection.trees(), 1);
        vm.animation().scrub(t);
        assertEquals(AnimationControllerTest.markers(tl, t, selection.trees()), vm.overlayProperty().get().markers());
        vm.animation().stop();
    }

    @Test
    void congestionShowsEachArcsUtilisationTreesAndBottlenecks() {
        ScheduleViewModel vm = vm(ScheduleViewModel.ENGINE);
        vm.algorithmProperty().set(Schedulers.get("ring"));
        vm.collectiveProperty().set(Collective.ALLREDUCE);
        vm.run();
        vm.selectTree(0);
        vm.showCongestionProperty().set(true);
        ScheduleOverlay o = vm.overlayProperty().get();
        assertTrue(o.treePaths().isEmpty(), "congestion replaces the tree");
        assertFalse(o.dimOthers());

        Analysis a = ScheduleAnalyzer.analyze(twoBoxes, vm.result().schedule());
        assertEquals(a.links().size(), o.arcUtilisation().size());
        double max = 0;
        for (LinkUse l : a.links()) {
            String arc = ScheduleOverlay.arc(l.from(), l.to());
            Rational busy = Rational.ZERO;
            for (Rational load : l.loadByStage().values()) {
                busy = busy.add(load.divide(l.bandwidth()));
            }
            assertEquals(busy.divide(a.timePerBuffer()).toDouble(), o.arcUtilisation().get(arc), 1e-12, arc);
            assertEquals(l.trees(), o.arcTrees().get(arc), arc);
            assertEquals(l.bottleneck(), o.bottleneckArcs().contains(arc), arc);
            max = Math.max(max, o.arcUtilisation().get(arc));
        }
        assertFalse(o.bottleneckArcs().isEmpty());
        assertTrue(max <= 1 + 1e-12);
        assertEquals(ScheduleViewModel.percent(max), vm.figure("Largest link utilisation"));

        // The tooltip of link 1 (box0-gpu0 <-> spine, 50 GB/s): both directions.
        String tip = vm.linkTooltip(1);
        assertNotNull(tip);
        assertTrue(tip.startsWith("box0-gpu0 ⇄ spine  ·  50 GB/s"), tip);
        assertTrue(tip.contains("\nbox0-gpu0 → spine:  load "), tip);
        assertTrue(tip.contains("\nspine → box0-gpu0:  load "), tip);
        assertTrue(tip.contains("utilisation "), tip);
        assertTrue(tip.contains(" tree"), tip);

        vm.showCongestionProperty().set(false);
        assertNull(vm.linkTooltip(1), "no tooltip without the congestion view");
        assertFalse(vm.overlayProperty().get().treePaths().isEmpty(), "the selected tree is back");
    }

    @Test
    void progressReachesTheViewModelThroughItsTask() {
        AtomicReference<ScheduleViewModel> self = new AtomicReference<>();
        List<Double> polled = new ArrayList<>();
        ScheduleViewModel vm = vm((t, c, a, max, progress) -> {
            progress.report("packing trees", 0.5);
            polled.add(self.get().progressProperty().get());
            polled.add(self.get().statusTextProperty().get().contains("packing trees") ? 1.0 : 0.0);
            return ScheduleViewModel.ENGINE.compute(t, c, a, max, progress);
        });
        self.set(vm);
        vm.run();
        assertEquals(List.of(0.5, 1.0), polled);
        assertEquals(State.DONE, vm.state());
        assertTrue(vm.statusTextProperty().get().startsWith("Computed in "));
    }

    @Test
    void messageSizesAreBinary() {
        assertEquals("1 KiB", MessageSizes.format(1024));
        assertEquals("4 GiB", MessageSizes.format(4L << 30));
        assertEquals(1024L, MessageSizes.offered().get(0));
        assertEquals(4L << 30, MessageSizes.offered().get(MessageSizes.offered().size() - 1));
    }

    @Test
    void runOnABrokenNetworkSaysWhatToFixInsteadOfShowingZeros() {
        List<Node> nodes = new ArrayList<>(twoBoxes.nodes());
        nodes.add(new Node("lonely", canopy.model.NodeKind.ACCELERATOR, null, 0.0, 0.0, null));
        topology.set(new Topology(twoBoxes.name(), twoBoxes.units(), nodes, twoBoxes.links()));
        boolean[] engineCalled = {false};
        ScheduleViewModel vm = vm((t, c, a, max, p) -> {
            engineCalled[0] = true;
            return ScheduleViewModel.ENGINE.compute(t, c, a, max, p);
        });
        vm.run();
        assertFalse(engineCalled[0], "the engine is not asked to schedule a broken network");
        assertEquals(State.FAILED, vm.state());
        assertNull(vm.result());
        assertTrue(vm.figures().isEmpty(), "no 0 GB/s figures");
        String status = vm.statusTextProperty().get();
        assertTrue(status.startsWith("Cannot schedule: fix this problem first"), status);
        assertTrue(status.contains("lonely"), status);
        assertFalse(status.contains("Computed"), status);
    }
}
