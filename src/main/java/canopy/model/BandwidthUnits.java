package canopy.model;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bandwidth as people type it: a number ("300", "12.5", "100/3") with an optional unit ("200Gb/s",
 * "1.6 Tb/s", "50 GiB/s", "400 Gbps"), converted exactly into a topology's units. Bytes and bits
 * differ by case (B, b); decimal prefixes are powers of ten, binary ones (Ki, Mi, Gi, Ti) powers of two,
 * so 200Gb/s is exactly 25 GB/s and 1 GiB/s exactly 1.073741824 GB/s.
 */
public final class BandwidthUnits {
    /** What a file without "units" means. */
    public static final String DEFAULT = "GB/s";
    /** Shown with a refusal: what may be typed. */
    public static final String EXAMPLES = "300, 12.5, 100/3, 200Gb/s, 1.6Tb/s, 50GiB/s or 800MB/s";

    /** A number, then (optionally, after spaces) a unit that starts with a letter. */
    private static final Pattern WITH_UNIT = Pattern.compile("^(.*[0-9.])\\s*([A-Za-z][A-Za-z/]*)$");
    /** Bytes per second of each unit spelling. */
    private static final Map<String, Rational> UNITS = units();

    private BandwidthUnits() {
    }

    private static Map<String, Rational> units() {
        Map<String, Rational> out = new LinkedHashMap<>();
        String[][] prefixes = {{"", "1"}, {"k", "1000"}, {"K", "1000"}, {"M", "1000000"}, {"G", "1000000000"},
                {"T", "1000000000000"}, {"P", "1000000000000000"},
                {"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"}};
        for (String[] p : prefixes) {
            Rational bytes = Rational.of(new BigInteger(p[1]));
            Rational bits = bytes.divide(8);
            for (String s : new String[] {"B/s", "Bps", "byte/s", "bytes/s"}) {
                out.put(p[0] + s, bytes);
            }
            for (String s : new String[] {"b/s", "bps", "bit/s", "bits/s"}) {
                out.put(p[0] + s, bits);
            }
        }
        return out;
    }

    /** Bytes per second in one unit ("GB/s", "Gb/s", "GiB/s" …), or null when the unit is not known. */
    public static Rational bytesPerSecond(String unit) {
        return unit == null ? null : UNITS.get(unit.strip());
    }

    /** A refused text: the reason reads as a sentence after the field's name. */
    public static final class Refused extends IllegalArgumentException {
        public Refused(String reason) {
            super(reason);
        }
    }

    /**
     * text as a positive bandwidth in topologyUnits (null or blank: GB/s). A plain number is already in
     * those units; a number with a unit is converted exactly. Throws {@link Refused} saying why otherwise:
     * not a number, an unknown unit, a unit the topology's units cannot be converted from, not positive.
     */
    public static Rational parse(String text, String topologyUnits) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new Refused("empty; write " + EXAMPLES);
        }
        String target = topologyUnits == null || topologyUnits.isBlank() ? DEFAULT : topologyUnits.strip();
        String number = t;
        Rational factor = Rational.ONE;
        Matcher m = WITH_UNIT.matcher(t);
        if (m.matches()) {
            number = m.group(1).strip();
            String unit = m.group(2);
            Rational from = bytesPerSecond(unit);
            Rational to = bytesPerSecond(target);
            if (unit.equals(target)) {
                factor = Rational.ONE;
            } else if (from == null) {
                throw new Refused("unknown unit \"" + clip(unit) + "\" (known: GB/s, Gb/s, TB/s, Tb/s, GiB/s, MB/s, Gbps …)");
            } else if (to == null) {
                throw new Refused("this topology's bandwidths are in " + clip(target)
                        + ", which " + clip(unit) + " cannot be converted to; write a plain number");
            } else {
                factor = from.divide(to);
            }
        }
        Rational value;
        try {
            value = Rational.parse(number);
        } catch (NumberFormatException e) {
            throw new Refused("\"" + clip(t) + "\" is not a bandwidth; write " + EXAMPLES);
        }
        if (value.signum() <= 0) {
            throw new Refused("must be positive, not " + clip(t));
        }
        return value.multiply(factor);
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "…";
    }
}
