package canopy.io;

import canopy.model.Collective;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Shared inputs for the io tests. */
final class TestData {
    static final Path REFERENCE = Path.of("../shared/topologies");

    private TestData() {
    }

    /** The reference topology files except expected.json, sorted; empty when the folder is missing. */
    static List<Path> referenceTopologies() throws IOException {
        if (!Files.isDirectory(REFERENCE)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(REFERENCE)) {
            return s.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("expected.json"))
                    .sorted().toList();
        }
    }

    /**
     * A valid topology: a one-way ring of accelerators (so every one reaches every other), a switch with
     * duplex links and a balanced one-way pass through it, extra links with fractional and decimal
     * bandwidths, groups, labels and latencies on some.
     */
    static Topology randomValid(Random rnd) {
        int k = 2 + rnd.nextInt(7);
        List<Node> nodes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Node n = Node.accelerator("g" + i);
            if (rnd.nextBoolean()) {
                n = n.withPosition(rnd.nextInt(1000) + rnd.nextDouble(), -rnd.nextDouble() * 500);
            }
            if (rnd.nextInt(3) == 0) {
                n = n.withGroup("box" + (i % 2));
            }
            if (rnd.nextInt(4) == 0) {
                n = n.withLabel("GPU \"" + i + "\" \u00e9\t\\");
            }
            nodes.add(n);
        }
        for (int i = 0; i < k; i++) {
            links.add(new Link("g" + i, "g" + ((i + 1) % k), bandwidth(rnd), false,
                    rnd.nextInt(3) == 0 ? rnd.nextDouble() * 5 : null));
        }
        nodes.add(new Node("sw", NodeKind.SWITCH, rnd.nextBoolean() ? "switch" : null, 10.5, 20.25, null));
        for (int i = 0; i < k; i += 2) {
            links.add(new Link("g" + i, "sw", bandwidth(rnd), true, rnd.nextBoolean() ? 0.7 : null));
        }
        Rational pass = bandwidth(rnd);
        links.add(Link.oneWay("g0", "sw", pass));
        links.add(Link.oneWay("sw", "g" + (k - 1), pass));
        for (int e = rnd.nextInt(4); e > 0; e--) {
            int a = rnd.nextInt(k);
            int b = rnd.nextInt(k);
            if (a != b) {
                links.add(new Link("g" + a, "g" + b, bandwidth(rnd), rnd.nextBoolean(), null));
            }
        }
        return new Topology(rnd.nextBoolean() ? "generated " + rnd.nextInt() : null,
                rnd.nextBoolean() ? "GB/s" : null, nodes, links);
    }

    static Rational bandwidth(Random rnd) {
        switch (rnd.nextInt(4)) {
            case 0:
                return Rational.of(1 + rnd.nextInt(500));
            case 1:
                return Rational.of(1 + rnd.nextInt(2000), 1 + rnd.nextInt(30)); // fractions, e.g. 100/3
            case 2:
                return Rational.of(1 + rnd.nextInt(100000), 1000); // decimals, e.g. 12.5
            default:
                return Rational.of(java.math.BigInteger.TEN.pow(29).add(java.math.BigInteger.valueOf(rnd.nextInt(99))),
                        java.math.BigInteger.valueOf(3).pow(1 + rnd.nextInt(60)));
        }
    }

    /** A small allreduce schedule built by hand: reduce-scatter then allgather over g0..g2 through s1. */
    static Schedule sampleSchedule() {
        List<ScheduleTree> trees = new ArrayList<>();
        String[] g = {"g0", "g1", "g2"};
        for (int r = 0; r < 3; r++) {
            String root = g[r];
            String a = g[(r + 1) % 3];
            String b = g[(r + 2) % 3];
            trees.add(new ScheduleTree(root, Phase.REDUCE_SCATTER, 0, Phase.REDUCE_SCATTER.direction(), Rational.ONE,
                    List.of(TreeEdge.direct(a, root), new TreeEdge(b, root, List.of(b, "s1", root)))));
            trees.add(new ScheduleTree(root, Phase.ALLGATHER, 1, Phase.ALLGATHER.direction(), Rational.of(1, 3),
                    List.of(TreeEdge.direct(root, a), TreeEdge.direct(a, b))));
            trees.add(new ScheduleTree(root, Phase.ALLGATHER, 1, Phase.ALLGATHER.direction(), Rational.of(2, 3),
                    List.of(new TreeEdge(root, b, List.of(root, "s1", "s2", b)), TreeEdge.direct(b, a))));
        }
        return new Schedule(Collective.ALLREDUCE, "forest", "Three GPUs and two switches", 3,
                Rational.of(1040, 3), Rational.of(1040, 3), List.of("g1", "g2", "s1"), trees);
    }
}
