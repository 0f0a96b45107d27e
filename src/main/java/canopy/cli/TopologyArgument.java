package canopy.cli;

import canopy.io.InvalidInputException;
import canopy.model.Topology;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/**
 * The TOPO parameter that most subcommands take first. A mixin so that its label and help text are the
 * same in every command, and so is the way it is read (a missing file is "no such file", exit 2).
 */
final class TopologyArgument {
    @Parameters(index = "0", paramLabel = "TOPO", description = "Topology file (topology/1 JSON).")
    Path file;

    /** The topology, read and validated. */
    Topology read() throws InvalidInputException, NoSuchFileException {
        return Cli.readTopology(file);
    }

    /** The name to print for t, read from this file: its name, else the file name. */
    String name(Topology t) {
        return Cli.name(t, file);
    }
}
