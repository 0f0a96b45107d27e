package canopy.io.msccl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.engine.DoubleBinaryTreeScheduler;
import canopy.engine.ForestScheduler;
import canopy.engine.RingScheduler;
import canopy.generate.TopologyGenerators;
import canopy.io.InvalidInputException;
import canopy.io.msccl.MscclXmlExporter.Options;
import canopy.io.msccl.MscclXmlExporter.Result;
import canopy.io.TopologyJson;
import canopy.io.msccl.MscclInterpreter.Gpu;
import canopy.io.msccl.MscclInterpreter.Layout;
import canopy.io.msccl.MscclInterpreter.Limits;
import canopy.io.msccl.MscclInterpreter.Outcome;
import canopy.io.msccl.MscclInterpreter.Program;
import canopy.io.msccl.MscclInterpreter.Step;
import canopy.io.msccl.MscclInterpreter.Tb;
import canopy.model.Collective;
import canopy.model.Node;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Exports forest, ring and double-binary-tree schedules on every sample and reference topology (and
 * generated DGX-A100 and MI250 systems) and runs each XML in the interpreter, out of place and in place,
 * with unbounded FIFOs and with FIFOs of one message; with exact chunking, the chunks each GPU sends to
 * each peer must be exactly what the schedule's trees put on that pair.
 */
