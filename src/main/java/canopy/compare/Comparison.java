package canopy.compare;

import canopy.engine.Bounds;
import canopy.engine.CollectiveScheduler;
import canopy.engine.Progress;
import canopy.engine.Schedulers;
import canopy.engine.SizeBands;
import canopy.engine.ScheduleAnalyzer;
import canopy.engine.ScheduleAnalyzer.Analysis;
import canopy.engine.Congestion;
import canopy.io.FigureText;
import canopy.engine.ScheduleVerifier;
import canopy.io.AtomicFiles;
import canopy.io.InvalidInputException;
import canopy.io.ScheduleJson;
import canopy.io.TopologyJson;
import canopy.model.Collective;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Two or more schedules side by side: a metrics table (from {@link ScheduleAnalyzer} and {@link Bounds}),
 * algbw against message size for a chart, the table as CSV, and save / load as a "comparison/1" file.
 * Plain Java; the figures are computed once, on first use.
 *
 * <p>The file:
 * <pre>
 * {"format": "comparison/1",
 *  "entries": [
 *    {"label": "forest", "topology_file": "two-boxes.json",      (optional, informative)
 *     "topology": { …a topology/1 object… },
 *     "schedule": { …a schedule/1 object… }}, …]}
 * </pre>
 * Reading checks every embedded topology (TopologyJson's rules) and schedule (ScheduleJson's structure,
 * and ScheduleVerifier against its topology); an error names the entry by number and label.
 *
 * <p>Sizes are binary: 1 MB = 2^20 bytes, 64 MB = 2^26, 1 GB = 2^30 (as in 'canopy analyze'); bandwidths
 * are in the topology's units (GB/s = 10^9 bytes/s).
 */
public final class Comparison {
    public static final String FORMAT = "comparison/1";
    /** The sizes of the metrics table's time columns. */
    public static final long MB = 1L << 20;
    public static final long[] TIME_SIZES = {MB, 64 * MB, 1024 * MB};
    /** The label of the envelope's curve: the best entry at each size. */
    public static final String ENVELOPE = "best (envelope)";
    /** Files larger than this are refused. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    /** One schedule to compare. topologyFile is where the topology came from, or null (embedded). */
    public record Entry(String label, Path topologyFile, Topology topology, Schedule schedule) {
        public Entry {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("an entry needs a label");
            }
            if (topology == null || schedule == null) {
                throw new IllegalArgumentException("entry " + label + ": no topology or schedule");
            }
        }

