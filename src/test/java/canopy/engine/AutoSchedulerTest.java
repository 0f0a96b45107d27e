package canopy.engine;

import canopy.generate.TopologyGenerators;
import canopy.model.Collective;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** auto picks the least modeled time; the shallow trees it may pick are as shallow as the network allows. */
class AutoSchedulerTest {
    private static final long MIB = 1L << 20;

    /** name's schedule of c on t, built for bytes where it chooses by size. */
    static ScheduleResult run(String name, Topology t, Collective c, long bytes) {
        CollectiveScheduler s = Schedulers.get(name);
        CollectiveScheduler.Request r = s.options().contains(CollectiveScheduler.Option.MESSAGE_SIZE)
                ? CollectiveScheduler.Request.ofMessage(bytes) : CollectiveScheduler.Request.DEFAULT;
        return Schedulers.run(s, t, c, r, Progress.NONE, null);
    }

    static Rational time(Topology t, Schedule s, long bytes) {
        return ScheduleAnalyzer.analyze(t, s).timeModel().timeExact(bytes);
    }

    @Test
    void autoIsNeverSlowerThanAnyCandidateAndWithinThreeTimesTheFloorAtOneMiB() {
        for (Topology t : List.of(TopologyGenerators.dgxA100(2, 2, true), TopologyGenerators.fatTree(),
                TopologyGenerators.torus(4, 4, Rational.of(100)), TopologyGenerators.mi250(2, 2, true),
                TopologyGenerators.mi250(2, 2, false))) {
            for (Collective c : List.of(Collective.ALLREDUCE, Collective.ALLGATHER)) {
                for (long bytes : new long[] {MIB, 64 * MIB, 1024 * MIB}) {
                    Schedule auto = run("auto", t, c, bytes).schedule();
                    assertTrue(ScheduleVerifier.verify(t, auto, null).ok());
                    Rational best = time(t, auto, bytes);
                    for (CollectiveScheduler s : Schedulers.ALL) {
                        if (s instanceof AutoScheduler || !s.supports(c)) {
                            continue;
                        }
                        Schedule other = run(s.name(), t, c, bytes).schedule();
                        assertTrue(best.compareTo(time(t, other, bytes)) <= 0,
                                t.name() + " " + c + " " + bytes + ": auto slower than " + s.name());
                    }
                    if (bytes == MIB) {
                        TimeModel m = ScheduleAnalyzer.analyze(t, auto).timeModel();
                        assertTrue(m.ratioToFloor(bytes).compareTo(Rational.of(3)) <= 0,
                                t.name() + " " + c + ": " + m.ratioToFloor(bytes).toDouble() + "× the floor");
                    }
                }
            }
        }
    }

    /**
     * Issue #15: within 3x the floor at 1 MiB on 4x MI250, with and without NIC nodes, where no candidate
     * came within it before the balanced trees (3.003x and 3.496x allgather, 2.928x and 3.099x allreduce),
     * and never slower there than ring or double binary tree.
     */
    @Test
    void autoIsWithinThreeTimesTheFloorAtOneMiBOnFourMi250Boxes() {
        for (boolean nicNodes : new boolean[] {true, false}) {
            Topology t = TopologyGenerators.mi250(4, 2, nicNodes);
            for (Collective c : List.of(Collective.ALLGATHER, Collective.ALLREDUCE)) {
                Schedule auto = run("auto", t, c, MIB).schedule();
                assertTrue(ScheduleVerifier.verify(t, auto, null).ok());
                TimeModel m = ScheduleAnalyzer.analyze(t, auto).timeModel();
                assertTrue(m.ratioToFloor(MIB).compareTo(Rational.of(3)) < 0,
                        t.name() + " " + c + ": " + m.ratioToFloor(MIB).toDouble() + "× the floor");
                for (String baseline : c == Collective.ALLREDUCE ? List.of("ring", "double-binary-tree") : List.of("ring")) {
                    assertTrue(m.timeExact(MIB).compareTo(time(t, run(baseline, t, c, MIB).schedule(), MIB)) <= 0,
                            t.name() + " " + c + ": auto slower than " + baseline);
                }
            }
        }
    }

    @Test
    void autoSaysWhatItChoseAndTakesNoTreeLimit() {
        ScheduleResult r = run("auto", TopologyGenerators.dgxA100(2, 2, true), Collective.ALLREDUCE, MIB);
        assertTrue(r.note().contains("least of: forest"), r.note());
        assertEquals(List.of(BalancedTrees.NAME, "auto"), Schedulers.accepting(CollectiveScheduler.Option.MESSAGE_SIZE));
    }

    /** Every shortest-path tree is as deep as its root's latency eccentricity: the network's minimum. */
    @Test
    void shortestPathTreesAreAsShallowAsTheRootsEccentricity() {
        for (Topology t : List.of(TopologyGenerators.torus(3, 4, Rational.of(100)), TopologyGenerators.fatTree(),
                TopologyGenerators.dgxA100(2, 2, true))) {
            Schedule s = run(ShortestPathTrees.NAME, t, Collective.ALLGATHER, 0).schedule();
            assertTrue(ScheduleVerifier.verify(t, s, null).ok());
            NetworkGraph g = NetworkGraph.of(t);
            TimeModel m = ScheduleAnalyzer.analyze(t, s).timeModel();
            Rational diameter = TimeFloor.diameterUs(g, ScheduleAnalyzer.DEFAULT_LATENCY_US, Progress.NONE);
            Rational deepest = Rational.ZERO;
            for (int i = 0; i < s.trees().size(); i++) {
                ScheduleTree tree = s.trees().get(i);
                assertEquals(t.acceleratorCount() - 1, tree.edges().size());
                deepest = deepest.max(m.treeLatencyUs().get(i));
            }
            assertEquals(diameter, deepest, t.name());
        }
    }
}
