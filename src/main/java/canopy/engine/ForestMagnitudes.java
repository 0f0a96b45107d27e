package canopy.engine;

import canopy.model.Rational;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The up-front check of the forest construction's magnitudes: the splitter and the packer count trees
 * in longs, so k trees per root, N·k, every arc capacity U·b(e) and the sum of all of them must fit with
 * room to spare: that sum (with the N·k of the source arcs) at most 2^62 / (arcs + N), so that no sum
 * or product of two of them inside the splitter or the packer can overflow. Arcs between two
 * accelerators are first clamped to N·k, which changes no connectivity the construction relies on.
 */
final class ForestMagnitudes {
    private ForestMagnitudes() {
    }

    /** The largest total capacity the construction accepts on g. */
    static BigInteger limit(NetworkGraph g) {
        return BigInteger.ONE.shiftLeft(62).divide(BigInteger.valueOf(Math.max(1, g.arcCount() + g.acceleratorCount())));
    }

    /**
     * capacity as longs when k, N·k and Σ capacity + N·k are within {@link #limit}; otherwise throws
     * {@link ScheduleTooLargeException} naming what is too large. fixedK: whether k came from
     * --max-trees-per-root (then the advice differs).
     */
    static long[] check(NetworkGraph g, BigInteger k, BigInteger[] capacity, boolean fixedK) {
        BigInteger limit = limit(g);
        BigInteger n = BigInteger.valueOf(g.acceleratorCount());
        // An arc between two accelerators never needs more than N·k trees (no s→v flow of N·k puts
        // more on one arc, and every tree uses it at most once), so it is clamped there: a 1e10 link
        // beside a 1e-9 one costs nothing. Arcs at switches keep theirs, which keeps switches balanced.
        BigInteger nk = k.multiply(n);
        capacity = capacity.clone();
        for (int a = 0; a < capacity.length; a++) {
            if (g.isAccelerator(g.arcFrom(a)) && g.isAccelerator(g.arcTo(a)) && capacity[a].compareTo(nk) > 0) {
                capacity[a] = nk;
            }
        }
        BigInteger total = k.multiply(n);
        int largest = 0;
        for (int a = 0; a < capacity.length; a++) {
            total = total.add(capacity[a]);
            if (capacity[a].compareTo(capacity[largest]) > 0) {
                largest = a;
            }
        }
        if (total.compareTo(limit) <= 0) {
            long[] out = new long[capacity.length];
            for (int a = 0; a < out.length; a++) {
                out[a] = capacity[a].longValueExact();
            }
            return out;
        }
        String limitText = approx(limit);
        String beyond = ", more than the forest engine can count on this topology (about " + limitText
                + " trees in all); ";
        String what = "the " + (fixedK ? "" : "optimal ") + "forest schedule needs ";
        // Too many trees per root when k itself is large, or when no arc carries more than N·k.
        if (nk.compareTo(limit) > 0 || k.bitLength() > 20 || capacity[largest].compareTo(nk) <= 0) {
            throw new ScheduleTooLargeException(what + approx(k) + " trees per root" + cause(g, true) + beyond
                    + (fixedK ? "use a smaller --max-trees-per-root" : "round the bandwidths (fewer digits, or a"
                    + " common denominator) or use --max-trees-per-root K"));
        }
        // The trees on one link are the problem: fewer trees per root help only as far as they shrink it.
        boolean fewerTreesHelp = !fixedK && total.divide(k).compareTo(limit) <= 0;
        throw new ScheduleTooLargeException(what + approx(capacity[largest]) + " trees on link "
                + g.id(g.arcFrom(largest)) + "->" + g.id(g.arcTo(largest)) + " at " + approx(k) + " per root"
                + cause(g, false) + beyond + (fewerTreesHelp
                ? "round the bandwidths (fewer digits, or a common denominator) or use --max-trees-per-root K"
                : "bring the bandwidths closer together (or round them to fewer digits)"));
    }

    /** Why the numbers are large: many denominators, or a wide spread of bandwidths. */
    private static String cause(NetworkGraph g, boolean denominatorsFirst) {
        Rational lo = null;
        Rational hi = null;
        for (int a = 0; a < g.arcCount(); a++) {
            Rational b = g.bandwidth(a);
            lo = lo == null ? b : lo.min(b);
            hi = hi == null ? b : hi.max(b);
        }
        BigInteger lcm = g.bandwidthScale();
        List<String> why = new ArrayList<>();
        if (lcm.bitLength() > 20) {
            why.add("the bandwidths' denominators have a least common multiple of " + approx(lcm));
        }
        if (hi != null && hi.divide(lo).compareTo(Rational.of(1_000_000)) > 0) {
            why.add("the bandwidths range from " + approx(lo) + " to " + approx(hi));
        }
        String doubled = writtenAsDouble(g);
        if (doubled != null) {
            why.add(doubled);
        }
        if (!denominatorsFirst) {
            java.util.Collections.reverse(why);
        }
        return why.isEmpty() ? "" : " (" + String.join("; ", why) + ")";
    }

    /**
     * "31.50769230769231 looks like 2048/65 written as a double": the first bandwidth that is a long
     * decimal (10 or more significant digits) which a fraction with a small denominator rounds to.
     */
    static String writtenAsDouble(NetworkGraph g) {
        java.util.Set<Rational> seen = new java.util.HashSet<>();
        for (int a = 0; a < g.arcCount(); a++) {
            Rational b = g.bandwidth(a);
            if (!seen.add(b) || b.isInteger()) {
                continue;
            }
            BigDecimal d = b.toBigDecimalExact();
            if (d == null || d.precision() < 10 || !BigInteger.TEN.pow(d.scale()).equals(b.denominator())) {
                continue;
            }
            Rational simple = simplest(b, Rational.of(BigInteger.ONE, BigInteger.TEN.pow(d.scale())).divide(2));
            if (simple != null) {
                return d.toPlainString() + " looks like " + simple + " written as a double";
            }
        }
        return null;
    }

    /** The continued-fraction convergent within tolerance of r whose denominator is at most 10^6, or null. */
    private static Rational simplest(Rational r, Rational tolerance) {
        BigInteger h0 = BigInteger.ONE;
        BigInteger h1 = BigInteger.ZERO;
        BigInteger k0 = BigInteger.ZERO;
        BigInteger k1 = BigInteger.ONE;
        BigInteger num = r.numerator();
        BigInteger den = r.denominator();
        BigInteger max = BigInteger.valueOf(1_000_000);
        while (den.signum() != 0) {
            BigInteger[] qr = num.divideAndRemainder(den);
            BigInteger h = qr[0].multiply(h0).add(h1);
            BigInteger k = qr[0].multiply(k0).add(k1);
            if (k.compareTo(max) > 0) {
                return null;
            }
            Rational c = Rational.of(h, k);
            if (c.subtract(r).abs().compareTo(tolerance) <= 0) {
                return c.equals(r) ? null : c;
            }
            h1 = h0;
            h0 = h;
            k1 = k0;
            k0 = k;
            num = den;
            den = qr[1];
        }
        return null;
    }

    /** Three significant digits: "1.2e19", "4500", "3.33e-9". */
    static String approx(BigInteger v) {
        return approx(Rational.of(v));
    }

    static String approx(Rational v) {
        BigDecimal d = new BigDecimal(v.numerator()).divide(new BigDecimal(v.denominator()), new MathContext(3))
                .stripTrailingZeros();
        if (d.precision() - d.scale() <= 7 && d.scale() <= 6) {
            return d.toPlainString();
        }
        return d.toString().replace("E+", "e").replace("E", "e");
    }
}
