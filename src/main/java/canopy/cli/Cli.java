package canopy.cli;

import canopy.io.FigureText;
import canopy.engine.ScheduleVerifier;
import canopy.io.InvalidInputException;
import canopy.io.ScheduleJson;
import canopy.io.TopologyJson;
import canopy.model.Collective;
import canopy.model.Node;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;
import canopy.model.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** What the subcommands share: reading and checking files, and printing exact figures, id lists and times. */
final class Cli {
    /** Id lists are cut after this many ids: "{a, b, …} and N more". */
    static final int MAX_LISTED_IDS = 12;

    private Cli() {
    }

    /** Reads and validates a topology; a missing file is "no such file" (exit 2). */
    static Topology readTopology(Path file) throws InvalidInputException, NoSuchFileException {
        requireFile(file);
        return TopologyJson.read(file);
    }

    /** Reads a schedule against its topology t: ids must be t's (see ScheduleJson.read(Path, Topology)). */
    static Schedule readSchedule(Path file, Topology t) throws InvalidInputException, NoSuchFileException {
        requireFile(file);
        return ScheduleJson.read(file, t);
    }

    /**
     * Refuses (exit 2), before any work is done, an output path that cannot or must not be written: one
     * that is an input of the command (the same file, also by another name: a symbolic or hard link, a
     * relative path), a directory, or anything but a regular file (a device such as /dev/null or
     * /dev/stdout, a FIFO, a socket), which the atomic rename would replace with a regular file.
     */
    static void checkOutput(String option, Path output, Path... inputs) {
        if (output == null) {
            return;
        }
        Path real = output;
        if (Files.isDirectory(real)) {
            throw new BadInputException(option + " " + Messages.quote(output.toString()) + ": is a directory");
        }
        if (Files.exists(real) && !Files.isRegularFile(real)) {
            throw new BadInputException(option + " " + Messages.quote(output.toString())
                    + ": not a regular file (a device, FIFO or socket); write to a file");
        }
        if (!Files.exists(real)) {
            return;
        }
        for (Path in : inputs) {
            if (in == null || !Files.exists(in)) {
                continue;
            }
            try {
                if (Files.isSameFile(in, real)) {
                    throw new BadInputException(option + " " + Messages.quote(output.toString())
                            + ": is the input " + Messages.quote(in.toString()) + "; refusing to overwrite it");
                }
            } catch (IOException e) {
                // Cannot tell: the write itself will report what is wrong.
            }
        }
    }

    /** What writes an output file. */
    @FunctionalInterface
    interface Writing {
        void run() throws IOException;
    }

    /**
     * Runs a write of output; any I/O failure (a directory, no permission, a read-only or full file
     * system) is bad input, exit 2, with one line naming the file and the reason.
     */
    static void write(Path output, Writing w) {
        try {
            w.run();
        } catch (IOException e) {
            throw new BadInputException("cannot write " + Messages.quote(output.toString()) + ": " + reason(e), e);
        }
    }

    /** The reason of an I/O failure in a few words: "permission denied", "no space left on device", .... */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * Refuses (exit 2) a schedule that does not verify against t, naming its first problem: for the
     * commands that use a schedule rather than check it, which send the user to 'canopy verify' for the rest.
     */
    static void requireVerifies(Topology t, Schedule s) {
        ScheduleVerifier.VerificationResult v = ScheduleVerifier.verify(t, s);
        if (!v.ok()) {
            List<String> problems = v.problems();
            throw new BadInputException("the schedule does not verify against the topology: " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more; see 'canopy verify')" : ""));
        }
    }

    /**
     * A schedule file's label among others: its name without ".schedule.json" or ".json", with " (2)",
     * " (3)", … when taken already holds it; the label is added to taken.
     */
    static String scheduleLabel(Path file, Set<String> taken) {
        String base = file.getFileName().toString().replaceFirst("(\\.schedule)?\\.json$", "");
        String label = base;
        for (int k = 2; !taken.add(label); k++) {
            label = base + " (" + k + ")";
        }
        return label;
    }

    static void requireFile(Path file) throws NoSuchFileException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
    }

    /** The topology's units, GB/s when the file names none. */
    static String units(Topology t) {
        return FigureText.units(t.units());
    }

    /** The name to print for a topology: its name, else the file name. */
    static String name(Topology t, Path file) {
        return t.name() == null || t.name().isBlank() ? file.getFileName().toString() : t.name();
    }

    /** "N accelerators, S switches, L links" (L: the file's links; a duplex link counts once). */
    static String counts(Topology t) {
        int acc = t.acceleratorCount();
        int sw = t.nodes().size() - acc;
        return plural(acc, "accelerator") + ", " + plural(sw, "switch") + ", " + plural(t.links().size(), "link");
    }

    static String plural(long n, String word) {
        return FigureText.plural(n, word);
    }

    /**
     * An exact figure with its decimal: "300", "125/2 = 62.5", "2000/7 ≈ 285.714". Non-terminating
     * decimals are shown to six significant digits.
     */
    static String exact(Rational r) {
        return FigureText.exact(r);
    }

    /** Six significant digits, plain notation: 285.714, 0.0416667. */
    static String decimal(Rational r) {
        return FigureText.decimal(r);
    }

    /** A ratio as a percentage with one decimal: "100.0%", "87.5%". */
    static String percent(Rational r) {
        return String.format(Locale.ROOT, "%.1f%%", r.toDouble() * 100);
    }

    /** "{a, b, c}" or "{a, b, … , l} and 37 more": at most MAX_LISTED_IDS ids. */
    static String idSet(Collection<String> ids) {
        List<String> list = new ArrayList<>(ids);
        StringBuilder sb = new StringBuilder("{");
        int shown = Math.min(list.size(), MAX_LISTED_IDS);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(list.get(i));
        }
        if (list.size() > shown) {
            sb.append(", …} and ").append(list.size() - shown).append(" more");
        } else {
            sb.append('}');
        }
        return sb.toString();
    }

    /** The accelerators among ids, in order. */
    static List<String> accelerators(Topology t, Collection<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            Node n = t.node(id);
            if (n != null && n.isAccelerator()) {
                out.add(id);
            }
        }
        return out;
    }

    /** Seconds with three decimals: "0.042 s". */
    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    /** A duration for the alpha-beta table: "12.3 µs", "4.56 ms", "1.23 s". */
    static String duration(double seconds) {
        return FigureText.duration(seconds);
    }

    /** --collective values: allgather, reduce-scatter, allreduce. */
    static final class CollectiveConverter implements ITypeConverter<Collective> {
        @Override
        public Collective convert(String value) {
            Collective c = Collective.fromJson(value.toLowerCase(Locale.ROOT));
            if (c == null) {
                throw new TypeConversionException("'" + value
                        + "' is not a collective; expected allgather, reduce-scatter or allreduce");
            }
            return c;
        }
    }

    /** Completion candidates and help text for --collective. */
    static final class CollectiveNames extends ArrayList<String> {
        CollectiveNames() {
            super(List.of("allgather", "reduce-scatter", "allreduce"));
        }
    }
}
