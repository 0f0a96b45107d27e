package canopy.cli;

import canopy.io.FigureText;
import canopy.engine.Bound;
import canopy.engine.FailureAnalysis;
import canopy.engine.LinkClassAdvisor;
import canopy.engine.UpgradeAdvisor;
import canopy.engine.WhatIf;
import canopy.model.TopologyValidator;
import canopy.model.Collective;
import canopy.model.Rational;
import canopy.model.Topology;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code canopy whatif TOPO --fail X …} and {@code canopy whatif TOPO --upgrade-rank}: what a failure
 * costs and which link upgrade pays, exactly. A failure that leaves the topology invalid (accelerators
 * cut off) is an answer, exit 0; names that match nothing are bad input, exit 2.
 */
@Command(name = "whatif", mixinStandardHelpOptions = true,
        description = {"What-if analysis on a topology's bounds.",
            "--fail X …: remove links (a->b, a<->b, links[i] or #i), nodes (switch or accelerator) or groups "
                + "(boxes), then print the bounds before and after and the exact change, or why the topology "
                + "is no longer valid (e.g. accelerators cut off). node:, group: and link: prefixes force a reading.",
            "--upgrade-rank: add --by GB/s (or ×--factor) to each link in turn and rank the links by the gain "
                + "of the allreduce bound, then of the allgather bound; for the top ones, the bandwidth b* at "
                + "which the bottleneck moves elsewhere.",
            "--upgrade-rank --by-class: the same for whole classes of links (same bandwidth, duplex or one-way, "
                + "endpoint kinds, within or across groups), e.g. every NIC at once."})
