package canopy.ui.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.engine.AnimationTimeline;
import canopy.engine.ForestScheduler;
import canopy.engine.Progress;
import canopy.generate.TopologyGenerators;
import canopy.io.TopologyJson;
import canopy.model.Collective;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;
import canopy.render.export.DiagramExport;
import canopy.render.DiagramScene;
import canopy.render.DiagramStyle;
import canopy.render.ScheduleOverlay;
import canopy.render.export.Java2dGraphics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The animation's view-model with a manual clock: no window, no timer. */
class AnimationControllerTest {
    static Topology twoBoxes;
    static Schedule allreduce;

    @BeforeAll
    static void read() throws Exception {
        twoBoxes = TopologyJson.read(Path.of("sample-topologies", "two-boxes.json"));
        allreduce = new ForestScheduler(Progress.NONE).schedule(twoBoxes, Collective.ALLREDUCE, 0);
    }

    private static AnimationController loaded() {
        AnimationController c = new AnimationController();
        c.setResult(twoBoxes, allreduce);
        return c;
    }

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aResultLoadsPausedAtTheStart() {
        AnimationController c = loaded();
        assertNotNull(c.timeline());
        assertEquals(c.timeline().duration(), c.durationProperty().get());
        assertEquals(0, c.time());
        assertFalse(c.playingProperty().get());
        assertFalse(c.activeProperty().get());
        assertEquals(ScheduleOverlay.NONE, c.frameProperty().get(), "nothing drawn until played");
        assertEquals("stage 1 of 2: reduce-scatter", c.stageTextProperty().get());
    }

    @Test
    void playAdvancesBySpeedTimesElapsedAndPauseStops() {
        AnimationController c = loaded();
        double d = c.durationProperty().get();
        c.advance(SECOND);
        assertEquals(0, c.time(), "paused: the clock does nothing");
        c.play();
        assertTrue(c.activeProperty().get());
        c.advance(SECOND);
        assertEquals(d / AnimationController.SECONDS_PER_PLAY, c.time(), d * 1e-12, "1 s at 1×");
        c.speedProperty().set(2);
        c.advance(SECOND);
        assertEquals(3 * d / AnimationController.SECONDS_PER_PLAY, c.time(), d * 1e-12, "then 1 s at 2×");
        c.pause();
        double paused = c.time();
        c.advance(5 * SECOND);
        assertEquals(paused, c.time());
        assertTrue(c.activeProperty().get(), "a paused frame stays on the diagram");
        c.play();
        c.advance(100 * SECOND);
        assertEquals(d, c.time(), "clamped at the end");
        assertFalse(c.playingProperty().get(), "it stops at the end");
        c.play();
        assertEquals(0, c.time(), "Play at the end starts over");
    }

    @Test
    void speedIsClamped() {
        AnimationController c = loaded();
        double d = c.durationProperty().get();
        c.speedProperty().set(1000);
        c.play();
        c.advance(SECOND / 10);
        assertEquals(AnimationController.MAX_SPEED * 0.1 * d / AnimationController.SECONDS_PER_PLAY, c.time(), d * 1e-12);
    }

    @Test
    void stepsGoToTheNextAndPreviousEvent() {
        AnimationController c = loaded();
        AnimationTimeline tl = c.timeline();
        c.play();
        c.stepForward();
        assertFalse(c.playingProperty().get(), "a step pauses");
        double first = tl.nextEventAfter(0);
        assertEquals(first, c.time());
        c.stepForward();
        double second = tl.nextEventAfter(first);
        assertTrue(second > first);
        assertEquals(second, c.time());
        c.stepBack();
        assertEquals(first, c.time());
        c.scrub(c.durationProperty().get());
        c.stepForward();
        assertEquals(c.durationProperty().get(), c.time(), "no event after the end: stays");
        c.scrub(0);
        c.stepBack();
        assertEquals(0, c.time());
    }

