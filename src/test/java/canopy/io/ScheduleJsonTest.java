package canopy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.model.Collective;
import canopy.model.Direction;
import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.TreeEdge;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

class ScheduleJsonTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void roundTripIsLosslessAndStable() throws Exception {
        Schedule s = TestData.sampleSchedule();
        String json = ScheduleJson.toJson(s);
        Schedule back = ScheduleJson.parse(json);
        assertEquals(s, back);
        assertEquals(json, ScheduleJson.toJson(back));
        Path f = dir.resolve("out/s.schedule.json");
        ScheduleJson.write(s, f);
        assertEquals(s, ScheduleJson.read(f));
    }

    @Test
    void writesExactlyTheFormatsMdFields() throws Exception {
        JsonNode n = M.readTree(ScheduleJson.toJson(TestData.sampleSchedule()));
        List<String> fields = new ArrayList<>();
        n.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("format", "collective", "algorithm", "topology", "accelerators", "algbw", "algbw_exact",
                "bound_algbw", "bound_algbw_exact", "bottleneck_cut", "trees"), fields);
        assertEquals("schedule/1", n.get("format").textValue());
        assertEquals("allreduce", n.get("collective").textValue());
        assertEquals(346.6666666666667, n.get("algbw").doubleValue());
        assertEquals("1040/3", n.get("algbw_exact").textValue());
        assertEquals("1040/3", n.get("bound_algbw_exact").textValue());
        JsonNode t0 = n.get("trees").get(0);
        List<String> tf = new ArrayList<>();
        t0.fieldNames().forEachRemaining(tf::add);
        assertEquals(List.of("root", "phase", "stage", "direction", "share", "edges"), tf);
        assertEquals("reduce-scatter", t0.get("phase").textValue());
        assertEquals("in", t0.get("direction").textValue());
        assertEquals("1", t0.get("share").textValue());
        assertEquals("1/3", n.get("trees").get(1).get("share").textValue());
        assertEquals("[\"g2\",\"s1\",\"g0\"]", t0.get("edges").get(1).get("path").toString());
    }

    @Test
    void boundOmittedWhenUnknownAndEmptyListsKept() throws Exception {
        Schedule s = new Schedule(Collective.ALLGATHER, "ring", null, 2, Rational.of(25, 2), null, List.of(),
                List.of(new ScheduleTree("a", Phase.ALLGATHER, 0, Direction.OUT, Rational.ONE, List.of(TreeEdge.direct("a", "b")))));
        String json = ScheduleJson.toJson(s);
        assertFalse(json.contains("bound_algbw"), json);
        assertFalse(json.contains("\"topology\""), json);
        assertTrue(json.contains("\"algbw_exact\": \"25/2\""), json);
        Schedule back = ScheduleJson.parse(json);
        assertNull(back.bound());
        assertEquals(s, back);
    }

    @Test
    void readsNumbersAsExactFiguresAndAppliesDefaults() throws Exception {
        String json = "{\"collective\": \"allgather\", \"algorithm\": \"x\", \"accelerators\": 2, \"algbw\": 12.5,"
                + " \"bound_algbw_exact\": 12.50, \"trees\": [{\"root\": \"a\", \"phase\": \"allgather\", \"share\": 0.5,"
                + " \"edges\": [{\"from\": \"a\", \"to\": \"b\"}]}, {\"root\": \"a\", \"phase\": \"allgather\","
                + " \"share\": \" 1 / 2 \", \"stage\": 3, \"edges\": []}]}";
        Schedule s = ScheduleJson.parse(json);
        assertEquals(Rational.of(25, 2), s.algbw());
        assertEquals(Rational.of(25, 2), s.bound());
        assertEquals(Rational.of(1, 2), s.trees().get(0).share());
        assertEquals(Rational.of(1, 2), s.trees().get(1).share());
        assertEquals(0, s.trees().get(0).stage());
        assertEquals(3, s.trees().get(1).stage());
        assertEquals(Direction.OUT, s.trees().get(0).direction());
        assertEquals(List.of("a", "b"), s.trees().get(0).edges().get(0).path());
        assertEquals(List.of(), s.bottleneckCut());
    }

    @Test
    void exactFiguresSurviveWhereDoublesWouldNot() throws Exception {
        Rational odd = Rational.of(new java.math.BigInteger("123456789012345678901234567890123"),
                new java.math.BigInteger("98765432109876543210987654321"));
        Schedule s = new Schedule(Collective.REDUCE_SCATTER, "forest", "t", 2, odd, odd.multiply(Rational.of(2)),
                List.of("a"), List.of(new ScheduleTree("a", Phase.REDUCE_SCATTER, 0, Direction.IN, Rational.of(1, 7),
                        List.of()), new ScheduleTree("a", Phase.REDUCE_SCATTER, 0, Direction.IN, Rational.of(6, 7), List.of())));
        assertEquals(s, ScheduleJson.parse(ScheduleJson.toJson(s)));
    }

    private static String mutated(Consumer<ObjectNode> change) throws Exception {
        ObjectNode n = (ObjectNode) M.readTree(ScheduleJson.toJson(TestData.sampleSchedule()));
        change.accept(n);
        return M.writeValueAsString(n);
    }

    private static ObjectNode tree(ObjectNode n, int i) {
        return (ObjectNode) n.get("trees").get(i);
    }

    private static void rejects(String fragment, Consumer<ObjectNode> change) throws Exception {
        String json = mutated(change);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScheduleJson.parse(json));
        assertTrue(e.getMessage().contains(fragment), "expected [" + fragment + "] in [" + e.getMessage() + "]");
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void rejectsBadSchedulesNamingTheField() throws Exception {
        rejects("format: \"schedule/2\" is not \"schedule/1\"", n -> n.put("format", "schedule/2"));
        rejects("collective: unknown collective \"gather\"", n -> n.put("collective", "gather"));
        rejects("schedule: missing \"collective\"", n -> n.remove("collective"));
        rejects("schedule: missing \"algorithm\"", n -> n.remove("algorithm"));
        rejects("schedule: \"algorithm\" must be a string, not a number", n -> n.put("algorithm", 3));
        rejects("accelerators: must be a whole number, not 2.5", n -> n.put("accelerators", 2.5));
        rejects("accelerators: -1 is out of range", n -> n.put("accelerators", -1));
        rejects("accelerators: 99999999999 is out of range", n -> n.put("accelerators", 99999999999L));
        rejects("schedule: missing \"algbw_exact\"", n -> {
            n.remove("algbw_exact");
            n.remove("algbw");
        });
        rejects("algbw_exact: \"fast\" is not a number", n -> n.put("algbw_exact", "fast"));
        rejects("algbw_exact: \"-3\" is negative", n -> n.put("algbw_exact", "-3"));
        rejects("bound_algbw_exact: must be a number or a string, not an array", n -> n.putArray("bound_algbw_exact"));
        rejects("bottleneck_cut[2]: must be a string, not a number", n -> ((ArrayNode) n.get("bottleneck_cut")).add(4).remove(0));
        rejects("schedule: missing \"trees\"", n -> n.remove("trees"));
        rejects("trees[0]: must be an object, not a string", n -> ((ArrayNode) n.get("trees")).set(0, M.valueToTree("t")));
        rejects("trees[3].share: \"abc\" is not a number", n -> tree(n, 3).put("share", "abc"));
        rejects("trees[3].share: \"1/0\" is not a number", n -> tree(n, 3).put("share", "1/0"));
        rejects("trees[3].share: 0 is not in (0, 1]", n -> tree(n, 3).put("share", "0"));
        rejects("trees[3].share: 3/2 is not in (0, 1]", n -> tree(n, 3).put("share", 1.5));
        rejects("trees[3].share: \"1e99999/7\" is too large or too precise", n -> tree(n, 3).put("share", "1e99999/7"));
        rejects("trees[2]: missing \"share\"", n -> tree(n, 2).remove("share"));
        rejects("trees[1]: missing \"root\"", n -> tree(n, 1).remove("root"));
        rejects("trees[1].phase: unknown phase \"gather\"", n -> tree(n, 1).put("phase", "gather"));
        rejects("trees[1].stage: must be a whole number, not a string", n -> tree(n, 1).put("stage", "1"));
        rejects("trees[1].stage: -2 is out of range", n -> tree(n, 1).put("stage", -2));
        rejects("trees[1].direction: a allgather tree is \"out\", not \"in\"", n -> tree(n, 1).put("direction", "in"));
        rejects("trees[1].direction: unknown direction \"up\"", n -> tree(n, 1).put("direction", "up"));
        rejects("trees[0]: \"edges\" must be an array, not an object", n -> tree(n, 0).putObject("edges"));
        rejects("trees[0].edges[1].path: must run from \"g2\" to \"g0\"", n -> ((ArrayNode) tree(n, 0).get("edges").get(1).get("path")).remove(2));
        rejects("trees[0].edges[1].path[1]: must be a string, not null", n -> ((ArrayNode) tree(n, 0).get("edges").get(1).get("path")).setNull(1));
        rejects("trees[0].edges[0]: missing \"to\"", n -> ((ObjectNode) tree(n, 0).get("edges").get(0)).remove("to"));
    }

    @Test
    void randomSchedulesRoundTrip() throws Exception {
        Random rnd = new Random(5);
        for (int i = 0; i < 200; i++) {
            List<ScheduleTree> trees = new ArrayList<>();
            for (int k = rnd.nextInt(6); k >= 0; k--) {
                Phase p = Phase.values()[rnd.nextInt(Phase.values().length)];
                List<TreeEdge> edges = new ArrayList<>();
                for (int e = rnd.nextInt(4); e > 0; e--) {
                    edges.add(rnd.nextBoolean() ? TreeEdge.direct("n" + e, "n" + (e + 1))
                            : new TreeEdge("n" + e, "n" + (e + 1), List.of("n" + e, "sw\"" + k, "n" + (e + 1))));
                }
                trees.add(new ScheduleTree("n" + k, p, rnd.nextInt(3), p.direction(),
                        Rational.of(1 + rnd.nextInt(9), 9 + rnd.nextInt(1000)), edges));
            }
            Rational algbw = TestData.bandwidth(rnd);
            Schedule s = new Schedule(Collective.values()[rnd.nextInt(3)], "alg " + i, rnd.nextBoolean() ? "t" : null,
                    rnd.nextInt(100), algbw, rnd.nextBoolean() ? null : algbw.multiply(Rational.of(3, 2)),
                    rnd.nextBoolean() ? List.of() : List.of("n1", "n2"), trees);
            String json = ScheduleJson.toJson(s);
            assertEquals(s, ScheduleJson.parse(json), json);
            assertEquals(json, ScheduleJson.toJson(ScheduleJson.parse(json)));
        }
    }

    @Test
    void unreadableFileIsNamed() throws Exception {
        Path f = dir.resolve("missing.schedule.json");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScheduleJson.read(f));
        assertTrue(e.getMessage().contains("missing.schedule.json"), e.getMessage());
        Files.writeString(f, "[]");
        e = assertThrows(InvalidInputException.class, () -> ScheduleJson.read(f));
        assertTrue(e.getMessage().contains("must hold a JSON object"), e.getMessage());
    }
}
