package canopy.engine;

import canopy.generate.TopologyGenerators;
import canopy.io.TopologyJson;
import canopy.model.Collective;
import canopy.model.Rational;
import canopy.model.Topology;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bands of the fastest schedule tile every size, and at every size tried hold the model's fastest. */
class SizeBandsTest {
    private static List<TimeModel> candidates(Topology t, Collective c) {
        return AutoScheduler.weighAll(t, c, Progress.NONE).models();
    }

    /** Sizes to try in a band: its edges, their neighbours, the middle, and powers of two inside. */
    private static List<Long> samples(SizeRange r) {
        List<Long> out = new ArrayList<>(List.of(Math.max(1, r.fromBytes()), r.fromBytes() + 1));
        long end = r.bounded() ? r.lastBytes() : Math.max(r.fromBytes() * 4, 1L << 42);
        out.add(end);
        out.add(end - 1);
        out.add(r.fromBytes() + (end - r.fromBytes()) / 2);
        for (long b = 1; b > 0 && b <= end; b <<= 1) {
            if (b >= r.fromBytes()) {
                out.add(b);
            }
        }
        out.removeIf(b -> b < Math.max(1, r.fromBytes()) || b > end);
        return out;
    }

    static void assertBandsHoldTheFastest(String label, List<TimeModel> models) {
        List<SizeBands.Band> bands = SizeBands.bands(models);
        assertEquals(0, bands.get(0).range().fromBytes(), label + ": starts at 0");
        assertFalse(bands.get(bands.size() - 1).range().bounded(), label + ": the last band has no end");
        for (int k = 0; k + 1 < bands.size(); k++) {
            assertEquals(bands.get(k).range().toBytes(), bands.get(k + 1).range().fromBytes(), label + ": bands meet");
            assertNotEquals(bands.get(k).index(), bands.get(k + 1).index(), label + ": neighbours differ");
        }
        for (SizeBands.Band b : bands) {
            for (long size : samples(b.range())) {
                int fastest = SizeBands.fastest(models, size);
                assertEquals(b.index(), fastest, label + " at " + size + " B: band " + b);
            }
        }
    }

    @Test
    void bandsTileEverySizeAndHoldTheFastestCandidate() throws Exception {
        List<Topology> topologies = List.of(TopologyJson.read(Path.of("sample-topologies/two-boxes.json")),
                TopologyGenerators.dgxA100(2, 2, true), TopologyGenerators.torus(3, 4, Rational.of(100)),
                TopologyGenerators.fatTree());
        int multiBand = 0;
        for (Topology t : topologies) {
            for (Collective c : Collective.values()) {
                List<TimeModel> models = candidates(t, c);
                assertBandsHoldTheFastest(t.name() + " " + c, models);
                multiBand += SizeBands.bands(models).size() > 1 ? 1 : 0;
            }
        }
        assertTrue(multiBand >= 3, "several sets have a crossover: " + multiBand);
    }

    @Test
    void anEdgeIsTheExactByteWhereTheFastestChanges() throws Exception {
        Topology t = TopologyJson.read(Path.of("sample-topologies/two-boxes.json"));
        List<TimeModel> models = candidates(t, Collective.ALLREDUCE);
        List<SizeBands.Band> bands = SizeBands.bands(models);
        assertEquals(3, bands.size(), bands.toString());
        for (int k = 1; k < bands.size(); k++) {
            long edge = bands.get(k).range().fromBytes();
            TimeModel before = models.get(bands.get(k - 1).index());
            TimeModel after = models.get(bands.get(k).index());
            assertTrue(before.timeExact(edge - 1).compareTo(after.timeExact(edge - 1)) <= 0, "one byte below");
            assertTrue(after.timeExact(edge).compareTo(before.timeExact(edge)) <= 0, "at the edge");
        }
    }

    @Test
    void tiesGoToTheEarlierModel() throws Exception {
        Topology t = TopologyJson.read(Path.of("sample-topologies/two-boxes.json"));
        List<TimeModel> models = candidates(t, Collective.ALLGATHER);
        TimeModel first = models.get(0);
        List<SizeBands.Band> same = SizeBands.bands(List.of(first, first, first));
        assertEquals(List.of(new SizeBands.Band(SizeRange.ALL, 0)), same);
        List<TimeModel> doubled = new ArrayList<>(models);
        doubled.addAll(models);
        List<SizeBands.Band> bands = SizeBands.bands(doubled);
        assertEquals(SizeBands.bands(models), bands, "a copy later in the list never wins");
    }
}
