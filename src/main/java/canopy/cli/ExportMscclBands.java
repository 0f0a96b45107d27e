package canopy.cli;

import canopy.engine.AutoScheduler;
import canopy.engine.Progress;
import canopy.engine.ScheduleAnalyzer;
import canopy.engine.Schedulers;
import canopy.engine.SizeBands;
import canopy.engine.SizeRange;
import canopy.engine.TimeModel;
import canopy.io.AtomicFiles;
import canopy.io.FigureText;
import canopy.io.msccl.MscclBands;
import canopy.io.msccl.MscclBands.BandFile;
import canopy.io.msccl.MscclBands.Candidate;
import canopy.io.msccl.MscclXmlExporter.Options;
import canopy.model.Collective;
import canopy.model.Messages;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code export-msccl --bands}: one MSCCL file per message-size band into a directory (see
 * {@link MscclBands}), then one line per band: its sizes, as the runtime reads them (minBytes, maxBytes,
 * both inclusive, maxBytes 0 for no limit), the schedule, its modeled time at the band's edges, chunks per
 * loop and the file. Every file is compiled before any is written, and each is written atomically.
 */
final class ExportMscclBands {
    private final CommandSpec spec;
    private final TopologyArgument topology;
    private final List<Path> schedules;
    private final Collective collective;
    private final Path dir;
    private final Options options;

    ExportMscclBands(CommandSpec spec, TopologyArgument topology, List<Path> schedules, Collective collective,
                     Path dir, Options options) {
        this.spec = spec;
        this.topology = topology;
        this.schedules = schedules;
        this.collective = collective;
        this.dir = dir;
        this.options = options;
    }

    int run(String bands) throws Exception {
        boolean auto = bands.trim().equalsIgnoreCase("auto");
        List<SizeRange> ranges = auto ? null : BandList.parse(bands);
        if (schedules.isEmpty() && (!auto || collective == null)) {
            throw new BadInputException(auto ? "--bands auto with no SCHEDULE weighs the candidates of a --collective;"
                    + " name one" : "--bands FROM:TO,… takes one SCHEDULE per band; give " + ranges.size());
        }
        if (!schedules.isEmpty() && collective != null) {
            throw new BadInputException("--collective goes with --bands auto and no SCHEDULE; the schedules name "
                    + "their collective");
        }
        if (ranges != null && ranges.size() != schedules.size()) {
            throw new BadInputException("--bands lists " + Cli.plural(ranges.size(), "band") + " for "
                    + Cli.plural(schedules.size(), "SCHEDULE") + "; give one schedule per band, in order");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException("-o " + Messages.quote(dir.toString()) + ": not a directory; --bands writes "
                    + "one file per band into a directory");
        }
        Topology t = topology.read();
        List<Candidate> candidates = schedules.isEmpty() ? weighed(t) : fromFiles(t);
        MscclBands.Outcome outcome = auto ? MscclBands.fastest(candidates, t, options)
                : MscclBands.fixed(candidates, ranges, t, options);
        List<Path> files = write(outcome);
        print(t, candidates, outcome, files, auto);
        return CanopyCommand.EXIT_OK;
    }

    /** Every candidate 'schedule --algorithm auto' weighs for the collective, labelled as auto labels them. */
    private List<Candidate> weighed(Topology t) {
        AutoScheduler.Weighed w = AutoScheduler.weighAll(t, collective, Progress.NONE);
        if (w.built().isEmpty()) {
            throw new BadInputException("no candidate could be built: " + String.join(", ", w.failed()));
        }
        List<Candidate> out = new ArrayList<>();
        for (AutoScheduler.Built b : w.built()) {
            out.add(new Candidate(b.label(), b.result().schedule(), b.model()));
        }
        return out;
    }

    /** The SCHEDULE files, verified, of one collective, labelled by file name. */
    private List<Candidate> fromFiles(Topology t) throws Exception {
        List<Candidate> out = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (Path f : schedules) {
            Schedule s = Cli.readSchedule(f, t);
            Cli.requireVerifies(t, s);
            if (!out.isEmpty() && s.collective() != out.get(0).schedule().collective()) {
                throw new BadInputException(f.getFileName() + ": a " + s.collective().jsonName() + " schedule, but "
                        + schedules.get(0).getFileName() + " is " + out.get(0).schedule().collective().jsonName()
                        + "; the bands of one set serve one collective");
            }
            out.add(new Candidate(Cli.scheduleLabel(f, labels), s, ScheduleAnalyzer.analyze(t, s).timeModel()));
        }
        return out;
    }

