package canopy.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.model.Collective;
import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.TreeEdge;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The streaming writer prints what the tree printer printed before it, byte for byte. */
class ScheduleWriterTest {
    @TempDir
    Path dir;

    /** How schedules were written before the streaming writer: the whole document as one tree. */
    private static String treePrinted(Schedule s) {
        ObjectNode root = ScheduleWriter.head(s);
        ArrayNode trees = root.putArray("trees");
        for (ScheduleTree t : s.trees()) {
            ObjectNode o = trees.addObject();
            o.put("root", t.root());
            o.put("phase", t.phase().jsonName());
            o.put("stage", t.stage());
            o.put("direction", t.direction().jsonName());
            o.put("share", t.share().toString());
            ArrayNode edges = o.putArray("edges");
            for (TreeEdge e : t.edges()) {
                ObjectNode eo = edges.addObject();
                eo.put("from", e.from());
                eo.put("to", e.to());
                ArrayNode path = eo.putArray("path");
                e.path().forEach(path::add);
            }
        }
        return Json.pretty(root);
    }

    private static void assertSameAsTreePrinter(Schedule s) {
        assertEquals(treePrinted(s), ScheduleJson.toJson(s));
    }

    @Test
    void sampleAndEdgeCases() {
        assertSameAsTreePrinter(TestData.sampleSchedule());
        // No trees: the whole document may fit on one line.
        assertSameAsTreePrinter(new Schedule(Collective.ALLGATHER, "ring", null, 2, Rational.of(25, 2), null,
                List.of(), List.of()));
        assertSameAsTreePrinter(new Schedule(Collective.ALLGATHER, "ring " + "x".repeat(200), "t", 2,
                Rational.of(25, 2), null, List.of("a", "b"), List.of()));
        // Trees without edges, short and long; a bound too large for a double (its twin is null).
        Rational huge = Rational.of(BigInteger.TEN.pow(400));
        assertSameAsTreePrinter(new Schedule(Collective.REDUCE_SCATTER, "forest", "t", 2, Rational.ONE, huge,
                List.of("a"), List.of(
                        new ScheduleTree("a", Phase.REDUCE_SCATTER, 0, Phase.REDUCE_SCATTER.direction(),
                                Rational.of(1, 7), List.of()),
                        new ScheduleTree("a".repeat(150), Phase.REDUCE_SCATTER, 0, Phase.REDUCE_SCATTER.direction(),
                                Rational.of(6, 7), List.of()))));
    }

    /** Node ids of every length around the one-line width, so edges and paths fall on both sides of it. */
    @Test
    void randomSchedulesAroundTheOneLineWidth() {
        Random rnd = new Random(17);
        for (int i = 0; i < 300; i++) {
            List<ScheduleTree> trees = new ArrayList<>();
            for (int k = rnd.nextInt(4); k >= 0; k--) {
                Phase p = Phase.values()[rnd.nextInt(Phase.values().length)];
                List<TreeEdge> edges = new ArrayList<>();
                for (int e = rnd.nextInt(5); e > 0; e--) {
                    String from = id(rnd);
                    String to = id(rnd);
                    List<String> path = new ArrayList<>(List.of(from));
                    for (int h = rnd.nextInt(6); h > 0; h--) {
                        path.add(id(rnd));
                    }
                    path.add(to);
                    edges.add(new TreeEdge(from, to, path));
                }
                trees.add(new ScheduleTree(id(rnd), p, rnd.nextInt(3), p.direction(),
                        Rational.of(1 + rnd.nextInt(9), 9 + rnd.nextInt(1000)), edges));
            }
            List<String> cut = new ArrayList<>();
            for (int c = rnd.nextInt(12); c > 0; c--) {
                cut.add(id(rnd));
            }
            Rational algbw = TestData.bandwidth(rnd);
            assertSameAsTreePrinter(new Schedule(Collective.values()[rnd.nextInt(3)], "alg " + i,
                    rnd.nextBoolean() ? id(rnd) : null, rnd.nextInt(2000), algbw,
                    rnd.nextBoolean() ? null : algbw.multiply(Rational.of(3, 2)), cut, trees));
        }
    }

    /** Mostly short ids, sometimes long ones, some needing escapes or outside ASCII. */
    private static String id(Random rnd) {
        int len = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(60) : 1 + rnd.nextInt(12);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            int kind = rnd.nextInt(40);
            sb.append(kind == 0 ? '"' : kind == 1 ? '\\' : kind == 2 ? '\n' : kind == 3 ? 'é' : kind == 4 ? '\u0001'
                    : (char) ('a' + rnd.nextInt(26)));
        }
        return sb.toString();
    }

    @Test
    void writingAFileWritesToJsonsBytesThroughATemporaryFile() throws Exception {
        Schedule s = TestData.sampleSchedule();
        Path f = dir.resolve("out/s.schedule.json");
        ScheduleJson.write(s, f);
        assertArrayEquals(ScheduleJson.toJson(s).getBytes(StandardCharsets.UTF_8), Files.readAllBytes(f));
        try (var listing = Files.list(f.getParent())) {
            assertEquals(List.of("s.schedule.json"), listing.map(p -> p.getFileName().toString()).toList());
        }
        assertTrue(Files.size(f) > 0);
    }
}
