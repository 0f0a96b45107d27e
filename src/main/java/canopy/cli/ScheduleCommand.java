package canopy.cli;

import canopy.engine.Bounds;
import canopy.engine.DoubleBinaryTreeScheduler;
import canopy.engine.ForestScheduler;
import canopy.engine.RingScheduler;
import canopy.io.ScheduleJson;
import canopy.model.Collective;
import canopy.model.Rational;
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

/** {@code canopy schedule TOPO --collective C --algorithm A -o OUT}: build a schedule and write it. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Build a schedule of a collective on a topology and write it as schedule/1 JSON "
                + "(atomically). forest is the bandwidth-optimal tree packing; ring and double-binary-tree "
                + "are NCCL-style baselines (double-binary-tree: allreduce only).",
            "Prints algbw, the bound, their ratio, the number of trees and the engine time (wall time of "
                + "the engine calls only: scheduling, and for the baselines the bound; no file I/O)."})
public final class ScheduleCommand implements Callable<Integer> {
    /** The --algorithm values. */
    enum Algorithm {
        FOREST("forest"), RING("ring"), DOUBLE_BINARY_TREE("double-binary-tree");

        final String cliName;

        Algorithm(String cliName) {
            this.cliName = cliName;
        }

        static Algorithm parse(String s) {
            for (Algorithm a : values()) {
                if (a.cliName.equalsIgnoreCase(s)) {
                    return a;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("'" + s
                    + "' is not an algorithm; expected forest, ring or double-binary-tree");
        }
    }

    static final class AlgorithmNames extends ArrayList<String> {
        AlgorithmNames() {
            super(List.of("forest", "ring", "double-binary-tree"));
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    TopologyArgument topology;

    @Mixin
    CollectiveOption collective;

    @Option(names = {"-a", "--algorithm"}, paramLabel = "A", defaultValue = "forest",
            converter = AlgorithmConverter.class, completionCandidates = AlgorithmNames.class,
            description = "forest (default), ring or double-binary-tree.")
    Algorithm algorithm;

    @Option(names = "--max-trees-per-root", paramLabel = "K", defaultValue = "0",
            description = "forest only: at most K trees per root (0, the default: no limit, the optimal "
                    + "schedule). With a limit the algbw may fall short of the bound.")
    long maxTreesPerRoot;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Schedule file to write (e.g. out.schedule.json).")
    Path output;

    @Mixin
    ProgressOption progress;

    static final class AlgorithmConverter implements picocli.CommandLine.ITypeConverter<Algorithm> {
        @Override
        public Algorithm convert(String value) {
            return Algorithm.parse(value);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (algorithm == Algorithm.DOUBLE_BINARY_TREE && collective.value != Collective.ALLREDUCE) {
            throw new BadInputException("double-binary-tree schedules allreduce only, not " + collective.value
                    + "; use --collective allreduce, or --algorithm forest or ring");
        }
        if (maxTreesPerRoot < 0) {
            throw new BadInputException("--max-trees-per-root must be 0 (no limit) or positive, not "
                    + maxTreesPerRoot);
        }
        if (maxTreesPerRoot > 0 && algorithm != Algorithm.FOREST) {
            throw new BadInputException("--max-trees-per-root applies to --algorithm forest only");
        }
        Cli.checkOutput("-o", output, topology.file);
        Topology t = topology.read();
        StderrProgress p = progress.toStderr();

        long start = System.nanoTime();
        Schedule s;
        ForestScheduler.Stats stats = null;
        switch (algorithm) {
            case FOREST -> {
                ForestScheduler forest = new ForestScheduler(p);
                s = forest.schedule(t, collective.value, maxTreesPerRoot);
                stats = forest.stats();
            }
            case RING -> s = withBound(RingScheduler.schedule(t, collective.value), t);
            default -> s = withBound(DoubleBinaryTreeScheduler.schedule(t), t);
        }
        long nanos = System.nanoTime() - start;

        final Schedule written = s;
        Cli.write(output, () -> ScheduleJson.write(written, output));
        print(spec.commandLine().getOut(), t, s, stats, nanos);
        return CanopyCommand.EXIT_OK;
    }

    /** A baseline schedule with the bound and bottleneck cut of its collective filled in from Bounds. */
    static Schedule withBound(Schedule s, Topology t) {
        Bounds b = Bounds.of(t);
        return new Schedule(s.collective(), s.algorithm(), s.topologyName(), s.accelerators(), s.algbw(),
                b.of(s.collective()), b.cutOf(s.collective()).cut(), s.trees());
    }

    private void print(PrintWriter out, Topology t, Schedule s, ForestScheduler.Stats stats, long nanos) {
        String u = Cli.units(t);
        out.println("wrote " + output + ": " + s.collective() + " by " + s.algorithm() + " on "
                + topology.name(t) + " (" + Cli.plural(s.accelerators(), "accelerator") + ")");
        out.println("algbw:       " + Cli.exact(s.algbw()) + " " + u);
        out.println("bound:       " + Cli.exact(s.bound()) + " " + u);
        Rational ratio = s.ratioToBound();
        out.println("ratio:       " + (ratio == null ? "unknown" : ratio + " (" + Cli.percent(ratio) + " of the bound)"));
        String trees = "trees:       " + s.trees().size();
        if (stats != null) {
            trees += s.collective() == Collective.ALLREDUCE
                    ? " (" + stats.reduceScatterTreesPerRoot() + " per root for reduce-scatter, "
                            + stats.allgatherTreesPerRoot() + " for allgather)"
                    : " (" + stats.treesPerRoot() + " per root)";
        }
        out.println(trees);
        out.println("engine time: " + Cli.seconds(nanos));
        out.flush();
    }
}
