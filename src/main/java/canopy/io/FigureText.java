package canopy.io;

import canopy.engine.SizeRange;
import canopy.engine.UpgradeAdvisor;
import canopy.model.Rational;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How a figure is written for people, the same in the command line and the designer: the units'
 * default, plurals, exact numbers with their decimals, durations, message sizes and where an upgrade
 * stops paying. One implementation each, so the two front ends cannot drift apart.
 */
public final class FigureText {
    private FigureText() {
    }

    /** The topology's units, GB/s when the file names none (formats.md). */
    public static String units(String units) {
        return units == null || units.isBlank() ? "GB/s" : units;
    }

    /** "1 accelerator", "3 switches", "2 buses". */
    public static String plural(long n, String word) {
        String s = n == 1 ? word : word.endsWith("ch") || word.endsWith("s") ? word + "es" : word + "s";
        return n + " " + s;
    }

    /**
     * An exact figure with its decimal: "300", "125/2 = 62.5", "2000/7 ≈ 285.714". Non-terminating
     * decimals are shown to six significant digits.
     */
    public static String exact(Rational r) {
        if (r.isInteger()) {
            return r.toString();
        }
        BigDecimal d = r.toBigDecimalExact();
        if (d != null && d.precision() <= 12) {
            return r + " = " + d.toPlainString();
        }
        return r + " ≈ " + decimal(r);
    }

    /** The short form for tables: "400", "12.5", "1040/3 ≈ 346.667". */
    public static String shortExact(Rational r) {
        if (r.isInteger()) {
            return r.toString();
        }
        BigDecimal d = r.toBigDecimalExact();
        if (d != null && d.precision() <= 8) {
            return d.toPlainString();
        }
        return r + " ≈ " + decimal(r);
    }

    /** Six significant digits, plain notation: 285.714, 0.0416667. */
    public static String decimal(Rational r) {
        BigDecimal d = new BigDecimal(r.numerator()).divide(new BigDecimal(r.denominator()), new MathContext(6));
        return d.stripTrailingZeros().toPlainString();
    }

    /** A duration: "12.30 µs", "4.560 ms", "1.230 s". */
    public static String duration(double seconds) {
        if (seconds < 1e-3) {
            return String.format(Locale.ROOT, "%.2f µs", seconds * 1e6);
        }
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%.3f ms", seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%.3f s", seconds);
    }

    /** "1 KiB", "64 MiB", "4 GiB", "1536 B": the largest binary unit that divides the size. */
    public static String messageSize(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        long v = bytes;
        while (u < units.length - 1 && v >= 1024 && v % 1024 == 0) {
            v /= 1024;
            u++;
        }
        return v + " " + units[u];
    }

    /** Half-open message sizes: "0 B to 1 MiB" (1 MiB not included), "64 MiB and up". */
    public static String sizeRange(SizeRange r) {
        return r.bounded() ? messageSize(r.fromBytes()) + " to " + messageSize(r.toBytes())
                : messageSize(r.fromBytes()) + " and up";
    }

    /**
     * Where upgrading a link stops raising the allreduce bound: "200/3 ≈ 66.6667 (AR then 400/3 ≈
     * 133.333)", "already elsewhere", "never: every cut crosses it", or "" when not computed.
     */
    public static String breakpoint(UpgradeAdvisor.Outcome c) {
        UpgradeAdvisor.Breakpoint bp = c.breakpoint();
        if (bp == null) {
            return "";
        }
        if (bp.allreduceAt() == null) {
            return "never: every cut crosses it";
        }
        if (bp.allreduceAt().equals(c.bandwidth())) {
            return "already elsewhere";
        }
        return shortExact(bp.allreduceAt()) + " (AR then " + shortExact(bp.allreduceLimit()) + ")";
    }
}
