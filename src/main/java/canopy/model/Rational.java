package canopy.model;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An exact rational number in lowest terms with a positive denominator. Every bandwidth, share and
 * algbw that a decision depends on is one of these; doubles are only for display.
 */
public final class Rational implements Comparable<Rational> {
    public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
    public static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);

    private final BigInteger num;
    private final BigInteger den;

    private Rational(BigInteger num, BigInteger den) {
        this.num = num;
        this.den = den;
    }

    public static Rational of(BigInteger num, BigInteger den) {
        if (den.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (den.signum() < 0) {
            num = num.negate();
            den = den.negate();
        }
        BigInteger g = num.gcd(den);
        if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
            num = num.divide(g);
            den = den.divide(g);
        }
        if (num.signum() == 0) {
            den = BigInteger.ONE;
        }
        return new Rational(num, den);
    }

    public static Rational of(long num, long den) {
        return of(BigInteger.valueOf(num), BigInteger.valueOf(den));
    }

    public static Rational of(long value) {
        return new Rational(BigInteger.valueOf(value), BigInteger.ONE);
    }

    public static Rational of(BigInteger value) {
        return new Rational(value, BigInteger.ONE);
    }

    public static Rational of(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        if (v.scale() <= 0) {
            return of(v.toBigIntegerExact());
        }
        return of(v.unscaledValue(), BigInteger.TEN.pow(v.scale()));
    }

    /**
     * Parses "300", "12.5", "-3", "1e3", "100/3" or " 7 / 2 ". Throws NumberFormatException with a
     * message quoting the text when it is none of these.
     */
    public static Rational parse(String text) {
        String t = text.trim();
        try {
            if (t.length() > 4000) {
                throw new NumberFormatException("number too long: \"" + t.substring(0, 20) + "...\"");
            }
            int slash = t.indexOf('/');
            if (slash >= 0) {
                Rational n = of(decimal(t.substring(0, slash).trim(), text));
                Rational d = of(decimal(t.substring(slash + 1).trim(), text));
                if (d.signum() == 0) {
                    throw new NumberFormatException("zero denominator in \"" + text + "\"");
                }
                return n.divide(d);
            }
            return of(decimal(t, text));
        } catch (NumberFormatException | ArithmeticException e) {
            String m = e.getMessage();
            if (m != null && (m.startsWith("zero denominator") || m.startsWith("exponent too large")
                    || m.startsWith("number too long"))) {
                throw e;
            }
            throw new NumberFormatException("not a number: \"" + text + "\"");
        }
    }

    /** A decimal whose exponent is sane, so that making it exact cannot exhaust memory. */
    private static BigDecimal decimal(String t, String text) {
        BigDecimal d = new BigDecimal(t);
        if (Math.abs((long) d.scale()) > 1000) {
            throw new NumberFormatException("exponent too large in \"" + text + "\"");
        }
        return d;
    }

    public BigInteger numerator() {
        return num;
    }

    public BigInteger denominator() {
        return den;
    }

    public int signum() {
        return num.signum();
    }

    public boolean isInteger() {
        return den.equals(BigInteger.ONE);
    }

    public Rational add(Rational o) {
        if (den.equals(o.den)) {
            return of(num.add(o.num), den);
        }
        return of(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
    }

    /**
     * The exact sum of many values by common scale: numerators with one denominator are added first,
     * then every group is brought to the least common multiple of the denominators and added as an
     * integer, with a single reduction at the end. Pairwise {@link #add} reduces by a gcd at every step,
     * which grows quadratically when thousands of values have distinct denominators.
     */
    public static Rational sum(Iterable<Rational> values) {
        BigInteger[] scaled = scaledSum(values, null);
        return of(scaled[0], scaled[1]);
    }

    /**
     * {numerator, scale}: the sum of values is numerator / scale, with scale the least common multiple
     * of their denominators and of extraScale (when not null); not reduced.
     */
    public static BigInteger[] scaledSum(Iterable<Rational> values, BigInteger extraScale) {
        java.util.Map<BigInteger, BigInteger> byDen = new java.util.HashMap<>();
        for (Rational r : values) {
            byDen.merge(r.den, r.num, BigInteger::add);
        }
        BigInteger l = extraScale == null ? BigInteger.ONE : extraScale;
        for (BigInteger d : byDen.keySet()) {
            l = lcm(l, d);
        }
        BigInteger total = BigInteger.ZERO;
        for (java.util.Map.Entry<BigInteger, BigInteger> e : byDen.entrySet()) {
            total = total.add(e.getValue().multiply(l.divide(e.getKey())));
        }
        return new BigInteger[] {total, l};
    }

    /** The least common multiple of two positive integers. */
    public static BigInteger lcm(BigInteger a, BigInteger b) {
        if (a.equals(BigInteger.ONE)) {
            return b;
        }
        if (b.equals(BigInteger.ONE) || a.equals(b)) {
            return a;
        }
        return a.divide(a.gcd(b)).multiply(b);
    }

    public Rational subtract(Rational o) {
        return add(o.negate());
    }

    public Rational abs() {
        return num.signum() < 0 ? negate() : this;
    }

    public Rational negate() {
        return new Rational(num.negate(), den);
    }

    public Rational multiply(Rational o) {
        return of(num.multiply(o.num), den.multiply(o.den));
    }

    public Rational multiply(long k) {
        return of(num.multiply(BigInteger.valueOf(k)), den);
    }

    public Rational divide(Rational o) {
        if (o.num.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        return of(num.multiply(o.den), den.multiply(o.num));
    }

    public Rational divide(long k) {
        return of(num, den.multiply(BigInteger.valueOf(k)));
    }

    public Rational reciprocal() {
        return ONE.divide(this);
    }

    /** The largest integer not above this value. */
    public BigInteger floor() {
        BigInteger[] qr = num.divideAndRemainder(den);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    public Rational min(Rational o) {
        return compareTo(o) <= 0 ? this : o;
    }

    public Rational max(Rational o) {
        return compareTo(o) >= 0 ? this : o;
    }

    public double toDouble() {
        double d = num.doubleValue() / den.doubleValue();
        if (Double.isFinite(d) && !(d == 0 && num.signum() != 0)) {
            return d;
        }
        return new BigDecimal(num).divide(new BigDecimal(den), java.math.MathContext.DECIMAL64).doubleValue();
    }

    /** The value as a finite decimal, or null when its expansion does not terminate. */
    public BigDecimal toBigDecimalExact() {
        BigInteger d = den;
        int twos = 0;
        int fives = 0;
        BigInteger two = BigInteger.TWO;
        BigInteger five = BigInteger.valueOf(5);
        while (d.mod(two).signum() == 0) {
            d = d.divide(two);
            twos++;
        }
        while (d.mod(five).signum() == 0) {
            d = d.divide(five);
            fives++;
        }
        if (!d.equals(BigInteger.ONE)) {
            return null;
        }
        int scale = Math.max(twos, fives);
        return new BigDecimal(num).divide(new BigDecimal(den)).setScale(scale, java.math.RoundingMode.UNNECESSARY)
                .stripTrailingZeros();
    }

    @Override
    public int compareTo(Rational o) {
        return num.multiply(o.den).compareTo(o.num.multiply(den));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rational r && num.equals(r.num) && den.equals(r.den);
    }

    @Override
    public int hashCode() {
        return num.hashCode() * 31 + den.hashCode();
    }

    /** "300", "-7", or "1040/3": the form formats.md uses for exact figures. */
    @Override
    public String toString() {
        return isInteger() ? num.toString() : num + "/" + den;
    }
}
