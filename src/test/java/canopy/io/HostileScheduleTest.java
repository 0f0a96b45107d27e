package canopy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.model.Collective;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11: schedule files built to exhaust memory or CPU, or to break the one-line error contract. */
class HostileScheduleTest {
    @TempDir
    Path tmp;

    /** a <-> s <-> b, a <-> b: two accelerators and a switch. */
    static final Topology T = new Topology("t", null,
            List.of(Node.accelerator("a"), Node.accelerator("b"), Node.switchNode("s")),
            List.of(Link.duplex("a", "s", Rational.of(10)), Link.duplex("s", "b", Rational.of(10)),
                    Link.duplex("a", "b", Rational.of(10))));

    private static final String HEAD = "\"collective\": \"allgather\", \"algorithm\": \"x\", \"accelerators\": 2,"
            + " \"algbw_exact\": \"20\"";

    private static String tree(String root, String share, String edges) {
        return "{\"root\": \"" + root + "\", \"phase\": \"allgather\", \"share\": \"" + share + "\", \"edges\": ["
                + edges + "]}";
    }

    private static String doc(String... trees) {
        return "{" + HEAD + ", \"trees\": [" + String.join(", ", trees) + "]}";
    }

    private static InvalidInputException refusedAgainstT(String json) {
        return assertThrows(InvalidInputException.class, () -> ScheduleJson.parse(json, T));
    }

    @Test
    void aValidScheduleReadsAgainstItsTopologyWithItsIds() throws Exception {
        Schedule s = ScheduleJson.parse(doc(tree("a", "1", "{\"from\": \"a\", \"to\": \"b\", \"path\": [\"a\", \"s\", \"b\"]}"),
                tree("b", "1", "{\"from\": \"b\", \"to\": \"a\"}")), T);
        assertEquals(2, s.trees().size());
        // the model holds the topology's own Strings, one per node, however often the file names it
        assertTrue(s.trees().get(0).root() == T.node("a").id());
        assertTrue(s.trees().get(0).edges().get(0).path().get(1) == T.node("s").id());
    }

    @Test
    void anIdTheTopologyLacksIsBadInput() {
        InvalidInputException e = refusedAgainstT(doc(tree("a", "1", "{\"from\": \"a\", \"to\": \"zz\"}")));
        assertEquals("the schedule does not fit the topology: trees[0].edges[0].to: \"zz\" is not a node of the topology",
                e.getMessage());
        e = refusedAgainstT("{" + HEAD + ", \"bottleneck_cut\": [\"a\", \"q\"], \"trees\": []}");
        assertTrue(e.getMessage().contains("bottleneck_cut[1]: \"q\" is not a node"), e.getMessage());
    }

