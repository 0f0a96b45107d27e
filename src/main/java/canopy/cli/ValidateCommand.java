package canopy.cli;

import canopy.io.TopologyJson;
import canopy.model.TopologyValidator;
import canopy.model.Topology;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code canopy validate TOPO}: reads a topology with every check of formats.md. A valid file prints
 * one ok line. A file that breaks rules exits 2 with the first problem as the one line on stderr; when
 * there are several, stdout lists all of them, one per line.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a topology file against every rule of formats.md.",
            "Valid: prints 'ok: NAME — N accelerators, S switches, L links' and exits 0. Invalid: exits 2 "
                + "with the first problem (naming the node or link) on stderr; if the file parses but breaks "
                + "several rules, stdout lists every problem, one per line."})
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TopologyArgument topology;

    @Override
    public Integer call() throws Exception {
        Cli.requireFile(topology.file);
        Topology t = TopologyJson.readUnchecked(topology.file);
        List<TopologyValidator.Problem> problems = TopologyValidator.problems(t);
        PrintWriter out = spec.commandLine().getOut();
        if (problems.isEmpty()) {
            out.println("ok: " + topology.name(t) + " — " + Cli.counts(t));
            out.flush();
            return CanopyCommand.EXIT_OK;
        }
        if (problems.size() > 1) {
            for (TopologyValidator.Problem p : problems) {
                out.println("problem: " + p.message());
            }
            out.flush();
            throw new BadInputException(problems.get(0).message() + " (first of " + problems.size()
                    + " problems, all listed on stdout)");
        }
        throw new BadInputException(problems.get(0).message());
    }
}