    @Test
    void scrubbingSetsTheTimeAndTheFrameHasTheTimelinesMarkers() {
        AnimationController c = loaded();
        double d = c.durationProperty().get();
        c.scrub(0.3 * d);
        assertEquals(0.3 * d, c.time(), 0);
        assertTrue(c.activeProperty().get());
        List<AnimationTimeline.Chunk> chunks = c.timeline().markersAt(0.3 * d);
        assertFalse(chunks.isEmpty());
        List<ScheduleOverlay.Marker> expected = new ArrayList<>();
        for (AnimationTimeline.Chunk k : chunks) {
            expected.add(new ScheduleOverlay.Marker(k.from(), k.to(), k.progress(), k.colour()));
        }
        ScheduleOverlay frame = c.frameProperty().get();
        assertEquals(expected, frame.markers());
        assertTrue(frame.faintPaths());
        assertFalse(frame.dimOthers());
        // Every tree's hops, faint, each once.
        Set<List<String>> hops = new HashSet<>();
        allreduce.trees().forEach(t -> t.edges().forEach(e -> {
            for (int k = 0; k + 1 < e.path().size(); k++) {
                hops.add(List.of(e.path().get(k), e.path().get(k + 1)));
            }
        }));
        assertEquals(hops, new HashSet<>(frame.treePaths()));
        assertEquals(hops.size(), frame.treePaths().size());
        c.scrub(-5);
        assertEquals(0, c.time());
        c.scrub(10 * d);
        assertEquals(d, c.time());
        assertTrue(c.timeTextProperty().get().contains(" / "), c.timeTextProperty().get());
    }

    /** Each directed hop of the trees' paths, as a two-node path. */
    static Set<List<String>> hopsOf(ScheduleTree... trees) {
        Set<List<String>> hops = new HashSet<>();
        for (ScheduleTree tree : trees) {
            for (TreeEdge e : tree.edges()) {
                for (int k = 0; k + 1 < e.path().size(); k++) {
                    hops.add(List.of(e.path().get(k), e.path().get(k + 1)));
                }
            }
        }
        return hops;
    }

    /** The middle of the tree's first hop crossing: a time at which some of its chunks move. */
    static double whileTreeMoves(AnimationTimeline tl, int tree) {
        return whileTreesMove(tl, Set.of(tree), 1);
    }

    /** The middle of the first hop crossing of these trees during which at least `moving` of them move. */
    static double whileTreesMove(AnimationTimeline tl, Set<Integer> trees, int moving) {
        for (AnimationTimeline.Hop h : tl.hops()) {
            double t = (h.start() + h.end()) / 2;
            if (trees.contains(h.tree()) && tl.inFlight(t).stream().map(AnimationTimeline.Hop::tree)
                    .filter(trees::contains).distinct().count() >= moving) {
                return t;
            }
        }
        throw new AssertionError(moving + " of trees " + trees + " never move at once");
    }

    /** Every tree's chunks at time t, as the frame's markers. */
    static List<ScheduleOverlay.Marker> markers(AnimationTimeline tl, double t) {
        return markers(tl, t, null);
    }

    /** The chunks of these trees (null: every tree) at time t, as the frame's markers, from every hop. */
    static List<ScheduleOverlay.Marker> markers(AnimationTimeline tl, double t, Set<Integer> trees) {
        List<ScheduleOverlay.Marker> out = new ArrayList<>();
        for (AnimationTimeline.Hop h : tl.inFlight(t)) {
            if (trees == null || trees.contains(h.tree())) {
                double p = (t - h.start()) / (h.end() - h.start());
                out.add(new ScheduleOverlay.Marker(h.from(), h.to(), p, h.colour()));
            }
        }
        return out;
    }

    /** The trees of the schedule rooted at root, by index. */
    static Set<Integer> treesOf(Schedule s, String root) {
        Set<Integer> out = new java.util.TreeSet<>();
        for (int i = 0; i < s.trees().size(); i++) {
            if (s.trees().get(i).root().equals(root)) {
                out.add(i);
            }
        }
        return out;
    }

    private static TreeSelection selectionOf(Set<Integer> trees) {
        return TreeSelection.of(trees, "test");
    }

    @Test
    void aSelectedTreeShowsOnlyItsPathsAndItsChunks() {
        AnimationController c = loaded();
        AnimationTimeline tl = c.timeline();
        double t = whileTreeMoves(tl, 3);
        c.scrub(t);
        List<ScheduleOverlay.Marker> all = c.frameProperty().get().markers();

        c.select(selectionOf(Set.of(3)));
        Set<List<String>> hops = hopsOf(allreduce.trees().get(3));
        ScheduleOverlay frame = c.frameProperty().get();
        assertEquals(hops, new HashSet<>(frame.treePaths()));
        assertFalse(frame.markers().isEmpty(), "the selected tree's chunks move");
        assertTrue(frame.markers().size() < all.size(), "the other trees' chunks are gone");
        assertEquals(markers(tl, t, Set.of(3)), frame.markers());
        for (ScheduleOverlay.Marker m : frame.markers()) {
            assertTrue(hops.contains(List.of(m.from(), m.to())), m + " is on the selected tree");
        }
        assertEquals(t, c.time(), 0, "selecting keeps the time");
        assertEquals(tl.duration(), c.durationProperty().get(), 0, "and the whole schedule's pace");

        c.select(TreeSelection.ALL);
        assertEquals(all, c.frameProperty().get().markers(), "every tree again");
        assertTrue(c.frameProperty().get().treePaths().size() > hops.size());
    }

