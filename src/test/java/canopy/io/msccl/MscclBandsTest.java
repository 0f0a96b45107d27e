package canopy.io.msccl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.engine.AutoScheduler;
import canopy.engine.Progress;
import canopy.engine.SizeBands;
import canopy.engine.SizeRange;
import canopy.engine.TimeModel;
import canopy.io.InvalidInputException;
import canopy.io.TopologyJson;
import canopy.io.msccl.MscclBands.BandFile;
import canopy.io.msccl.MscclBands.Candidate;
import canopy.io.msccl.MscclInterpreter.Layout;
import canopy.io.msccl.MscclInterpreter.Limits;
import canopy.io.msccl.MscclInterpreter.Program;
import canopy.io.msccl.MscclXmlExporter.Options;
import canopy.model.Collective;
import canopy.model.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A set of band files: each runs correctly in the interpreter; read back as the runtime reads them, their
 * minBytes..maxBytes tile every size with no gap or overlap; at the sizes tried the one file the runtime
 * would pick is the model's fastest candidate; a candidate the limits cannot hold is refused and its
 * sizes go to the fastest of the rest.
 */
class MscclBandsTest {
    private static List<Candidate> candidates(Topology t, Collective c) {
        List<Candidate> out = new ArrayList<>();
        for (AutoScheduler.Built b : AutoScheduler.weighAll(t, c, Progress.NONE).built()) {
            out.add(new Candidate(b.label(), b.result().schedule(), b.model()));
        }
        return out;
    }

    private static Topology twoBoxes() throws InvalidInputException {
        return TopologyJson.read(Path.of("sample-topologies/two-boxes.json"));
    }

    /** Each file parsed and run, in and out of place, with unbounded and one-message FIFOs. */
    private static List<Program> runAll(MscclBands.Outcome o, Options options) throws InvalidInputException {
        List<Program> programs = new ArrayList<>();
        for (BandFile b : o.bands()) {
            Program p = MscclInterpreter.parse(b.result().xml());
            Limits limits = new Limits(options.maxThreadblocks(), options.maxStepsPerThreadblock());
            for (Layout layout : Layout.values()) {
                for (int capacity : new int[] {0, 1}) {
                    MscclInterpreter.Outcome out = MscclInterpreter.run(p, layout, capacity, limits);
                    assertTrue(out.ok(), b.candidate().label() + " " + layout + " " + capacity + ": " + out.first());
                }
            }
            programs.add(p);
        }
        return programs;
    }

    /** In the runtime's own terms (inclusive bounds, maxBytes 0 = none): from 0, each next min = max + 1. */
    private static void assertTileEverySize(List<Program> programs) {
        assertEquals(0, programs.get(0).minBytes());
        for (int k = 0; k + 1 < programs.size(); k++) {
            assertTrue(programs.get(k).maxBytes() > 0, "only the last file is unbounded");
            assertEquals(programs.get(k).maxBytes() + 1, programs.get(k + 1).minBytes(), "files meet at " + k);
        }
        assertEquals(0, programs.get(programs.size() - 1).maxBytes(), "the last file has no upper limit");
    }

    /** The sizes tried: both sides of every edge, and every power of two to 1 TiB. */
    private static List<Long> sizes(List<Program> programs) {
        List<Long> out = new ArrayList<>();
        for (Program p : programs) {
            out.add(Math.max(1, p.minBytes() - 1));
            out.add(Math.max(1, p.minBytes()));
            out.add(p.minBytes() + 1);
        }
        for (long b = 1; b <= 1L << 40; b <<= 1) {
            out.add(b);
        }
        return out;
    }

    /** The one file the runtime would select for a size. */
    private static int selected(List<Program> programs, long size) {
        int found = -1;
        for (int i = 0; i < programs.size(); i++) {
            if (programs.get(i).runsMessageOf(size)) {
                assertEquals(-1, found, "two files hold " + size + " B");
                found = i;
            }
        }
        assertTrue(found >= 0, "no file holds " + size + " B");
        return found;
    }

