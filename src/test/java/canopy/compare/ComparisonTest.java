package canopy.compare;

import canopy.engine.Bounds;
import canopy.engine.ForestScheduler;
import canopy.engine.RingScheduler;
import canopy.engine.ScheduleAnalyzer;
import canopy.io.InvalidInputException;
import canopy.io.TopologyJson;
import canopy.model.Collective;
import canopy.model.Link;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonTest {
    static Topology twoBoxes;
    static Comparison forestVsRing;

    @BeforeAll
    static void setUp() throws Exception {
        twoBoxes = TopologyJson.read(Path.of("sample-topologies", "two-boxes.json"));
        forestVsRing = Comparison.ofAlgorithms(twoBoxes, Collective.ALLREDUCE, List.of("forest", "ring"));
    }

    @Test
    void metricsAreTheEnginesFigures() {
        List<Comparison.Metrics> m = forestVsRing.metrics();
        assertEquals(2, m.size());
        Comparison.Metrics forest = m.get(0);
        Comparison.Metrics ring = m.get(1);
        Rational bound = Rational.of(1000, 7);
        assertEquals(bound, Bounds.of(twoBoxes).of(Collective.ALLREDUCE));
        assertEquals("forest", forest.label());
        assertEquals(bound, forest.algbw());
        assertEquals(bound, forest.bound());
        assertEquals(Rational.ONE, forest.ratioToBound());
        assertEquals(1000.0 / 7, forest.algbwValue(), 1e-9);
        assertTrue(ring.algbw().compareTo(bound) < 0, "ring " + ring.algbw());
        assertTrue(ring.ratioToBound().compareTo(Rational.ONE) < 0);
        assertEquals(bound, ring.bound());
        for (int i = 0; i < 2; i++) {
            Comparison.Entry e = forestVsRing.entries().get(i);
            ScheduleAnalyzer.Analysis a = ScheduleAnalyzer.analyze(twoBoxes, e.schedule());
            assertEquals(a.algbw(), m.get(i).algbw());
            assertEquals(a.busBandwidth(), m.get(i).busBandwidth());
            assertEquals(e.schedule().trees().size(), m.get(i).trees());
            assertEquals(8, m.get(i).accelerators());
            assertEquals(2, m.get(i).stages());
            assertEquals(Rational.ONE, m.get(i).maxUtilisation(), "a bottleneck link is busy all the time");
            assertEquals(3, m.get(i).timeSeconds().size());
            assertEquals(a.timeModel().timeSeconds(1L << 20), m.get(i).timeSeconds().get(0), 0.0);
            assertEquals(a.timeModel().timeSeconds(1L << 26), m.get(i).timeSeconds().get(1), 0.0);
            assertEquals(a.timeModel().timeSeconds(1L << 30), m.get(i).timeSeconds().get(2), 0.0);
        }
        // the bus bandwidth of allreduce: algbw × 2(N-1)/N
        assertEquals(bound.multiply(Rational.of(14, 8)), forest.busBandwidth());
    }

    @Test
    void seriesRunsFrom1KBTo4GBAndApproachesTheAlgbw() {
        List<Comparison.Series> series = forestVsRing.series();
        assertEquals(2, series.size());
        List<Long> sizes = Comparison.seriesSizes();
        assertEquals(1024L, sizes.get(0));
        assertEquals(4L << 30, sizes.get(sizes.size() - 1));
        assertEquals(23, sizes.size());
        for (Comparison.Series s : series) {
            assertEquals(sizes.size(), s.points().size());
            for (int i = 1; i < s.points().size(); i++) {
                assertTrue(s.points().get(i).algbw() > s.points().get(i - 1).algbw(), s.label());
            }
        }
        Comparison.Point last = series.get(0).points().get(sizes.size() - 1);
        assertTrue(last.algbw() < 1000.0 / 7 && last.algbw() > 0.9 * 1000.0 / 7, "" + last);
    }

    @Test
    void csvHasOneRowPerEntryAndParsesBack() {
        Schedule ring = forestVsRing.entries().get(1).schedule();
        Comparison c = new Comparison(List.of(forestVsRing.entries().get(0),
                new Comparison.Entry("ring, \"8 channels\"\nsecond line", twoBoxes, ring)));
        String csv = c.toCsv();
        List<List<String>> rows = parseCsv(csv);
        assertEquals(3, rows.size());
        assertEquals(Comparison.CSV_HEADER, rows.get(0));
        assertEquals("ring, \"8 channels\"\nsecond line", rows.get(2).get(0));
        for (int i = 1; i < rows.size(); i++) {
            Comparison.Metrics m = c.metrics().get(i - 1);
            List<String> r = rows.get(i);
            assertEquals(Comparison.CSV_HEADER.size(), r.size());
            assertEquals(m.algbw(), Rational.parse(r.get(Comparison.CSV_HEADER.indexOf("algbw_exact"))));
            assertEquals(m.algbwValue(), Double.parseDouble(r.get(Comparison.CSV_HEADER.indexOf("algbw"))), 0.0);
            assertEquals(m.bound(), Rational.parse(r.get(Comparison.CSV_HEADER.indexOf("bound_exact"))));
            assertEquals("allreduce", r.get(Comparison.CSV_HEADER.indexOf("collective")));
            assertEquals(m.timeSeconds().get(2), Double.parseDouble(r.get(Comparison.CSV_HEADER.indexOf("time_1GB_s"))));
        }
        assertTrue(csv.endsWith("\r\n"));
        assertEquals("\"a,b\"", Comparison.csvField("a,b"));
        assertEquals("plain", Comparison.csvField("plain"));
    }

    /** A strict RFC 4180 reader, for the test. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        f.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    f.append(ch);
                }
                i++;
            } else if (ch == '"') {
                assertEquals(0, f.length(), "a quote inside an unquoted field");
                quoted = true;
                i++;
            } else if (ch == ',') {
                row.add(f.toString());
                f.setLength(0);
                i++;
            } else if (ch == '\r') {
                assertEquals('\n', text.charAt(i + 1));
                row.add(f.toString());
                f.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
            } else {
                assertTrue(ch != '\n', "a bare LF outside quotes");
                f.append(ch);
                i++;
            }
        }
        assertTrue(row.isEmpty() && f.length() == 0, "the last row ends with CRLF");
        return rows;
    }

    @Test
    void saveThenLoadGivesTheSameMetrics(@TempDir Path dir) throws Exception {
        Comparison c = new Comparison(List.of(
                new Comparison.Entry("forest", Path.of("sample-topologies/two-boxes.json"), twoBoxes,
                        forestVsRing.entries().get(0).schedule()),
                forestVsRing.entries().get(1)));
        Path file = dir.resolve("sub/c.comparison.json");
        c.save(file);
        String text = Files.readString(file);
        assertTrue(text.contains("\"format\" : \"comparison/1\"") || text.contains("\"format\": \"comparison/1\""));
        Comparison back = Comparison.load(file);
        assertEquals(c.metrics(), back.metrics());
        assertEquals(c.series(), back.series());
        assertEquals(Path.of("sample-topologies/two-boxes.json"), back.entries().get(0).topologyFile());
        assertNull(back.entries().get(1).topologyFile());
        assertEquals(twoBoxes, back.entries().get(1).topology());
        assertEquals(c.entries().get(1).schedule(), back.entries().get(1).schedule());
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void aCorruptedFileIsRejectedNamingTheEntry(@TempDir Path dir) throws Exception {
        String good = forestVsRing.toJson();
        // the ring's schedule crosses a link its topology lacks
        int ring = good.indexOf("\"label\" : \"ring\"");
        assertTrue(ring > 0, good.substring(0, 200));
        String badPath = good.substring(0, ring) + good.substring(ring).replaceFirst("\"path\" : \\[ \"([^\"]+)\"",
                "\"path\" : [ \"nowhere\", \"$1\"");
        Path file = dir.resolve("bad.comparison.json");
        Files.writeString(file, badPath);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Comparison.load(file));
        assertTrue(e.getMessage().contains("entry 2 (\"ring\")"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());

        // a broken topology in the first entry
        String badTopology = good.replaceFirst("\"bandwidth\" : [0-9.]+", "\"bandwidth\" : -1");
        InvalidInputException t = assertThrows(InvalidInputException.class, () -> Comparison.parse(badTopology));
        assertTrue(t.getMessage().startsWith("entry 1 (\"forest\"): topology: "), t.getMessage());

        // a missing schedule
        String noSchedule = good.substring(0, ring) + good.substring(ring).replaceFirst("\"schedule\"", "\"plan\"");
        InvalidInputException s = assertThrows(InvalidInputException.class, () -> Comparison.parse(noSchedule));
        assertTrue(s.getMessage().startsWith("entry 2 (\"ring\"): schedule: "), s.getMessage());

        assertThrows(InvalidInputException.class, () -> Comparison.parse("{\"format\": \"comparison/2\"}"));
        assertThrows(InvalidInputException.class, () -> Comparison.parse(good.substring(0, good.length() / 2)));
        assertThrows(InvalidInputException.class, () -> Comparison.load(dir.resolve("missing.json")));
    }

    @Test
    void beforeAndAfterRemovingALink() {
        Link nic = twoBoxes.links().stream().filter(l -> l.from().equals("spine") || l.to().equals("spine"))
                .findFirst().orElseThrow();
        List<Link> fewer = new ArrayList<>(twoBoxes.links());
        fewer.remove(nic);
        Topology after = twoBoxes.withLinks(fewer);
        Comparison c = Comparison.ofTopologies(twoBoxes, after, Collective.ALLGATHER);
        List<Comparison.Metrics> m = c.metrics();
        assertEquals(List.of("before", "after"), List.of(m.get(0).label(), m.get(1).label()));
        assertEquals(Bounds.of(twoBoxes).of(Collective.ALLGATHER), m.get(0).algbw());
        assertEquals(Bounds.of(after).of(Collective.ALLGATHER), m.get(1).algbw());
        assertTrue(m.get(1).algbw().compareTo(m.get(0).algbw()) < 0);
    }

    @Test
    void buildersRejectNonsense() {
        assertThrows(IllegalArgumentException.class,
                () -> Comparison.ofAlgorithms(twoBoxes, Collective.ALLGATHER, List.of("forest", "double-binary-tree")));
        assertThrows(IllegalArgumentException.class,
                () -> Comparison.ofAlgorithms(twoBoxes, Collective.ALLGATHER, List.of("forest", "magic")));
        assertThrows(IllegalArgumentException.class,
                () -> Comparison.ofAlgorithms(twoBoxes, Collective.ALLGATHER, List.of("forest")));
        assertThrows(IllegalArgumentException.class,
                () -> Comparison.ofAlgorithms(twoBoxes, Collective.ALLGATHER, List.of("ring", "ring")));
        Comparison three = Comparison.ofAlgorithms(twoBoxes, Collective.ALLREDUCE,
                List.of("forest", "ring", "double-binary-tree"));
        assertEquals(3, three.metrics().size());
        assertEquals(RingScheduler.schedule(twoBoxes, Collective.ALLREDUCE).algbw(), three.metrics().get(1).algbw());
        assertEquals(new ForestScheduler().schedule(twoBoxes, Collective.ALLREDUCE).algbw(),
                three.metrics().get(0).algbw());
    }
}