    /** Checks every output path, then writes each band's file atomically; the paths, in band order. */
    private List<Path> write(MscclBands.Outcome outcome) {
        List<Path> inputs = new ArrayList<>(schedules);
        inputs.add(topology.file);
        List<Path> files = new ArrayList<>();
        int width = Integer.toString(outcome.bands().size()).length();
        for (int i = 0; i < outcome.bands().size(); i++) {
            BandFile b = outcome.bands().get(i);
            Path f = dir.resolve(fileName(b.candidate().schedule().collective(), i + 1, width, b.candidate().label()));
            Cli.checkOutput("-o", f, inputs.toArray(new Path[0]));
            files.add(f);
        }
        Cli.write(dir, () -> Files.createDirectories(dir));
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            String xml = outcome.bands().get(i).result().xml();
            Cli.write(f, () -> AtomicFiles.writeString(f, xml));
        }
        return files;
    }

    /** "allreduce-1-forest-1-tree-per-root.xml": the band number first, so a listing is in size order. */
    static String fileName(Collective c, int band, int width, String label) {
        String slug = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return c.jsonName() + "-" + String.format(Locale.ROOT, "%0" + width + "d", band) + "-"
                + (slug.isEmpty() ? "schedule" : slug) + ".xml";
    }

    private void print(Topology t, List<Candidate> candidates, MscclBands.Outcome outcome, List<Path> files,
                       boolean auto) throws IOException {
        warn(outcome, files);
        PrintWriter out = spec.commandLine().getOut();
        Collective c = candidates.get(0).schedule().collective();
        out.println("wrote " + Cli.plural(files.size(), "file") + " to " + dir + ": MSCCL " + c + " on "
                + topology.name(t) + " (" + options.proto().xmlName() + " protocol), one per message size band, "
                + (auto ? "each the fastest by the alpha-beta model of " + Cli.plural(candidates.size(), "schedule")
                : "as given"));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"band", "minBytes", "maxBytes", "schedule", "time at start", "at end",
            "chunks/loop", "file"});
        for (int i = 0; i < files.size(); i++) {
            BandFile b = outcome.bands().get(i);
            SizeRange r = b.range();
            TimeModel m = b.candidate().model();
            rows.add(new String[] {FigureText.sizeRange(r), Long.toString(r.fromBytes()),
                r.bounded() ? Long.toString(r.lastBytes()) : "0 (no limit)",
                Messages.clipLine(b.candidate().label(), 60),
                FigureText.duration(m.timeSeconds(r.fromBytes())), r.bounded()
                ? FigureText.duration(m.timeSeconds(r.lastBytes())) : "algbw → " + limit(m) + " " + Cli.units(t),
                Integer.toString(b.result().chunksPerLoop()), files.get(i).getFileName().toString()});
        }
        AnalyzeCommand.table(out, rows);
        if (!auto) {
            List<String> parts = new ArrayList<>();
            for (SizeBands.Band b : SizeBands.bands(candidates.stream().map(Candidate::model).toList())) {
                parts.add(Messages.clipLine(candidates.get(b.index()).label(), 60) + " for "
                        + FigureText.sizeRange(b.range()));
            }
            out.println("the model's fastest of these: " + String.join(", ", parts) + " (--bands auto)");
        }
        out.println("sizes: whole-buffer bytes, as the runtime measures them (count × type size, × GPUs for "
                + "allgather and reduce-scatter); a message runs in MSCCL only when its element count (× GPUs) "
                + "is a multiple of the file's chunks per loop, else in NCCL");
        out.println("use: MSCCL_ALGO_DIR=" + dir + " (the runtime loads every file there)");
        out.flush();
    }

    /** On stderr: rounded shares, refused candidates, and other files the runtime would load too. */
    private void warn(MscclBands.Outcome outcome, List<Path> files) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        int maxChunks = options.maxChunks();
        for (int i = 0; i < files.size(); i++) {
            ExportMscclCommand.warnIfRounded(err, outcome.bands().get(i).result(), maxChunks,
                    files.get(i).getFileName() + ": ");
        }
        for (MscclBands.Refused r : outcome.refused()) {
            List<String> ranges = r.ranges().stream().map(FigureText::sizeRange).toList();
            err.println("canopy: warning: " + Messages.clipLine(r.candidate().label(), 60) + ", the fastest left for "
                    + String.join(", ", ranges) + ", does not fit MSCCL's limits; those sizes go to "
                    + Messages.clipLine(Schedulers.orList(outcome.fallbacks(r)), 200) + " ("
                    + Messages.clipLine(r.reason(), 300) + ")");
        }
        List<String> others = others(files);
        if (!others.isEmpty()) {
            err.println("canopy: warning: " + dir + " also holds " + Cli.plural(others.size(), "other file") + " ("
                    + Messages.clipLine(String.join(", ", others), 200) + "); the runtime loads every file in "
                    + "MSCCL_ALGO_DIR and runs the first, in name order, that fits a message");
        }
        err.flush();
    }

    /** algbw as M grows without end: 1 / (seconds per GB), exact, shown to six digits. */
    private static String limit(TimeModel m) {
        Rational perGb = m.timePerBuffer();
        return perGb.signum() == 0 ? "∞" : FigureText.decimal(perGb.reciprocal());
    }

    /** The names of the files in the directory that this run did not write. */
    private List<String> others(List<Path> written) throws IOException {
        Set<Path> ours = new HashSet<>();
        for (Path f : written) {
            ours.add(f.getFileName());
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(f -> !ours.contains(f.getFileName()) && !Files.isDirectory(f))
                    .map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
