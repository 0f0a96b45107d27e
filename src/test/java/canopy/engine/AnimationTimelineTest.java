package canopy.engine;

import canopy.io.TopologyJson;
import canopy.model.Collective;
import canopy.model.Direction;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnimationTimelineTest {
    static Topology twoBoxes;

    @BeforeAll
    static void read() throws Exception {
        twoBoxes = TopologyJson.read(Path.of("sample-topologies", "two-boxes.json"));
    }

    /** Simulated stage time / LinkLoads' stage time, per stage. */
    static Map<Integer, Double> ratios(Topology t, Schedule s, int chunks) {
        AnimationTimeline tl = new AnimationTimeline(t, s, chunks);
        LinkLoads loads = new LinkLoads(NetworkGraph.of(t), s);
        Map<Integer, Double> r = new HashMap<>();
        tl.stageDurations().forEach((stage, d) -> r.put(stage, d / loads.stageTime(stage).toDouble()));
        return r;
    }

    static void assertConverges(Topology t, Schedule s) {
        Map<Integer, Double> r32 = ratios(t, s, 32);
        for (Map.Entry<Integer, Double> e : r32.entrySet()) {
            // never faster than the bottleneck links allow; within 10 % of it at 32 chunks
            assertTrue(e.getValue() >= 1 - 1e-9, s.algorithm() + " stage " + e.getKey() + ": " + e.getValue());
            assertTrue(e.getValue() <= 1.10, s.algorithm() + " stage " + e.getKey() + ": " + e.getValue());
        }
        Map<Integer, Double> r1 = ratios(t, s, 1);
        Map<Integer, Double> r4 = ratios(t, s, 4);
        for (int stage : r32.keySet()) {
            assertTrue(r32.get(stage) <= r4.get(stage) + 1e-9 && r4.get(stage) <= r1.get(stage) + 1e-9,
                    s.algorithm() + " stage " + stage + ": 1, 4, 32 chunks " + r1.get(stage) + ", "
                            + r4.get(stage) + ", " + r32.get(stage));
        }
    }

    @Test
    void forestStagesConvergeToTheLinkLoadStageTimes() {
        for (Collective c : Collective.values()) {
            assertConverges(twoBoxes, new ForestScheduler().schedule(twoBoxes, c));
        }
    }

    @Test
    void ringStagesConvergeToTheLinkLoadStageTimes() {
        for (Collective c : Collective.values()) {
            assertConverges(twoBoxes, RingScheduler.schedule(twoBoxes, c));
        }
    }

    @Test
    void doubleBinaryTreeConvergesWithItsBroadcastsWaitingForTheReduces() {
        // reduce and broadcast trees share stage 0; each broadcast chunk waits for its reduce at the root
        assertConverges(twoBoxes, DoubleBinaryTreeScheduler.schedule(twoBoxes));
    }

    @Test
    void durationIsTheSumOfTheStagesAndScalesWithTheBuffer() {
        Schedule s = new ForestScheduler().schedule(twoBoxes, Collective.ALLREDUCE);
        AnimationTimeline tl = new AnimationTimeline(twoBoxes, s, 8);
        double sum = tl.stageDurations().values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(tl.duration(), sum, 1e-12);
        assertEquals(2, tl.stageEndTimes().size());
        AnimationTimeline big = new AnimationTimeline(twoBoxes, s, 8, 4 * AnimationTimeline.DEFAULT_BYTES);
        assertEquals(4 * tl.duration(), big.duration(), 1e-9 * big.duration());
    }

    @Test
    void markersOnlyOnUsedLinksAndNoneAtTheEnds() {
        for (Schedule s : List.of(new ForestScheduler().schedule(twoBoxes, Collective.ALLREDUCE),
                RingScheduler.schedule(twoBoxes, Collective.ALLGATHER), DoubleBinaryTreeScheduler.schedule(twoBoxes))) {
            Set<String> used = new HashSet<>();
            for (ScheduleTree t : s.trees()) {
                for (TreeEdge e : t.edges()) {
                    for (int i = 0; i + 1 < e.path().size(); i++) {
                        used.add(e.path().get(i) + "->" + e.path().get(i + 1));
                    }
                }
            }
            AnimationTimeline tl = new AnimationTimeline(twoBoxes, s, 4);
            assertTrue(tl.markersAt(0).isEmpty());
            assertTrue(tl.markersAt(tl.duration()).isEmpty());
            int seen = 0;
            for (int k = 1; k < 200; k++) {
                double time = tl.duration() * k / 200;
                for (AnimationTimeline.Chunk m : tl.markersAt(time)) {
                    assertTrue(used.contains(m.from() + "->" + m.to()), m.toString());
                    assertTrue(m.progress() >= 0 && m.progress() <= 1);
                    assertTrue(m.colour() >= 0 && m.colour() < twoBoxes.acceleratorCount());
                    seen++;
                }
            }
            assertTrue(seen > 0, s.algorithm() + ": something moves");
        }
    }

    @Test
    void everyLinkServesOneChunkAtATime() {
        Schedule s = RingScheduler.schedule(twoBoxes, Collective.ALLREDUCE);
        AnimationTimeline tl = new AnimationTimeline(twoBoxes, s, 4);
        Map<String, Double> free = new HashMap<>();
        for (AnimationTimeline.Hop h : tl.hops()) { // by start
            String arc = h.from() + "->" + h.to();
            assertTrue(h.start() >= free.getOrDefault(arc, 0.0) - 1e-12, h.toString());
            free.put(arc, h.end());
        }
        assertEquals(s.trees().stream().mapToInt(t -> t.edges().stream().mapToInt(e -> e.path().size() - 1).sum())
                .sum() * 4, tl.hops().size());
    }

    @Test
    void anInTreeVertexSendsOnlyAfterAllItsChildrenArrived() {
        for (Schedule s : List.of(new ForestScheduler().schedule(twoBoxes, Collective.REDUCE_SCATTER),
                RingScheduler.schedule(twoBoxes, Collective.REDUCE_SCATTER), DoubleBinaryTreeScheduler.schedule(twoBoxes))) {
            AnimationTimeline tl = new AnimationTimeline(twoBoxes, s, 4);
            // (tree, edge, chunk) -> arrival at the edge's to; (tree, edge, chunk) -> departure from its from
            Map<List<Integer>, Double> arrival = new HashMap<>();
            Map<List<Integer>, Double> departure = new HashMap<>();
            for (AnimationTimeline.Hop h : tl.hops()) {
                TreeEdge e = s.trees().get(h.tree()).edges().get(h.edge());
                if (h.hop() == e.path().size() - 2) {
                    arrival.put(List.of(h.tree(), h.edge(), h.chunk()), h.end());
                }
                if (h.hop() == 0) {
                    departure.put(List.of(h.tree(), h.edge(), h.chunk()), h.start());
                }
            }
            int checked = 0;
            for (int ti = 0; ti < s.trees().size(); ti++) {
                ScheduleTree t = s.trees().get(ti);
                if (t.direction() != Direction.IN) {
                    continue;
                }
                for (int ei = 0; ei < t.edges().size(); ei++) {
                    for (int ci = 0; ci < t.edges().size(); ci++) {
                        if (!t.edges().get(ci).to().equals(t.edges().get(ei).from())) {
                            continue;
                        }
                        for (int c = 0; c < 4; c++) {
                            assertTrue(departure.get(List.of(ti, ei, c)) >= arrival.get(List.of(ti, ci, c)),
                                    "tree " + ti + " edge " + ei + " chunk " + c);
                            checked++;
                        }
                    }
                }
            }
            assertTrue(checked > 0, s.algorithm());
        }
    }

    @Test
    void stepsVisitEveryEventInOrder() {
        Schedule s = new ForestScheduler().schedule(twoBoxes, Collective.ALLGATHER);
        AnimationTimeline tl = new AnimationTimeline(twoBoxes, s, 2);
        assertEquals(0.0, tl.nextEventAfter(-1), 0.0);
        double t = -1;
        int steps = 0;
        int events = 0;
        while (true) {
            double next = tl.nextEventAfter(t);
            if (Double.isNaN(next)) {
                break;
            }
            assertTrue(next > t);
            List<AnimationTimeline.Event> ev = tl.eventsBetween(t, next);
            assertFalse(ev.isEmpty());
            events += ev.size();
            if (steps > 0) {
                assertEquals(t, tl.previousEventBefore(next), 0.0);
            }
            t = next;
            steps++;
        }
        assertEquals(tl.duration(), t, 0.0);
        assertEquals(2 * tl.hops().size(), events);
        assertTrue(steps > 1);
        assertEquals(2 * tl.hops().size(), tl.eventsBetween(-1, tl.duration()).size());
    }

    /** The indices of the schedule's trees rooted at each accelerator, by root. */
    static Map<String, Set<Integer>> treesByRoot(Schedule s) {
        Map<String, Set<Integer>> byRoot = new HashMap<>();
        for (int i = 0; i < s.trees().size(); i++) {
            byRoot.computeIfAbsent(s.trees().get(i).root(), r -> new TreeSet<>()).add(i);
        }
        return byRoot;
    }

    /** The chunks of these trees in flight at time, straight from every hop. */
    static List<AnimationTimeline.Chunk> chunksOf(AnimationTimeline tl, Set<Integer> trees, double time) {
        List<AnimationTimeline.Chunk> expected = new ArrayList<>();
        for (AnimationTimeline.Hop h : tl.inFlight(time)) {
            if (trees.contains(h.tree())) {
                double p = (time - h.start()) / (h.end() - h.start());
                expected.add(new AnimationTimeline.Chunk(h.from(), h.to(), p, h.colour()));
            }
        }
        return expected;
    }

    @Test
    void someTreesMarkersAreTheirChunksInFlightAndTheRootsAddUpToAll() {
        Schedule s = new ForestScheduler().schedule(twoBoxes, Collective.ALLREDUCE);
        AnimationTimeline tl = new AnimationTimeline(twoBoxes, s, 4);
        Map<String, Set<Integer>> byRoot = treesByRoot(s);
        assertTrue(byRoot.values().stream().allMatch(trees -> trees.size() > 1), "every root has several trees");
        int alone = 0;
        int together = 0;
        for (int k = 1; k < 100; k++) {
            double time = tl.duration() * k / 100;
            assertEquals(tl.markersAt(time), tl.forAllTrees().markersAt(time));
            for (int tree = 0; tree < s.trees().size(); tree++) {
                assertEquals(chunksOf(tl, Set.of(tree), time), tl.forTrees(Set.of(tree)).markersAt(time),
                        "tree " + tree + " at " + time);
            }
            int sum = 0;
            for (Map.Entry<String, Set<Integer>> root : byRoot.entrySet()) {
                List<AnimationTimeline.Chunk> mine = tl.forTrees(root.getValue()).markersAt(time);
                assertEquals(chunksOf(tl, root.getValue(), time), mine, root.getKey() + " at " + time);
                sum += mine.size();
                if (!mine.isEmpty() && mine.size() < tl.markersAt(time).size()) {
                    alone++;
                }
                long movingTrees = tl.forTrees(root.getValue()).inFlight(time).stream()
                        .map(AnimationTimeline.Hop::tree).distinct().count();
                if (movingTrees > 1) {
                    together++;
                }
            }
            assertEquals(tl.markersAt(time).size(), sum, "every chunk belongs to one root");
        }
        assertTrue(alone > 0, "a root's chunks are fewer than all while other roots' trees move too");
        assertTrue(together > 0, "several trees of one root move at once");
    }

    @Test
    void someTreesStepsVisitTheirEventsOnlyInOrder() {
        Schedule s = new ForestScheduler().schedule(twoBoxes, Collective.ALLREDUCE);
        AnimationTimeline tl = new AnimationTimeline(twoBoxes, s, 2);
        List<Set<Integer>> selections = new ArrayList<>(treesByRoot(s).values());
        for (int tree = 0; tree < s.trees().size(); tree++) {
            selections.add(Set.of(tree));
        }
        for (Set<Integer> trees : selections) {
            TreeSet<Double> theirs = new TreeSet<>();
            for (AnimationTimeline.Hop h : tl.hops()) {
                if (trees.contains(h.tree())) {
                    theirs.add(h.start());
                    theirs.add(h.end());
                }
            }
            AnimationTimeline.TreeHops hops = tl.forTrees(trees);
            List<Double> forward = new ArrayList<>();
            for (double t = hops.nextEventAfter(-1); !Double.isNaN(t); t = hops.nextEventAfter(t)) {
                forward.add(t);
            }
            assertEquals(new ArrayList<>(theirs), forward, "trees " + trees + " forward");
            List<Double> back = new ArrayList<>();
            double after = tl.duration() + 1;
            for (double t = hops.previousEventBefore(after); !Double.isNaN(t); t = hops.previousEventBefore(t)) {
                back.add(t);
            }
            assertEquals(new ArrayList<>(theirs.descendingSet()), back, "trees " + trees + " back");
        }
        double t = tl.duration() / 3;
        assertEquals(tl.nextEventAfter(t), tl.forAllTrees().nextEventAfter(t), 0.0);
        assertEquals(tl.previousEventBefore(t), tl.forAllTrees().previousEventBefore(t), 0.0);
        assertTrue(tl.forTrees(Set.of()).hops().isEmpty());
        assertTrue(Double.isNaN(tl.forTrees(Set.of()).nextEventAfter(-1)), "no trees, no events");
    }

    /**
     * The construction checks the cancel as it sets up and simulates the crossings, once per
     * CHECK_EVERY of them, reporting how far it is; a cancel stops it at the next check.
     */
    @Test
    void aCancelStopsTheConstructionAtItsNextCheck() {
        Schedule s = new ForestScheduler().schedule(twoBoxes, Collective.ALLREDUCE);
        int chunks = 512;
        long crossings = (long) chunks * s.trees().stream()
                .mapToInt(t -> t.edges().stream().mapToInt(e -> e.path().size() - 1).sum()).sum();
        assertTrue(crossings > 8 * AnimationTimeline.CHECK_EVERY, crossings + " crossings");

        CancelAtCheck whole = new CancelAtCheck(0);
        AnimationTimeline tl = new AnimationTimeline(twoBoxes, s, chunks, AnimationTimeline.DEFAULT_BYTES, whole);
        assertEquals(crossings, tl.hops().size());
        // set up and landed: each crossing counted twice, a check per CHECK_EVERY (and one before, two after)
        assertTrue(whole.checks() >= 2 * crossings / AnimationTimeline.CHECK_EVERY, whole.checks() + " checks");
        List<Double> simulated = whole.reports().stream().filter(r -> r.stage().equals(AnimationTimeline.SIMULATING))
                .map(CancelAtCheck.Report::fraction).toList();
        assertFalse(simulated.isEmpty(), "the simulation reports how far it is");
        assertTrue(simulated.get(simulated.size() - 1) > 0.9 && simulated.get(simulated.size() - 1) <= 1, "" + simulated);
        assertTrue(whole.reports().stream().anyMatch(r -> r.stage().equals(AnimationTimeline.SETTING_UP)));

        for (long at : new long[] {2, whole.checks() / 2, whole.checks() - 1}) {
            CancelAtCheck p = new CancelAtCheck(at);
            assertThrows(CancelledException.class,
                    () -> new AnimationTimeline(twoBoxes, s, chunks, AnimationTimeline.DEFAULT_BYTES, p));
            assertEquals(at, p.checks(), "stopped at the check that said cancelled");
        }
    }

    @Test
    void rejectsNonsense() {
        Schedule s = RingScheduler.schedule(twoBoxes, Collective.ALLGATHER);
        assertThrows(IllegalArgumentException.class, () -> new AnimationTimeline(twoBoxes, s, 0));
        assertThrows(IllegalArgumentException.class, () -> new AnimationTimeline(twoBoxes, s, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new AnimationTimeline(twoBoxes, s, 10_000_000));
    }
}
