package canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.io.TopologyJson;
import canopy.model.Link;
import canopy.model.Topology;
import canopy.compare.Comparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
    static final String TWO_BOXES = Path.of("sample-topologies", "two-boxes.json").toString();

    @TempDir
    Path tmp;

    @Test
    void forestAgainstRingWithCsvAndSave() throws Exception {
        Path csv = tmp.resolve("c.csv");
        Path saved = tmp.resolve("c.comparison.json");
        CliRun r = CliRun.of("compare", TWO_BOXES, "--collective", "allreduce", "--csv", csv.toString(),
                "--save", saved.toString());
        assertEquals(0, r.exit, r.toString());
        assertEquals("", r.err, r.toString());
        assertTrue(r.out.contains("allreduce on "), r.out);
        assertTrue(r.out.contains("forest  forest"), r.out);
        assertTrue(r.out.matches("(?s).*  forest +forest +22 +1000/7 ≈ 142\\.857 +100\\.0% +250 +100\\.0% .*"), r.out);
        assertTrue(r.out.matches("(?s).*  ring +ring +64 +800/7 ≈ 114\\.286 +80\\.0% .*"), r.out);
        assertTrue(r.out.contains("bound: 1000/7 ≈ 142.857 GB/s"), r.out);
        assertTrue(r.out.contains("wrote " + csv), r.out);
        assertEquals(3, Files.readString(csv).split("\r\n").length);
        Comparison back = Comparison.load(saved);
        assertEquals(List.of("forest", "ring"), back.entries().stream().map(Comparison.Entry::label).toList());
    }

    @Test
    void beforeAndAfter() throws Exception {
        Topology t = TopologyJson.read(Path.of(TWO_BOXES));
        List<Link> links = new ArrayList<>(t.links());
        links.removeIf(l -> l.from().equals("box1-gpu3") && l.to().equals("spine")
                || l.from().equals("spine") && l.to().equals("box1-gpu3"));
        assertEquals(t.links().size() - 1, links.size());
        Path after = tmp.resolve("after.json");
        TopologyJson.write(t.withLinks(links), after);
        CliRun r = CliRun.of("compare", TWO_BOXES, after.toString(), "-c", "allgather");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("  before  forest"), r.out);
        assertTrue(r.out.contains("  after   forest"), r.out);
        assertTrue(r.out.contains("bounds: before 2000/7"), r.out);
    }

    @Test
    void badInput() {
        CliRun r = CliRun.of("compare", TWO_BOXES, "-c", "allgather", "--algorithms", "forest,double-binary-tree");
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("allreduce only"), r.err);
        r = CliRun.of("compare", TWO_BOXES, "-c", "allgather", "--algorithms", "forest");
        assertEquals(2, r.exit, r.toString());
        r = CliRun.of("compare", TWO_BOXES, "-c", "allgather", "--algorithms", "forest,magic");
        assertEquals(2, r.exit, r.toString());
        r = CliRun.of("compare", "no-such.json", "-c", "allgather");
        assertEquals(2, r.exit, r.toString());
    }
}
