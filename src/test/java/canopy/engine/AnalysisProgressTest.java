package canopy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.generate.TopologyGenerators;
import canopy.model.Collective;
import canopy.model.Schedule;
import canopy.model.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The analysis of a schedule reports how far it is in each of its loops (link loads, trees per link,
 * tree latencies by trees; the latency floor by accelerators), so the designer's bar moves during it.
 */
class AnalysisProgressTest {
    /** Every report, per stage in the order first seen. */
    private static final class Recording implements Progress {
        final Map<String, List<Double>> fractions = new LinkedHashMap<>();

        @Override
        public void report(String stage, double fraction) {
            fractions.computeIfAbsent(stage, k -> new ArrayList<>()).add(fraction);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }

    @Test
    void everyLoopOfTheAnalysisReportsRisingFractions() {
        Topology t = TopologyGenerators.dgxA100(2);
        CollectiveScheduler forest = Schedulers.get("forest");
        Schedule s = Schedulers.run(forest, t, Collective.ALLREDUCE, CollectiveScheduler.Request.DEFAULT,
                Progress.NONE, null).schedule();
        assertTrue(s.bound() != null && s.trees().size() > 2, "a forest with its bound: " + s.trees().size());

        Recording recording = new Recording();
        ScheduleAnalyzer.Analysis analysis = ScheduleAnalyzer.analyze(t, s, recording.within("analysing"));
        ScheduleAnalyzer.Analysis quiet = ScheduleAnalyzer.analyze(t, s);
        assertEquals(quiet.links(), analysis.links(), "the same analysis, reported or not");
        assertEquals(quiet.timeModel().timeExact(1L << 30), analysis.timeModel().timeExact(1L << 30));

        assertEquals(List.of("analysing: " + LinkLoads.STAGE, "analysing: " + ScheduleAnalyzer.COUNTING_TREES,
                "analysing: " + TimeModel.STAGE, "analysing: " + TimeFloor.STAGE),
                List.copyOf(recording.fractions.keySet()));
        recording.fractions.forEach((stage, f) -> {
            assertTrue(f.size() >= 2, stage + ": " + f);
            for (int i = 0; i < f.size(); i++) {
                assertTrue(f.get(i) >= 0 && f.get(i) < 1, stage + ": " + f);
                assertTrue(i == 0 || f.get(i) > f.get(i - 1), stage + " rises: " + f);
            }
        });
    }
}
