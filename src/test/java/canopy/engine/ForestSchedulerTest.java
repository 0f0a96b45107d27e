package canopy.engine;

import canopy.model.Collective;
import canopy.model.Schedule;
import canopy.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ForestSchedulerTest {

    @Test
    void forestReachesTheBoundOnRandomGraphs() {
        Random rnd = new Random(7);
        for (int i = 0; i < 150; i++) {
            Topology t = RandomTopologies.random(rnd, 6, 3);
            NetworkGraph g = NetworkGraph.of(t);
            for (Collective c : Collective.values()) {
                Schedule s; try { s = new ForestScheduler().schedule(t, c); } catch (RuntimeException ex) { throw new AssertionError("graph " + i + " " + c + " " + t.nodes().stream().map(x -> x.id()).toList() + " " + t.links().stream().map(l -> l.describe() + ":" + l.bandwidth()).toList(), ex); }
                assertEquals(s.bound(), s.algbw(), "graph " + i + " " + c);
                assertEquals(s.algbw(), new LinkLoads(g, s).algbw());
                SpanningCheck.assertValid(g, s);
            }
        }
    }

    /**
     * The forest's trees share one edge object per physical path, in both phases of an allreduce:
     * at 4,096 accelerators a forest has 17 million edges over some ten thousand paths, and one
     * object per edge did not fit a 2 GB heap.
     */
    @Test
    void treesShareOneEdgePerPath() {
        Topology t = canopy.generate.TopologyGenerators.dgxA100(4);
        Schedule s = new ForestScheduler().schedule(t, Collective.ALLREDUCE);
        java.util.Map<java.util.List<String>, canopy.model.TreeEdge> first = new java.util.HashMap<>();
        long edges = 0;
        for (canopy.model.ScheduleTree tree : s.trees()) {
            for (canopy.model.TreeEdge e : tree.edges()) {
                edges++;
                canopy.model.TreeEdge seen = first.putIfAbsent(e.path(), e);
                org.junit.jupiter.api.Assertions.assertSame(seen == null ? e : seen, e, "edge along " + e.path());
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(edges > 4 * first.size(), edges + " edges, " + first.size() + " paths");
    }

    /**
     * The packing's progress moves while a batch of widest trees is built, not only when it is kept:
     * on a 1,024-GPU pod the whole packing is one batch, and the designer's bar sat at 0 for seconds
     * and then jumped to 1.
     */
    @Test
    void packingProgressMovesWithinABatch() {
        Topology t = canopy.generate.TopologyGenerators.dgxA100(8);
        List<Double> packing = new java.util.ArrayList<>();
        Progress recording = new Progress() {
            @Override
            public void report(String stage, double fraction) {
                if (stage.equals("packing trees")) {
                    packing.add(fraction);
                }
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        new ForestScheduler(recording, false).schedule(t, Collective.ALLGATHER);
        long between = packing.stream().filter(f -> f > 0.1 && f < 0.9).count();
        org.junit.jupiter.api.Assertions.assertTrue(between >= 10, "packing reports: " + packing);
        for (int i = 1; i < packing.size(); i++) {
            org.junit.jupiter.api.Assertions.assertTrue(packing.get(i) >= packing.get(i - 1), "moved back: " + packing);
        }
    }

    /** Eight or more accelerators: the per-accelerator flows run on both cores. */
    @Test
    void forestReachesTheBoundOnLargerRandomGraphs() {
        Random rnd = new Random(11);
        for (int i = 0; i < 40; i++) {
            Topology t = RandomTopologies.random(rnd, 14, 4);
            NetworkGraph g = NetworkGraph.of(t);
            Schedule s = new ForestScheduler().schedule(t, Collective.ALLREDUCE);
            assertEquals(s.bound(), s.algbw(), "graph " + i);
            SpanningCheck.assertValid(g, s);
        }
    }

    /** With a tree limit the schedule stays valid, never beats the bound, and gets close to it. */
    @Test
    void limitedTreesPerRootStayValidAndBelowTheBound() {
        Random rnd = new Random(5);
        for (int i = 0; i < 60; i++) {
            Topology t = RandomTopologies.random(rnd, 7, 3);
            NetworkGraph g = NetworkGraph.of(t);
            for (int limit : new int[] {1, 2, 3}) {
                ForestScheduler fs = new ForestScheduler();
                Schedule s = fs.schedule(t, Collective.ALLGATHER, limit);
                SpanningCheck.assertValid(g, s);
                org.junit.jupiter.api.Assertions.assertTrue(s.algbw().compareTo(s.bound()) <= 0);
                org.junit.jupiter.api.Assertions.assertTrue(fs.stats().treesPerRoot() <= limit);
                assertEquals(s.algbw(), new LinkLoads(g, s).algbw());
                // Each tree carries 1/(N·k) of the data: k trees per root use at least 1/(k + 1) of the bound.
                org.junit.jupiter.api.Assertions.assertTrue(
                        s.algbw().multiply(limit + 1).compareTo(s.bound()) >= 0, "graph " + i + " limit " + limit);
            }
        }
    }

    /** The exact pair-by-pair splitting and arc-by-arc packing, without the batched guesses. */
    @Test
    void exactPathsAloneReachTheBound() {
        Random rnd = new Random(99);
        for (int i = 0; i < 120; i++) {
            Topology t = RandomTopologies.random(rnd, i < 100 ? 6 : 12, 4);
            NetworkGraph g = NetworkGraph.of(t);
            for (Collective c : Collective.values()) {
                Schedule s = new ForestScheduler(Progress.NONE, true).schedule(t, c);
                assertEquals(s.bound(), s.algbw(), "graph " + i + " " + c);
                SpanningCheck.assertValid(g, s);
            }
        }
    }

    /** Generated cluster topologies, where the batched guesses do most of the work. */
    @Test
    void generatedClustersReachTheBound() {
        for (Topology t : java.util.List.of(canopy.generate.TopologyGenerators.dgxA100(4),
                canopy.generate.TopologyGenerators.dgxH100(2), canopy.generate.TopologyGenerators.mi250(2),
                canopy.generate.TopologyGenerators.fatTree(), canopy.generate.TopologyGenerators.torus(4, 4,
                        canopy.model.Rational.of(50)))) {
            NetworkGraph g = NetworkGraph.of(t);
            for (Collective c : Collective.values()) {
                Schedule s = new ForestScheduler().schedule(t, c);
                assertEquals(s.bound(), s.algbw(), t.name() + " " + c);
                SpanningCheck.assertValid(g, s);
            }
        }
    }

    /**
     * Fat trees reach the bound, and on a full-bisection one the planned switch splits are accepted:
     * the exact pairwise fallback alone needs several times the flow queries allowed here (5,239 at
     * this size before the capacity-circle plan, 640 with it), so a regression shows without timing.
     */
    @Test
    void fatTreeSplitsAreAcceptedAsPlanned() {
        canopy.model.Rational host = canopy.model.Rational.of(25);
        for (long uplink : new long[] {50, 25}) {
            Topology t = canopy.generate.TopologyGenerators.fatTree(8, 8, 4, host, canopy.model.Rational.of(uplink));
            NetworkGraph g = NetworkGraph.of(t);
            ForestScheduler fs = new ForestScheduler(Progress.NONE);
            Schedule s = fs.schedule(t, Collective.ALLGATHER);
            assertEquals(s.bound(), s.algbw(), t.name() + " uplink " + uplink);
            SpanningCheck.assertValid(g, s);
            if (uplink == 50) {
                org.junit.jupiter.api.Assertions.assertTrue(fs.stats().splitFlowQueries() <= 16L * 64,
                        "split flow queries " + fs.stats().splitFlowQueries());
            }
        }
    }

    /**
     * Tree packing on a split full-bisection fat tree (16 leaves x 16 hosts, 8 spines): widest-arc
     * batches, rebuilt around the sets refused batches overdrew, serve nearly every root. Packing took
     * 20,877 flow queries before those sets were learnt and 5,132 with them; the limit here is
     * 32 connectivity checks' worth, so a regression shows without timing.
     */
    @Test
    void fatTreePackingStaysWithinItsFlowBudget() {
        Topology t = canopy.generate.TopologyGenerators.fatTree(16, 16, 8, canopy.model.Rational.of(25),
                canopy.model.Rational.of(50));
        assertPacksOptimallyWithin(t, 32L * 256);
    }

    /**
     * PCIe-tree servers behind one network switch: the spreading plan maps equal groups onto two
     * groups each, not onto each other in pairs, so no pair of servers is left as tight as the bound
     * and the widest-tree batches pass. On 16 servers (128 GPUs) the packing took 2,929 flow queries
     * and 99 checks with the pairs, 663 and 27 without; the limit here is 1,500, so a regression
     * shows without timing.
     */
    @Test
    void pcieServersPackWithinTheirFlowBudget() {
        Topology t = canopy.generate.TopologyClasses.pcieServers(16, 8, 4, canopy.generate.TopologyClasses.PCIE_SWITCHES,
                false, 1, canopy.generate.TopologyGenerators.PCIE_GEN4_X16, canopy.generate.TopologyClasses.DEFAULT_NET_BW);
        assertPacksOptimallyWithin(t, 1500);
    }

    /**
     * A rail-optimised pod with NIC nodes: its leaves, which each box reaches by one port, keep the
     * spreading plan's one circle. A second circle (as for servers behind one switch) made 64 boxes'
     * packing take 2,216 flow queries instead of 222; the limit here is 1,000.
     */
    @Test
    void podLeavesPackWithinTheirFlowBudget() {
        Topology t = canopy.generate.TopologyGenerators.dgxH100Pod(64, 16, 8, canopy.model.Rational.of(1), true);
        assertPacksOptimallyWithin(t, 1000);
    }

    /** Forest allgather on t reaches the bound, spans, and packs its trees in at most limit flow queries. */
    private static void assertPacksOptimallyWithin(Topology t, long limit) {
        ForestScheduler fs = new ForestScheduler(Progress.NONE);
        Schedule s = fs.schedule(t, Collective.ALLGATHER);
        assertEquals(s.bound(), s.algbw(), t.name());
        SpanningCheck.assertValid(NetworkGraph.of(t), s);
        org.junit.jupiter.api.Assertions.assertTrue(fs.stats().packFlowQueries() <= limit,
                "pack flow queries " + fs.stats().packFlowQueries());
    }

    /** A cancelled run stops with CancelledException instead of finishing (the designer's Cancel). */
    @Test
    void cancellationStopsTheEngine() {
        Topology t = canopy.generate.TopologyGenerators.dgxA100(8);
        java.util.concurrent.atomic.AtomicInteger reports = new java.util.concurrent.atomic.AtomicInteger();
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
        org.junit.jupiter.api.Assertions.assertThrows(CancelledException.class,
                () -> new ForestScheduler(cancelAfterFirstReport).schedule(t, Collective.ALLREDUCE));
        Progress always = new Progress() {
            @Override
            public void report(String stage, double fraction) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        org.junit.jupiter.api.Assertions.assertThrows(CancelledException.class,
                () -> new ForestScheduler(always).schedule(t, Collective.ALLGATHER));
    }
}
