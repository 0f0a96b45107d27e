package canopy.io.msccl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.engine.ForestScheduler;
import canopy.io.TopologyJson;
import canopy.model.Collective;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compiler's intermediate program: built and checked before the writer prints it. */
class MscclProgramTest {
    @Test
    void theCompiledProgramIsWhatTheWriterPrints() throws Exception {
        Topology t = TopologyJson.read(Path.of("sample-topologies/two-boxes.json"));
        Schedule s = new ForestScheduler().schedule(t, Collective.ALLREDUCE, 0);
        MscclXmlExporter.Options o = MscclXmlExporter.Options.defaults();
        MscclProgram p = MscclCompiler.compile(s, t, o);
        p.check();
        assertEquals(8, p.gpus().size());
        assertEquals(MscclXmlExporter.export(s, t, o).xml(), MscclXmlWriter.write(p));
        int steps = p.gpus().stream().flatMap(g -> g.threadblocks().stream()).mapToInt(tb -> tb.steps().size()).sum();
        assertEquals(MscclXmlExporter.export(s, t, o).steps(), steps);
    }

    @Test
    void checkRefusesADependencyOnAStepThatIsNotMarked() {
        MscclProgram.Step producer = new MscclProgram.Step("s", 'i', 0, 'o', 0, 1, -1, -1, false);
        MscclProgram.Step consumer = new MscclProgram.Step("s", 'o', 0, 'o', 0, 1, 0, 0, false);
        MscclProgram.Gpu g0 = new MscclProgram.Gpu(0, 2, 2, 0, List.of(
                new MscclProgram.Threadblock(0, 1, -1, 0, List.of(producer)),
                new MscclProgram.Threadblock(1, -1, 1, 0, List.of(consumer))));
        MscclProgram.Gpu g1 = new MscclProgram.Gpu(1, 2, 2, 0, List.of());
        MscclProgram p = new MscclProgram("x", Collective.ALLGATHER, MscclXmlExporter.Protocol.SIMPLE, 1, 1, true,
                Rational.ZERO, 0, List.of(g0, g1));
        IllegalStateException e = assertThrows(IllegalStateException.class, p::check);
        assertTrue(e.getMessage().contains("depends on step 0 of threadblock 0"), e.getMessage());

        MscclProgram.Gpu twoSenders = new MscclProgram.Gpu(0, 2, 2, 0, List.of(
                new MscclProgram.Threadblock(0, 1, -1, 0, List.of()),
                new MscclProgram.Threadblock(1, 1, -1, 0, List.of())));
        MscclProgram q = new MscclProgram("x", Collective.ALLGATHER, MscclXmlExporter.Protocol.SIMPLE, 1, 1, true,
                Rational.ZERO, 0, List.of(twoSenders, g1));
        assertThrows(IllegalStateException.class, q::check);
    }
}
