package canopy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.generate.TopologyClasses;
import canopy.generate.TopologyGenerators;
import canopy.model.Collective;
import canopy.model.Topology;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Cancel stops every algorithm of the registry in every phase it reports: a run cancelled when a stage
 * is first reported ends with CancelledException instead of a schedule. No timing: the cancel is asked
 * at a point of the run, not after a delay ({@code bench --cancel} measures how fast).
 */
class CancelEveryPhaseTest {
    /** Switches to split (NIC nodes), and a direct network with many ring candidates. */
    private final List<Topology> topologies = List.of(TopologyGenerators.dgxA100(2, 2, true),
            TopologyClasses.torus3d(4, 2, 2, TopologyGenerators.DEFAULT_DIRECT_BW));

    /** Records the stages reported; cancelled from the first report of cancelAt on (never when null). */
    private static final class CancelAtStage implements Progress {
        final Set<String> stages = new LinkedHashSet<>();
        final String cancelAt;
        boolean cancelled;

        CancelAtStage(String cancelAt) {
            this.cancelAt = cancelAt;
        }

        @Override
        public void report(String stage, double fraction) {
            stages.add(stage);
            cancelled |= stage.equals(cancelAt);
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }

    @Test
    void aCancelInAnyReportedPhaseEndsTheRunWithCancelledException() {
        for (Topology t : topologies) {
            for (CollectiveScheduler s : Schedulers.ALL) {
                Collective c = s.supports(Collective.ALLGATHER) ? Collective.ALLGATHER : Collective.ALLREDUCE;
                CollectiveScheduler.Request r = s.options().contains(CollectiveScheduler.Option.MESSAGE_SIZE)
                        ? CollectiveScheduler.Request.ofMessage(1 << 20) : CollectiveScheduler.Request.DEFAULT;
                CancelAtStage whole = new CancelAtStage(null);
                Schedulers.run(s, t, c, r, whole, null);
                String what = s.name() + " " + c + " on " + t.name();
                assertFalse(whole.stages.isEmpty(), what + " reports progress");
                List<String> phases = new ArrayList<>(whole.stages);
                for (String stage : phases) {
                    CancelAtStage p = new CancelAtStage(stage);
                    assertThrows(CancelledException.class, () -> Schedulers.run(s, t, c, r, p, null),
                            what + ", cancelled in " + stage);
                    assertTrue(p.cancelled, what + ": " + stage + " was reported again");
                }
            }
        }
    }

    /**
     * One root of the balanced trees' search at 1,024 accelerators is long work (its first also builds
     * every switch-path DAG): a cancel asked within it stops it there, after progress has moved within
     * it, not when the next root starts.
     */
    @Test
    void aCancelWithinOneRootOfTheBalancedTreesStopsTheSearchThere() {
        NetworkGraph g = NetworkGraph.of(TopologyGenerators.dgxA100(128, 2, true));
        assertEquals(1024, g.acceleratorCount());
        LatencyScale scale = LatencyScale.of(g, ScheduleAnalyzer.DEFAULT_LATENCY_US);
        long[] eccentricity = TimeFloor.eccentricities(g, scale, Progress.NONE);
        for (long at : new long[] {2, 3, 5}) {
            CancelAtCheck p = new CancelAtCheck(at); // the first check is the first root's, before it starts
            List<Double> done = new ArrayList<>();
            assertThrows(CancelledException.class,
                    () -> new BalancedTreeSearch(g, scale).build(eccentricity, 0, 1, p, done::add));
            assertEquals(at, p.checks(), "stopped at the check that said cancelled");
            assertEquals(at - 1, done.size(), "a report before each check within the root: " + done);
            for (double d : done) {
                assertTrue(d > 0 && d < 1.0 / g.acceleratorCount(), "within the first root: " + done);
            }
        }
    }

    /** The accelerators' latency diameter (balanced trees' budgets, every time model's floor): a Dijkstra per accelerator, each after a check. */
    @Test
    void theLatencyEccentricitiesStopBetweenAccelerators() {
        NetworkGraph g = NetworkGraph.of(topologies.get(0));
        LatencyScale scale = LatencyScale.of(g, ScheduleAnalyzer.DEFAULT_LATENCY_US);
        CancelAtCheck whole = new CancelAtCheck(0);
        TimeFloor.eccentricities(g, scale, whole);
        assertEquals(g.acceleratorCount(), whole.checks());
        CancelAtCheck p = new CancelAtCheck(3);
        assertThrows(CancelledException.class, () -> TimeFloor.eccentricities(g, scale, p));
        assertEquals(3, p.checks());
    }

    @Test
    void aRunCancelledBeforeItStartsDoesNoWork() {
        CancelAtStage p = new CancelAtStage(null);
        p.cancelled = true;
        for (CollectiveScheduler s : Schedulers.ALL) {
            Collective c = s.supports(Collective.ALLGATHER) ? Collective.ALLGATHER : Collective.ALLREDUCE;
            assertThrows(CancelledException.class, () -> Schedulers.run(s, topologies.get(0), c,
                    CollectiveScheduler.Request.DEFAULT, p, null), s.name());
        }
        assertTrue(p.stages.isEmpty(), "no stage reported: " + p.stages);
    }

    @Test
    void theAnalysisTheDesignerRunsAfterTheEngineStopsWhenCancelled() {
        Topology t = topologies.get(0);
        canopy.model.Schedule s = Schedulers.run(Schedulers.get("ring"), t, Collective.ALLGATHER,
                CollectiveScheduler.Request.DEFAULT, Progress.NONE, null).schedule();
        CancelAtStage cancelled = new CancelAtStage(null);
        cancelled.cancelled = true;
        assertThrows(CancelledException.class, () -> ScheduleAnalyzer.analyze(t, s, cancelled));
        assertTrue(ScheduleAnalyzer.analyze(t, s, new CancelAtStage(null)).algbw().signum() > 0);
    }
}
