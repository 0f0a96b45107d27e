package canopy.cli;

import canopy.engine.Bounds;
import canopy.engine.CollectiveScheduler;
import canopy.engine.Schedulers;
import canopy.model.Collective;
import canopy.model.Topology;
import canopy.compare.Comparison;
import canopy.compare.Comparison.Metrics;
import canopy.compare.LinkContrast;
import canopy.model.Schedule;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code canopy compare TOPO [TOPO2] --collective C [--algorithms forest,ring,…] [--csv OUT.csv]
 * [--save OUT.comparison.json]}: schedules side by side (canopy.compare.Comparison).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare schedules of a collective side by side: algbw (exact and decimal), bus "
                + "bandwidth, ratio to the bound, trees, the busiest link's utilisation and the alpha-beta time "
                + "at 1 MiB, 64 MiB and 1 GiB.",
            "With one topology, compares the algorithms (default forest,ring). With two (e.g. before and after "
                + "removing a link), compares each algorithm (default forest) on both, labelled before and after.",
            "--csv writes the table as CSV (RFC 4180); --save writes the comparison (topologies and schedules "
                + "embedded) as comparison/1 JSON. Both atomically."})
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TopologyArgument topology;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TOPO2",
            description = "A second topology file: compare before (TOPO) and after (TOPO2).")
    Path secondFile;

    @Mixin
    CollectiveOption collective;

    @Option(names = {"-a", "--algorithms"}, split = ",", paramLabel = "A",
            completionCandidates = ScheduleCommand.AlgorithmNames.class,
            description = "Comma-separated, of ${COMPLETION-CANDIDATES} (double-binary-tree: allreduce only)."
                    + " Default: forest,ring with one topology, forest with two.")
    List<String> algorithms;

    @Option(names = "--sizes", split = ",", paramLabel = "SIZE", converter = Sizes.Converter.class,
            description = "Also print each schedule's modeled time and algbw at these sizes (e.g. 1KB,1MB,64MB,1GB), "
                    + "the best at each (the envelope) and where the best changes (crossovers).")
    List<Long> sizes;

    @Option(names = "--size", paramLabel = "M", converter = Sizes.Converter.class,
            description = "The message size auto chooses for (default 1 MiB).")
    Long size;

    @Option(names = "--schedule", paramLabel = "FILE",
            description = "A schedule file on TOPO (e.g. NCCL's, from 'canopy import nccl-graph') to compare beside the "
                    + "algorithms, labelled by its file name; repeatable.")
    List<Path> schedules;

    @Option(names = "--csv", paramLabel = "OUT.csv", description = "Write the metrics table as CSV.")
    Path csv;

    @Option(names = "--save", paramLabel = "OUT.comparison.json",
            description = "Write the comparison as comparison/1 JSON.")
    Path save;

    @Override
    public Integer call() throws Exception {
        return new Run().call();
    }

    /** The command's work. */
    private final class Run {
        Integer call() throws Exception {
            List<Path> files0 = schedules == null ? List.of() : schedules;
            if (!files0.isEmpty() && secondFile != null) {
                throw new BadInputException("--schedule compares on one topology, not before and after");
            }
            List<String> algs = new ArrayList<>(new LinkedHashSet<>(algorithms != null ? algorithms
                    : secondFile == null ? (files0.isEmpty() ? List.of("forest", "ring") : List.of("forest"))
                    : List.of("forest")));
            for (String a : algs) {
                CollectiveScheduler s;
                try {
                    s = Schedulers.get(a);
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(e.getMessage());
                }
                String unsupported = Schedulers.unsupported(s, collective.value);
                if (unsupported != null) {
                    throw new BadInputException(unsupported);
                }
            }
            if (size != null && algs.stream().noneMatch(a -> Schedulers.get(a).options()
                    .contains(CollectiveScheduler.Option.MESSAGE_SIZE))) {
                throw new BadInputException("--size applies to --algorithms "
                        + Schedulers.orList(Schedulers.accepting(CollectiveScheduler.Option.MESSAGE_SIZE)) + " only");
            }
            if (secondFile == null && algs.size() + files0.size() < 2) {
                throw new BadInputException("with one topology, name two or more --algorithms to compare");
            }
            List<Path> files = secondFile == null ? List.of(topology.file) : List.of(topology.file, secondFile);
            List<Path> inputs = new ArrayList<>(files);
            inputs.addAll(files0);
            Cli.checkOutput("--csv", csv, inputs.toArray(new Path[0]));
            Cli.checkOutput("--save", save, inputs.toArray(new Path[0]));
            if (csv != null && save != null && (csv.toAbsolutePath().normalize().equals(save.toAbsolutePath().normalize())
                    || Files.exists(csv) && Files.exists(save) && Files.isSameFile(csv, save))) {
                throw new BadInputException("--csv and --save name the same file");
            }
            List<Comparison.Entry> entries = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Topology t = Cli.readTopology(files.get(i));
                Bounds bounds = Bounds.of(t);
                for (String a : algs) {
                    String label = files.size() == 1 ? a
                            : (i == 0 ? "before" : "after") + (algs.size() == 1 ? "" : " " + a);
                    entries.add(new Comparison.Entry(label, files.get(i), t,
                            Comparison.schedule(t, collective.value, a, size == null ? 0 : size, bounds)));
                }
            }
            addSchedules(entries, files0);
            Comparison c = new Comparison(entries);
            PrintWriter out = spec.commandLine().getOut();
            print(out, c);
            if (!files0.isEmpty()) {
                printLinks(out, c);
            }
            if (csv != null) {
                Cli.write(csv, () -> c.writeCsv(csv));
                out.println("wrote " + csv);
            }
            if (save != null) {
                Cli.write(save, () -> c.save(save));
                out.println("wrote " + save);
            }
            out.flush();
            return CanopyCommand.EXIT_OK;
        }

        /** The --schedule files as entries on the first topology, labelled by file name. */
        private void addSchedules(List<Comparison.Entry> entries, List<Path> files0) throws Exception {
            if (files0.isEmpty()) {
                return;
            }
            Topology t = entries.isEmpty() ? Cli.readTopology(topology.file) : entries.get(0).topology();
            java.util.Set<String> labels = new java.util.HashSet<>();
            entries.forEach(e -> labels.add(e.label()));
            for (Path f : files0) {
                Schedule s = Cli.readSchedule(f, t);
                if (s.collective() != collective.value) {
                    String kind = s.collective().jsonName();
                    throw new BadInputException(f.getFileName() + ": " + (kind.startsWith("a") ? "an " : "a ") + kind
                            + " schedule, not " + collective.value.jsonName());
                }
                Cli.requireVerifies(t, s);
                entries.add(new Comparison.Entry(Cli.scheduleLabel(f, labels), topology.file, t, s));
            }
        }

        /** The busiest links of each schedule, and where each --schedule loses against the forest. */
        private void printLinks(PrintWriter out, Comparison c) {
            Comparison.Entry forest = null;
            for (Comparison.Entry e : c.entries()) {
                if (e.schedule().algorithm().equals("forest") && forest == null) {
                    forest = e;
                }
            }
            out.println("busiest links (utilisation: busy time / completion time):");
            for (Comparison.Entry e : c.entries()) {
                StringBuilder sb = new StringBuilder("  " + e.label() + ":");
                for (LinkContrast.LinkUtilisation l : LinkContrast.busiest(e.topology(), e.schedule(), 3)) {
                    sb.append(' ').append(l.name()).append(' ').append(Cli.percent(l.utilisation())).append(',');
                }
                out.println(sb.substring(0, sb.length() - 1));
            }
            if (forest == null) {
                return;
            }
            for (int i = c.entries().size() - schedules.size(); i < c.entries().size(); i++) {
                Comparison.Entry e = c.entries().get(i);
                out.println(LinkContrast.sentence(e.topology(), e.schedule(), e.label(), forest.schedule(), "forest"));
            }
        }

        private void print(PrintWriter out, Comparison c) {
            List<Metrics> ms = c.metrics();
            Metrics first = ms.get(0);
            String where = secondFile == null ? topology.name(c.entries().get(0).topology())
                    : topology.file.getFileName() + " (before) and " + secondFile.getFileName() + " (after)";
            out.println(collective.value + " on " + where + ": " + Cli.plural(ms.size(), "schedule") + " ("
                    + first.accelerators() + " accelerators)");
            String u = first.units();
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"label", "algorithm", "trees", "algbw (" + u + ")", "of bound", "busbw (" + u + ")",
                "max util", "1 MiB", "64 MiB", "1 GiB"});
            for (Metrics m : ms) {
                rows.add(new String[] {m.label(), m.algorithm(), Integer.toString(m.trees()), Cli.exact(m.algbw()),
                    m.ratioToBound() == null ? "-" : Cli.percent(m.ratioToBound()), AnalyzeCommand.sig(m.busBandwidthValue()),
                    Cli.percent(m.maxUtilisation()), Cli.duration(m.timeSeconds().get(0)),
                    Cli.duration(m.timeSeconds().get(1)), Cli.duration(m.timeSeconds().get(2))});
            }
            AnalyzeCommand.table(out, rows);
            if (secondFile == null) {
                out.println("bound: " + Cli.exact(first.bound()) + " " + u);
            } else {
                out.println(String.format(Locale.ROOT, "bounds: before %s, after %s %s", Cli.exact(first.bound()),
                        Cli.exact(ms.get(ms.size() - 1).bound()), u));
            }
            out.println("times: alpha-beta model (link latency_us, 1 µs where absent) at 1 MiB, 64 MiB, 1 GiB; "
                    + "max util: busiest link's busy time / completion time");
            if (sizes != null) {
                printSizes(out, c);
            }
        }

        /** The --sizes table: per size each schedule's time (algbw) and the best; then the crossovers. */
        private void printSizes(PrintWriter out, Comparison c) {
            List<Comparison.SizeRow> table = c.atSizes(sizes);
            String u = c.metrics().get(0).units();
            List<String[]> rows = new ArrayList<>();
            List<String> header = new ArrayList<>(List.of("size"));
            for (Comparison.Entry e : c.entries()) {
                header.add(e.label());
            }
            header.add("best");
            rows.add(header.toArray(new String[0]));
            for (Comparison.SizeRow r : table) {
                List<String> row = new ArrayList<>(List.of(Sizes.format(r.bytes())));
                for (int i = 0; i < r.seconds().size(); i++) {
                    row.add(Cli.duration(r.seconds().get(i)) + " (" + AnalyzeCommand.sig(r.algbw().get(i)) + ")");
                }
                row.add(r.best());
                rows.add(row.toArray(new String[0]));
            }
            out.println();
            out.println("modeled time (algbw in " + u + ") per size; best = the envelope:");
            AnalyzeCommand.table(out, rows);
            List<Comparison.Crossover> cross = Comparison.crossovers(table);
            if (cross.isEmpty()) {
                out.println("crossovers: none; " + table.get(0).best() + " is best at every size");
            } else {
                List<String> parts = new ArrayList<>();
                for (Comparison.Crossover x : cross) {
                    parts.add(x.before() + " -> " + x.after() + " between " + Sizes.format(x.fromBytes()) + " and "
                            + Sizes.format(x.toBytes()));
                }
                out.println("crossovers: " + String.join("; ", parts));
            }
        }
    }
}