class MscclExportTest {
    static List<Path> topologies() throws Exception {
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(Path.of("sample-topologies"), Path.of("../shared/topologies"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("expected.json"))
                        .sorted().forEach(out::add);
            }
        }
        return out;
    }

    static Result exportAndRun(String label, Topology t, Schedule s, Options o) throws InvalidInputException {
        Result r = MscclXmlExporter.export(s, t, o);
        Program p = MscclInterpreter.parse(r.xml());
        Limits limits = new Limits(o.maxThreadblocks(), o.maxStepsPerThreadblock());
        for (Layout layout : Layout.values()) {
            for (int capacity : new int[] {0, 1}) {
                Outcome out = MscclInterpreter.run(p, layout, capacity, limits);
                assertTrue(out.ok(), label + " " + layout + " capacity " + capacity + ": " + out.problems());
            }
        }
        assertTrue(r.channels() >= 1 && r.channels() <= 32, label);
        assertTrue(r.maxThreadblocksPerGpu() <= o.maxThreadblocks(), label);
        assertEquals(p.steps(), r.steps(), label);
        assertEquals(t.acceleratorCount(), p.ngpus(), label);
        if (r.exact()) {
            assertEquals(expectedVolume(t, s, r.chunksPerShard()), sentVolume(p), label + ": chunks per GPU pair");
            assertTrue(r.maxDeviation().signum() == 0, label);
        }
        return r;
    }

    /** Chunks each ordered pair of ranks carries by the schedule's trees. */
    static Map<List<Integer>, Long> expectedVolume(Topology t, Schedule s, int c) {
        Map<String, Integer> rank = new HashMap<>();
        List<Node> acc = t.accelerators();
        for (int i = 0; i < acc.size(); i++) {
            rank.put(acc.get(i).id(), i);
        }
        int n = acc.size();
        Map<List<Integer>, Long> v = new HashMap<>();
        for (ScheduleTree tree : s.trees()) {
            Rational chunks = tree.share().multiply(tree.phase().perShard() ? c : (long) n * c);
            assertTrue(chunks.isInteger());
            for (TreeEdge e : tree.edges()) {
                v.merge(List.of(rank.get(e.from()), rank.get(e.to())), chunks.numerator().longValueExact(), Long::sum);
            }
        }
        v.values().removeIf(x -> x == 0);
        return v;
    }

    static Map<List<Integer>, Long> sentVolume(Program p) {
        Map<List<Integer>, Long> v = new HashMap<>();
        for (Gpu g : p.gpus()) {
            for (Tb tb : g.tbs()) {
                for (Step st : tb.steps()) {
                    if (Set.of("s", "rcs", "rrs", "rrcs").contains(st.type())) {
                        v.merge(List.of(g.id(), tb.send()), (long) st.cnt(), Long::sum);
                    }
                }
            }
        }
        return v;
    }

    @TestFactory
    Stream<DynamicTest> everyTopologyCollectiveAndAlgorithm() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : topologies()) {
            Topology t = TopologyJson.read(file);
            for (Collective c : Collective.values()) {
                List<String> algorithms = new ArrayList<>(List.of("forest", "ring"));
                if (c == Collective.ALLREDUCE) {
                    algorithms.add("double-binary-tree");
                }
                for (String a : algorithms) {
                    String label = file + " " + c + " " + a;
                    tests.add(DynamicTest.dynamicTest(label, () -> {
                        Schedule s = switch (a) {
                            case "forest" -> new ForestScheduler().schedule(t, c);
                            case "ring" -> RingScheduler.schedule(t, c);
                            default -> DoubleBinaryTreeScheduler.schedule(t);
                        };
                        Result r = exportAndRun(label, t, s, Options.defaults());
                        assertTrue(r.name().startsWith("canopy " + a + " " + c + " " + t.acceleratorCount() + " GPUs, "
                                + r.chunksPerShard() + " chunks per shard"), r.name());
                    }));
                }
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> generatedSystems() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String kind : List.of("dgx-a100", "mi250")) {
            for (Collective c : List.of(Collective.ALLGATHER, Collective.ALLREDUCE)) {
                String label = kind + "(2) forest " + c;
                tests.add(DynamicTest.dynamicTest(label, () -> {
                    Topology t = kind.equals("dgx-a100") ? TopologyGenerators.dgxA100(2) : TopologyGenerators.mi250(2);
                    Schedule s = new ForestScheduler().schedule(t, c);
                    Result r = exportAndRun(label, t, s, Options.defaults());
                    assertTrue(r.exact(), label);
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void sharesAreRoundedToACappedGridAndStillCorrect() throws Exception {
        Topology t = TopologyJson.read(Path.of("sample-topologies/one-way-ring.json"));
        for (Collective c : Collective.values()) {
            Schedule s = new ForestScheduler().schedule(t, c);
            Result r = exportAndRun("one-way-ring capped " + c, t, s, Options.defaults().withMaxChunks(3));
            assertFalse(r.exact());
            assertEquals(3, r.chunksPerShard());
            assertTrue(r.maxDeviation().signum() > 0);
            assertTrue(r.name().contains("rounded to the chunk grid"), r.name());
        }
        Topology dgx = TopologyGenerators.dgxA100(2);
        Schedule s = new ForestScheduler().schedule(dgx, Collective.ALLREDUCE);
        Result r = exportAndRun("dgx capped", dgx, s, Options.defaults().withMaxChunks(4));
        assertEquals(4, r.chunksPerShard());
        assertFalse(r.exact());
    }

    @Test
    void largeChunkCountsAreSplitIntoStepsOfAtMost71() throws Exception {
        // 1/2-1/2 ring shares with a big grid: force pieces by scaling every share's tree to many chunks
        Topology t = TopologyJson.read(Path.of("sample-topologies/triangle.json"));
        Schedule s = RingScheduler.schedule(t, Collective.ALLREDUCE);
        List<ScheduleTree> trees = new ArrayList<>();
        for (ScheduleTree tree : s.trees()) {
            // split every tree into a 1/150 part and the rest: the grid becomes 150 chunks per shard
            Rational small = tree.share().multiply(Rational.of(1, 150));
            trees.add(new ScheduleTree(tree.root(), tree.phase(), tree.stage(), tree.direction(), small, tree.edges()));
            trees.add(new ScheduleTree(tree.root(), tree.phase(), tree.stage(), tree.direction(),
                    tree.share().subtract(small), tree.edges()));
        }
        Schedule big = new Schedule(s.collective(), s.algorithm(), s.topologyName(), s.accelerators(), s.algbw(),
                s.bound(), s.bottleneckCut(), trees);
        Result r = exportAndRun("triangle pieces", t, big, Options.defaults());
        assertTrue(r.chunksPerShard() >= 150, "" + r.chunksPerShard());
        assertTrue(r.xml().contains("cnt=\"71\""));
    }

    @Test
    void tooFewThreadblocksFailsWithAClearMessage() throws Exception {
        Topology t = TopologyGenerators.dgxA100(2);
        Schedule s = new ForestScheduler().schedule(t, Collective.ALLGATHER);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MscclXmlExporter.export(s, t, Options.defaults().withMaxThreadblocks(2)));
        assertTrue(e.getMessage().contains("cannot fit the schedule into MSCCL's limits"), e.getMessage());
        assertTrue(e.getMessage().contains("threadblocks (limit 2)"), e.getMessage());
    }

    @Test
    void stepLimitSpreadsTreesOverChannels() throws Exception {
        Topology t = TopologyGenerators.mi250(2);
        Schedule s = new ForestScheduler().schedule(t, Collective.ALLREDUCE);
        Result wide = exportAndRun("mi250 allreduce 16 steps", t, s, Options.defaults().withMaxStepsPerThreadblock(16));
        Result narrow = MscclXmlExporter.export(s, t, Options.defaults());
        assertTrue(wide.channels() > narrow.channels(), wide.channels() + " vs " + narrow.channels());
        assertTrue(wide.maxStepsInThreadblock() <= 16);
    }

    @Test
    void rejectsSchedulesThatDoNotFit() throws Exception {
        Topology t = TopologyJson.read(Path.of("sample-topologies/triangle.json"));
        Schedule s = RingScheduler.schedule(t, Collective.ALLGATHER);
        ScheduleTree first = s.trees().get(0);
        List<ScheduleTree> trees = new ArrayList<>(s.trees());
        trees.set(0, new ScheduleTree(first.root(), first.phase(), first.stage(), first.direction(),
                first.share().add(Rational.of(1, 7)), first.edges()));
        Schedule bad = new Schedule(s.collective(), s.algorithm(), s.topologyName(), s.accelerators(), s.algbw(),
                s.bound(), s.bottleneckCut(), trees);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MscclXmlExporter.export(bad, t, Options.defaults()));
        assertTrue(e.getMessage().contains("add up to"), e.getMessage());

        Topology other = TopologyJson.read(Path.of("sample-topologies/h100-box.json"));
        InvalidInputException n = assertThrows(InvalidInputException.class,
                () -> MscclXmlExporter.export(s, other, Options.defaults()));
        assertTrue(n.getMessage().contains("accelerators"), n.getMessage());

        Schedule rs = RingScheduler.schedule(t, Collective.REDUCE_SCATTER);
        Schedule mislabelled = new Schedule(Collective.ALLGATHER, rs.algorithm(), rs.topologyName(), rs.accelerators(),
                rs.algbw(), rs.bound(), rs.bottleneckCut(), rs.trees());
        InvalidInputException m = assertThrows(InvalidInputException.class,
                () -> MscclXmlExporter.export(mislabelled, t, Options.defaults()));
        assertTrue(m.getMessage().contains("cannot be exported from trees of phases"), m.getMessage());
    }

    @Test
    void theXmlSuitsTheRuntimesNaiveParser() throws Exception {
        Topology t = TopologyJson.read(Path.of("sample-topologies/two-boxes.json"));
        Schedule s = new ForestScheduler().schedule(t, Collective.ALLREDUCE);
        String xml = MscclXmlExporter.export(s, t, Options.defaults()).xml();
        assertTrue(xml.startsWith("<algo name=\""), "no XML declaration: the runtime parser cannot read one");
        assertFalse(xml.contains("\t"));
        assertFalse(xml.contains("\r"));
        for (String line : xml.split("\n")) {
            assertFalse(line.contains("  ") && line.trim().contains("  "), "single spaces between attributes: " + line);
            assertTrue(line.length() < 400, line);
        }
        assertTrue(xml.contains("coll=\"allreduce\""));
        assertTrue(xml.contains("hasdep=\"1\""));
    }
}