    @Test
    void aPathOfTenMillionHopsIsRefusedWithoutBeingKept() {
        StringBuilder path = new StringBuilder("\"a\"");
        for (int i = 0; i < 2_000_000; i++) {
            path.append(",\"s\"");
        }
        path.append(",\"b\"");
        String json = doc(tree("a", "1", "{\"from\": \"a\", \"to\": \"b\", \"path\": [" + path + "]}"));
        InvalidInputException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refusedAgainstT(json));
        assertTrue(e.getMessage().startsWith("trees[0].edges[0].path: more than 3 nodes"), e.getMessage());
    }

    @Test
    void aTreeWithMoreEdgesThanASpanningTreeIsRefused() {
        String edge = "{\"from\": \"a\", \"to\": \"b\"}";
        InvalidInputException e = refusedAgainstT(doc(tree("a", "1", edge + ", " + edge + ", " + edge)));
        assertTrue(e.getMessage().startsWith("trees[0].edges: more than 1 edges"), e.getMessage());
    }

    @Test
    void unknownFieldsAndContainersWhereScalarsBelongAreSkippedNotKept() throws Exception {
        String deep = "[".repeat(500) + "]".repeat(500);
        Schedule s = ScheduleJson.parse("{\"extra\": {\"x\": " + deep + "}, " + HEAD.substring(0) + ", \"trees\": ["
                + "{\"root\": \"a\", \"phase\": \"allgather\", \"share\": 1, \"note\": [1, 2, {\"y\": 3}],"
                + " \"edges\": [{\"from\": \"a\", \"to\": \"b\", \"meta\": {\"z\": [1]}}]}]}", T);
        assertEquals(1, s.trees().size());
        InvalidInputException e = refusedAgainstT("{\"algorithm\": {\"a\": " + deep + "}, \"collective\": \"allgather\","
                + " \"accelerators\": 2, \"algbw\": 1, \"trees\": []}");
        assertEquals("schedule: \"algorithm\" must be a string, not an object", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> ScheduleJson.parse("{\"u\": {\"k\": 1, \"k\": 2}}", T));
        assertTrue(e.getMessage().contains("Duplicate field"), e.getMessage());
    }

    @Test
    void sharesWithHugeCoprimeDenominatorsAreRefusedQuickly() {
        // 200 shares over distinct ~990-digit denominators (x and 1 - x per root): 298 s in verify before.
        List<String> trees = new ArrayList<>();
        BigInteger p = BigInteger.TEN.pow(989);
        for (int i = 0; i < 100; i++) {
            p = p.add(BigInteger.ONE); // consecutive, so coprime
            String root = i % 2 == 0 ? "a" : "b";
            String other = i % 2 == 0 ? "b" : "a";
            String e = "{\"from\": \"" + root + "\", \"to\": \"" + other + "\"}";
            trees.add(tree(root, "1/" + p, e));
            trees.add(tree(root, p.subtract(BigInteger.ONE) + "/" + p, e));
        }
        String json = doc(trees.toArray(new String[0]));
        InvalidInputException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> refusedAgainstT(json));
        assertTrue(e.getMessage().contains("common denominator past 10^1000"), e.getMessage());
        assertTrue(e.getMessage().length() < 400, e.getMessage());
    }

    @Test
    void sharesOverOneLargeDenominatorAreFine() throws Exception {
        BigInteger d = BigInteger.TEN.pow(900).add(BigInteger.ONE);
        String e = "{\"from\": \"a\", \"to\": \"b\"}";
        String f = "{\"from\": \"b\", \"to\": \"a\"}";
        Schedule s = ScheduleJson.parse(doc(tree("a", "1/" + d, e), tree("a", d.subtract(BigInteger.ONE) + "/" + d, e),
                tree("b", "1", f)), T);
        assertEquals(3, s.trees().size());
    }

    @Test
    void loneSurrogatesInIdsRoundTrip() throws Exception {
        String odd = "g\uD800x";
        Topology t = new Topology("t", null, List.of(Node.accelerator(odd), Node.accelerator("h")),
                List.of(Link.duplex(odd, "h", Rational.of(5))));
        Schedule s = new Schedule(Collective.ALLGATHER, "x", "t", 2, Rational.of(10), null, List.of(odd),
                List.of(new ScheduleTree(odd, Phase.ALLGATHER, 0, Phase.ALLGATHER.direction(), Rational.ONE,
                        List.of(TreeEdge.direct(odd, "h")))));
        Path f = tmp.resolve("s.json");
        ScheduleJson.write(s, f);
        assertEquals(s, ScheduleJson.read(f, t));
        Path tf = tmp.resolve("t.json");
        TopologyJson.write(t, tf);
        assertEquals(t.nodes(), TopologyJson.read(tf).nodes());
    }

    @Test
    void messagesCarryNoJacksonSourceText() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScheduleJson.parse("{\"trees\": [", T));
        assertFalse(e.getMessage().contains("Source"), e.getMessage());
        assertFalse(e.getMessage().contains("REDACTED"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> ScheduleJson.parse("{\"a\": tru}", T));
        assertFalse(e.getMessage().contains("REDACTED"), e.getMessage());
    }

    @Test
    void theWriterRefusesWhatTheReaderWouldRefuse() throws Exception {
        java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
        ScheduleJson.CappedOutput out = new ScheduleJson.CappedOutput(sink, 10);
        out.write(new byte[10], 0, 10);
        assertThrows(ScheduleJson.CappedOutput.TooLarge.class, () -> out.write('x'));
        assertEquals(10, sink.size());
        assertFalse(Files.list(tmp).findAny().isPresent());
    }
}