    @Test
    void withATreeSelectedTheStepsGoFromOneOfItsChunkEventsToTheNext() {
        AnimationController c = loaded();
        AnimationTimeline tl = c.timeline();
        int tree = allreduce.trees().size() - 1; // an allgather tree: stage 2
        Set<Double> mine = new HashSet<>();
        for (AnimationTimeline.Hop h : tl.hops()) {
            if (h.tree() == tree) {
                mine.add(h.start());
                mine.add(h.end());
            }
        }
        c.select(selectionOf(Set.of(tree)));
        c.stepForward();
        assertEquals(tl.forTrees(Set.of(tree)).nextEventAfter(0), c.time(), 0);
        assertTrue(c.time() >= tl.stageEndTimes().values().iterator().next(), "its first event is in stage 2");
        assertEquals("stage 2 of 2: allgather", c.stageTextProperty().get());
        for (int i = 0; i < 5; i++) {
            assertTrue(mine.contains(c.time()), "step " + i + " lands on an event of the tree");
            double before = c.time();
            c.stepForward();
            assertEquals(tl.forTrees(Set.of(tree)).nextEventAfter(before), c.time(), 0);
        }
        double at = c.time();
        c.stepBack();
        assertEquals(tl.forTrees(Set.of(tree)).previousEventBefore(at), c.time(), 0);
        assertTrue(mine.contains(c.time()));
    }

    @Test
    void aRootsTreesShowTheirPathsAndChunksAndStepBetweenTheirEvents() {
        AnimationController c = loaded();
        AnimationTimeline tl = c.timeline();
        String root = "box1-gpu3"; // three trees in each stage: several of them move at once
        Set<Integer> trees = treesOf(allreduce, root);
        assertTrue(trees.size() > 1, "the root has several trees");
        double t = whileTreesMove(tl, trees, 2);
        c.scrub(t);
        List<ScheduleOverlay.Marker> all = c.frameProperty().get().markers();

        c.select(selectionOf(trees));
        ScheduleOverlay frame = c.frameProperty().get();
        Set<List<String>> hops = hopsOf(trees.stream().map(allreduce.trees()::get).toArray(ScheduleTree[]::new));
        assertEquals(hops, new HashSet<>(frame.treePaths()), "the faint paths of all the root's trees");
        assertEquals(markers(tl, t, trees), frame.markers());
        assertTrue(frame.markers().size() < all.size(), "the other roots' chunks are gone");
        for (int tree : trees) {
            assertTrue(frame.markers().containsAll(markers(tl, t, Set.of(tree))), "tree " + tree + " moves");
        }
        assertEquals(1, frame.markers().stream().map(ScheduleOverlay.Marker::colour).distinct().count(),
                "all in the root's colour");

        Set<Double> theirs = new HashSet<>();
        for (AnimationTimeline.Hop h : tl.hops()) {
            if (trees.contains(h.tree())) {
                theirs.add(h.start());
                theirs.add(h.end());
            }
        }
        for (int i = 0; i < 6; i++) {
            double before = c.time();
            c.stepForward();
            assertTrue(theirs.contains(c.time()), "step " + i + " lands on an event of the root's trees");
            assertEquals(tl.forTrees(trees).nextEventAfter(before), c.time(), 0);
        }
        double at = c.time();
        c.stepBack();
        assertEquals(tl.forTrees(trees).previousEventBefore(at), c.time(), 0);

        c.select(TreeSelection.ALL);
        assertEquals(markers(tl, c.time()), c.frameProperty().get().markers(), "every tree again");
        assertEquals(hopsOf(allreduce.trees().toArray(ScheduleTree[]::new)),
                new HashSet<>(c.frameProperty().get().treePaths()));
    }

