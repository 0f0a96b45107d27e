package canopy.cli;

import canopy.io.AtomicFiles;
import canopy.io.msccl.MscclXmlExporter;
import canopy.io.msccl.MscclXmlExporter.Options;
import canopy.io.msccl.MscclXmlExporter.Protocol;
import canopy.io.msccl.MscclXmlExporter.Result;
import canopy.model.Collective;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code canopy export-msccl TOPO SCHEDULE -o OUT.xml}: the schedule as an MSCCL algorithm XML file for
 * the MSCCL runtime of NCCL/RCCL (see {@link MscclXmlExporter}). With {@code --bands}, a directory of
 * files, one per message-size band ({@link ExportMscclBands}).
 */
@Command(name = "export-msccl", mixinStandardHelpOptions = true,
        description = {"Export a schedule (forest, ring or double-binary-tree; allgather, reduce-scatter or "
                + "allreduce) as an MSCCL algorithm XML file that the MSCCL runtime of NCCL/RCCL executes. "
                + "The schedule must verify against the topology; GPU rank i is the i-th accelerator of the "
                + "topology file. Writes atomically and prints GPUs, chunks per shard, channels, threadblocks "
                + "and steps.",
            "With --bands, writes one file per message-size band into the directory OUT, each declaring its "
                + "sizes (minBytes, maxBytes) so that the runtime, pointed at OUT by MSCCL_ALGO_DIR, runs each "
                + "message with its band's schedule. --bands auto: the bands where each schedule given is fastest "
                + "by the alpha-beta model, or with no SCHEDULE, each candidate of 'schedule --algorithm auto' "
                + "for --collective. --bands FROM:TO,…: one band per SCHEDULE, in order (e.g. "
                + "0:1MiB,1MiB:64MiB,64MiB:); they must start at 0, meet, and end open.",
            "Exit 2 when the schedule cannot be expressed within the runtime's limits (the message says "
                + "which); with --bands auto such a candidate is left out and reported, and its sizes go to the "
                + "next fastest."})
public final class ExportMscclCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TopologyArgument topology;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "SCHEDULE",
            description = "Schedule file (schedule/1 JSON); with --bands, one or more, or none with --collective.")
    List<Path> schedules;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "MSCCL XML file to write (e.g. allgather.xml); with --bands, a directory.")
    Path output;

    @Option(names = "--bands", paramLabel = "auto|FROM:TO,…",
            description = "One file per message-size band: auto (the model's fastest per band) or FROM:TO,… "
                    + "(one per SCHEDULE; e.g. 0:1MiB,1MiB:64MiB,64MiB:).")
    String bands;

    @Option(names = {"-c", "--collective"}, paramLabel = "C", converter = Cli.CollectiveConverter.class,
            completionCandidates = Cli.CollectiveNames.class,
            description = "With --bands auto and no SCHEDULE: the collective whose candidates to weigh.")
    Collective collective;

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
        Options o = Options.defaults().withProto(p).withMaxThreadblocks(maxThreadblocks).withMaxChunks(maxChunks)
                .withMaxStepsPerThreadblock(maxSteps);
        List<Path> files = schedules == null ? List.of() : schedules;
        if (bands != null) {
            return new ExportMscclBands(spec, topology, files, collective, output, o).run(bands);
        }
        if (collective != null) {
            throw new BadInputException("--collective goes with --bands auto (to weigh the candidates); a single "
                    + "file exports the SCHEDULE given");
        }
        if (files.size() != 1) {
            throw new BadInputException("export-msccl takes one SCHEDULE, not " + files.size()
                    + "; several go with --bands");
        }
        Path scheduleFile = files.get(0);
        Cli.checkOutput("-o", output, topology.file, scheduleFile);
        Topology t = topology.read();
        Schedule s = Cli.readSchedule(scheduleFile, t);
        Cli.requireVerifies(t, s);
        Result r = MscclXmlExporter.export(s, t, o);
        Cli.write(output, () -> AtomicFiles.writeString(output, r.xml()));
        warnIfRounded(spec.commandLine().getErr(), r, maxChunks, "");
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + output + ": MSCCL " + s.collective() + " by " + s.algorithm() + " on "
                + topology.name(t) + " (" + o.proto().xmlName() + " protocol)");
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

    /** The warning when shares were rounded to the chunk grid; where names the file for several. */
    static void warnIfRounded(PrintWriter err, Result r, int maxChunks, String where) {
        if (!r.exact()) {
            err.println("canopy: warning: " + where + "the shares need more than " + maxChunks
                    + " chunks per shard; rounded to " + r.chunksPerShard() + " chunks per shard, largest share "
                    + "deviation " + r.maxDeviation() + " ≈ " + Cli.decimal(r.maxDeviation())
                    + (r.droppedTrees() > 0 ? ", " + r.droppedTrees() + " trees left without chunks" : ""));
            err.flush();
        }
    }
}
