package canopy.engine;

import canopy.generate.TopologyGenerators;
import canopy.model.Collective;
import canopy.model.Schedule;
import canopy.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alpha-beta model's bandwidth term against the chunk-level simulation (AnimationTimeline, which
 * models no latency): the simulation is never faster, and its excess (the pipeline filling, store and
 * forward) shrinks as chunks get smaller. Prints the table the README reports.
 */
class TimeModelVersusSimulationTest {
    @Test
    void simulationIsNeverFasterThanTheBandwidthTermAndApproachesItWithMoreChunks() {
        Topology t = TopologyGenerators.dgxA100(2, 2, true);
        long[] sizes = {1L << 20, 64L << 20, 1L << 30};
        int[] chunks = {1, 8, 64};
        System.out.println("schedule / size / chunks: simulated, model bandwidth term, model total (µs)");
        for (String name : List.of("forest", "ring", "double-binary-tree", "box-entry-trees")) {
            Schedule s = Schedulers.run(Schedulers.get(name), t, Collective.ALLREDUCE,
                    CollectiveScheduler.Request.DEFAULT, Progress.NONE, null).schedule();
            TimeModel m = ScheduleAnalyzer.analyze(t, s).timeModel();
            for (long bytes : sizes) {
                double beta = m.timePerBuffer().toDouble() * bytes / TimeModel.BYTES_PER_GB;
                double previousExcess = Double.MAX_VALUE;
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-20s %6d KiB:", name, bytes >> 10));
                for (int c : chunks) {
                    double simulated = new AnimationTimeline(t, s, c, bytes).duration();
                    assertTrue(simulated >= beta * (1 - 1e-9), name + " " + bytes + " " + c + ": " + simulated + " < " + beta);
                    double excess = simulated - beta;
                    assertTrue(excess <= previousExcess * (1 + 1e-9), name + " " + bytes + ": more chunks, more excess");
                    previousExcess = excess;
                    line.append(String.format(Locale.ROOT, "  %d chunks %.2f", c, simulated * 1e6));
                }
                line.append(String.format(Locale.ROOT, "  | beta %.2f, model %.2f", beta * 1e6, m.timeSeconds(bytes) * 1e6));
                System.out.println(line);
            }
        }
    }
}
