package canopy.engine;

import canopy.generate.TopologyGenerators;
import canopy.model.Collective;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The alpha-beta model: pipelined stages pay in and out, the floor, and agreement with time_model.py. */
class TimeModelTest {
    static final Path TIME_MODEL_PY = TestJson.VERIFY_PY.resolveSibling("time_model.py");
    private static final long[] SIZES = {1024, 1L << 20, 64L << 20, 1L << 30};

    @TempDir
    Path dir;

    @Test
    void aStageThatReducesAndBroadcastsPaysTheDeepestOfEachAdded() {
        Topology t = TopologyGenerators.dgxA100(4, 2, true);
        Schedule s = DoubleBinaryTreeScheduler.schedule(t);
        TimeModel m = ScheduleAnalyzer.analyze(t, s).timeModel();
        Rational in = Rational.ZERO;
        Rational out = Rational.ZERO;
        for (int i = 0; i < s.trees().size(); i++) {
            boolean reducing = s.trees().get(i).phase().direction() == canopy.model.Direction.IN;
            if (reducing) {
                in = in.max(m.treeLatencyUs().get(i));
            } else {
                out = out.max(m.treeLatencyUs().get(i));
            }
        }
        assertTrue(in.signum() > 0 && out.signum() > 0);
        assertEquals(in.add(out), m.stageLatencyUs().get(0));
    }

    @Test
    void parallelLinksTakeTheSmallerLatencyAndTheFloorIsTheDiameterPerStagePlusTheBound() {
        List<Node> nodes = List.of(Node.accelerator("a"), Node.accelerator("b"));
        List<Link> links = List.of(new Link("a", "b", Rational.of(10), true, 5.0),
                new Link("a", "b", Rational.of(10), true, 2.0));
        Topology t = new Topology("pair", null, nodes, links);
        Schedule s = Schedulers.run(Schedulers.get("ring"), t, Collective.ALLREDUCE,
                CollectiveScheduler.Request.DEFAULT, Progress.NONE, null).schedule();
        TimeModel m = ScheduleAnalyzer.analyze(t, s).timeModel();
        assertEquals(Rational.of(2), m.treeLatencyUs().get(0));
        TimeFloor f = m.floor();
        assertEquals(Rational.of(2), f.diameterUs());
        assertEquals(2, f.stages());
        // bound: allgather 20 × 2 / 1... whatever it is, M / bound + 2 × 2 µs
        long bytes = 1L << 20;
        assertEquals(Rational.of(4, 1_000_000).add(Rational.of(bytes, 1_000_000_000).divide(s.bound())),
                f.secondsExact(bytes));
    }

    /** Java and the independent Python model agree on every schedule's time and floor. */
    @Test
    void agreesWithTimeModelPy() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(TIME_MODEL_PY), "time_model.py missing");
        List<Topology> topologies = List.of(TopologyGenerators.dgxA100(2, 2, true), TopologyGenerators.mi250(1),
                TopologyGenerators.fatTree(), TopologyGenerators.torus(3, 3, Rational.of(100)));
        int checked = 0;
        for (Topology t : topologies) {
            Path topo = dir.resolve("topo.json");
            canopy.io.TopologyJson.write(t, topo); // with latency_us, which TestJson's writer drops
            for (CollectiveScheduler a : Schedulers.ALL) {
                if (a instanceof AutoScheduler) {
                    continue; // its schedule is one of the others'
                }
                for (Collective c : a.collectives()) {
                    Schedule s = Schedulers.run(a, t, c, CollectiveScheduler.Request.DEFAULT, Progress.NONE, null)
                            .schedule();
                    Path file = dir.resolve("s.schedule.json");
                    TestJson.writeSchedule(s, file);
                    JsonNode py = runTimeModel(topo, file);
                    Assumptions.assumeTrue(py != null, "python3 missing");
                    TimeModel m = ScheduleAnalyzer.analyze(t, s).timeModel();
                    for (long b : SIZES) {
                        JsonNode row = py.get(Long.toString(b));
                        String what = t.name() + " " + a.name() + " " + c + " " + b;
                        assertEquals(row.get("t").asDouble(), m.timeSeconds(b), 1e-9 * row.get("t").asDouble(), what);
                        assertEquals(row.get("lb").asDouble(), m.floor().seconds(b), 1e-9 * row.get("lb").asDouble(),
                                what);
                    }
                    checked++;
                }
            }
        }
        assertTrue(checked >= 4 * 13, "checked " + checked);
    }

    static JsonNode runTimeModel(Path topo, Path sched) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("python3", TIME_MODEL_PY.toString(), topo.toString(), sched.toString()));
        for (long b : SIZES) {
            cmd.add(Long.toString(b));
        }
        Process proc;
        try {
            proc = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            return null;
        }
        String out = new String(proc.getInputStream().readAllBytes());
        String err = new String(proc.getErrorStream().readAllBytes());
        assertEquals(0, proc.waitFor(), err);
        return new ObjectMapper().readTree(out);
    }
}
