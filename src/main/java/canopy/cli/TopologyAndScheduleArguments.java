package canopy.cli;

import canopy.io.InvalidInputException;
import canopy.model.Schedule;
import canopy.model.Topology;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * TOPO SCHEDULE: the parameters of the commands that check or use an existing schedule. One mixin for
 * both, not a SCHEDULE mixin beside {@link TopologyArgument}, because picocli checks each mixin on its own
 * and refuses one whose only positional parameter has index 1.
 */
final class TopologyAndScheduleArguments {
    @Mixin
    TopologyArgument topology;

    @Parameters(index = "1", paramLabel = "SCHEDULE", description = "Schedule file (schedule/1 JSON).")
    Path scheduleFile;

    /** The schedule, read against its topology t (every id must be one of t's). */
    Schedule readSchedule(Topology t) throws InvalidInputException, NoSuchFileException {
        return Cli.readSchedule(scheduleFile, t);
    }
}
