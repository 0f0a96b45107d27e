package canopy.cli;

import canopy.engine.NcclGraphSchedule;
import canopy.io.NcclGraphImporter;
import canopy.io.ScheduleJson;
import canopy.model.Collective;
import canopy.model.NcclGraph;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code canopy import nccl-graph GRAPH.xml --topology TOPO.json -o OUT.schedule.json}: NCCL's
 * channels (NCCL_GRAPH_DUMP_FILE) as a schedule on the topology imported from the same machine
 * (canopy.engine.NcclGraphSchedule), verified before it is written.
 */
final class NcclGraphImport {
    private NcclGraphImport() {
    }

    static void run(Path graphFile, Path topologyFile, Path output, Collective c, String graph, long maxBytes,
                    PrintWriter out) throws Exception {
        boolean tree = isTree(graph);
        Cli.checkOutput("-o", output, graphFile, topologyFile);
        Topology t = Cli.readTopology(topologyFile);
        NcclGraphSchedule.Result r = build(graphFile, t, c, graph, maxBytes);
        Schedule s = r.schedule();
        Cli.write(output, () -> ScheduleJson.write(r.fileSchedule(), output));
        String u = Cli.units(t);
        out.println("imported " + graphFile.getFileName() + ": " + s.collective().jsonName() + " by " + s.algorithm()
                + " on " + Cli.name(t, topologyFile) + " (" + Cli.plural(s.accelerators(), "accelerator") + ", "
                + Cli.plural(channels(s, tree), "channel") + ")");
        out.println("algbw:       " + Cli.exact(s.algbw()) + " " + u);
        out.println("bound:       " + Cli.exact(s.bound()) + " " + u);
        Rational ratio = s.ratioToBound();
        out.println("ratio:       " + (ratio == null ? "unknown" : ratio + " (" + Cli.percent(ratio) + " of the bound)"));
        for (String note : r.notes()) {
            out.println("note: " + note);
        }
        out.println("wrote " + output);
        out.flush();
    }

    /** --graph: false for ring, true for tree; anything else is bad input. */
    static boolean isTree(String graph) {
        return switch (graph) {
            case "ring" -> false;
            case "tree" -> true;
            default -> throw new BadInputException("--graph must be ring or tree, not '" + graph + "'");
        };
    }

    /** The dump's ring (or tree) channels as a schedule of c on t, verified; bad input names the element. */
    static NcclGraphSchedule.Result build(Path graphFile, Topology t, Collective c, String graph, long maxBytes)
            throws Exception {
        boolean tree = isTree(graph);
        List<NcclGraph> graphs = NcclGraphImporter.read(graphFile, maxBytes);
        NcclGraphSchedule.Result r;
        try {
            r = NcclGraphSchedule.build(t, graphs, c, tree);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(graphFile.getFileName() + ": " + e.getMessage());
        }
        Cli.requireVerifies(t, r.fileSchedule());
        return r;
    }

    private static long channels(Schedule s, boolean tree) {
        long trees = s.trees().size();
        return tree ? trees / 4 : trees / ((long) s.accelerators() * (s.collective() == Collective.ALLREDUCE ? 2 : 1));
    }
}
