package canopy.engine;

import canopy.generate.TopologyGenerators;
import canopy.model.Collective;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ring baseline builds NCCL's channels: on DGX A100 clusters with NIC nodes (as ForestColl draws
 * them) the figures of hand-built NCCL rings, every NIC carrying one channel each way, boxes left and
 * entered on one rail through different GPUs.
 */
class NcclRingsTest {
    @TempDir
    Path dir;

    static Topology a100Nic(int boxes) {
        return TopologyGenerators.dgxA100(boxes, 2, true);
    }

    @Test
    void dgxA100WithNicNodesReachesNcclRingFigures() throws Exception {
        // 8 channels, each NIC-to-rail link one channel: load (N-1)/N / 8 on 25 GB/s
        Map<Integer, Rational> allgather = Map.of(2, Rational.of(640, 3), 4, Rational.of(6400, 31));
        for (int boxes : new int[] {2, 4}) {
            Topology t = a100Nic(boxes);
            Path topo = dir.resolve("a100x" + boxes + ".json");
            TestJson.writeTopology(t, topo);
            Rational ag = allgather.get(boxes);
            for (Collective c : Collective.values()) {
                Schedule s = RingScheduler.schedule(t, c);
                Rational expected = c == Collective.ALLREDUCE ? ag.divide(Rational.of(2)) : ag;
                assertEquals(expected, s.algbw(), boxes + " boxes " + c);
                BaselineSchedulesTest.assertValid(t, s);
                Path file = dir.resolve("ring-" + boxes + "-" + c.jsonName() + ".schedule.json");
                TestJson.writeSchedule(s, file);
                JsonNode out = TestJson.runPythonVerifier(topo, file, false);
                Assumptions.assumeTrue(out != null, "python3 or verify_schedule.py missing");
                assertTrue(out.path("ok").asBoolean(), boxes + " boxes " + c + ": " + out);
            }
        }
    }

    @Test
    void everyNicCarriesOneChannelEachWayOnOneRail() {
        for (int boxes : new int[] {2, 4}) {
            Topology t = a100Nic(boxes);
            NetworkGraph g = NetworkGraph.of(t);
            AcceleratorRoutes routes = new AcceleratorRoutes(g);
            List<int[]> rings = NcclRings.channels(g, routes);
            assertNotNull(rings);
            assertEquals(8, rings.size());
            Map<String, Integer> out = new HashMap<>();
            Map<String, Integer> in = new HashMap<>();
            for (int[] ring : rings) {
                int n = ring.length;
                for (int k = 0; k < n; k++) {
                    int a = ring[k];
                    int b = ring[(k + 1) % n];
                    String boxA = g.group(routes.node(a));
                    String boxB = g.group(routes.node(b));
                    if (boxA.equals(boxB)) {
                        // inside a box: over the NVSwitch
                        assertEquals(3, routes.path(a, b).size(), routes.path(a, b).toString());
                        continue;
                    }
                    assertTrue(!routes.relayed(a, b));
                    List<String> path = routes.path(a, b); // GPU, NIC, rail, NIC, GPU
                    assertEquals(5, path.size(), path.toString());
                    assertTrue(path.get(2).startsWith("rail"), path.toString());
                    out.merge(path.get(1), 1, Integer::sum);
                    in.merge(path.get(3), 1, Integer::sum);
                    // the channel entered box A through a different GPU than the one it leaves from
                    int entry = k;
                    while (g.group(routes.node(ring[(entry - 1 + n) % n])).equals(boxA)) {
                        entry = (entry - 1 + n) % n;
                    }
                    assertNotEquals(ring[entry], a);
                }
            }
            assertEquals(8 * boxes, out.size(), "every NIC sends: " + out);
            assertEquals(8 * boxes, in.size(), "every NIC receives: " + in);
            out.values().forEach(v -> assertEquals(1, v));
            in.values().forEach(v -> assertEquals(1, v));
        }
    }

    @Test
    void oneNicPerRailPairsChannelsLikeCrossNic2() {
        // DGX H100: 8 rails of one NIC per box; channels in pairs, odd boxes swapped, never across rails
        for (Topology t : new Topology[] {TopologyGenerators.dgxH100(2), TopologyGenerators.dgxH100(4, 8, true)}) {
            NetworkGraph g = NetworkGraph.of(t);
            AcceleratorRoutes routes = new AcceleratorRoutes(g);
            List<int[]> rings = NcclRings.channels(g, routes);
            assertEquals(8, rings.size());
            for (int[] ring : rings) {
                for (int k = 0; k < ring.length; k++) {
                    assertTrue(!routes.relayed(ring[k], ring[(k + 1) % ring.length]), t.name());
                }
            }
            Schedule s = RingScheduler.schedule(t, Collective.ALLGATHER);
            int n = t.acceleratorCount();
            // every NIC one channel each way: 8 × 50 × N / (N − 1)
            assertEquals(Rational.of(400L * n, n - 1), s.algbw(), t.name());
            BaselineSchedulesTest.assertValid(t, s);
        }
    }

    @Test
    void railOptimisedPodsAndMi250() {
        Topology pod = TopologyGenerators.dgxH100Pod(4, 2, 2, Rational.ONE, true);
        assertEquals(Rational.of(12800, 31), RingScheduler.schedule(pod, Collective.ALLGATHER).algbw());
        Topology plainPod = TopologyGenerators.dgxH100Pod(4, 2, 2, Rational.ONE);
        for (Collective c : Collective.values()) {
            BaselineSchedulesTest.assertValid(plainPod, RingScheduler.schedule(plainPod, c));
        }
        // MI250: 16 channels over the Infinity Fabric; was 25600/403 with rotated rings
        Topology mi = TopologyGenerators.mi250(2);
        Schedule s = RingScheduler.schedule(mi, Collective.ALLGATHER);
        assertTrue(s.algbw().compareTo(Rational.of(6400, 31)) >= 0, s.algbw().toString());
        BaselineSchedulesTest.assertValid(mi, s);
    }

    @Test
    void noBoxesNoChannels() {
        Topology torus = TopologyGenerators.torus(3, 3, BaselineSchedulesTest.R100);
        NetworkGraph g = NetworkGraph.of(torus);
        assertEquals(null, NcclRings.channels(g, new AcceleratorRoutes(g)));
        // a fat tree's leaves have no NICs of their own: the single ring, optimal there
        Topology ft = TopologyGenerators.fatTree();
        assertEquals(Rational.of(80, 3), RingScheduler.schedule(ft, Collective.ALLGATHER).algbw());
    }

    @Test
    void thirtyTwoBoxesReachTheNcclFigure() {
        // 32 boxes: 8 channels × 256 roots × 255 edges fits; the bound-near NCCL figure 51200/255
        Topology t = a100Nic(32);
        Schedule s = RingScheduler.schedule(t, Collective.ALLGATHER);
        assertEquals(Rational.of(51200, 255), s.algbw());
        assertTrue(ScheduleVerifier.verify(t, s, null).ok());
    }
}
