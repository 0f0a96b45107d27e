package canopy.io;

import canopy.model.TopologyValidator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.model.TopologyValidator.Problem;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Rational;
import canopy.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class TopologyValidatorTest {
    private static Topology topo(List<Node> nodes, Link... links) {
        return new Topology("t", "GB/s", nodes, List.of(links));
    }

    private static List<Node> accs(String... ids) {
        List<Node> out = new ArrayList<>();
        for (String id : ids) {
            out.add(Node.accelerator(id));
        }
        return out;
    }

    @Test
    void validTopologyHasNoProblems() throws Exception {
        List<Node> nodes = new ArrayList<>(accs("a", "b", "c"));
        nodes.add(Node.switchNode("s"));
        Topology t = topo(nodes, Link.duplex("a", "s", Rational.of(100, 3)), Link.duplex("b", "s", Rational.of(7)),
                Link.oneWay("c", "s", Rational.of(5, 2)), Link.oneWay("s", "c", Rational.of(5, 2)));
        assertEquals(List.of(), TopologyValidator.problems(t));
        TopologyJson.check(t);
    }

    @Test
    void listsEveryProblemAtOnceNamingEach() {
        List<Node> nodes = new ArrayList<>(accs("a", "b", "a"));
        nodes.add(Node.switchNode("s"));
        Topology t = topo(nodes,
                Link.duplex("a", "b", Rational.of(10)),
                Link.oneWay("a", "zz", Rational.of(10)),
                Link.oneWay("b", "b", Rational.of(10)),
                Link.duplex("a", "b", Rational.of(-4)),
                Link.oneWay("a", "s", Rational.of(3)),
                Link.oneWay("s", "b", Rational.of(1, 3)));
        List<Problem> p = TopologyValidator.problems(t);
        List<String> messages = p.stream().map(Problem::message).toList();
        assertEquals(List.of(
                "node a: duplicate id (nodes #0 and #2 are both \"a\")",
                "link a->zz: unknown node \"zz\"",
                "link b->b: a self-loop (from and to are both \"b\")",
                "links[3] (a->b): bandwidth -4 is not a positive finite number",
                "switch s: incoming bandwidth 3 differs from outgoing 1/3"), messages);
        assertEquals(List.of("a", "a->zz", "b->b", "links[3] (a->b)", "s"),
                p.stream().map(Problem::element).toList());
        for (Problem q : p) {
            assertTrue(q.message().contains(q.element()), q.toString());
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TopologyJson.check(t));
        assertEquals(messages.get(0), e.getMessage());
    }

    @Test
    void reachabilityNamesAPairBothWays() {
        // a -> b -> c, nothing back: a reaches all, but b cannot reach a.
        Topology chain = topo(accs("a", "b", "c"), Link.oneWay("a", "b", Rational.ONE), Link.oneWay("b", "c", Rational.ONE));
        assertEquals(List.of(new Problem("b", "accelerator b cannot reach a")), TopologyValidator.problems(chain));
        // c -> a only: a cannot reach b.
        Topology in = topo(accs("a", "b", "c"), Link.oneWay("c", "a", Rational.ONE), Link.oneWay("b", "a", Rational.ONE));
        assertEquals(List.of(new Problem("a", "accelerator a cannot reach b")), TopologyValidator.problems(in));
        // A switch forwards: a -> s -> b and b -> a is fine.
        List<Node> nodes = new ArrayList<>(accs("a", "b"));
        nodes.add(Node.switchNode("s"));
        Topology viaSwitch = topo(nodes, Link.oneWay("a", "s", Rational.of(2)), Link.oneWay("s", "b", Rational.of(2)),
                Link.oneWay("b", "a", Rational.ONE));
        assertEquals(List.of(), TopologyValidator.problems(viaSwitch));
        // A link with a bad bandwidth does not count as a connection.
        Topology zero = topo(accs("a", "b"), Link.duplex("a", "b", Rational.ZERO));
        assertEquals(List.of("link a->b: bandwidth 0 is not a positive finite number", "accelerator a cannot reach b"),
                TopologyValidator.problems(zero).stream().map(Problem::message).toList());
    }

    @Test
    void acceleratorCountAndEmptyIds() {
        List<Node> nodes = new ArrayList<>(accs("a"));
        nodes.add(Node.switchNode(""));
        List<Problem> p = TopologyValidator.problems(topo(nodes));
        assertEquals(List.of("node #1: empty \"id\"", "topology: only one accelerator (a); at least two are needed"),
                p.stream().map(Problem::message).toList());
        assertEquals("topology", p.get(1).element());
    }

    @Test
    void absurdBandwidthIsNotSensible() {
        Rational huge = Rational.of(java.math.BigInteger.TEN.pow(31));
        Topology t = topo(accs("a", "b"), Link.duplex("a", "b", huge));
        assertEquals(List.of("link a->b: bandwidth 10000000000000000000000000000000 is not a sensible bandwidth"
                        + " (numerator or denominator above 10^30)", "accelerator a cannot reach b"),
                TopologyValidator.problems(t).stream().map(Problem::message).toList());
        Topology ok = topo(accs("a", "b"), Link.duplex("a", "b", Rational.of(java.math.BigInteger.TEN.pow(30))));
        assertEquals(List.of(), TopologyValidator.problems(ok));
    }

    @Test
    void referenceTopologiesAreValid() throws Exception {
        for (var f : TestData.referenceTopologies()) {
            assertEquals(List.of(), TopologyValidator.problems(TopologyJson.read(f)), f.toString());
        }
    }

    @Test
    void largeTopologyIsQuick() {
        // The designer lists problems live: a few thousand nodes must take milliseconds, not seconds.
        List<Node> nodes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        int n = 5000;
        for (int i = 0; i < n; i++) {
            nodes.add(Node.accelerator("g" + i));
            links.add(Link.oneWay("g" + i, "g" + ((i + 1) % n), Rational.of(1, 3)));
        }
        long t0 = System.nanoTime();
        assertEquals(List.of(), TopologyValidator.problems(new Topology(null, null, nodes, links)));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
    }
}
