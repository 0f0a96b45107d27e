package canopy.cli;

import canopy.engine.Bounds;
import canopy.engine.ScheduleVerifier;
import canopy.engine.ScheduleVerifier.VerificationResult;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code canopy verify TOPO SCHEDULE [--expect-optimal]}: the checks of tools/verify_schedule.py. A
 * schedule that fails is bad input: exit 2, every problem on stdout and the first on stderr.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a schedule against its topology: trees span the accelerators over existing "
                + "links, shares add up, the collective is covered, and the reported algbw is the one "
                + "recomputed exactly from the link loads.",
            "Exit 0 when the schedule passes; exit 2 when it fails (every problem is printed on stdout, "
                + "the first also on stderr) or a file cannot be read."})
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TopologyAndScheduleArguments files;

    @Option(names = "--expect-optimal",
            description = "Also require algbw to equal the bound of the schedule's collective, computed "
                    + "from the topology.")
    boolean expectOptimal;

    @Override
    public Integer call() throws Exception {
        Topology t = files.topology.read();
        Schedule s = files.readSchedule(t);
        Rational optimum = expectOptimal ? Bounds.of(t).of(s.collective()) : null;
        VerificationResult r = ScheduleVerifier.verify(t, s, optimum);
        if (optimum != null && s.bound() != null && !s.bound().equals(optimum)) {
            java.util.List<String> problems = new java.util.ArrayList<>(r.problems());
            problems.add("bound_algbw_exact " + canopy.model.Messages.clip(s.bound().toString(), 60)
                    + " is not the topology's bound " + optimum);
            r = new VerificationResult(false, r.recomputedAlgbw(), problems);
        }
        PrintWriter out = spec.commandLine().getOut();
        String u = Cli.units(t);
        if (r.ok()) {
            out.println("ok: " + s.collective() + " by " + s.algorithm() + " on " + files.topology.name(t)
                    + ", " + Cli.plural(s.trees().size(), "tree"));
            out.println("algbw (recomputed): " + Cli.exact(r.recomputedAlgbw()) + " " + u);
            if (optimum != null) {
                out.println("optimal: equals the bound " + optimum);
            }
            out.flush();
            return CanopyCommand.EXIT_OK;
        }
        for (String p : r.problems()) {
            out.println("problem: " + canopy.model.Messages.oneLine(p));
        }
        out.println("algbw (recomputed): " + Cli.exact(r.recomputedAlgbw()) + " " + u);
        out.flush();
        throw new BadInputException("verification failed: " + r.problems().get(0)
                + (r.problems().size() > 1 ? " (and " + (r.problems().size() - 1) + " more, listed on stdout)" : ""));
    }
}
