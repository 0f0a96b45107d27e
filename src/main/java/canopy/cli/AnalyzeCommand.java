package canopy.cli;

import canopy.engine.Congestion;
import canopy.engine.ScheduleAnalyzer;
import canopy.engine.ScheduleAnalyzer.Analysis;
import canopy.engine.ScheduleAnalyzer.Bottleneck;
import canopy.engine.ScheduleAnalyzer.LinkUse;
import canopy.engine.NetworkGraph;
import canopy.engine.Progress;
import canopy.engine.TimeFloor;
import canopy.engine.TimeModel;
import canopy.engine.ScheduleVerifier;
import canopy.engine.ScheduleVerifier.VerificationResult;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code canopy analyze TOPO SCHEDULE}: per-link loads and utilisation, algbw and bus bandwidth, the
 * bottleneck links and the alpha-beta time table.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Show what a schedule does to the network: the busiest links (load in units of the "
                + "buffer M, utilisation = busy time / completion time, trees crossing), algbw exact and as a "
                + "decimal, NCCL's bus bandwidth, the bottleneck links, and an alpha-beta table of completion "
                + "time and algbw per buffer size.",
            "Sizes use binary units: K, KB and KiB all mean 1024 bytes (M, MB, MiB 1024^2; G, GB, GiB "
                + "1024^3); bandwidths stay in GB/s = 10^9 bytes/s. The schedule must pass 'canopy verify' "
                + "(without --expect-optimal) first; if it does not, exit 2."})
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TopologyAndScheduleArguments files;

    @Option(names = "--sizes", split = ",", paramLabel = "SIZE", converter = Sizes.Converter.class,
            defaultValue = "1KB,1MB,64MB,1GB,4GB",
            description = "Buffer sizes of the alpha-beta table, comma-separated (default: ${DEFAULT-VALUE}; "
                    + "binary units, KB = KiB = 1024 bytes).")
    List<Long> sizes;

    @Option(names = "--latency-us", paramLabel = "US", defaultValue = "1.0",
            description = "Latency in µs of a link without latency_us (default: ${DEFAULT-VALUE}).")
    double latencyUs;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "How many of the busiest links to list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--all", description = "List every link, busiest first.")
    boolean all;

    @Override
    public Integer call() throws Exception {
        if (top < 0) {
            throw new BadInputException("--top must be 0 or more, not " + top);
        }
        if (!Double.isFinite(latencyUs) || latencyUs < 0) {
            throw new BadInputException("--latency-us must be a finite number, 0 or more, not " + latencyUs);
        }
        Topology t = files.topology.read();
        Schedule s = files.readSchedule(t);
        VerificationResult v = ScheduleVerifier.verify(t, s);
        if (!v.ok()) {
            throw new BadInputException("the schedule does not fit the topology: " + v.problems().get(0)
                    + " (see 'canopy verify')");
        }
        // The file's bound is a claim: recompute it from the topology, and refuse a file that states another.
        Rational bound = canopy.engine.Bounds.of(t).of(s.collective());
        if (s.bound() != null && !s.bound().equals(bound)) {
            throw new BadInputException("bound_algbw_exact " + canopy.model.Messages.clip(s.bound().toString(), 60)
                    + " in the schedule is not the topology's bound " + bound + " for " + s.collective()
                    + " (the file was made for another topology, or edited)");
        }
        Analysis a = ScheduleAnalyzer.analyze(t, s, latencyUs);
        PrintWriter out = spec.commandLine().getOut();
        String u = Cli.units(t);
        out.println(s.collective() + " by " + s.algorithm() + " on " + files.topology.name(t) + ": "
                + Cli.plural(s.trees().size(), "tree") + ", " + Cli.plural(a.accelerators(), "accelerator")
                + ", " + Cli.plural(a.stageTime().size(), "stage"));
        out.println("algbw:         " + Cli.exact(a.algbw()) + " " + u + "  (" + a.algbwValue() + ")");
        out.println("bus bandwidth: " + Cli.exact(a.busBandwidth()) + " " + u + "  (" + a.busBandwidthValue()
                + ")");
        {
            Rational ratio = bound.signum() == 0 ? null : a.algbw().divide(bound);
            out.println("bound:         " + Cli.exact(bound) + " " + u
                    + (ratio == null ? "" : "  (algbw is " + Cli.percent(ratio) + " of it)"));
        }
        out.println();
        printLinks(out, a);
        out.println();
        printBottlenecks(out, a);
        out.println();
        printDepths(out, s, a);
        out.println();
        printTimes(out, a, u, TimeFloor.of(NetworkGraph.of(t), s.collective(), bound, latencyUs, Progress.NONE));
        out.flush();
        return CanopyCommand.EXIT_OK;
    }

    private void printLinks(PrintWriter out, Analysis a) {
        Congestion congestion = Congestion.of(a);
        Function<LinkUse, Rational> util = l -> congestion.utilisation().get(Congestion.arc(l.from(), l.to()));
        List<LinkUse> links = new ArrayList<>(a.links());
        long used = links.stream().filter(l -> util.apply(l).signum() > 0).count();
        links.sort(Comparator.comparing(util).reversed());
        int shown = all ? links.size() : Math.min(top, links.size());
        boolean stages = a.stageTime().size() > 1;
        out.println("links: " + links.size() + " directed, " + used + " used; "
                + (shown == links.size() ? "all, busiest first" : "the " + shown + " busiest (--all lists every link)")
                + "; * = bottleneck");
        List<String[]> rows = new ArrayList<>();
        rows.add(stages
                ? new String[] {"link", "bandwidth", "load (x M)", "utilisation", "per stage", "trees"}
                : new String[] {"link", "bandwidth", "load (x M)", "utilisation", "trees"});
        Rational total = a.timePerBuffer();
        for (int i = 0; i < shown; i++) {
            LinkUse l = links.get(i);
            Rational load = Rational.ZERO;
            for (Rational x : l.loadByStage().values()) {
                load = load.add(x);
            }
            List<String> row = new ArrayList<>(List.of(l.from() + " -> " + l.to() + (l.bottleneck() ? " *" : ""),
                    l.bandwidth().toString(), load.toString(),
                    total.signum() == 0 ? "-" : Cli.percent(util.apply(l))));
            if (stages) {
                List<String> per = new ArrayList<>();
                for (Map.Entry<Integer, Rational> e : l.utilisationByStage().entrySet()) {
                    per.add(Cli.percent(e.getValue()));
                }
                row.add(String.join(" | ", per));
            }
            row.add(Integer.toString(l.trees()));
            rows.add(row.toArray(String[]::new));
        }
        table(out, rows);
    }

    private static void printBottlenecks(PrintWriter out, Analysis a) {
        out.println("bottleneck links (load / bandwidth = the stage's time):");
        for (int stage : a.stageTime().keySet()) {
            List<String> names = new ArrayList<>();
            for (Bottleneck b : a.bottlenecks()) {
                if (b.stage() == stage) {
                    names.add(b.from() + "->" + b.to());
                }
            }
            String list = Cli.idSet(names);
            out.println("  stage " + stage + ": " + Cli.plural(names.size(), "link") + (names.isEmpty() ? "" : ": ")
                    + list.substring(1).replaceFirst("}", ""));
        }
    }

    private void printDepths(PrintWriter out, Schedule s, Analysis a) {
        TimeModel m = a.timeModel();
        out.println("tree depth (physical hops, latency): " + TreeDepths.summary(s, m));
        int n = all ? s.trees().size() : Math.min(top, s.trees().size());
        if (n > 0) {
            out.println("the " + Cli.plural(n, "deepest tree") + " (--top N, --all):");
            for (String line : TreeDepths.deepest(s, m, n)) {
                out.println("  " + line);
            }
        }
        out.println("start-up latency per stage (deepest reducing + deepest spreading tree): " + TreeDepths.stages(m));
    }

    private void printTimes(PrintWriter out, Analysis a, String units, TimeFloor floor) {
        TimeModel m = a.timeModel();
        out.println("alpha-beta model: time(M) = " + Cli.duration(m.latencySeconds().toDouble())
                + " start-up latency + M / algbw (links without latency_us: " + latencyUs + " µs)");
        out.println("lower bound: M / bound + " + floor.stages() + " × the accelerators' latency diameter "
                + Cli.duration(floor.diameterUs().toDouble() / 1e6));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"size", "time", "algbw (" + units + ")", "busbw (" + units + ")", "lower bound",
            "time / lower bound"});
        for (long b : sizes) {
            Rational bw = m.algbwExactAt(b);
            Rational bus = ScheduleAnalyzer.busBandwidth(a.collective(), a.accelerators(), bw);
            Rational lb = floor.secondsExact(b);
            rows.add(new String[] {Sizes.format(b), Cli.duration(m.timeSeconds(b)), sig(bw.toDouble()),
                sig(bus.toDouble()), Cli.duration(lb.toDouble()),
                lb.signum() == 0 ? "-" : sig(m.timeExact(b).divide(lb).toDouble())});
        }
        table(out, rows);
    }

    /** Four significant digits, plain: 285.7, 0.4163, 1234. */
    static String sig(double v) {
        if (v == 0) {
            return "0";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** Left-aligned columns, two spaces apart, indented by two. */
    static void table(PrintWriter out, List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder("  ");
            for (int c = 0; c < cols; c++) {
                sb.append(c + 1 < cols ? String.format(Locale.ROOT, "%-" + width[c] + "s  ", r[c]) : r[c]);
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}
