package canopy.cli;

import canopy.io.GraphMlTopology;
import canopy.model.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code canopy export-graphml TOPO -o OUT.graphml}: the topology as GraphML, nothing lost. */
@Command(name = "export-graphml", mixinStandardHelpOptions = true,
        description = "Write a topology as GraphML (JGraphT): kind, label, x, y, group per node; bandwidth (exact "
                + "text), duplex, latency_us per edge; name and units per graph. 'canopy import graphml' reads it "
                + "back unchanged.")
public final class ExportGraphmlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TopologyArgument topology;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.graphml", description = "File to write.")
    Path output;

    @Override
    public Integer call() throws Exception {
        Cli.checkOutput("-o", output, topology.file);
        Topology t = topology.read();
        GraphMlTopology.checkWritable(t);
        Cli.write(output, () -> GraphMlTopology.write(t, output));
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + output + ": " + Cli.counts(t));
        out.flush();
        return CanopyCommand.EXIT_OK;
    }
}
