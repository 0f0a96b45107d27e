package canopy.ui.compare;

import canopy.io.FigureText;
import canopy.compare.Comparison;
import canopy.compare.LinkContrast;
import canopy.io.InvalidInputException;
import canopy.model.Rational;
import canopy.render.ScheduleOverlay;
import canopy.render.ScheduleOverlays;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The state of a comparison window, testable without one: the entries, one formatted row per entry
 * (from {@link Comparison#metrics()}), one chart line per entry (algbw against log2 of the message
 * size, from {@link Comparison#series()}), a header line, and save / CSV export.
 */
public final class CompareViewModel {
    /** One table row: the metrics, and the cells as shown (busiest: the three busiest links, one a line). */
    public record Row(Comparison.Metrics metrics, String label, String algorithm, String algbw, String busBandwidth,
                      String ratio, String trees, String maxUtilisation, String time1MB, String time64MB,
                      String time1GB, String busiest) {
    }

    /** How many of a schedule's busiest links its row names. */
    static final int BUSIEST = 3;

    /** One point of a chart line: x = log2(bytes), y = algbw. */
    public record ChartPoint(double log2Bytes, double algbw) {
    }

    /** One chart line. */
    public record ChartLine(String label, List<ChartPoint> points) {
        public ChartLine {
            points = List.copyOf(points);
        }
    }

    private final Comparison comparison;
    private final String header;
    private final String title;
    private List<Row> rows;
    private List<ChartLine> lines;

    /** header: a line shown above the panes (e.g. what changed and the bound change); may be null. */
    public CompareViewModel(Comparison comparison, String title, String header) {
        this.comparison = Objects.requireNonNull(comparison);
        this.title = title == null ? "Comparison" : title;
        this.header = header;
    }

    public CompareViewModel(Comparison comparison) {
        this(comparison, null, null);
    }

    /** Reads a comparison/1 file; its title names the file. */
    public static CompareViewModel load(Path file) throws InvalidInputException {
        return new CompareViewModel(Comparison.load(file), "Comparison — " + file.getFileName(), null);
    }

    public Comparison comparison() {
        return comparison;
    }

    public List<Comparison.Entry> entries() {
        return comparison.entries();
    }

    public String title() {
        return title;
    }

    /** A sentence for the top of the window, or null. */
    public String header() {
        return header;
    }

    /** The congestion colouring of entry i's schedule on its topology. */
    public ScheduleOverlay overlay(int i) {
        Comparison.Entry e = entries().get(i);
        return ScheduleOverlays.congestion(e.topology(), e.schedule());
    }

    /** The caption above entry i's diagram: label, algorithm and algbw. */
    public String caption(int i) {
        Row r = rows().get(i);
        String what = r.label().equals(r.algorithm()) ? r.label() : r.label() + " — " + r.algorithm();
        return what + ": algbw " + r.algbw() + " " + r.metrics().units() + " (" + r.ratio() + " of the bound)";
    }

    public synchronized List<Row> rows() {
        if (rows == null) {
            List<Row> out = new ArrayList<>();
            List<Comparison.Metrics> metrics = comparison.metrics();
            for (int i = 0; i < metrics.size(); i++) {
                Comparison.Metrics m = metrics.get(i);
                List<Double> t = m.timeSeconds();
                out.add(new Row(m, m.label(), m.algorithm(), number(m.algbw()), number(m.busBandwidth()),
                        m.ratioToBound() == null ? "—" : percent(m.ratioToBound().toDouble()),
                        Integer.toString(m.trees()), percent(m.maxUtilisation().toDouble()),
                        time(t.get(0)), time(t.get(1)), time(t.get(2)), busiest(entries().get(i))));
            }
            rows = List.copyOf(out);
        }
        return rows;
    }

    public synchronized List<ChartLine> chartLines() {
        if (lines == null) {
            List<ChartLine> out = new ArrayList<>();
            List<Comparison.Series> curves = new ArrayList<>(comparison.series());
            curves.add(comparison.envelope()); // last: the best at each size, so crossovers show
            for (Comparison.Series s : curves) {
                List<ChartPoint> pts = new ArrayList<>();
                for (Comparison.Point p : s.points()) {
                    pts.add(new ChartPoint(log2(p.bytes()), p.algbw()));
                }
                out.add(new ChartLine(s.label(), pts));
            }
            lines = List.copyOf(out);
        }
        return lines;
    }

    public void save(Path file) throws IOException {
        comparison.save(file);
    }

    public void exportCsv(Path file) throws IOException {
        comparison.writeCsv(file);
    }

    /** A name for the save dialog. */
    public String suggestedName(String extension) {
        String base = title.replaceFirst("^Comparison — ", "").replaceAll("\\.[A-Za-z0-9]+$", "")
                .replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return (base.isEmpty() || base.equals("Comparison") ? "comparison" : base) + extension;
    }

    // ------------------------------------------------------------------ formatting

    static double log2(long bytes) {
        return 63 - Long.numberOfLeadingZeros(bytes) + (Long.bitCount(bytes) == 1 ? 0
                : Math.log(bytes / (double) Long.highestOneBit(bytes)) / Math.log(2));
    }

    /** The tick label of log2(bytes): "1 KiB", "64 MiB", "4 GiB"; "" between powers of two. */
    public static String sizeLabel(double log2) {
        long e = Math.round(log2);
        if (Math.abs(log2 - e) > 1e-6 || e < 0 || e > 62) {
            return "";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = (int) (e / 10);
        return (1L << (e - 10L * u)) + " " + units[u];
    }

    /** "285.714", "1040/3 ≈ 346.667" for the table: exact when short. */
    static String number(Rational r) {
        if (r.isInteger()) {
            return r.toString();
        }
        java.math.BigDecimal d = r.toBigDecimalExact();
        if (d != null && d.precision() <= 7) {
            return d.toPlainString();
        }
        return String.format(Locale.ROOT, "%.1f", r.toDouble());
    }

    /** "a→b 100.0 %", "b→c 100.0 %", "c→d 50.0 %", a line each: the entry's busiest links and their utilisation. */
    static String busiest(Comparison.Entry e) {
        List<String> out = new ArrayList<>();
        for (LinkContrast.LinkUtilisation l : LinkContrast.busiest(e.topology(), e.schedule(), BUSIEST)) {
            out.add(l.name() + " " + percent(l.utilisation().toDouble()));
        }
        return String.join("\n", out);
    }

    static String percent(double f) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * f);
    }

    /** "12.3 µs", "4.56 ms", "1.23 s". */
    static String time(double seconds) {
        return FigureText.duration(seconds);
    }
}
