package canopy.cli;

import canopy.io.GraphMlTopology;
import canopy.io.NcclCluster;
import canopy.io.NcclTopologyImporter;
import canopy.io.TopologyJson;
import canopy.io.HardenedXml;
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
            "nccl-xml: NCCL topology files (NCCL_TOPO_FILE / NCCL_TOPO_DUMP_FILE), one per node, or one file and "
                + "--nodes N copies; the NICs are joined by --network switch (one non-blocking switch), rail "
                + "(--spines S) or fat-tree (--leaf-nodes L, --spines S, --oversubscription R).",
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

    @Parameters(index = "2..*", arity = "0..*", paramLabel = "MORE",
            description = "nccl-xml: further files, one per node (node k from the k-th file).")
    List<Path> moreFiles;

    @Option(names = "--network", paramLabel = "KIND", defaultValue = "switch",
            description = "nccl-xml with several nodes: switch (one non-blocking switch, default), rail (rail-optimised "
                    + "leaves and spines) or fat-tree (two tiers, --leaf-nodes nodes per leaf).")
    String network;

    @Option(names = "--spines", paramLabel = "S", description = "nccl-xml, rail or fat-tree: spine switches (default 2).")
    Integer spines;

    @Option(names = "--oversubscription", paramLabel = "R", converter = WhatIfCommand.PositiveRational.class,
            description = "nccl-xml, rail or fat-tree: leaf down : up bandwidth (exact, default 1, non-blocking).")
    Rational oversubscription;

    @Option(names = "--leaf-nodes", paramLabel = "L",
            description = "nccl-xml, fat-tree: nodes whose NICs share a leaf (default 4).")
    Integer leafNodes;

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
        boolean ncclXml = format.equalsIgnoreCase("nccl-xml") || format.equalsIgnoreCase("nccl");
        if (!ncclXml && (moreFiles != null && !moreFiles.isEmpty() || !network.equals("switch") || spines != null
                || oversubscription != null || leafNodes != null)) {
            throw new BadInputException("several files, --network, --spines, --oversubscription and --leaf-nodes are "
                    + "for nccl-xml");
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
        List<Path> files = new java.util.ArrayList<>(List.of(file));
        if (moreFiles != null) {
            files.addAll(moreFiles);
        }
        Cli.checkOutput("-o", output, files.toArray(new Path[0]));
        Topology t;
        List<String> assumptions;
        switch (format.toLowerCase(Locale.ROOT)) {
            case "nccl-xml", "nccl" -> {
                if (defaultKind != null || defaultBandwidth != null || oneWay) {
                    throw new BadInputException("--default-kind, --default-bandwidth and --one-way are for graphml");
                }
                NcclTopologyImporter.Result r = NcclTopologyImporter.read(files,
                        nodes == null ? files.size() : nodes, network(), maxBytes);
                t = r.topology();
                assumptions = r.assumptions();
                TopologyJson.check(t);
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

    private NcclCluster.Network network() {
        NcclCluster.Kind kind = NcclCluster.Kind.of(network);
        if (kind == null) {
            throw new BadInputException("--network must be switch, rail or fat-tree, not '" + network + "'");
        }
        if (kind == NcclCluster.Kind.SWITCH) {
            if (spines != null || oversubscription != null || leafNodes != null) {
                throw new BadInputException("--spines, --oversubscription and --leaf-nodes are for --network rail or "
                        + "fat-tree");
            }
            return NcclCluster.Network.SWITCH;
        }
        if (kind == NcclCluster.Kind.RAIL && leafNodes != null) {
            throw new BadInputException("--leaf-nodes is for --network fat-tree (a rail network has one leaf per rail)");
        }
        try {
            return new NcclCluster.Network(kind, spines == null ? 2 : spines,
                    oversubscription == null ? Rational.ONE : oversubscription, leafNodes == null ? 4 : leafNodes);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
