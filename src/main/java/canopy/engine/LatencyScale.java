package canopy.engine;

import canopy.model.Rational;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Arc latencies as whole numbers: each latency_us (the default where absent) times 10^scale, scale
 * being the largest decimal scale among them (at most 12), so that shortest-path searches over
 * latencies run in longs and stay exact.
 */
record LatencyScale(long[] arcs, int scale) {

    /** Each arc's latency, rounded to 12 decimals where it has more. */
    static LatencyScale of(NetworkGraph g, double defaultLatencyUs) {
        BigDecimal[] dec = decimals(g, defaultLatencyUs);
        return at(dec, Math.min(largestScale(dec), 12));
    }

    /**
     * The same scale when it holds every latency without rounding and within a long; null otherwise
     * (a latency with more than 12 decimals, or one beyond a long at that scale).
     */
    static LatencyScale exactly(NetworkGraph g, double defaultLatencyUs) {
        BigDecimal[] dec = decimals(g, defaultLatencyUs);
        int scale = largestScale(dec);
        if (scale > 12) {
            return null;
        }
        try {
            return at(dec, scale);
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static BigDecimal[] decimals(NetworkGraph g, double defaultLatencyUs) {
        BigDecimal[] dec = new BigDecimal[g.arcCount()];
        for (int a = 0; a < dec.length; a++) {
            double l = g.latencyUs(a);
            dec[a] = BigDecimal.valueOf(Double.isNaN(l) ? defaultLatencyUs : l).stripTrailingZeros();
        }
        return dec;
    }

    private static int largestScale(BigDecimal[] dec) {
        int scale = 0;
        for (BigDecimal d : dec) {
            scale = Math.max(scale, d.scale());
        }
        return scale;
    }

    private static LatencyScale at(BigDecimal[] dec, int scale) {
        long[] w = new long[dec.length];
        for (int a = 0; a < dec.length; a++) {
            w[a] = dec[a].setScale(scale, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
        }
        return new LatencyScale(w, scale);
    }

    /** The scaled latency of an edge's physical path, arc by arc; throws naming a hop with no link. */
    long path(NetworkGraph g, canopy.model.TreeEdge e) {
        int[] hops = g.arcsAlong(e.path());
        long sum = 0;
        for (int i = 0; i < hops.length; i++) {
            if (hops[i] < 0) {
                throw new IllegalArgumentException("no link " + e.path().get(i) + "->" + e.path().get(i + 1));
            }
            sum = Math.addExact(sum, arcs[hops[i]]);
        }
        return sum;
    }

    /** A scaled sum of latencies back in µs, exact. */
    Rational micros(long scaled) {
        return Rational.of(new BigDecimal(BigInteger.valueOf(scaled), scale));
    }
}
