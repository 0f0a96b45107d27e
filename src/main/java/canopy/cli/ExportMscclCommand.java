package canopy.cli;

import canopy.io.AtomicFiles;
import canopy.io.msccl.MscclXmlExporter;
import canopy.io.msccl.MscclXmlExporter.Options;
import canopy.io.msccl.MscclXmlExporter.Protocol;
import canopy.io.msccl.MscclXmlExporter.Result;
import canopy.model.Schedule;
import canopy.model.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code canopy export-msccl TOPO SCHEDULE -o OUT.xml}: the schedule as an MSCCL algorithm XML file for
 * the MSCCL runtime of NCCL/RCCL (see {@link MscclXmlExporter}).
 */
@Command(name = "export-msccl", mixinStandardHelpOptions = true,
        description = {"Export a schedule (forest, ring or double-binary-tree; allgather, reduce-scatter or "
                + "allreduce) as an MSCCL algorithm XML file that the MSCCL runtime of NCCL/RCCL executes. "
                + "The schedule must verify against the topology; GPU rank i is the i-th accelerator of the "
                + "topology file. Writes atomically and prints GPUs, chunks per shard, channels, threadblocks "
                + "and steps.",
            "Exit 2 when the schedule cannot be expressed within the runtime's limits (the message says "
                + "which)."})
public final class ExportMscclCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TopologyAndScheduleArguments files;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "MSCCL XML file to write (e.g. allgather.xml).")
    Path output;

    @Option(names = "--proto", paramLabel = "P", defaultValue = "Simple",
            completionCandidates = ProtocolNames.class,
            description = "Simple (default), LL or LL128.")
    String proto;

    @Option(names = "--max-threadblocks", paramLabel = "N", defaultValue = "108",
            description = "At most N threadblocks per GPU (default 108, the SMs of an A100).")
    int maxThreadblocks;

    @Option(names = "--max-chunks", paramLabel = "C", defaultValue = "1024",
            description = "At most C chunks per GPU shard (default 1024); finer shares are rounded to the "
                    + "grid, with the deviation reported.")
    int maxChunks;

    @Option(names = "--max-steps", paramLabel = "S", defaultValue = "64",
            description = "At most S steps per threadblock: the runtime's MSCCL_MAX_NUM_STEPS (default 64; "
                    + "some builds allow 256).")
    int maxSteps;

    static final class ProtocolNames extends ArrayList<String> {
        ProtocolNames() {
            super(List.of("Simple", "LL", "LL128"));
        }
    }

    @Override
    public Integer call() throws Exception {
        Protocol p = Protocol.fromName(proto);
        if (p == null) {
            throw new BadInputException("--proto must be Simple, LL or LL128, not '" + proto + "'");
        }
        if (maxThreadblocks < 1 || maxThreadblocks > MscclXmlExporter.MAX_THREADBLOCKS) {
            throw new BadInputException("--max-threadblocks must be 1 to " + MscclXmlExporter.MAX_THREADBLOCKS
                    + " (the runtime keeps a threadblock's index in an int8), not " + maxThreadblocks);
        }
        if (maxChunks < 1) {
            throw new BadInputException("--max-chunks must be positive, not " + maxChunks);
        }
        if (maxSteps < 2) {
            throw new BadInputException("--max-steps must be at least 2, not " + maxSteps);
        }
        Cli.checkOutput("-o", output, files.topology.file, files.scheduleFile);
        Topology t = files.topology.read();
        Schedule s = files.readSchedule(t);
        Cli.requireVerifies(t, s);
        Options o = Options.defaults().withProto(p).withMaxThreadblocks(maxThreadblocks).withMaxChunks(maxChunks)
                .withMaxStepsPerThreadblock(maxSteps);
        Result r = MscclXmlExporter.export(s, t, o);
        Cli.write(output, () -> AtomicFiles.writeString(output, r.xml()));
        PrintWriter err = spec.commandLine().getErr();
        if (!r.exact()) {
            err.println("canopy: warning: the shares need more than " + maxChunks + " chunks per shard; rounded to "
                    + r.chunksPerShard() + " chunks per shard, largest share deviation " + r.maxDeviation() + " ≈ "
                    + Cli.decimal(r.maxDeviation()) + (r.droppedTrees() > 0 ? ", " + r.droppedTrees()
                    + " trees left without chunks" : ""));
            err.flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + output + ": MSCCL " + s.collective() + " by " + s.algorithm() + " on "
                + files.topology.name(t) + " (" + o.proto().xmlName() + " protocol)");
        out.println("GPUs:          " + r.gpus());
        out.println("chunks:        " + r.chunksPerShard() + " per shard, " + r.chunksPerLoop() + " per loop"
                + (r.exact() ? " (every tree's share is a whole number of chunks)"
                : " (shares rounded, largest deviation " + Cli.decimal(r.maxDeviation()) + ")"));
        out.println("channels:      " + r.channels());
        out.println("threadblocks:  at most " + r.maxThreadblocksPerGpu() + " per GPU (limit " + maxThreadblocks + ")");
        out.println("steps:         " + r.steps() + " in all, at most " + r.maxStepsInThreadblock()
                + " in one threadblock (limit " + maxSteps + ")");
        out.println("scratch:       " + (r.scratchChunks() == 0 ? "none" : "at most " + r.scratchChunks()
                + " chunks per GPU"));
        out.println("name:          " + r.name());
        out.flush();
        return CanopyCommand.EXIT_OK;
    }
}
