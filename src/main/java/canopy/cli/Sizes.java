package canopy.cli;

import canopy.io.FigureText;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Buffer sizes such as 1KB, 64MB, 1GB, 4GiB, 512 or 512B. Units are binary: K, KB and KiB are 1024
 * bytes; M, MB, MiB 1024²; G, GB, GiB 1024³; T, TB, TiB 1024⁴. Case does not matter.
 */
final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(?:([kmgt])(?:i?b)?|b)?");
    /** The largest size accepted: 1 TiB. */
    static final long MAX = 1L << 40;

    private Sizes() {
    }

    static long parse(String text) {
        return parse(text, 1);
    }

    /** The same, accepting sizes from least (0 for where a band of sizes starts). */
    static long parse(String text, long least) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + text + "' is not a size; write e.g. 1KB, 64MB, 4GiB or 512");
        }
        long value;
        try {
            value = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is too large");
        }
        int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 40;
        };
        if (value < least || value > (MAX >> shift)) {
            throw new TypeConversionException("'" + text + "': a size must be from " + (least == 0 ? "0 bytes"
                    : FigureText.plural(least, "byte")) + " to 1 TiB");
        }
        return value << shift;
    }

    /** "1 KiB", "64 MiB", "4 GiB", "1536 B": the largest binary unit that divides the size. */
    static String format(long bytes) {
        return FigureText.messageSize(bytes);
    }

    /** One size, for an option with split = ",". */
    static final class Converter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parse(value);
        }
    }
}
