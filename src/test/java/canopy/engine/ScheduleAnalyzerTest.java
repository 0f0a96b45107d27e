package canopy.engine;

import canopy.generate.TopologyGenerators;
import canopy.model.Collective;
import canopy.model.Direction;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleAnalyzerTest {
    /** a <-> s at 100, b <-> s at 50, no latencies given. */
    private static Topology star() {
        return new Topology("star", "GB/s",
                List.of(Node.accelerator("a"), Node.accelerator("b"), Node.switchNode("s")),
                List.of(Link.duplex("a", "s", Rational.of(100)), Link.duplex("b", "s", Rational.of(50))));
    }

    /** Allgather by hand: each root sends its whole shard over the switch. */
    private static Schedule starAllgather() {
        List<ScheduleTree> trees = List.of(
                new ScheduleTree("a", Phase.ALLGATHER, 0, Direction.OUT, Rational.ONE,
                        List.of(new TreeEdge("a", "b", List.of("a", "s", "b")))),
                new ScheduleTree("b", Phase.ALLGATHER, 0, Direction.OUT, Rational.ONE,
                        List.of(new TreeEdge("b", "a", List.of("b", "s", "a")))));
        return new Schedule(Collective.ALLGATHER, "hand", "star", 2, Rational.of(100), null, List.of(), trees);
    }

    private static ScheduleAnalyzer.LinkUse link(ScheduleAnalyzer.Analysis an, String from, String to) {
        return an.links().stream().filter(l -> l.from().equals(from) && l.to().equals(to)).findFirst().orElseThrow();
    }

    @Test
    void loadsUtilisationAndBottlenecksByHand() {
        Topology t = star();
        Schedule s = starAllgather();
        assertTrue(ScheduleVerifier.verify(t, s, null).ok());
        ScheduleAnalyzer.Analysis an = ScheduleAnalyzer.analyze(t, s);
        // every arc carries share / N = 1/2 of the buffer; the 50 GB/s arcs take 1/100 per unit of M
        assertEquals(4, an.links().size());
        ScheduleAnalyzer.LinkUse as = link(an, "a", "s");
        assertEquals(Rational.of(100), as.bandwidth());
        assertEquals(Map.of(0, Rational.of(1, 2)), as.loadByStage());
        assertEquals(Map.of(0, Rational.of(1, 2)), as.utilisationByStage());
        assertEquals(1, as.trees());
        assertFalse(as.bottleneck());
        ScheduleAnalyzer.LinkUse sb = link(an, "s", "b");
        assertEquals(Map.of(0, Rational.ONE), sb.utilisationByStage());
        assertTrue(sb.bottleneck());
        assertEquals(Map.of(0, Rational.of(1, 100)), an.stageTime());
        assertEquals(Rational.of(100), an.algbw());
        assertEquals(100.0, an.algbwValue());
        assertEquals(Rational.of(50), an.busBandwidth()); // × (N-1)/N = 1/2
        assertEquals(2, an.bottlenecks().size());
        assertEquals(java.util.Set.of("s->b", "b->s"),
                an.bottlenecks().stream().map(b -> b.from() + "->" + b.to()).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void timeModelByHand() {
        Topology t = star();
        Schedule s = starAllgather();
        // no latency_us in the file: the default, 1 µs per link, two links deep
        TimeModel m = ScheduleAnalyzer.analyze(t, s).timeModel();
        assertEquals(List.of(Rational.of(2), Rational.of(2)), m.treeLatencyUs());
        assertEquals(List.of(2, 2), m.treeDepthHops());
        assertEquals(Rational.of(2, 1_000_000), m.latencySeconds());
        // 1e9 bytes: 2 µs + 1 GB / 100 GB/s
        assertEquals(Rational.of(2, 1_000_000).add(Rational.of(1, 100)), m.timeExact(1_000_000_000L));
        assertEquals(0.010002, m.timeSeconds(1_000_000_000L), 1e-15);
        TimeModel slow = ScheduleAnalyzer.analyze(t, s, 2.5).timeModel();
        assertEquals(Rational.of(5, 1_000_000), slow.latencySeconds());
        // algbw at size approaches the bandwidth-only algbw from below
        List<TimeModel.SizeRow> rows = m.table();
        assertEquals(12, rows.size());
        assertEquals(1024L, rows.get(0).bytes());
        assertEquals(4L << 30, rows.get(11).bytes());
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i).algbw() > rows.get(i - 1).algbw());
            assertTrue(rows.get(i).algbw() < 100.0);
            assertEquals(rows.get(i).algbw() / 2, rows.get(i).busBandwidth(), 1e-9);
        }
        assertEquals(m.algbwAt(4L << 30), rows.get(11).algbw());
    }

    @Test
    void oneWayRingWithLatencies() {
        // 4 GPUs, one-way ring of 100 GB/s links of 0.5 µs: ring allgather paths are 3 links deep
        Topology t = TopologyGenerators.ring(4, Rational.of(100), false);
        t = t.withLinks(t.links().stream().map(l -> l.withLatency(0.5)).toList());
        Schedule s = RingScheduler.schedule(t, Collective.ALLGATHER);
        ScheduleAnalyzer.Analysis an = ScheduleAnalyzer.analyze(t, s);
        assertEquals(Rational.of(400, 3), an.algbw());
        assertEquals(Rational.of(100), an.busBandwidth());
        for (ScheduleAnalyzer.LinkUse l : an.links()) {
            assertEquals(Rational.of(3, 4), l.loadByStage().get(0));
            assertEquals(Rational.ONE, l.utilisationByStage().get(0));
            assertEquals(3, l.trees());
            assertTrue(l.bottleneck());
        }
        TimeModel m = an.timeModel();
        assertEquals(Map.of(0, Rational.of(3, 2)), m.stageLatencyUs());
        // 4 MB: 1.5 µs + 0.004 GB × 3/400 s/GB = 63/2,000,000 s
        assertEquals(Rational.of(63, 2_000_000), m.timeExact(4_000_000));
    }

    @Test
    void allreduceStagesAddAndBusBandwidthDoubles() {
        Topology t = TopologyGenerators.ring(4, Rational.of(100), false);
        ScheduleAnalyzer.Analysis an = ScheduleAnalyzer.analyze(t, RingScheduler.schedule(t, Collective.ALLREDUCE));
        assertEquals(Map.of(0, Rational.of(3, 400), 1, Rational.of(3, 400)), an.stageTime());
        assertEquals(Rational.of(200, 3), an.algbw());
        assertEquals(Rational.of(100), an.busBandwidth()); // × 2(N-1)/N = 3/2
        assertEquals(8, an.bottlenecks().size());
        // the generator gives every link 1 µs: three links deep per stage
        assertEquals(Map.of(0, Rational.of(3), 1, Rational.of(3)), an.timeModel().stageLatencyUs());
    }
}
