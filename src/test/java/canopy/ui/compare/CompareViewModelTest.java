package canopy.ui.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.compare.Comparison;
import canopy.io.TopologyJson;
import canopy.model.Collective;
import canopy.model.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareViewModelTest {
    @TempDir
    Path dir;

    private static Comparison twoBoxes() throws Exception {
        Topology t = TopologyJson.read(Path.of("sample-topologies/two-boxes.json"));
        return Comparison.ofAlgorithms(t, Collective.ALLREDUCE, List.of("forest", "ring"));
    }

    @Test
    void rowsAreTheComparisonsMetrics() throws Exception {
        Comparison c = twoBoxes();
        CompareViewModel vm = new CompareViewModel(c);
        assertEquals(c.metrics().size(), vm.rows().size());
        for (int i = 0; i < c.metrics().size(); i++) {
            Comparison.Metrics m = c.metrics().get(i);
            CompareViewModel.Row r = vm.rows().get(i);
            assertEquals(m, r.metrics());
            assertEquals(m.label(), r.label());
            assertEquals(Integer.toString(m.trees()), r.trees());
            assertEquals(CompareViewModel.number(m.algbw()), r.algbw());
            assertEquals(CompareViewModel.time(m.timeSeconds().get(2)), r.time1GB());
        }
        assertEquals("forest", vm.rows().get(0).label());
        assertEquals("ring", vm.rows().get(1).label());
        assertTrue(vm.caption(0).startsWith("forest: algbw "), vm.caption(0));
        assertEquals(2, vm.entries().size());
        assertTrue(!vm.overlay(0).arcUtilisation().isEmpty());
    }

    @Test
    void chartLinesAreTheSeriesOnALog2Axis() throws Exception {
        Comparison c = twoBoxes();
        CompareViewModel vm = new CompareViewModel(c);
        assertEquals(3, vm.chartLines().size(), "two curves and the envelope");
        assertEquals(Comparison.ENVELOPE, vm.chartLines().get(2).label());
        for (int k = 0; k < 23; k++) {
            assertEquals(Math.max(c.series().get(0).points().get(k).algbw(), c.series().get(1).points().get(k).algbw()),
                    vm.chartLines().get(2).points().get(k).algbw());
        }
        for (int i = 0; i < 2; i++) {
            Comparison.Series s = c.series().get(i);
            CompareViewModel.ChartLine l = vm.chartLines().get(i);
            assertEquals(s.label(), l.label());
            assertEquals(23, l.points().size()); // 1 KiB … 4 GiB
            assertEquals(10, l.points().get(0).log2Bytes());
            assertEquals(32, l.points().get(22).log2Bytes());
            for (int k = 0; k < s.points().size(); k++) {
                assertEquals(s.points().get(k).algbw(), l.points().get(k).algbw());
            }
        }
        assertEquals("1 KiB", CompareViewModel.sizeLabel(10));
        assertEquals("64 MiB", CompareViewModel.sizeLabel(26));
        assertEquals("4 GiB", CompareViewModel.sizeLabel(32));
        assertEquals("", CompareViewModel.sizeLabel(10.5));
    }

    @Test
    void saveAndReopen() throws Exception {
        CompareViewModel vm = new CompareViewModel(twoBoxes());
        Path f = dir.resolve("c.comparison.json");
        vm.save(f);
        CompareViewModel back = CompareViewModel.load(f);
        assertEquals(vm.entries(), back.entries());
        assertEquals(vm.comparison().toJson(), back.comparison().toJson());
        assertEquals(vm.rows().stream().map(CompareViewModel.Row::metrics).toList(),
                back.rows().stream().map(CompareViewModel.Row::metrics).toList());
        assertEquals("Comparison — c.comparison.json", back.title());
        Path csv = dir.resolve("c.csv");
        vm.exportCsv(csv);
        assertEquals(vm.comparison().toCsv(), Files.readString(csv));
    }
}
