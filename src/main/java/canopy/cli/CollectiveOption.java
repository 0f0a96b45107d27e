package canopy.cli;

import canopy.model.Collective;
import picocli.CommandLine.Option;

/** The required -c/--collective option of the commands that build schedules. */
final class CollectiveOption {
    @Option(names = {"-c", "--collective"}, required = true, paramLabel = "C",
            converter = Cli.CollectiveConverter.class, completionCandidates = Cli.CollectiveNames.class,
            description = "allgather, reduce-scatter or allreduce.")
    Collective value;
}
