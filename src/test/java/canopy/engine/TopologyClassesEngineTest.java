package canopy.engine;

import canopy.io.TopologyJson;
import canopy.model.Collective;
import canopy.model.Schedule;
import canopy.model.Topology;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forest on small instances of every topology class issue 10 names (three-tier fat trees,
 * dragonflies, 3D tori, random regular graphs, heterogeneous leaf-spines, PCIe-tree servers, DGX and
 * MI250 boxes and pods with NIC nodes): optimal for every collective, valid trees, and on the
 * exact-only paths too.
 */
class TopologyClassesEngineTest {
    private static final Path CLASSES = Path.of("src/test/resources/canopy/generate/classes");

    private static List<Path> instances() throws Exception {
        try (Stream<Path> files = Files.list(CLASSES)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void everyClassReachesTheBoundForEveryCollective() throws Exception {
        List<Path> files = instances();
        assertTrue(files.size() >= 10, "the class instances are there: " + files);
        for (Path f : files) {
            Topology t = TopologyJson.read(f);
            NetworkGraph g = NetworkGraph.of(t);
            for (Collective c : Collective.values()) {
                Schedule s = new ForestScheduler().schedule(t, c);
                assertEquals(s.bound(), s.algbw(), f + " " + c);
                assertEquals(s.algbw(), new LinkLoads(g, s).algbw(), f + " " + c);
                SpanningCheck.assertValid(g, s);
            }
        }
    }

    /** The batched guesses and repairs are accelerations: the exact paths alone get there too. */
    @Test
    void exactPathsAloneReachTheBoundOnTheSmallestInstances() throws Exception {
        for (Path f : instances()) {
            Topology t = TopologyJson.read(f);
            if (t.nodes().size() > 40) {
                continue;
            }
            NetworkGraph g = NetworkGraph.of(t);
            Schedule s = new ForestScheduler(Progress.NONE, true).schedule(t, Collective.ALLGATHER);
            assertEquals(s.bound(), s.algbw(), f.toString());
            SpanningCheck.assertValid(g, s);
        }
    }

    /** The file's order is no hint the engine relies on: nodes and links reversed and shuffled. */
    @Test
    void anyOrderOfNodesAndLinksReachesTheBound() throws Exception {
        java.util.Random rnd = new java.util.Random(5);
        for (Path f : instances()) {
            Topology t = TopologyJson.read(f);
            List<canopy.model.Node> nodes = new java.util.ArrayList<>(t.nodes());
            List<canopy.model.Link> links = new java.util.ArrayList<>(t.links());
            java.util.Collections.reverse(nodes);
            java.util.Collections.shuffle(links, rnd);
            Topology reordered = new Topology(t.name(), t.units(), nodes, links);
            Schedule s = new ForestScheduler().schedule(reordered, Collective.ALLREDUCE);
            assertEquals(s.bound(), s.algbw(), f.toString());
            SpanningCheck.assertValid(NetworkGraph.of(reordered), s);
        }
    }

    /**
     * NICs as their own nodes cost no max-flow while switches are split: they go in closed form, so
     * the split needs exactly the flows of the same boxes with the NIC on the GPU.
     */
    @Test
    void nicNodesAreRemovedWithoutFlows() {
        Topology plain = canopy.generate.TopologyGenerators.dgxA100(4);
        Topology nics = withNicNodes(plain);
        assertEquals(plain.nodes().size() + 32, nics.nodes().size());
        ForestScheduler a = new ForestScheduler();
        a.schedule(plain, Collective.ALLGATHER);
        ForestScheduler b = new ForestScheduler();
        b.schedule(nics, Collective.ALLGATHER);
        assertEquals(a.stats().splitFlowQueries(), b.stats().splitFlowQueries());
        assertEquals(a.stats().allgatherTreesPerRoot(), b.stats().allgatherTreesPerRoot());
    }

    /** Every GPU-to-rail link becomes GPU – NIC – rail, the NIC a switch with the same bandwidth both ways. */
    private static Topology withNicNodes(Topology t) {
        List<canopy.model.Node> nodes = new java.util.ArrayList<>(t.nodes());
        List<canopy.model.Link> links = new java.util.ArrayList<>();
        for (canopy.model.Link l : t.links()) {
            if (l.to().startsWith("rail")) {
                String nic = "nic-" + l.from();
                nodes.add(new canopy.model.Node(nic, canopy.model.NodeKind.SWITCH, null, null, null, null));
                links.add(canopy.model.Link.duplex(l.from(), nic, l.bandwidth()));
                links.add(canopy.model.Link.duplex(nic, l.to(), l.bandwidth()));
            } else {
                links.add(l);
            }
        }
        return new Topology(t.name() + " with NIC nodes", t.units(), nodes, links);
    }
}
