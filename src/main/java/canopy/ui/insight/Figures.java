package canopy.ui.insight;

import canopy.io.FigureText;
import canopy.model.Rational;
import canopy.model.Topology;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** How the designer shows bandwidths to people: at most one decimal, no trailing ".0". */
public final class Figures {
    private Figures() {
    }

    public static String bandwidth(Rational r) {
        if (r.isInteger()) {
            return r.toString();
        }
        BigDecimal d = new BigDecimal(r.numerator()).divide(new BigDecimal(r.denominator()), 1, RoundingMode.HALF_EVEN);
        return d.stripTrailingZeros().toPlainString();
    }

    public static String units(String units) {
        return FigureText.units(units);
    }

    /** "1 accelerator", "3 switches". */
    public static String count(int n, String word) {
        return FigureText.plural(n, word);
    }

    /** "8 accelerators · 3 switches · 16 links": the status bar's and the template preview's summary. */
    public static String counts(Topology t) {
        int acc = t.acceleratorCount();
        return count(acc, "accelerator") + " · " + count(t.nodes().size() - acc, "switch") + " · "
                + count(t.links().size(), "link");
    }
}