        public Entry(String label, Topology topology, Schedule schedule) {
            this(label, null, topology, schedule);
        }
    }

    /**
     * One row of the metrics table.
     *
     * @param maxUtilisation largest, over directed links, of the {@link Congestion} utilisation (busy time /
     *                       completion time); exact
     * @param ratioToBound   algbw / bound, exact; null when the bound is zero
     * @param timeSeconds    the alpha-beta model's completion time at each of {@link #TIME_SIZES}
     */
    public record Metrics(String label, String topology, String units, Collective collective, String algorithm,
                          int accelerators, int trees, int stages, Rational algbw, double algbwValue,
                          Rational busBandwidth, double busBandwidthValue, Rational bound, Rational ratioToBound,
                          Rational maxUtilisation, List<Double> timeSeconds) {
        public Metrics {
            timeSeconds = List.copyOf(timeSeconds);
        }
    }

    /** algbw (topology units) at one buffer size, from the alpha-beta time model. */
    public record Point(long bytes, double algbw) {
    }

    /** One entry's algbw curve. */
    public record Series(String label, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    private final List<Entry> entries;
    private List<Metrics> metrics;
    private List<Series> series;
    private List<canopy.engine.TimeModel> models;

    /** Throws IllegalArgumentException for fewer than two entries or a repeated label. */
    public Comparison(List<Entry> entries) {
        if (entries.size() < 2) {
            throw new IllegalArgumentException("a comparison needs two or more entries, not " + entries.size());
        }
        Set<String> labels = new HashSet<>();
        for (Entry e : entries) {
            if (!labels.add(e.label())) {
                throw new IllegalArgumentException("two entries are labelled " + e.label());
            }
        }
        this.entries = List.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    // ------------------------------------------------------------------ builders

    /** The same collective by each algorithm on one topology, labelled by algorithm. */
    public static Comparison ofAlgorithms(Topology topology, Collective collective, List<String> algorithms) {
        Bounds bounds = Bounds.of(topology);
        List<Entry> entries = new ArrayList<>();
        for (String a : algorithms) {
            entries.add(new Entry(a, topology, schedule(topology, collective, a, bounds)));
        }
        return new Comparison(entries);
    }

    /** The forest schedule of the collective before and after a change, labelled "before" and "after". */
    public static Comparison ofTopologies(Topology before, Topology after, Collective collective) {
        return new Comparison(List.of(
                new Entry("before", before, schedule(before, collective, "forest", null)),
                new Entry("after", after, schedule(after, collective, "forest", null))));
    }

    /**
     * The schedule of one algorithm of the registry ({@link Schedulers}), with the bound filled in. bounds
     * may be null (computed here). IllegalArgumentException for an unknown algorithm or one that does not
     * schedule c.
     */
    public static Schedule schedule(Topology t, Collective c, String algorithm, Bounds bounds) {
        return schedule(t, c, algorithm, 0, bounds);
    }

    /** The same, messageBytes (0: unspecified) given to the algorithms that choose by size (auto). */
    public static Schedule schedule(Topology t, Collective c, String algorithm, long messageBytes, Bounds bounds) {
        CollectiveScheduler s = Schedulers.get(algorithm);
        boolean bySize = s.options().contains(CollectiveScheduler.Option.MESSAGE_SIZE);
        return Schedulers.run(s, t, c, new CollectiveScheduler.Request(0, bySize ? messageBytes : 0), Progress.NONE,
                bounds).schedule();
    }

    // ------------------------------------------------------------------ figures

    /** One row per entry, in entry order. */
    public synchronized List<Metrics> metrics() {
        if (metrics == null) {
            Map<Topology, Bounds> bounds = new IdentityHashMap<>();
            List<Metrics> rows = new ArrayList<>();
            for (Entry e : entries) {
                rows.add(metricsOf(e, bounds.computeIfAbsent(e.topology(), Bounds::of)));
            }
            metrics = List.copyOf(rows);
        }
        return metrics;
    }

    private static Metrics metricsOf(Entry e, Bounds bounds) {
        Schedule s = e.schedule();
        Analysis a = ScheduleAnalyzer.analyze(e.topology(), s);
        Rational bound = bounds.of(s.collective());
        Rational ratio = bound.signum() == 0 ? null : a.algbw().divide(bound);
        Rational maxUtil = Congestion.of(a).max();
        List<Double> times = new ArrayList<>();
        for (long b : TIME_SIZES) {
            times.add(a.timeModel().timeSeconds(b));
        }
        String units = FigureText.units(e.topology().units());
        return new Metrics(e.label(), e.topology().name(), units, s.collective(), s.algorithm(), a.accelerators(),
                s.trees().size(), a.stageTime().size(), a.algbw(), a.algbwValue(), a.busBandwidth(),
                a.busBandwidthValue(), bound, ratio, maxUtil, times);
    }

    /** Sizes of the chart: 1 KB, 2 KB, 4 KB, … 4 GB (powers of two, binary units). */
    public static List<Long> seriesSizes() {
        List<Long> sizes = new ArrayList<>();
        for (long b = 1024; b <= (4L << 30); b *= 2) {
            sizes.add(b);
        }
        return sizes;
    }

    /** Per entry, algbw at each of {@link #seriesSizes()} from the alpha-beta time model. */
    public synchronized List<Series> series() {
        if (series == null) {
            List<Series> out = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                canopy.engine.TimeModel m = models().get(i);
                List<Point> points = new ArrayList<>();
                for (long b : seriesSizes()) {
                    points.add(new Point(b, m.algbwAt(b)));
                }
                out.add(new Series(entries.get(i).label(), points));
            }
            series = List.copyOf(out);
        }
        return series;
    }

    /** Per entry, its alpha-beta time model; computed once. */
    private synchronized List<canopy.engine.TimeModel> models() {
        if (models == null) {
            List<canopy.engine.TimeModel> out = new ArrayList<>();
            for (Entry e : entries) {
                out.add(ScheduleAnalyzer.analyze(e.topology(), e.schedule()).timeModel());
            }
            models = List.copyOf(out);
        }
        return models;
    }

    /**
     * One size of {@link #atSizes}: each entry's modeled time (seconds) and algbw, in entry order, and the
     * label of the fastest ({@link SizeBands#fastest}: exactly; ties: the earlier entry).
     */
    public record SizeRow(long bytes, List<Double> seconds, List<Double> algbw, String best) {
        public SizeRow {
            seconds = List.copyOf(seconds);
            algbw = List.copyOf(algbw);
        }
    }

    /** Each entry's modeled time at each size, and the best: the envelope of the algbw-versus-size curves. */
    public List<SizeRow> atSizes(List<Long> sizes) {
        List<SizeRow> rows = new ArrayList<>();
        for (long b : sizes) {
            List<Double> secs = new ArrayList<>();
            List<Double> bw = new ArrayList<>();
            for (canopy.engine.TimeModel m : models()) {
                secs.add(m.timeSeconds(b));
                bw.add(m.algbwAt(b));
            }
            rows.add(new SizeRow(b, secs, bw, entries.get(SizeBands.fastest(models(), b)).label()));
        }
        return rows;
    }

    /** The envelope over {@link #seriesSizes()}: at each size the best entry's algbw, labelled "best". */
    public Series envelope() {
        List<Point> points = new ArrayList<>();
        for (SizeRow r : atSizes(seriesSizes())) {
            points.add(new Point(r.bytes(), r.algbw().stream().mapToDouble(Double::doubleValue).max().orElse(0)));
        }
        return new Series(ENVELOPE, points);
    }

    /** Where the best entry changes, from one size of rows to the next: the crossovers of the curves. */
    public record Crossover(long fromBytes, long toBytes, String before, String after) {
    }

    public static List<Crossover> crossovers(List<SizeRow> rows) {
        List<Crossover> out = new ArrayList<>();
        for (int k = 1; k < rows.size(); k++) {
            if (!rows.get(k).best().equals(rows.get(k - 1).best())) {
                out.add(new Crossover(rows.get(k - 1).bytes(), rows.get(k).bytes(), rows.get(k - 1).best(),
                        rows.get(k).best()));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ CSV

    /** The CSV header, in column order. */
    public static final List<String> CSV_HEADER = List.of("label", "topology", "collective", "algorithm",
            "accelerators", "trees", "stages", "units", "algbw_exact", "algbw", "busbw_exact", "busbw", "bound_exact",
            "ratio_to_bound", "max_utilisation", "time_1MB_s", "time_64MB_s", "time_1GB_s");

    /** The metrics table as CSV (RFC 4180: CRLF line ends, fields quoted when they need it), header first. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        row(sb, CSV_HEADER);
        for (Metrics m : metrics()) {
            List<String> r = new ArrayList<>();
            r.add(m.label());
            r.add(m.topology() == null ? "" : m.topology());
            r.add(m.collective().jsonName());
            r.add(m.algorithm());
            r.add(Integer.toString(m.accelerators()));
            r.add(Integer.toString(m.trees()));
            r.add(Integer.toString(m.stages()));
            r.add(m.units());
            r.add(m.algbw().toString());
            r.add(Double.toString(m.algbwValue()));
            r.add(m.busBandwidth().toString());
            r.add(Double.toString(m.busBandwidthValue()));
            r.add(m.bound().toString());
            r.add(m.ratioToBound() == null ? "" : Double.toString(m.ratioToBound().toDouble()));
            r.add(Double.toString(m.maxUtilisation().toDouble()));
            for (double t : m.timeSeconds()) {
                r.add(Double.toString(t));
            }
            row(sb, r);
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(csvField(fields.get(i)));
        }
        sb.append("\r\n");
    }

    /** One RFC 4180 field: quoted, with quotes doubled, when it holds a comma, a quote, CR or LF. */
    static String csvField(String f) {
        f = defused(f);
        if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\r') >= 0 || f.indexOf('\n') >= 0
                || (!f.isEmpty() && (f.charAt(0) == ' ' || f.charAt(f.length() - 1) == ' '))) {
            return '"' + f.replace("\"", "\"\"") + '"';
        }
        return f;
    }

    /**
     * A cell a spreadsheet would run as a formula (text starting with =, +, -, @, tab or CR, such as a
     * topology named =HYPERLINK(...)) gets a leading apostrophe, OWASP's advice against CSV injection;
     * numbers (-1.5, -80/3) are left as they are.
     */
    static String defused(String f) {
        if (f.isEmpty() || "=+-@\t\r".indexOf(f.charAt(0)) < 0
                || f.matches("[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?(/[0-9]+)?")) {
            return f;
        }
        return "'" + f;
    }

    public void writeCsv(Path file) throws IOException {
        AtomicFiles.writeString(file, toCsv());
    }

    // ------------------------------------------------------------------ comparison/1

    /** The comparison as a "comparison/1" JSON document, ending with a newline. */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode list = root.putArray("entries");
        for (Entry e : entries) {
            ObjectNode o = list.addObject();
            o.put("label", e.label());
            if (e.topologyFile() != null) {
                o.put("topology_file", e.topologyFile().toString());
            }
            try {
                o.set("topology", MAPPER.readTree(TopologyJson.toJson(e.topology())));
                o.set("schedule", MAPPER.readTree(ScheduleJson.toJson(e.schedule())));
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("entry " + e.label() + ": the writers produced invalid JSON", ex);
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Writes {@link #toJson()} atomically. */
    public void save(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    /** Reads a comparison file; every problem is an InvalidInputException naming the file and the entry. */
    public static Comparison load(Path file) throws InvalidInputException {
        String text;
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                throw new InvalidInputException(file + ": file is larger than 64 MiB; refusing to read it");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e, e);
        }
        try {
            return parse(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a "comparison/1" document (see the class comment). */
    public static Comparison parse(String json) throws InvalidInputException {
        if (json == null || json.length() > MAX_BYTES) {
            throw new InvalidInputException("no input, or input larger than 64 MiB");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("a comparison file must hold a JSON object");
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isTextual() || !FORMAT.equals(format.asText())) {
            throw new InvalidInputException("not a comparison: \"format\" must be \"" + FORMAT + "\", not "
                    + (format == null ? "missing" : format.toString()));
        }
        JsonNode list = root.get("entries");
        if (list == null || !list.isArray()) {
            throw new InvalidInputException("\"entries\" must be an array");
        }
        if (list.size() < 2) {
            throw new InvalidInputException("a comparison needs two or more entries, not " + list.size());
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode o = list.get(i);
            String where = "entry " + (i + 1);
            if (!o.isObject()) {
                throw new InvalidInputException(where + ": must be an object");
            }
            JsonNode label = o.get("label");
            if (label == null || !label.isTextual() || label.asText().isBlank()) {
                throw new InvalidInputException(where + ": \"label\" must be a non-empty string");
            }
            where += " (\"" + label.asText() + "\")";
            if (!labels.add(label.asText())) {
                throw new InvalidInputException(where + ": another entry has the same label");
            }
            JsonNode file = o.get("topology_file");
            if (file != null && !file.isTextual() && !file.isNull()) {
                throw new InvalidInputException(where + ": \"topology_file\" must be a string");
            }
            Topology t;
            Schedule s;
            try {
                t = TopologyJson.parse(embedded(o, "topology"));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(where + ": topology: " + e.getMessage(), e);
            }
            try {
                s = ScheduleJson.parse(embedded(o, "schedule"));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(where + ": schedule: " + e.getMessage(), e);
            }
            ScheduleVerifier.VerificationResult v = ScheduleVerifier.verify(t, s);
            if (!v.ok()) {
                throw new InvalidInputException(where + ": the schedule does not fit its topology: "
                        + v.problems().get(0));
            }
            Path from = file == null || file.isNull() ? null : Path.of(file.asText());
            entries.add(new Entry(label.asText(), from, t, s));
        }
        return new Comparison(entries);
    }

    private static String embedded(JsonNode entry, String field) throws InvalidInputException {
        JsonNode n = entry.get(field);
        if (n == null || !n.isObject()) {
            throw new InvalidInputException("must be an embedded " + field + "/1 JSON object, not "
                    + (n == null ? "missing" : n.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(e.getOriginalMessage(), e);
        }
    }
}
