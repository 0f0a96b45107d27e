package canopy.engine;

import canopy.model.Link;
import canopy.model.Rational;
import canopy.model.Topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the what-if analyses share ({@link FailureAnalysis}, {@link UpgradeAdvisor}): exact before/after
 * changes, how links are named, and exact cut arithmetic on node sets of a {@link NetworkGraph}.
 */
public final class WhatIf {
    private WhatIf() {
    }

    /** One figure before and after a change, exact. */
    public record Change(Rational before, Rational after) {
        /** after − before. */
        public Rational delta() {
            return after.subtract(before);
        }

        /** (after − before) / before, or null when before is 0. */
        public Rational relative() {
            return before.signum() == 0 ? null : delta().divide(before);
        }
    }

    /**
     * How messages name each link of the topology: "a->b" or "a<->b" ({@link Link#describe()}), or
     * "links[i] (a<->b)" when more than one link has that name.
     */
    public static List<String> linkNames(Topology t) {
        Map<String, Integer> count = new HashMap<>();
        for (Link l : t.links()) {
            count.merge(l.describe(), 1, Integer::sum);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.links().size(); i++) {
            String d = t.links().get(i).describe();
            out.add(count.get(d) > 1 ? "links[" + i + "] (" + d + ")" : d);
        }
        return out;
    }

    /** The set of these ids as a membership array over g's nodes (unknown ids are ignored). */
    static boolean[] side(NetworkGraph g, List<String> ids) {
        boolean[] s = new boolean[g.nodeCount()];
        for (String id : ids) {
            int v = g.indexOf(id);
            if (v >= 0) {
                s[v] = true;
            }
        }
        return s;
    }

    /** B⁺(S): the bandwidth of g's arcs leaving S, exact. */
    static Rational leaving(NetworkGraph g, boolean[] s) {
        // Summed as the graph's scaled integers, one division at the end (not pairwise fractions).
        java.math.BigInteger[] scaled = g.scaledBandwidths();
        java.math.BigInteger b = java.math.BigInteger.ZERO;
        for (int a = 0; a < g.arcCount(); a++) {
            if (s[g.arcFrom(a)] && !s[g.arcTo(a)]) {
                b = b.add(scaled[a]);
            }
        }
        return Rational.of(b).divide(g.scale());
    }

    /** |S ∩ accelerators|. */
    static int accelerators(NetworkGraph g, boolean[] s) {
        int k = 0;
        for (int v : g.accelerators()) {
            if (s[v]) {
                k++;
            }
        }
        return k;
    }

    /** N × B⁺(S) / |S ∩ Vc|: the algbw bound this one cut gives, or null when S holds no or all accelerators. */
    static Rational cutValue(NetworkGraph g, boolean[] s) {
        int k = accelerators(g, s);
        if (k == 0 || k == g.acceleratorCount()) {
            return null;
        }
        return leaving(g, s).multiply(g.acceleratorCount()).divide(k);
    }

    /** "12.5%" style display of a relative change (for messages), "n/a" when null. */
    public static String percent(Rational r) {
        if (r == null) {
            return "n/a";
        }
        return String.format(java.util.Locale.ROOT, "%+.1f%%", r.toDouble() * 100);
    }
}