    @Test
    void aSelectionThatDoesNotFitTheScheduleShowsEveryTree() {
        AnimationController c = loaded();
        c.select(selectionOf(Set.of(0, allreduce.trees().size())));
        assertEquals(TreeSelection.ALL, c.selection());
        c.scrub(c.durationProperty().get() / 2);
        assertEquals(markers(c.timeline(), c.time()), c.frameProperty().get().markers());
    }

    @Test
    void theStageLabelChangesAtTheStageBoundary() {
        AnimationController c = loaded();
        double end0 = c.timeline().stageEndTimes().values().iterator().next();
        c.scrub(end0);
        assertEquals("stage 1 of 2: reduce-scatter", c.stageTextProperty().get());
        c.scrub(Math.nextUp(end0) + 1e-12);
        assertEquals("stage 2 of 2: allgather", c.stageTextProperty().get());
        c.scrub(c.durationProperty().get());
        assertEquals("stage 2 of 2: allgather", c.stageTextProperty().get());
    }

    @Test
    void aNewResultResetsAndClearingEmpties() {
        AnimationController c = loaded();
        c.play();
        c.advance(SECOND);
        Schedule allgather = new ForestScheduler(Progress.NONE).schedule(twoBoxes, Collective.ALLGATHER, 0);
        c.setResult(twoBoxes, allgather);
        assertEquals(0, c.time());
        assertFalse(c.playingProperty().get());
        assertFalse(c.activeProperty().get());
        assertEquals(ScheduleOverlay.NONE, c.frameProperty().get());
        assertEquals("stage 1 of 1: allgather", c.stageTextProperty().get());

        c.play();
        c.clear();
        assertNull(c.timeline());
        assertFalse(c.playingProperty().get());
        assertEquals(0, c.durationProperty().get());
        assertEquals("", c.stageTextProperty().get());
        assertEquals(ScheduleOverlay.NONE, c.frameProperty().get());
        c.play();
        c.stepForward();
        c.scrub(1);
        assertFalse(c.activeProperty().get(), "nothing to animate");
    }

    @Test
    void stopReturnsToTheStartAndTheStaticView() {
        AnimationController c = loaded();
        c.play();
        c.advance(SECOND);
        c.stop();
        assertEquals(0, c.time());
        assertFalse(c.activeProperty().get());
        assertEquals(ScheduleOverlay.NONE, c.frameProperty().get());
    }

    /**
     * Frame cost on 2x MI250 (forest allreduce, every tree shown): building the overlay and painting it
     * with Java2D into a 1600x1000 image. Printed, not asserted (the machine is shared).
     */
    @Test
    void frameCostOnTwoMi250() {
        Topology t = TopologyGenerators.mi250(2);
        Schedule s = new ForestScheduler(Progress.NONE).schedule(t, Collective.ALLREDUCE, 0);
        long b0 = System.nanoTime();
        AnimationController c = new AnimationController();
        c.setResult(t, s);
        long buildMs = (System.nanoTime() - b0) / 1_000_000;
        assertNotNull(c.timeline());
        BufferedImage img = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g2 = img.createGraphics();
        Java2dGraphics g = new Java2dGraphics(g2);
        DiagramScene scene = DiagramScene.of(t, DiagramStyle.LIGHT);
        DiagramExport.Page page = DiagramExport.page(scene, ScheduleOverlay.NONE);
        c.play();
        int frames = 240;
        long overlayNanos = 0;
        long paintNanos = 0;
        int markers = 0;
        for (int i = 0; i < frames + 60; i++) {
            long a = System.nanoTime();
            c.advance(1_000_000_000L / 60);
            if (!c.playingProperty().get()) {
                c.play();
            }
            ScheduleOverlay o = c.frameProperty().get();
            long m = System.nanoTime();
            DiagramExport.paint(g, scene, page, o);
            long e = System.nanoTime();
            if (i >= 60) { // after warm-up
                overlayNanos += m - a;
                paintNanos += e - m;
                markers = Math.max(markers, o.markers().size());
            }
        }
        g2.dispose();
        System.out.printf(java.util.Locale.ROOT,
                "animation frame cost, 2x MI250 forest allreduce (%d trees, timeline %d ms, up to %d chunks in"
                        + " flight): overlay %.3f ms + Java2D paint %.3f ms per frame%n",
                s.trees().size(), buildMs, markers, overlayNanos / 1e6 / frames, paintNanos / 1e6 / frames);
    }
}
