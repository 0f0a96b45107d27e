package canopy.engine;

import canopy.generate.TopologyGenerators;
import canopy.model.Collective;
import canopy.model.Schedule;
import canopy.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry: every algorithm through one call, the bound filled in, rules checked in one place. */
class SchedulersTest {
    private final Topology dgx = TopologyGenerators.dgxA100(2);

    @Test
    void everyRegisteredAlgorithmBuildsAVerifiedScheduleWithItsBound() {
        Bounds bounds = Bounds.of(dgx);
        assertEquals(Schedulers.ALL.size(), new HashSet<>(Schedulers.names()).size(), "names are unique");
        for (CollectiveScheduler a : Schedulers.ALL) {
            for (Collective c : a.collectives()) {
                Schedule s = Schedulers.run(a, dgx, c, CollectiveScheduler.Request.DEFAULT, Progress.NONE, null)
                        .schedule();
                assertEquals(c, s.collective());
                assertEquals(bounds.of(c), s.bound(), a.name() + " " + c);
                assertEquals(bounds.cutOf(c).cut(), s.bottleneckCut(), a.name() + " " + c);
                assertTrue(ScheduleVerifier.verify(dgx, s, null).ok(), a.name() + " " + c);
                assertTrue(s.algbw().compareTo(s.bound()) <= 0);
            }
        }
    }

    @Test
    void unsupportedCollectivesAndOptionsAreRefusedWithOneMessage() {
        CollectiveScheduler dbt = Schedulers.get("double-binary-tree");
        assertEquals("double-binary-tree schedules allreduce only, not allgather",
                Schedulers.unsupported(dbt, Collective.ALLGATHER));
        assertNull(Schedulers.unsupported(dbt, Collective.ALLREDUCE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedulers.run(dbt, dgx,
                Collective.ALLGATHER, CollectiveScheduler.Request.DEFAULT, Progress.NONE, null));
        assertEquals("double-binary-tree schedules allreduce only, not allgather", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Schedulers.run(Schedulers.get("ring"), dgx,
                Collective.ALLGATHER, new CollectiveScheduler.Request(2, 0), Progress.NONE, null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Schedulers.get("bogus")).getMessage()
                .startsWith("'bogus' is not an algorithm; expected forest, ring"));
        assertEquals(List.of("forest"), Schedulers.accepting(CollectiveScheduler.Option.MAX_TREES_PER_ROOT));
    }

    @Test
    void baselinesReportProgressAndStopWhenCancelled() {
        for (String name : List.of("ring", "double-binary-tree")) {
            AtomicInteger reports = new AtomicInteger();
            Progress cancelAfterFirstReport = new Progress() {
                @Override
                public void report(String stage, double fraction) {
                    reports.incrementAndGet();
                }

                @Override
                public boolean isCancelled() {
                    return reports.get() > 0;
                }
            };
            assertThrows(CancelledException.class, () -> Schedulers.run(Schedulers.get(name), dgx,
                    Collective.ALLREDUCE, CollectiveScheduler.Request.DEFAULT, cancelAfterFirstReport, null), name);
            assertEquals(1, reports.get(), name + " stops at the first check after the report");
        }
    }
}
