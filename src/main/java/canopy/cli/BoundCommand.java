package canopy.cli;

import canopy.engine.Bound;
import canopy.engine.Bounds;
import canopy.engine.NetworkGraph;
import canopy.model.Node;
import canopy.model.Rational;
import canopy.model.Topology;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code canopy bound TOPO}: the three cut bounds, each with a bottleneck cut and why it binds. */
@Command(name = "bound", mixinStandardHelpOptions = true,
        description = "Print the best algbw any schedule can reach for allgather, reduce-scatter and "
                + "allreduce on a topology (exact, in its units), each with a bottleneck cut.")
public final class BoundCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TopologyArgument topology;

    @Mixin
    ProgressOption progress;

    @Override
    public Integer call() throws Exception {
        Topology t = topology.read();
        StderrProgress p = progress.toStderr();
        Bounds b = Bounds.of(NetworkGraph.of(t), p);
        PrintWriter out = spec.commandLine().getOut();
        String u = Cli.units(t);
        int n = t.acceleratorCount();
        out.println(topology.name(t) + ": " + Cli.counts(t));
        out.println("allgather:      " + Cli.exact(b.allgather().algbw()) + " " + u);
        out.println("  " + allgatherWhy(t, b.allgather(), n, u));
        out.println("reduce-scatter: " + Cli.exact(b.reduceScatter().algbw()) + " " + u);
        out.println("  " + reduceScatterWhy(t, b.reduceScatter(), n, u));
        out.println("allreduce:      " + Cli.exact(b.allreduce()) + " " + u);
        out.println("  reduce-scatter then allgather, so the times per byte add up: 1 / ("
                + b.reduceScatter().algbw().reciprocal() + " + " + b.allgather().algbw().reciprocal() + ") = "
                + b.allreduce() + " " + u + "; the two cuts above bind it");
        out.flush();
        return CanopyCommand.EXIT_OK;
    }

    /** Why the allgather bound holds: the cut's accelerators must each send 1/N of the buffer out of S. */
    static String allgatherWhy(Topology t, Bound b, int n, String units) {
        return "bottleneck: " + whoSet(t, b) + " can send only " + b.cutBandwidth() + " " + units
                + " out of the set " + Cli.idSet(b.cut()) + complement(t, b.cut()) + "; each must send its 1/" + n
                + " of the buffer out, so algbw ≤ " + formula(b, n) + " " + units;
    }

    /** Why the reduce-scatter bound holds: the cut's accelerators must each receive 1/N reduced from outside. */
    static String reduceScatterWhy(Topology t, Bound b, int n, String units) {
        return "bottleneck: " + whoSet(t, b) + " can receive only " + b.cutBandwidth() + " " + units
                + " into the set " + Cli.idSet(b.cut()) + complement(t, b.cut()) + "; each must receive its 1/" + n
                + " of the buffer, reduced over the accelerators outside, so algbw ≤ " + formula(b, n) + " "
                + units;
    }

    private static String whoSet(Topology t, Bound b) {
        int k = b.cutAccelerators();
        return k == 1 ? "this accelerator" : "these " + k + " accelerators";
    }

    /** "8 × 250 / 7 = 2000/7". */
    private static String formula(Bound b, int n) {
        Rational value = b.cutBandwidth().multiply(n).divide(b.cutAccelerators());
        return n + " × " + b.cutBandwidth() + " / " + b.cutAccelerators() + " = " + value;
    }

    /** When the set is most of the network, name what it leaves out: " (every node but {b0g0})". */
    private static String complement(Topology t, List<String> cut) {
        Set<String> in = new HashSet<>(cut);
        List<String> rest = new ArrayList<>();
        for (Node node : t.nodes()) {
            if (!in.contains(node.id())) {
                rest.add(node.id());
            }
        }
        if (rest.size() >= cut.size() || rest.size() > Cli.MAX_LISTED_IDS) {
            return "";
        }
        return " (every node but " + Cli.idSet(rest) + ")";
    }
}
