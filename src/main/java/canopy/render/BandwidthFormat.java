package canopy.render;

import canopy.model.Rational;

import java.math.BigDecimal;
import java.util.Locale;

/** Exact bandwidths for people: "300", "12.5", or "100/3 ≈ 33.3" when the decimal does not end. */
public final class BandwidthFormat {
    private BandwidthFormat() {
    }

    public static String format(Rational r) {
        if (r.isInteger()) {
            return r.toString();
        }
        BigDecimal exact = r.toBigDecimalExact();
        if (exact != null && exact.scale() <= 6) {
            return exact.toPlainString();
        }
        return r + " \u2248 " + approx(r.toDouble());
    }

    /** One decimal from 10 on, three significant digits below. */
    static String approx(double v) {
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return new BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
