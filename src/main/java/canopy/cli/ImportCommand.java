package canopy.cli;

import canopy.io.GraphMlTopology;
import canopy.io.NcclTopologyImporter;
import canopy.io.TopologyJson;
import canopy.io.TopologyValidator;
import canopy.io.xml.HardenedXml;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code canopy import nccl-xml|graphml FILE -o OUT.json}: builds a topology file from an NCCL topology
 * dump or a GraphML graph, validates it, writes it, and prints what was assumed.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a topology from another format and write it as topology/1 JSON.",
            "nccl-xml: an NCCL topology file (NCCL_TOPO_FILE / NCCL_TOPO_DUMP_FILE) describing one node; "
                + "--nodes N copies it and joins the NICs through one network switch.",
            "nccl-graph: an NCCL graph dump (NCCL_GRAPH_DUMP_FILE) with --topology (the same machine's topology, "
                + "imported with nccl-xml): NCCL's ring or tree channels as a schedule file (-o OUT.schedule.json).",
            "graphml: GraphML with Canopy's keys (canopy export-graphml), or any GraphML (yEd) with node ids "
                + "and edges given --default-kind and --default-bandwidth.",
            "Prints every assumption made (defaults used). Files above --max-bytes, DTDs and entities are refused."})
public final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FORMAT", description = "nccl-xml, nccl-graph or graphml.")
    String format;

    @Parameters(index = "1", paramLabel = "FILE", description = "The file to import.")
    Path file;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.json",
            description = "Topology file to write.")
    Path output;

    @Option(names = "--nodes", paramLabel = "N", description = "nccl-xml: copies of the node (default 1).")
    Integer nodes;

    @Option(names = "--topology", paramLabel = "TOPO.json",
            description = "nccl-graph: the topology the dump's channels run on.")
    Path topologyFile;

    @Option(names = {"-c", "--collective"}, paramLabel = "C", converter = Cli.CollectiveConverter.class,
            completionCandidates = Cli.CollectiveNames.class,
            description = "nccl-graph: allgather, reduce-scatter or allreduce (default allreduce).")
    canopy.model.Collective collective;

    @Option(names = "--graph", paramLabel = "ring|tree",
            description = "nccl-graph: import the ring graph (default) or the tree graph (allreduce).")
    String graph;

    @Option(names = "--default-kind", paramLabel = "KIND",
            description = "graphml: kind of nodes without a kind key (accelerator or switch).")
    String defaultKind;

    @Option(names = "--default-bandwidth", paramLabel = "GB/S", converter = WhatIfCommand.PositiveRational.class,
            description = "graphml: per-direction bandwidth of edges without a bandwidth key (exact).")
    Rational defaultBandwidth;

    @Option(names = "--one-way", description = "graphml: edges without a duplex key are one-way (default: duplex).")
    boolean oneWay;

    @Option(names = "--max-bytes", paramLabel = "N", defaultValue = "" + HardenedXml.DEFAULT_MAX_BYTES,
            description = "Refuse larger files (default: ${DEFAULT-VALUE}).")
    long maxBytes;

    @Override
    public Integer call() throws Exception {
        if (maxBytes < 1) {
            throw new BadInputException("--max-bytes must be positive");
        }
        if (format.equalsIgnoreCase("nccl-graph")) {
            if (topologyFile == null) {
                throw new BadInputException("nccl-graph needs --topology TOPO.json (import the machine's topology "
                        + "with nccl-xml first)");
            }
            if (nodes != null || defaultKind != null || defaultBandwidth != null || oneWay) {
                throw new BadInputException("--nodes, --default-kind, --default-bandwidth and --one-way are not for "
                        + "nccl-graph");
            }
            NcclGraphImport.run(file, topologyFile, output, collective == null ? canopy.model.Collective.ALLREDUCE
                    : collective, graph == null ? "ring" : graph, maxBytes, spec.commandLine().getOut());
            return CanopyCommand.EXIT_OK;
        }
        if (topologyFile != null || collective != null || graph != null) {
            throw new BadInputException("--topology, --collective and --graph are for nccl-graph");
        }
        Cli.checkOutput("-o", output, file);
        Topology t;
        List<String> assumptions;
        switch (format.toLowerCase(Locale.ROOT)) {
            case "nccl-xml", "nccl" -> {
                if (defaultKind != null || defaultBandwidth != null || oneWay) {
                    throw new BadInputException("--default-kind, --default-bandwidth and --one-way are for graphml");
                }
                NcclTopologyImporter.Result r = NcclTopologyImporter.read(file, nodes == null ? 1 : nodes, maxBytes);
                t = r.topology();
                assumptions = r.assumptions();
                TopologyValidator.check(t);
            }
            case "graphml" -> {
                if (nodes != null) {
                    throw new BadInputException("--nodes is for nccl-xml");
                }
                NodeKind kind = null;
                if (defaultKind != null) {
                    kind = NodeKind.fromJson(defaultKind.toLowerCase(Locale.ROOT));
                    if (kind == null) {
                        throw new BadInputException("--default-kind: '" + defaultKind
                                + "' is not accelerator or switch");
                    }
                }
                GraphMlTopology.Result r = GraphMlTopology.read(file,
                        new GraphMlTopology.Defaults(kind, defaultBandwidth, oneWay), maxBytes);
                t = r.topology();
                assumptions = r.assumptions();
            }
            default -> throw new BadInputException("unknown format '" + format + "': nccl-xml, nccl-graph or graphml");
        }
        final Topology written = t;
        Cli.write(output, () -> TopologyJson.write(written, output));
        PrintWriter out = spec.commandLine().getOut();
        out.println("imported " + Cli.name(t, file) + ": " + Cli.counts(t));
        if (assumptions.isEmpty()) {
            out.println("assumed: nothing (every figure came from the file)");
        } else {
            out.println("assumed:");
            for (String a : assumptions) {
                out.println("  - " + a);
            }
        }
        out.println("wrote " + output);
        out.flush();
        return CanopyCommand.EXIT_OK;
    }
}
