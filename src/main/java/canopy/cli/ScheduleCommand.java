package canopy.cli;

import canopy.engine.CollectiveScheduler;
import canopy.engine.ScheduleAnalyzer;
import canopy.engine.ScheduleResult;
import canopy.engine.TimeModel;
import canopy.engine.Schedulers;
import canopy.io.ScheduleJson;
import canopy.model.Collective;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Node;
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
                + "are NCCL-style baselines (double-binary-tree: allreduce only); auto builds every candidate "
                + "and keeps the least modeled time at --size.",
            "Prints algbw, the bound, their ratio, the number of trees and the engine time (wall time of "
                + "the engine calls only: scheduling, and for the baselines the bound; no file I/O)."})
public final class ScheduleCommand implements Callable<Integer> {
    /** The --algorithm values, from the engine's registry. */
    static final class AlgorithmNames extends ArrayList<String> {
        AlgorithmNames() {
            super(Schedulers.names());
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
            description = "One of ${COMPLETION-CANDIDATES} (default forest; auto: the least modeled time at"
                    + " --size); the README's schedule section says what each builds.")
    CollectiveScheduler algorithm;

    @Option(names = "--size", paramLabel = "M", converter = Sizes.Converter.class,
            description = "auto and balanced-trees only: the message size to choose for (e.g. 1MB, 64MiB; "
                    + "default 1 MiB).")
    Long size;

    @Option(names = "--max-trees-per-root", paramLabel = "K", defaultValue = "0",
            description = "forest only: at most K trees per root (0, the default: no limit, the optimal "
                    + "schedule). With a limit the algbw may fall short of the bound.")
    long maxTreesPerRoot;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Schedule file to write (e.g. out.schedule.json).")
    Path output;

    @Mixin
    ProgressOption progress;

    static final class AlgorithmConverter implements picocli.CommandLine.ITypeConverter<CollectiveScheduler> {
        @Override
        public CollectiveScheduler convert(String value) {
            try {
                return Schedulers.get(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        String unsupported = Schedulers.unsupported(algorithm, collective.value);
        if (unsupported != null) {
            throw new BadInputException(unsupported + "; use --collective " + algorithm.collectives().iterator().next()
                    + ", or --algorithm " + Schedulers.orList(Schedulers.supporting(collective.value)));
        }
        if (maxTreesPerRoot < 0) {
            throw new BadInputException("--max-trees-per-root must be 0 (no limit) or positive, not "
                    + maxTreesPerRoot);
        }
        CollectiveScheduler.Request request = new CollectiveScheduler.Request(maxTreesPerRoot, size == null ? 0 : size);
        CollectiveScheduler.Option refused = Schedulers.refusedOption(algorithm, request);
        if (refused != null) {
            String flag = refused == CollectiveScheduler.Option.MAX_TREES_PER_ROOT ? "--max-trees-per-root" : "--size";
            throw new BadInputException(flag + " applies to --algorithm " + Schedulers.orList(Schedulers.accepting(refused))
                    + " only");
        }
        Cli.checkOutput("-o", output, topology.file);
        Topology t = topology.read();
        refuseUnwritable(t);
        StderrProgress p = progress.toStderr();

        long start = System.nanoTime();
        ScheduleResult result = Schedulers.run(algorithm, t, collective.value, request, p, null);
        long nanos = System.nanoTime() - start;

        Schedule s = result.schedule();
        Cli.write(output, () -> ScheduleJson.write(s, output));
        print(spec.commandLine().getOut(), t, result, nanos);
        return CanopyCommand.EXIT_OK;
    }

    /**
     * Refuses, before the engine runs, an allgather or reduce-scatter whose every schedule file is larger
     * than a schedule reader accepts (at about 3,500 accelerators with short ids): rather than an hour
     * of work and then nothing written (a 4,096-GPU pod's forest: 58 min, then out of memory at
     * -Xmx2g). bound gives the figure the forest would reach, in seconds.
     */
    private void refuseUnwritable(Topology t) {
        if (collective.value == Collective.ALLREDUCE) {
            return; // reduce and broadcast trees (double-binary-tree) are small; the writer still checks
        }
        String why = ScheduleJson.perShardTooLarge(t.accelerators().stream().map(Node::id).toList());
        if (why != null) {
            throw new BadInputException("cannot schedule " + collective.value.jsonName() + " on " + t.acceleratorCount()
                    + " accelerators into a file: " + why + "; nothing computed. The best algbw, which the forest "
                    + "reaches, without a file: canopy bound " + topology.file);
        }
    }

    private void print(PrintWriter out, Topology t, ScheduleResult result, long nanos) {
        Schedule s = result.schedule();
        String u = Cli.units(t);
        out.println("wrote " + output + ": " + s.collective() + " by " + s.algorithm() + " on "
                + topology.name(t) + " (" + Cli.plural(s.accelerators(), "accelerator") + ")");
        out.println("algbw:       " + Cli.exact(s.algbw()) + " " + u);
        out.println("bound:       " + Cli.exact(s.bound()) + " " + u);
        Rational ratio = s.ratioToBound();
        out.println("ratio:       " + (ratio == null ? "unknown" : ratio + " (" + Cli.percent(ratio) + " of the bound)"));
        String trees = "trees:       " + s.trees().size();
        if (result.treesPerRoot() > 0) {
            trees += s.collective() == Collective.ALLREDUCE
                    ? " (" + result.reduceScatterTreesPerRoot() + " per root for reduce-scatter, "
                            + result.allgatherTreesPerRoot() + " for allgather)"
                    : " (" + result.treesPerRoot() + " per root)";
        }
        out.println(trees);
        TimeModel m = ScheduleAnalyzer.analyze(t, s).timeModel();
        out.println("depth:       " + TreeDepths.summary(s, m));
        out.println("start-up:    " + TreeDepths.stages(m));
        if (!result.note().isEmpty()) {
            out.println("chosen:      " + result.note());
        }
        if (size != null) {
            out.println("modeled:     " + Cli.duration(m.timeSeconds(size)) + " at " + Sizes.format(size)
                    + "; lower bound " + Cli.duration(m.floor().seconds(size)) + "; ratio "
                    + AnalyzeCommand.sig(m.ratioToFloor(size).toDouble()));
        }
        out.println("engine time: " + Cli.seconds(nanos));
        out.flush();
    }
}