public final class WhatIfCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TopologyArgument topology;

    @Option(names = "--fail", arity = "1..*", paramLabel = "LINK|NODE|GROUP",
            description = "Links, nodes or groups to remove (repeatable).")
    List<String> fail;

    @Option(names = "--schedule", description = "With --fail: also build the optimal forest schedules "
            + "(allgather, allreduce) after the failure and print their figures.")
    boolean schedule;

    @Option(names = "--upgrade-rank", description = "Rank single-link upgrades by the bounds they raise.")
    boolean upgradeRank;

    @Option(names = "--by-class", description = "With --upgrade-rank: upgrade whole classes of links at once "
            + "(same bandwidth, duplex or one-way, endpoint kinds, within or across groups) instead of single links.")
    boolean byClass;

    @Option(names = "--by", paramLabel = "GB/S", converter = PositiveRational.class,
            description = "Bandwidth added per direction to the upgraded link (exact: 25, 12.5, 100/3; default 25).")
    Rational by;

    @Option(names = "--factor", paramLabel = "F", converter = PositiveRational.class,
            description = "Or multiply the link's bandwidth by F (> 1).")
    Rational factor;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "Rows to print, each with its breakpoint b* (default: ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    ProgressOption progress;

    @Override
    public Integer call() throws Exception {
        if ((fail == null || fail.isEmpty()) == !upgradeRank) {
            throw new BadInputException("give either --fail LINK|NODE|GROUP … or --upgrade-rank");
        }
        if (!upgradeRank && (by != null || factor != null)) {
            throw new BadInputException("--by and --factor go with --upgrade-rank");
        }
        if (!upgradeRank && byClass) {
            throw new BadInputException("--by-class goes with --upgrade-rank");
        }
        if (upgradeRank && schedule) {
            throw new BadInputException("--schedule goes with --fail");
        }
        Topology t = topology.read();
        StderrProgress p = progress.toStderr();
        PrintWriter out = spec.commandLine().getOut();
        out.println(topology.name(t) + ": " + Cli.counts(t));
        if (upgradeRank) {
            try {
                rank(t, p, out);
            } catch (RuntimeException e) {
                if (!overflow(e)) {
                    throw e;
                }
                // The engine's max-flow counts bandwidth in exact 64-bit units of the finest fraction in play.
                throw new BadInputException((by != null ? "--by " + by : factor != null ? "--factor " + factor
                        : "the upgrade") + ": the upgraded bandwidths need finer units than the engine's exact 64-bit"
                        + " max-flow can count (the bandwidths' common denominator is too large); use a coarser value");
            }
        } else {
            fail(t, p, out);
        }
        out.flush();
        return CanopyCommand.EXIT_OK;
    }

    // ---------------------------------------------------------------- failure

    private void fail(Topology t, StderrProgress p, PrintWriter out) throws Exception {
        // The same name twice removes one thing once (and is said once).
        List<String> names = new ArrayList<>(new java.util.LinkedHashSet<>(fail));
        FailureAnalysis.Result r = FailureAnalysis.analyze(t, FailTargets.resolve(t, names), schedule, p);
        String u = Cli.units(t);
        for (String s : new java.util.LinkedHashSet<>(r.removed())) {
            out.println("removed: " + s);
        }
        if (names.size() < fail.size()) {
            out.println("note: " + (fail.size() - names.size()) + " repeated --fail "
                    + (fail.size() - names.size() == 1 ? "name" : "names") + " counted once");
        }
        for (String s : r.notes()) {
            out.println("note: " + s);
        }
        if (!r.valid()) {
            out.println("after the failure the topology is no longer valid: " + r.invalidReason());
            for (TopologyValidator.Problem pr : r.problems()) {
                out.println("  problem: " + pr.message());
            }
            out.println("bounds before: allgather " + Cli.exact(r.boundsBefore().allgather().algbw())
                    + ", reduce-scatter " + Cli.exact(r.boundsBefore().reduceScatter().algbw()) + ", allreduce "
                    + Cli.exact(r.boundsBefore().allreduce()) + " " + u + "; after: none (no schedule can run)");
            return;
        }
        String[] head = {"bound (" + u + ")", "before", "after", "change", "relative"};
        List<String[]> rows = new ArrayList<>();
        for (Collective c : Collective.values()) {
            WhatIf.Change ch = r.change(c);
            rows.add(new String[] {c.jsonName(), Cli.exact(ch.before()), Cli.exact(ch.after()), signed(ch.delta()),
                WhatIf.percent(ch.relative())});
        }
        table(out, head, rows);
        Bound ag = r.boundsAfter().allgather();
        Bound bagBefore = r.boundsBefore().allgather();
        if (!ag.cut().equals(bagBefore.cut())) {
            out.println("allgather bottleneck after: " + ag.cutAccelerators() + " accelerator"
                    + (ag.cutAccelerators() == 1 ? "" : "s") + " in " + Cli.idSet(ag.cut()) + " can send only "
                    + ag.cutBandwidth() + " " + u + " out");
        } else {
            out.println("allgather bottleneck unchanged: " + Cli.idSet(ag.cut()));
        }
        for (FailureAnalysis.ScheduleFigures f : r.schedules()) {
            out.println("forest " + f.collective().jsonName() + " after: algbw " + Cli.exact(f.algbw()) + " " + u
                    + (f.optimal() ? " = the bound" : " (bound " + Cli.exact(f.bound()) + ")") + ", " + f.trees()
                    + " trees, " + f.treesPerRoot() + " per root");
        }
    }

    // ---------------------------------------------------------------- upgrade

    /** True when e or a cause of it is an ArithmeticException (an exact long overflowed). */
    private static boolean overflow(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ArithmeticException) {
                return true;
            }
        }
        return false;
    }

    private void rank(Topology t, StderrProgress p, PrintWriter out) {
        if (top < 0) {
            throw new BadInputException("--top must be at least 0, not " + top);
        }
        if (by != null && factor != null) {
            throw new BadInputException("give --by or --factor, not both");
        }
        if (factor != null && factor.compareTo(Rational.ONE) <= 0) {
            throw new BadInputException("--factor must be above 1, not " + factor);
        }
        UpgradeAdvisor.Options o = factor != null ? UpgradeAdvisor.Options.factor(factor, top)
                : UpgradeAdvisor.Options.by(by == null ? UpgradeAdvisor.DEFAULT_BY : by, top);
        if (byClass) {
            rankClasses(t, o, p, out);
            return;
        }
        UpgradeAdvisor.Ranking r = UpgradeAdvisor.rank(t, o, p);
        String u = Cli.units(t);
        printNow(out, r.before(), u);
        out.println("upgrade: " + amount(o, u) + " per direction on one link at a time (duplex: both directions); "
                + "ranked by allreduce gain, then allgather gain");
        List<String[]> rows = new ArrayList<>();
        int shown = Math.min(top, r.ranked().size());
        for (int i = 0; i < shown; i++) {
            UpgradeAdvisor.Candidate c = r.ranked().get(i);
            rows.add(row(i + 1, c.displayName(), c));
        }
        table(out, head("link"), rows);
        printRest(out, r.ranked().subList(shown, r.ranked().size()), "link");
        for (UpgradeAdvisor.Skipped s : r.skipped()) {
            out.println("not ranked: " + s.name() + ": " + s.reason());
        }
        printStats(out, r.stats(), "candidates");
    }

    private void rankClasses(Topology t, UpgradeAdvisor.Options o, StderrProgress p, PrintWriter out) {
        LinkClassAdvisor.ClassRanking r = LinkClassAdvisor.rank(t, o, p);
        String u = Cli.units(t);
        printNow(out, r.before(), u);
        out.println("classes: links with the same bandwidth, duplex or one-way, endpoint kinds, and both ends "
                + "within one group or across groups");
        out.println("upgrade: " + amount(o, u) + " per direction on every link of one class at a time (duplex: "
                + "both directions); ranked by allreduce gain, then allgather gain");
        List<String[]> rows = new ArrayList<>();
        int shown = Math.min(top, r.ranked().size());
        for (int i = 0; i < shown; i++) {
            LinkClassAdvisor.ClassCandidate c = r.ranked().get(i);
            rows.add(row(i + 1, c.displayName(), c));
        }
        table(out, head("class"), rows);
        printRest(out, r.ranked().subList(shown, r.ranked().size()), "class");
        for (LinkClassAdvisor.SkippedClass s : r.skipped()) {
            out.println("not ranked: " + s.linkClass().name() + ": " + s.reason());
        }
        printStats(out, r.stats(), "classes");
    }

    private static void printNow(PrintWriter out, canopy.engine.Bounds before, String u) {
        out.println("now: allgather " + Cli.exact(before.allgather().algbw()) + ", reduce-scatter "
                + Cli.exact(before.reduceScatter().algbw()) + ", allreduce " + Cli.exact(before.allreduce()) + " " + u);
    }

    /** "× 2" or "+25 GB/s". */
    private String amount(UpgradeAdvisor.Options o, String u) {
        return factor != null ? "× " + factor : "+" + o.by() + " " + u;
    }

    private static String[] head(String what) {
        return new String[] {"#", what, "now", "new AG", "AG gain", "new AR", "AR gain", "bottleneck moves at b*"};
    }

    private static String[] row(int rank, String name, UpgradeAdvisor.Outcome c) {
        return new String[] {Integer.toString(rank), name, shortExact(c.bandwidth()), shortExact(c.allgather()),
            signed(c.allgatherGain()), shortExact(c.allreduce()), signed(c.allreduceGain()), breakpoint(c)};
    }

    /** "… 29 more links (29 with no gain)" for the rows not shown. */
    private static void printRest(PrintWriter out, List<? extends UpgradeAdvisor.Outcome> rest, String what) {
        if (rest.isEmpty()) {
            return;
        }
        long zero = rest.stream().filter(c -> c.allreduceGain().signum() == 0 && c.allgatherGain().signum() == 0)
                .count();
        String plural = what.equals("class") ? "classes" : what + "s";
        out.println("… " + rest.size() + " more " + (rest.size() == 1 ? what : plural) + " (" + zero
                + " with no gain)");
    }

    private static void printStats(PrintWriter out, UpgradeAdvisor.Stats st, String candidates) {
        out.println(String.format(Locale.ROOT, "%d %s in %s: %d exact bound computations, %d candidate "
                        + "directions proved unchanged by a tight cut, %d reduce-scatter bounds equal to allgather by "
                        + "symmetry, %d computations for breakpoints",
                st.candidates(), candidates, Cli.seconds(st.nanos()), st.boundComputations(), st.provedByCuts(),
                st.reusedBySymmetry(), st.breakpointComputations()));
    }

    /** "200/3 ≈ 66.6667 (AR then 400/3 ≈ 133.333)", "already elsewhere", "never: every cut crosses it". */
    private static String breakpoint(UpgradeAdvisor.Outcome c) {
        return FigureText.breakpoint(c);
    }

    /** "400", "12.5", "1040/3 ≈ 346.667". */
    static String shortExact(Rational r) {
        return FigureText.shortExact(r);
    }

    private static String signed(Rational r) {
        return (r.signum() > 0 ? "+" : "") + shortExact(r);
    }

    static void table(PrintWriter out, String[] head, List<String[]> rows) {
        int[] w = new int[head.length];
        for (int c = 0; c < head.length; c++) {
            w[c] = head[c].length();
            for (String[] r : rows) {
                w[c] = Math.max(w[c], r[c].length());
            }
        }
        List<String[]> all = new ArrayList<>();
        all.add(head);
        all.addAll(rows);
        for (String[] r : all) {
            StringBuilder sb = new StringBuilder("  ");
            for (int c = 0; c < r.length; c++) {
                sb.append(r[c]).append(" ".repeat(w[c] - r[c].length() + 2));
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    /** An exact positive number: 25, 12.5, 100/3. */
    static final class PositiveRational implements ITypeConverter<Rational> {
        @Override
        public Rational convert(String value) {
            Rational r;
            try {
                r = canopy.io.ExactNumbers.parse(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number (25, 12.5 or 100/3)");
            }
            if (r.signum() <= 0) {
                throw new TypeConversionException("'" + value + "' is not positive");
            }
            return r;
        }
    }
}