    @Test
    void everyBandFileRunsAndTheRuntimePicksTheFastestAtEverySize() throws Exception {
        Topology t = twoBoxes();
        for (Collective c : Collective.values()) {
            List<Candidate> cands = candidates(t, c);
            Options options = Options.defaults();
            MscclBands.Outcome o = MscclBands.fastest(cands, t, options);
            assertTrue(o.refused().isEmpty(), o.refused().toString());
            List<Program> programs = runAll(o, options);
            assertTileEverySize(programs);
            List<TimeModel> models = cands.stream().map(Candidate::model).toList();
            for (long size : sizes(programs)) {
                Candidate fastest = cands.get(SizeBands.fastest(models, size));
                assertEquals(fastest.label(), o.bands().get(selected(programs, size)).candidate().label(),
                        c + " at " + size + " B");
            }
            if (c == Collective.ALLREDUCE) {
                assertEquals(3, o.bands().size(), "two crossovers on two boxes");
            }
        }
    }

    @Test
    void aCandidateBeyondTheLimitsIsRefusedAndItsSizesGoToTheFastestOfTheRest() throws Exception {
        Topology t = twoBoxes();
        List<Candidate> cands = candidates(t, Collective.ALLREDUCE);
        Options options = Options.defaults();
        List<TimeModel> all = cands.stream().map(Candidate::model).toList();
        Candidate firstWinner = cands.get(SizeBands.bands(all).get(0).index());
        // one threadblock per GPU fewer than the small-size winner needs at the least
        int tbs = MscclXmlExporter.export(firstWinner.schedule(), t, options).maxThreadblocksPerGpu();
        while (tbs > 1 && fits(firstWinner, t, options.withMaxThreadblocks(tbs - 1))) {
            tbs--;
        }
        assertTrue(tbs > 1, firstWinner.label() + " fits one threadblock");
        Options tight = options.withMaxThreadblocks(tbs - 1);
        MscclBands.Outcome o = MscclBands.fastest(cands, t, tight);
        assertFalse(o.refused().isEmpty(), "the small-size winner no longer fits " + (tbs - 1) + " threadblocks");
        assertEquals(firstWinner.label(), o.refused().get(0).candidate().label());
        assertTrue(o.bands().stream().noneMatch(b -> b.candidate() == firstWinner));
        assertFalse(o.fallbacks(o.refused().get(0)).isEmpty());
        List<Program> programs = runAll(o, tight);
        assertTileEverySize(programs);
        List<Candidate> rest = new ArrayList<>(cands);
        o.refused().forEach(r -> rest.remove(r.candidate()));
        List<TimeModel> models = rest.stream().map(Candidate::model).toList();
        for (long size : sizes(programs)) {
            assertEquals(rest.get(SizeBands.fastest(models, size)).label(),
                    o.bands().get(selected(programs, size)).candidate().label(), "at " + size + " B");
        }
    }

    private static boolean fits(Candidate c, Topology t, Options o) {
        try {
            MscclXmlExporter.export(c.schedule(), t, o);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    @Test
    void whenNothingFitsTheFirstReasonIsGiven() throws Exception {
        Topology t = twoBoxes();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MscclBands.fastest(
                candidates(t, Collective.ALLREDUCE), t, Options.defaults().withMaxThreadblocks(1)));
        assertTrue(e.getMessage().startsWith("no schedule fits MSCCL's limits; "), e.getMessage());
    }

    @Test
    void fixedBandsAreWrittenAsGiven() throws Exception {
        Topology t = twoBoxes();
        List<Candidate> cands = candidates(t, Collective.ALLGATHER);
        List<SizeRange> ranges = List.of(new SizeRange(0, 1 << 20), new SizeRange(1 << 20, 64 << 20),
                new SizeRange(64 << 20, SizeRange.UNBOUNDED));
        List<Candidate> perBand = List.of(cands.get(1), cands.get(0), cands.get(1));
        MscclBands.Outcome o = MscclBands.fixed(perBand, ranges, t, Options.defaults());
        List<Program> programs = runAll(o, Options.defaults());
        assertTileEverySize(programs);
        assertEquals((1 << 20) - 1, programs.get(0).maxBytes());
        assertEquals(64 << 20, programs.get(2).minBytes());
        assertEquals(cands.get(0).label(), o.bands().get(selected(programs, 1 << 20)).candidate().label());
        assertTrue(programs.get(1).name().endsWith(", for 1 MiB to 64 MiB"), programs.get(1).name());
    }
}
