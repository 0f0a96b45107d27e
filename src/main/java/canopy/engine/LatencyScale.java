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

    static LatencyScale of(NetworkGraph g, double defaultLatencyUs) {
        BigDecimal[] dec = new BigDecimal[g.arcCount()];
        int scale = 0;
        for (int a = 0; a < dec.length; a++) {
            double l = g.latencyUs(a);
            dec[a] = BigDecimal.valueOf(Double.isNaN(l) ? defaultLatencyUs : l).stripTrailingZeros();
            scale = Math.max(scale, dec[a].scale());
        }
        scale = Math.min(scale, 12);
        long[] w = new long[dec.length];
        for (int a = 0; a < dec.length; a++) {
            w[a] = dec[a].setScale(scale, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
        }
        return new LatencyScale(w, scale);
    }

    /**
     * The same scale when it holds every latency, and the default, without rounding and within a
     * long; null otherwise (a latency with more than 12 decimals, or one beyond a long at that scale).
     */
    static LatencyScale exactly(NetworkGraph g, double defaultLatencyUs) {
        BigDecimal fallback = BigDecimal.valueOf(defaultLatencyUs).stripTrailingZeros();
        int scale = Math.max(0, fallback.scale());
        BigDecimal[] dec = new BigDecimal[g.arcCount()];
        for (int a = 0; a < dec.length; a++) {
            double l = g.latencyUs(a);
            dec[a] = Double.isNaN(l) ? fallback : BigDecimal.valueOf(l).stripTrailingZeros();
            scale = Math.max(scale, dec[a].scale());
        }
        if (scale > 12) {
            return null;
        }
        try {
            long[] w = new long[dec.length];
            for (int a = 0; a < dec.length; a++) {
                w[a] = dec[a].setScale(scale).unscaledValue().longValueExact();
            }
            fallback.setScale(scale).unscaledValue().longValueExact();
            return new LatencyScale(w, scale);
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** The scaled latency of an edge's physical path, arc by arc; throws naming a hop with no link. */
    long path(NetworkGraph g, canopy.model.TreeEdge e) {
        long sum = 0;
        java.util.List<String> path = e.path();
        for (int i = 0; i + 1 < path.size(); i++) {
            int a = g.arc(g.indexOf(path.get(i)), g.indexOf(path.get(i + 1)));
            if (a < 0) {
                throw new IllegalArgumentException("no link " + path.get(i) + "->" + path.get(i + 1));
            }
            sum = Math.addExact(sum, arcs[a]);
        }
        return sum;
    }

    /** A scaled sum of latencies back in µs, exact. */
    Rational micros(long scaled) {
        return Rational.of(new BigDecimal(BigInteger.valueOf(scaled), scale));
    }
}
